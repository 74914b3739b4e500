"""Decoding of JSON-string fields: the same values as `json.loads`, rows walked once."""

from __future__ import annotations

import gc
import json
import threading
from typing import Any

import pytest

from kili.adapters.collection_pause import collection_paused
from kili.adapters.kili_api_gateway.json_fields import (
    decode_json_fields,
    decode_json_fields_of_rows,
    json_value,
    path_tree,
)

TEXTS = [
    '{"a": [1, 2.5, null, true], "b": {"c": "d"}}',
    "[]",
    '"a string"',
    "12",
    '  {"spaced": 1}  ',
    "{}\n",
    "\ufeff{}",
    "{} {}",
    "{'single': 1}",
    "free text",
    "[1, 2",
    " ",
    "NaN",
]


def _loads_or_error(text: str) -> Any:
    try:
        return ("value", json.loads(text))
    except json.JSONDecodeError as error:
        return ("error", error.msg)


@pytest.mark.parametrize("text", TEXTS)
def test_json_value_decodes_and_refuses_exactly_as_json_loads(text: str) -> None:
    try:
        outcome = ("value", json_value(text))
    except json.JSONDecodeError as error:
        outcome = ("error", error.msg)
    assert outcome == _loads_or_error(text)


def test_rows_are_decoded_at_every_path_through_lists() -> None:
    rows = [
        {
            "jsonMetadata": '{"k": 1}',
            "labels": [{"jsonResponse": '{"JOB": {}}'}, {"jsonResponse": ""}, {"id": "l3"}],
            "latestLabel": None,
            "content": '{"not": "decoded"}',
        },
        {"jsonMetadata": "not json", "labels": []},
    ]
    paths = ("jsonMetadata", "labels.jsonResponse", "latestLabel.jsonResponse")
    decode_json_fields_of_rows(rows, paths)
    assert rows == [
        {
            "jsonMetadata": {"k": 1},
            "labels": [{"jsonResponse": {"JOB": {}}}, {"jsonResponse": {}}, {"id": "l3"}],
            "latestLabel": None,
            "content": '{"not": "decoded"}',
        },
        {"jsonMetadata": "not json", "labels": []},
    ]


def test_a_single_row_is_decoded_in_place_and_returned() -> None:
    row = {"labelOf": {"labels": [{"jsonResponse": "[1]"}], "jsonMetadata": "{}"}}
    decoded = decode_json_fields(row, ["labelOf.labels.jsonResponse", "labelOf.jsonMetadata"])
    assert decoded is row
    assert row == {"labelOf": {"labels": [{"jsonResponse": [1]}], "jsonMetadata": {}}}


def test_paths_share_their_common_parents_in_one_tree() -> None:
    tree = path_tree(("a", "b.c", "b.d", "e.f.g"))
    assert tree == {"a": None, "b": {"c": None, "d": None}, "e": {"f": {"g": None}}}


def test_the_collector_is_paused_while_held_and_resumed_after() -> None:
    assert gc.isenabled()
    with collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_threads_decoding_at_once_resume_the_collector_only_when_the_last_ends() -> None:
    first_inside, second_done = threading.Event(), threading.Event()
    seen_while_first_held: list[bool] = []

    def first() -> None:
        with collection_paused():
            first_inside.set()
            second_done.wait(5)
            seen_while_first_held.append(gc.isenabled())

    thread = threading.Thread(target=first)
    thread.start()
    first_inside.wait(5)
    with collection_paused():
        pass
    second_done.set()
    thread.join(5)
    assert seen_while_first_held == [False]
    assert gc.isenabled()


def test_a_collector_turned_off_by_the_program_stays_off() -> None:
    gc.disable()
    try:
        with collection_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
