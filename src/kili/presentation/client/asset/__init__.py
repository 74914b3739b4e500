"""Client methods about assets: reads, writes, and the conversion of their arguments.

`reads.py` and `writes.py` hold the methods, `operations.py` those that run the
labeling queue (metadata, assignment, priority, consensus, skips); `arguments.py`
turns the user's arguments into domain objects. Every domain split into a package
follows this layout.
"""

from kili.presentation.client.asset.operations import AssetOperationMethods
from kili.presentation.client.asset.reads import AssetReadMethods
from kili.presentation.client.asset.writes import AssetWriteMethods


class AssetClientMethods(AssetReadMethods, AssetWriteMethods, AssetOperationMethods):
    """Methods of `Kili` about assets."""


__all__ = ["AssetClientMethods"]
