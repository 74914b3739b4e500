from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kili.domain.category_search import (
    COMPARISON_OPERATORS,
    And,
    CategorySearchSyntaxError,
    Comparison,
    Expression,
    Or,
    comparisons,
    parse_category_search,
    render,
)


def test_parses_a_single_comparison() -> None:
    assert parse_category_search("JOB_CLASSIF.CATEGORY_A.count > 0") == Comparison(
        "JOB_CLASSIF", "CATEGORY_A", ">", 0
    )


def test_spaces_are_optional_and_free() -> None:
    assert parse_category_search("A.B.count>=2") == parse_category_search(
        "  A . B . count   >=   2 "
    )


@pytest.mark.parametrize("operator", COMPARISON_OPERATORS)
def test_every_operator_is_understood(operator: str) -> None:
    assert parse_category_search(f"J.C.count {operator} 3").operator == operator  # type: ignore[union-attr]


def test_and_binds_tighter_than_or() -> None:
    a, b, c = (Comparison("J", name, ">", 0) for name in "ABC")
    assert parse_category_search("J.A.count > 0 OR J.B.count > 0 AND J.C.count > 0") == Or(
        (a, And((b, c)))
    )
    assert parse_category_search("(J.A.count > 0 OR J.B.count > 0) AND J.C.count > 0") == And(
        (Or((a, b)), c)
    )


def test_chains_of_one_operator_are_one_node() -> None:
    parsed = parse_category_search("J.A.count>0 AND J.B.count>0 AND J.C.count>0")
    assert isinstance(parsed, And)
    assert [comparison.category for comparison in parsed.operands] == ["A", "B", "C"]  # type: ignore[union-attr]


def test_seed_examples_parse() -> None:
    query = (
        "(JOB_CLASSIF.CATEGORY_A.count > 0 OR JOB_NER.CATEGORY_B.count > 0) "
        "AND JOB_BBOX.CATEGORY_C.count > 10"
    )
    parsed = parse_category_search(query)
    assert [c.job for c in comparisons(parsed)] == ["JOB_CLASSIF", "JOB_NER", "JOB_BBOX"]
    assert render(parsed) == query


def test_names_may_hold_digits_dashes_and_stars() -> None:
    parsed = parse_category_search("JOB-1.CAT_2*.count == 1")
    assert parsed == Comparison("JOB-1", "CAT_2*", "==", 1)


def test_a_job_may_be_named_like_a_keyword() -> None:
    assert parse_category_search("AND.OR.count < 1") == Comparison("AND", "OR", "<", 1)


def test_decimal_and_signed_numbers_are_numbers() -> None:
    assert parse_category_search("J.C.count > 1.5").value == 1.5  # type: ignore[union-attr]
    assert parse_category_search("J.C.count > -1").value == -1  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("query", "position", "expected"),
    [
        ("", 0, "a comparison"),
        ("J.C.count = 1", 10, "unexpected character '='"),
        ("J.C.count > ", 12, "a number"),
        ("J.C.total > 1", 4, "'count'"),
        ("J.count > 1", 8, "'.count' after the category"),
        ("(J.C.count > 1", 14, "')'"),
        ("J.C.count > 1)", 13, "AND, OR or the end"),
        ("J.C.count > 1 AND", 17, "a job name"),
        ("J.C.count > 1 and K.D.count > 1", 14, "AND, OR or the end"),
        ("1J.C.count > 1", 0, "a job name"),
        ("J.C.count > one", 12, "a number"),
    ],
)
def test_malformed_queries_point_at_the_mistake(query: str, position: int, expected: str) -> None:
    with pytest.raises(CategorySearchSyntaxError) as caught:
        parse_category_search(query)
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.position == position
    assert expected in error.reason
    shown, caret = str(error).splitlines()[1:]
    indent = len(caret) - len(caret.lstrip()) - position
    assert shown[indent:] == query
    assert caret == " " * (indent + position) + "^"


def test_the_caret_stands_under_the_offending_character() -> None:
    query = "J.C.count > 1 OR K.D.count ~ 2"
    with pytest.raises(CategorySearchSyntaxError) as caught:
        parse_category_search(query)
    _, shown, caret = str(caught.value).splitlines()
    assert shown[caret.index("^")] == "~"


def test_render_parenthesises_every_nested_operator() -> None:
    a, b, c = (Comparison("J", name, ">", 0) for name in "ABC")
    assert render(Or((a, And((b, c))))) == "J.A.count > 0 OR (J.B.count > 0 AND J.C.count > 0)"
    assert render(And((And((a, b)), c))) == "(J.A.count > 0 AND J.B.count > 0) AND J.C.count > 0"


def test_trees_refuse_what_could_not_be_written() -> None:
    with pytest.raises(ValueError, match="two operands"):
        And((Comparison("J", "A", ">", 0),))
    with pytest.raises(ValueError, match="job name"):
        Comparison("J.X", "A", ">", 0)
    with pytest.raises(ValueError, match="numbers"):
        Comparison("J", "A", ">", float("nan"))


NAMES = st.from_regex(r"[A-Za-z][A-Za-z0-9_*-]{0,8}", fullmatch=True)
NUMBERS = st.integers(-1000, 1000) | st.floats(
    min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False
)
COMPARISONS = st.builds(Comparison, NAMES, NAMES, st.sampled_from(COMPARISON_OPERATORS), NUMBERS)
TREES: st.SearchStrategy[Expression] = st.recursive(
    COMPARISONS,
    lambda children: (
        st.builds(And, st.lists(children, min_size=2, max_size=4).map(tuple))
        | st.builds(Or, st.lists(children, min_size=2, max_size=4).map(tuple))
    ),
    max_leaves=12,
)


@given(TREES)
def test_render_then_parse_gives_the_same_tree(tree: Expression) -> None:
    assert parse_category_search(render(tree)) == tree


@given(TREES)
def test_rendering_is_a_fixed_point(tree: Expression) -> None:
    text = render(tree)
    assert render(parse_category_search(text)) == text
