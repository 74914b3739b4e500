"""Tell geotiff assets labeled in latitude and longitude apart from plain images.

Their `normalizedVertices` hold geographic coordinates, not fractions of the image, so
only the Kili and GeoJSON formats can carry them; YOLO, Pascal VOC and COCO refuse them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kili.exceptions import NotCompatibleOptions


def is_geotiff_with_lat_lon(asset: Mapping[str, Any]) -> bool:
    """Tell whether the asset's layers (`jsonContent`) are geotiffs in a geographic system."""
    layers = asset.get("jsonContent")
    if not isinstance(layers, list) or not layers or not isinstance(layers[0], Mapping):
        return False
    first = layers[0]
    return (
        first.get("useClassicCoordinates") is False
        and "epsg" in first
        and first["epsg"] != "TiledImage"
    )


def refuse_geotiff(asset: Mapping[str, Any], fmt: str) -> None:
    """Raise `NotCompatibleOptions` when a format without geographic coordinates meets one.

    Raises:
        NotCompatibleOptions: the asset is a geotiff labeled in latitude and longitude.
    """
    if is_geotiff_with_lat_lon(asset):
        raise NotCompatibleOptions(
            f"Cannot export geotiff assets with geospatial coordinates in {fmt} format"
            f" (asset '{asset.get('externalId')}'). Please use 'kili', 'raw' or 'geojson'"
            " formats instead."
        )
