"""Helpers to describe assets: `PageResolution`, the size of one page of a PDF asset.

`from kili.utils.assets import PageResolution` is where code written for the official
SDK imports it from; it is the same class as `kili.domain.asset.PageResolution`.
"""

from kili.domain.asset import PageResolution

__all__ = ["PageResolution"]
