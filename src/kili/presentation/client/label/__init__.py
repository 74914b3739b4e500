"""Client methods about labels: reads, model-label reads, writes, and their arguments.

Laid out as `kili.presentation.client.asset`, plus `model_reads.py` for the readers of
`PREDICTION` and `INFERENCE` labels.
"""

from kili.presentation.client.label.export import LabelExportMethods
from kili.presentation.client.label.geospatial import LabelGeospatialMethods
from kili.presentation.client.label.model_reads import ModelLabelReadMethods
from kili.presentation.client.label.reads import LabelReadMethods
from kili.presentation.client.label.writes import LabelWriteMethods


class LabelClientMethods(
    LabelReadMethods,
    ModelLabelReadMethods,
    LabelWriteMethods,
    LabelGeospatialMethods,
    LabelExportMethods,
):
    """Methods of `Kili` about labels."""


__all__ = ["LabelClientMethods"]
