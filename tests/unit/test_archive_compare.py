"""The interop comparison of export archives finds what differs, and only that."""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "interop"))

from archive_compare import compare_archives


def archive(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zipped:
        for name, data in files.items():
            zipped.writestr(name, data)
    return path


def compare(tmp_path: Path, ours: dict[str, bytes], official: dict[str, bytes]) -> list[str]:
    return compare_archives(
        archive(tmp_path / "a.zip", ours), archive(tmp_path / "b.zip", official)
    )


def test_equal_data_written_differently_agrees(tmp_path: Path) -> None:
    ours = {
        "labels.json": json.dumps({"a": [1.0, 2], "info": {"date_created": "now"}}).encode(),
        "x.xml": b"<a><b>1.0000001</b></a>",
        "y.txt": b"0 0.5 0.25\n",
        "README.kili.txt": b"- Export date: 1\n- Exported format: coco\n",
        "dir/": b"",
    }
    official = {
        "labels.json": json.dumps(
            {"info": {"date_created": "then"}, "a": [1, 2.0]}, indent=4
        ).encode(),
        "x.xml": b"<a>\n  <b>1.0</b>\n</a>",
        "y.txt": b"0 0.50000000001 0.25\n",
        "README.kili.txt": b"- Export date: 2\n- Exported format: coco\n",
    }
    assert compare(tmp_path, ours, official) == []


def test_each_kind_of_difference_is_reported(tmp_path: Path) -> None:
    ours = {
        "labels.json": b'{"a": [1, 2], "b": true}',
        "x.xml": b"<a><b>1</b></a>",
        "y.txt": b"0 0.5 0.25\n",
        "README.kili.txt": b"- Exported format: kili\n",
        "img.png": b"\x89PNG1",
        "extra.json": b"{}",
    }
    official = {
        "labels.json": b'{"a": [1, 2.1], "b": 1}',
        "x.xml": b"<a><c>1</c></a>",
        "y.txt": b"0 0.5 0.26\n",
        "README.kili.txt": b"- Exported format: coco\n",
        "img.png": b"\x89PNG2",
    }
    problems = compare(tmp_path, ours, official)
    assert problems[0] == "only in ours: extra.json"
    for prefix in (
        "labels.json: a/1",
        "labels.json: b",
        "x.xml",
        "y.txt: line 1",
        "README",
        "img.png",
    ):
        assert any(p.startswith(prefix) for p in problems), prefix
