"""Labels: ids, types and filters."""

from __future__ import annotations

from typing import Literal, NewType

LabelId = NewType("LabelId", str)

LabelType = Literal["AUTOSAVE", "DEFAULT", "INFERENCE", "PREDICTION", "REVIEW"]
