"""Read an image's width and height from its header, without decoding it.

Pascal VOC states each image's size in pixels; when the asset has no `resolution`, the
official exporter measures the downloaded file. PNG, GIF, BMP, WebP and JPEG headers
cover the images Kili accepts; anything else is reported as unknown (None).
"""

from __future__ import annotations

import struct
from pathlib import Path

_HEADER = 64 * 1024


def image_size(path: Path) -> tuple[int, int] | None:
    """Return `(width, height)` of the image at `path`, or None if its header is unknown."""
    with path.open("rb") as file:
        head = file.read(_HEADER)
    if head.startswith(b"\x89PNG\r\n\x1a\n") and len(head) >= 24:
        width, height = struct.unpack(">II", head[16:24])
        return int(width), int(height)
    if head[:6] in (b"GIF87a", b"GIF89a"):
        width, height = struct.unpack("<HH", head[6:10])
        return int(width), int(height)
    if head.startswith(b"BM") and len(head) >= 26:
        width, height = struct.unpack("<ii", head[18:26])
        return int(width), abs(int(height))
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return _webp_size(head)
    if head.startswith(b"\xff\xd8"):
        return _jpeg_size(head)
    return None


def _webp_size(head: bytes) -> tuple[int, int] | None:
    chunk = head[12:16]
    if chunk == b"VP8 " and len(head) >= 30:
        width, height = struct.unpack("<HH", head[26:30])
        return int(width) & 0x3FFF, int(height) & 0x3FFF
    if chunk == b"VP8L" and len(head) >= 25:
        bits = int.from_bytes(head[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X" and len(head) >= 30:
        return int.from_bytes(head[24:27], "little") + 1, int.from_bytes(head[27:30], "little") + 1
    return None


def _jpeg_size(head: bytes) -> tuple[int, int] | None:
    """Walk the JPEG segments to the first start-of-frame marker, which holds the size."""
    offset = 2
    while offset + 9 < len(head):
        if head[offset] != 0xFF:
            return None
        marker = head[offset + 1]
        length = struct.unpack(">H", head[offset + 2 : offset + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", head[offset + 5 : offset + 9])
            return int(width), int(height)
        offset += 2 + length
    return None
