"""Compare two export archives file by file, as readers of each format see them.

JSON files are compared as data (numbers within a tolerance), XML as trees, YOLO and
other text files line by line with numbers within a tolerance, anything else byte for
byte. What legitimately differs between two runs (the export date of the README, the
creation date of a COCO file) is ignored. Directory entries are ignored.
"""

from __future__ import annotations

import json
import math
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

TOLERANCE = 1e-6

VOLATILE_JSON_KEYS = {("info", "date_created"), ("info", "year"), ("kili", "exportDate")}
"""Paths of JSON values that depend on when the export ran."""

_NUMBER = re.compile(r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$")


def compare_archives(ours: Path, official: Path) -> list[str]:
    """Return the differences between two archives, empty when they agree."""
    with zipfile.ZipFile(ours) as left, zipfile.ZipFile(official) as right:
        left_names = {n for n in left.namelist() if not n.endswith("/")}
        right_names = {n for n in right.namelist() if not n.endswith("/")}
        problems = [f"only in ours: {name}" for name in sorted(left_names - right_names)]
        problems += [f"only in official: {name}" for name in sorted(right_names - left_names)]
        for name in sorted(left_names & right_names):
            compare = _comparer(name)
            problems += [f"{name}: {p}" for p in compare(left.read(name), right.read(name))]
    return problems


def _comparer(name: str) -> Callable[[bytes, bytes], list[str]]:
    if name.endswith((".json", ".geojson")):
        return compare_json
    if name.endswith(".xml"):
        return compare_xml
    if name.endswith("README.kili.txt"):
        return compare_readme
    if name.endswith(".txt") and (name.startswith("labels/") or "/labels/" in name):
        return compare_yolo_lines
    if name.endswith((".txt", ".yaml", ".csv")):
        return compare_text
    return compare_bytes


def compare_bytes(ours: bytes, official: bytes) -> list[str]:
    """Byte-for-byte equality (media)."""
    return [] if ours == official else [f"bytes differ ({len(ours)} vs {len(official)})"]


def compare_json(ours: bytes, official: bytes) -> list[str]:
    """Equality as data, numbers within `TOLERANCE`, volatile keys ignored."""
    problems: list[str] = []
    _compare_values(json.loads(ours), json.loads(official), (), problems)
    return problems[:20]


def _compare_values(ours: Any, official: Any, path: tuple[str, ...], problems: list[str]) -> None:
    if path[-2:] in VOLATILE_JSON_KEYS:
        return
    where = "/".join(path) or "<root>"
    if isinstance(ours, bool) or isinstance(official, bool):
        if ours is not official:
            problems.append(f"{where}: {ours!r} != {official!r}")
    elif isinstance(ours, (int, float)) and isinstance(official, (int, float)):
        if not math.isclose(ours, official, rel_tol=TOLERANCE, abs_tol=TOLERANCE):
            problems.append(f"{where}: {ours!r} != {official!r}")
    elif isinstance(ours, dict) and isinstance(official, dict):
        for key in sorted(set(ours) | set(official)):
            if key not in ours or key not in official:
                side = "official" if key in official else "ours"
                problems.append(f"{where}/{key}: only in {side}")
            else:
                _compare_values(ours[key], official[key], (*path, str(key)), problems)
    elif isinstance(ours, list) and isinstance(official, list):
        if len(ours) != len(official):
            problems.append(f"{where}: {len(ours)} items != {len(official)}")
        for index, (left, right) in enumerate(zip(ours, official, strict=False)):
            _compare_values(left, right, (*path, str(index)), problems)
    elif ours != official:
        problems.append(f"{where}: {ours!r} != {official!r}")


def compare_xml(ours: bytes, official: bytes) -> list[str]:
    """Equality as element trees: tags, attributes, text (numbers within `TOLERANCE`)."""
    problems: list[str] = []
    _compare_elements(ElementTree.fromstring(ours), ElementTree.fromstring(official), "", problems)
    return problems[:20]


def _compare_elements(
    ours: ElementTree.Element, official: ElementTree.Element, path: str, problems: list[str]
) -> None:
    where = f"{path}/{official.tag}"
    if ours.tag != official.tag or ours.attrib != official.attrib:
        problems.append(f"{where}: {ours.tag}{ours.attrib} != {official.tag}{official.attrib}")
        return
    if not _same_token((ours.text or "").strip(), (official.text or "").strip()):
        problems.append(f"{where}: text {ours.text!r} != {official.text!r}")
    if len(ours) != len(official):
        problems.append(f"{where}: {len(ours)} children != {len(official)}")
    for left, right in zip(ours, official, strict=False):
        _compare_elements(left, right, where, problems)


def compare_text(ours: bytes, official: bytes) -> list[str]:
    """Line by line, token by token; numeric tokens within `TOLERANCE`."""
    left = ours.decode("utf-8").splitlines()
    right = official.decode("utf-8").splitlines()
    problems = [f"{len(left)} lines != {len(right)}"] if len(left) != len(right) else []
    for number, (a, b) in enumerate(zip(left, right, strict=False), 1):
        tokens_a, tokens_b = a.split(), b.split()
        if len(tokens_a) != len(tokens_b) or not all(
            _same_token(x, y) for x, y in zip(tokens_a, tokens_b, strict=True)
        ):
            problems.append(f"line {number}: {a!r} != {b!r}")
    return problems[:20]


def compare_yolo_lines(ours: bytes, official: bytes) -> list[str]:
    """YOLO label files as sets of lines: the official exporter walks the jobs of a merged
    file in set order (random from run to run), so only the lines, not their order, agree."""

    def ordered(text: bytes) -> bytes:
        return b"\n".join(sorted(text.splitlines()))

    return compare_text(ordered(ours), ordered(official))


def compare_readme(ours: bytes, official: bytes) -> list[str]:
    """The README, export date aside."""

    def stable(text: bytes) -> bytes:
        return b"\n".join(line for line in text.splitlines() if b"Export date" not in line)

    return compare_bytes(stable(ours), stable(official))


def _same_token(ours: str, official: str) -> bool:
    if _NUMBER.match(ours) and _NUMBER.match(official):
        return math.isclose(float(ours), float(official), rel_tol=TOLERANCE, abs_tol=TOLERANCE)
    return ours == official
