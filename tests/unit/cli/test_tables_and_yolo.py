"""Table layouts and YOLO conversion, without any server."""

from __future__ import annotations

from pathlib import Path

import pytest

from kili.cli.tables import render_table
from kili.cli.yolo import (
    _names_of_yaml,
    _yaml_names_without_pyyaml,
    category_keys,
    parse_yolo_file,
    read_class_names,
)
from kili.exceptions import InvalidArgumentError, MissingExtraError

ROWS = [["alpha", 1], ["b", 22]]


def test_plain_pads_columns_and_right_aligns_numbers() -> None:
    assert render_table(["NAME", "N"], ROWS).splitlines() == [
        "NAME    N",
        "alpha   1",
        "b      22",
    ]


def test_simple_github_and_grid_layouts() -> None:
    assert render_table(["NAME", "N"], ROWS, "simple").splitlines()[1] == "-----  --"
    assert render_table(["NAME", "N"], ROWS, "github").splitlines() == [
        "| NAME  |  N |",
        "|-------|----|",
        "| alpha |  1 |",
        "| b     | 22 |",
    ]
    grid = render_table(["NAME", "N"], ROWS, "grid").splitlines()
    assert grid[0] == "+-------+----+"
    assert grid[2] == "+=======+====+"
    assert grid[-1] == "+-------+----+"
    assert len(grid) == 7


def test_tsv_and_explicit_alignment() -> None:
    assert render_table(["A", "B"], [["x", None]], "tsv") == "A\tB\nx\t"
    assert render_table([], [["1", "a"]], "plain", ("right", "left")) == "1  a"


def test_unknown_format_without_tabulate_names_the_extra() -> None:
    with pytest.raises(MissingExtraError, match=r"kili\[cli\]"):
        render_table(["A"], [["x"]], "fancy_outline")


DATA_YAML_LAYOUTS = {
    "block mapping": "path: .\nnames:\n  0: car\n  1: 'person'  # people\nnc: 2\n",
    "block list": 'names:\n  - car\n  - "person"\n',
    "inline list": "nc: 2\nnames: ['car', person]\n",
    "inline mapping": "names: {0: car, 1: person}\n",
}


@pytest.mark.parametrize("text", DATA_YAML_LAYOUTS.values(), ids=DATA_YAML_LAYOUTS.keys())
def test_data_yaml_names_with_and_without_pyyaml(text: str) -> None:
    expected = {0: "car", 1: "person"}
    assert _names_of_yaml(text) == expected
    names = _yaml_names_without_pyyaml(text)
    assert (dict(enumerate(names)) if isinstance(names, list) else names) == expected


def test_yolo_v4_classes_file_with_or_without_ids(tmp_path: Path) -> None:
    (tmp_path / "ids.txt").write_text("0 car\n1 traffic light\n", encoding="utf-8")
    (tmp_path / "names.txt").write_text("car\nperson\n\n", encoding="utf-8")
    assert read_class_names(tmp_path / "ids.txt", "yolo_v4") == {0: "car", 1: "traffic light"}
    assert read_class_names(tmp_path / "names.txt", "yolo_v4") == {0: "car", 1: "person"}


def test_classes_match_category_keys_then_display_names() -> None:
    job = {"content": {"categories": {"CAR": {"name": "Car"}, "PERSON": {"name": "Person"}}}}
    assert category_keys({0: "Car", 1: "PERSON"}, job) == {0: "CAR", 1: "PERSON"}
    with pytest.raises(InvalidArgumentError, match=r"'truck'.*CAR, PERSON"):
        category_keys({0: "truck"}, job)


def test_yolo_boxes_become_normalized_rectangles(tmp_path: Path) -> None:
    path = tmp_path / "img.txt"
    path.write_text("1 0.5 0.5 0.2 0.4 0.75\n\n", encoding="utf-8")
    response = parse_yolo_file(path, {1: "CAR"}, "JOB")
    (annotation,) = response["JOB"]["annotations"]
    assert annotation["categories"] == [{"name": "CAR", "confidence": 75}]
    vertices = annotation["boundingPoly"][0]["normalizedVertices"]
    assert vertices == [
        {"x": pytest.approx(0.4), "y": pytest.approx(0.3)},
        {"x": pytest.approx(0.4), "y": pytest.approx(0.7)},
        {"x": pytest.approx(0.6), "y": pytest.approx(0.7)},
        {"x": pytest.approx(0.6), "y": pytest.approx(0.3)},
    ]


@pytest.mark.parametrize(
    ("line", "problem"),
    [("0 0.5 0.5", "5 or 6 values"), ("x 0.5 0.5 1 1", "invalid literal"), ("7 0 0 1 1", "7")],
)
def test_bad_yolo_lines_are_refused_with_their_place(
    tmp_path: Path, line: str, problem: str
) -> None:
    path = tmp_path / "img.txt"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(InvalidArgumentError, match=rf"img.txt:1: .*{problem}"):
        parse_yolo_file(path, {0: "CAR"}, "JOB")
