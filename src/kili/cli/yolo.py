"""YOLO label files into Kili annotations of one object-detection job.

A YOLO label file has one line per box: `class_id x_center y_center width height`,
with an optional confidence after them, every coordinate normalized to [0, 1]. Class
ids are named by a metadata file:

- `yolo_v4`: `classes.txt`, lines `id name`, or one name per line (its id is the line);
- `yolo_v5`, `yolo_v7`, `yolo_v8`: `data.yaml`, whose `names` is a list or an
  `{id: name}` mapping.

A class name is matched to a category of the target job by its key, then by its
display name, so that an export of the same project reads back unchanged.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kili.exceptions import InvalidArgumentError

YOLO_FORMATS = ("yolo_v4", "yolo_v5", "yolo_v7", "yolo_v8")


def read_class_names(path: Path, input_format: str) -> dict[int, str]:
    """Read the class names of a YOLO metadata file, by class id.

    Raises:
        InvalidArgumentError: The file cannot be read or names no class.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise InvalidArgumentError(
            f"Cannot read the metadata file {path}: {error.strerror}"
        ) from error
    names = _names_of_classes_file(text) if input_format == "yolo_v4" else _names_of_yaml(text)
    if not names:
        raise InvalidArgumentError(f"The metadata file {path} names no class")
    return names


def _names_of_classes_file(text: str) -> dict[int, str]:
    """Read `id name` lines, or else one name per line."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    pairs = [line.split(" ", 1) for line in lines]
    if all(len(pair) == 2 and pair[0].isdigit() for pair in pairs):
        return {int(pair[0]): pair[1].strip() for pair in pairs}
    return dict(enumerate(lines))


def _names_of_yaml(text: str) -> dict[int, str]:
    """Read the `names` of a YOLO `data.yaml`, with PyYAML when installed."""
    try:
        import yaml
    except ImportError:
        names: Any = _yaml_names_without_pyyaml(text)
    else:
        document = yaml.safe_load(text)
        names = document.get("names") if isinstance(document, dict) else None
    if isinstance(names, list):
        return {index: str(name) for index, name in enumerate(names)}
    if isinstance(names, dict):
        return {int(key): str(value) for key, value in names.items()}
    raise InvalidArgumentError("The metadata file has no `names` list or mapping")


_KEY = re.compile(r"^names\s*:\s*(.*)$")
_ITEM = re.compile(r"^\s+-\s*(.+)$")
_ENTRY = re.compile(r"^\s+(\d+)\s*:\s*(.+)$")


def _yaml_names_without_pyyaml(text: str) -> list[str] | dict[int, str] | None:
    """Read `names` in the layouts YOLO tools write: inline, block list or block mapping."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        match = _KEY.match(line)
        if not match:
            continue
        inline = match.group(1).split(" #")[0].strip()
        if inline:
            return _inline_names(inline)
        block: list[str] = []
        entries: dict[int, str] = {}
        for item in lines[index + 1 :]:
            if item.strip() == "" or item.lstrip().startswith("#"):
                continue
            if (listed := _ITEM.match(item)) is not None:
                block.append(_scalar(listed.group(1)))
            elif (entry := _ENTRY.match(item)) is not None:
                entries[int(entry.group(1))] = _scalar(entry.group(2))
            else:
                break
        return entries or block
    return None


def _inline_names(text: str) -> list[str] | dict[int, str]:
    """Read `[a, 'b']` or `{0: a, 1: b}`."""
    if text.startswith("["):
        return [_scalar(part) for part in text.strip("[]").split(",") if part.strip()]
    if text.startswith("{"):
        pairs = (part.split(":", 1) for part in text.strip("{}").split(",") if part.strip())
        return {int(key.strip()): _scalar(value) for key, value in pairs}
    raise InvalidArgumentError(f"Cannot read the class names {text!r}")


def _scalar(text: str) -> str:
    """Unquote a YAML scalar."""
    value = text.split(" #", maxsplit=1)[0].strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        unquoted: str = ast.literal_eval(value) if value[0] == '"' else value[1:-1]
        return unquoted
    return value


def category_keys(class_names: Mapping[int, str], job: Mapping[str, Any]) -> dict[int, str]:
    """Map each class id to the key of the job's category of that name.

    Raises:
        InvalidArgumentError: A class names no category of the job.
    """
    categories: Mapping[str, Any] = (job.get("content") or {}).get("categories") or {}
    by_display_name = {
        str(category.get("name")): key
        for key, category in categories.items()
        if isinstance(category, Mapping)
    }
    keys: dict[int, str] = {}
    unknown = []
    for class_id, name in class_names.items():
        key = name if name in categories else by_display_name.get(name)
        if key is None:
            unknown.append(name)
        else:
            keys[class_id] = key
    if unknown:
        raise InvalidArgumentError(
            f"The classes {', '.join(map(repr, unknown))} are no categories of the target job"
            f" (its categories: {', '.join(categories) or 'none'})"
        )
    return keys


def parse_yolo_file(path: Path, keys: Mapping[int, str], target_job: str) -> dict[str, Any]:
    """Turn one YOLO label file into a Kili json response for `target_job`.

    Raises:
        InvalidArgumentError: A line is not a YOLO box, or names an unknown class id.
    """
    annotations = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise InvalidArgumentError(f"Cannot read {path}: {error.strerror}") from error
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        annotations.append(_annotation(line.split(), keys, f"{path}:{number}"))
    return {target_job: {"annotations": annotations}}


def _annotation(values: list[str], keys: Mapping[int, str], where: str) -> dict[str, Any]:
    """Turn the values of one line into a bounding-box annotation."""
    if len(values) not in (5, 6):
        raise InvalidArgumentError(
            f"{where}: a YOLO box has 5 or 6 values (class x y width height [confidence])"
        )
    try:
        class_id = int(values[0])
        x, y, width, height = (float(value) for value in values[1:5])
        confidence = 100 if len(values) == 5 else int(100 * float(values[5]))
    except ValueError as error:
        raise InvalidArgumentError(f"{where}: {error}") from error
    if class_id not in keys:
        raise InvalidArgumentError(f"{where}: the class id {class_id} is not in the metadata file")
    left, right, top, bottom = x - width / 2, x + width / 2, y - height / 2, y + height / 2
    return {
        "boundingPoly": [
            {
                "normalizedVertices": [
                    {"x": left, "y": top},
                    {"x": left, "y": bottom},
                    {"x": right, "y": bottom},
                    {"x": right, "y": top},
                ]
            }
        ],
        "categories": [{"name": keys[class_id], "confidence": confidence}],
        "type": "rectangle",
    }
