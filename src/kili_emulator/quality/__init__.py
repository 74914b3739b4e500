"""The agreement Kili's quality marks measure, as pure functions of label answers.

`agreement` compares two jsonResponses (`quality.agreement`), with exact areas of
shapes from `quality.geometry`. Nothing here touches the database: the store
(`store.quality_marks`) decides which labels to compare and keeps the marks.
"""

from kili_emulator.quality.agreement import agreement

__all__ = ["agreement"]
