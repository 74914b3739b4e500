"""The emulator's category search: counting in jsonResponses, and the grammar it shares."""

from __future__ import annotations

import json
import operator
from collections import Counter
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kili.domain import category_search as sdk
from kili_emulator.category_search import category_counts, evaluate, matches, parse
from kili_emulator.errors import BadUserInputError

BOX = {"type": "rectangle", "boundingPoly": [{"normalizedVertices": []}]}


def test_counts_choices_objects_children_and_frames() -> None:
    response = {
        "CLASSIF": {
            "categories": [
                {"name": "A", "children": {"SUB": {"categories": [{"name": "S1"}, {"name": "S2"}]}}}
            ]
        },
        "BOXES": {
            "annotations": [
                {**BOX, "categories": [{"name": "CAR"}]},
                {
                    **BOX,
                    "categories": [{"name": "CAR"}],
                    "children": {"COLOR": {"categories": [{"name": "RED"}]}},
                },
                {**BOX, "categories": [{"name": "PERSON"}]},
            ]
        },
        "TRANSCRIPTION": {"text": "hello"},
        "ANNOTATION_JOB_COUNTER": {"BOXES": {"CAR": 2}},
    }
    assert category_counts(response) == Counter(
        {
            ("CLASSIF", "A"): 1,
            ("SUB", "S1"): 1,
            ("SUB", "S2"): 1,
            ("BOXES", "CAR"): 2,
            ("BOXES", "PERSON"): 1,
            ("COLOR", "RED"): 1,
        }
    )
    frames = {"0": {"BOXES": {"annotations": [{"categories": [{"name": "CAR"}]}]}}, "1": {}}
    assert category_counts(frames) == Counter({("BOXES", "CAR"): 1})


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("BOXES.CAR.count == 2", True),
        ("BOXES.CAR.count > 2", False),
        ("BOXES.TRUCK.count == 0", True),
        ("BOXES.CAR.count >= 2 AND BOXES.PERSON.count > 0", False),
        ("BOXES.CAR.count > 2 AND BOXES.PERSON.count < 1 OR CLASSIF.A.count > 0", True),
        ("BOXES.CAR.count > 2 AND (BOXES.PERSON.count < 1 OR CLASSIF.A.count > 0)", False),
        ("(BOXES.CAR.count > 5 OR CLASSIF.A.count > 0) AND CLASSIF.B.count > 0", False),
    ],
)
def test_queries_are_evaluated_with_and_binding_tighter(query: str, expected: bool) -> None:
    response = {
        "CLASSIF": {"categories": [{"name": "A"}]},
        "BOXES": {"annotations": [{"categories": [{"name": "CAR"}]}] * 2},
    }
    assert matches(json.dumps(response), query) is expected


@pytest.mark.parametrize(
    ("query", "position"),
    [("", 0), ("J.A.count = 1", 10), ("J.A.count > 1 OR", 16), ("(J.A.count > 1", 14)],
)
def test_malformed_queries_are_refused_with_their_position(query: str, position: int) -> None:
    with pytest.raises(BadUserInputError) as caught:
        parse(query)
    assert caught.value.extensions["position"] == position


OPERATORS = {
    "==": operator.eq,
    ">=": operator.ge,
    "<=": operator.le,
    "<": operator.lt,
    ">": operator.gt,
}


def reference(tree: sdk.Expression, counts: dict[tuple[str, str], int]) -> bool:
    """Evaluate an SDK tree directly, as the meaning of the grammar says."""
    if isinstance(tree, sdk.Comparison):
        return bool(OPERATORS[tree.operator](counts.get((tree.job, tree.category), 0), tree.value))
    results = [reference(operand, counts) for operand in tree.operands]
    return all(results) if isinstance(tree, sdk.And) else any(results)


NAMES = st.sampled_from(["J", "K", "AND", "OR", "count"])
COMPARISONS = st.builds(
    sdk.Comparison,
    NAMES,
    NAMES,
    st.sampled_from(sdk.COMPARISON_OPERATORS),
    st.integers(-1, 3),
)
TREES: st.SearchStrategy[sdk.Expression] = st.recursive(
    COMPARISONS,
    lambda children: (
        st.builds(sdk.And, st.lists(children, min_size=2, max_size=3).map(tuple))
        | st.builds(sdk.Or, st.lists(children, min_size=2, max_size=3).map(tuple))
    ),
    max_leaves=8,
)
COUNTS = st.dictionaries(st.tuples(NAMES, NAMES), st.integers(0, 3), max_size=6)


@given(TREES, COUNTS)
def test_the_emulator_reads_what_the_sdk_writes(
    tree: Any, counts: dict[tuple[str, str], int]
) -> None:
    evaluated = evaluate(parse(sdk.render(tree)), Counter(counts))
    assert evaluated is reference(tree, counts)
