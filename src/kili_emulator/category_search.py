"""Label category search: `JOB.CATEGORY.count > 0 AND (...) OR ...` evaluated on labels.

The grammar is Kili's: comparisons `job.category.count <op> number` with `==`, `>=`,
`<=`, `<`, `>`, combined by `AND` (binding tighter) and `OR`, with parentheses. The
count of a category in a job is the number of times the label chooses it: once per
chosen classification category, once per object (box, polygon, entity, ...) of that
category, nested jobs (`children`) and video frames included.
"""

from __future__ import annotations

import functools
import json
import operator
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeAlias

from kili_emulator.errors import BadUserInputError

_TOKEN = re.compile(
    r"\s*(?:(?P<name>[A-Za-z][A-Za-z0-9_*-]*)"
    r"|(?P<number>[+-]?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)"
    r"|(?P<operator>==|>=|<=|<|>)"
    r"|(?P<punctuation>[().]))"
)
_OPERATORS: dict[str, Callable[[float, float], bool]] = {
    "==": operator.eq,
    ">=": operator.ge,
    "<=": operator.le,
    "<": operator.lt,
    ">": operator.gt,
}


@dataclass(frozen=True)
class Comparison:
    """`job.category.count <operator> value`."""

    job: str
    category: str
    operator: str
    value: float


@dataclass(frozen=True)
class Combination:
    """`AND` (`all_of`) or `OR` (not `all_of`) of several operands."""

    all_of: bool
    operands: tuple[Node, ...]


Node: TypeAlias = Comparison | Combination


def _tokenize(query: str) -> list[tuple[str, str, int]]:
    tokens: list[tuple[str, str, int]] = []
    position = 0
    while position < len(query):
        if query[position:].strip() == "":
            break
        match = _TOKEN.match(query, position)
        if match is None or match.lastgroup is None:
            start = len(query) - len(query[position:].lstrip())
            raise _error(query, start, f"unexpected character {query[start]!r}")
        tokens.append((match.lastgroup, match.group(match.lastgroup), match.start(match.lastgroup)))
        position = match.end()
    tokens.append(("end", "", len(query)))
    return tokens


def _error(query: str, position: int, reason: str) -> BadUserInputError:
    return BadUserInputError(
        f"Invalid category search query {query!r}: {reason} at position {position}",
        position=position,
    )


class _Parser:
    def __init__(self, query: str) -> None:
        self.query = query
        self.tokens = _tokenize(query)
        self.index = 0

    def expect(self, kind: str, text: str | None, expected: str) -> str:
        token_kind, token_text, position = self.tokens[self.index]
        if token_kind != kind or (text is not None and token_text != text):
            found = "the end" if token_kind == "end" else repr(token_text)
            raise _error(self.query, position, f"expected {expected}, found {found}")
        self.index += 1
        return token_text

    def at(self, kind: str, text: str) -> bool:
        token_kind, token_text, _ = self.tokens[self.index]
        return token_kind == kind and token_text == text

    def parse(self) -> Node:
        node = self.disjunction()
        self.expect("end", None, "AND, OR or the end of the query")
        return node

    def disjunction(self) -> Node:
        operands = [self.conjunction()]
        while self.at("name", "OR"):
            self.index += 1
            operands.append(self.conjunction())
        return operands[0] if len(operands) == 1 else Combination(False, tuple(operands))

    def conjunction(self) -> Node:
        operands = [self.operand()]
        while self.at("name", "AND"):
            self.index += 1
            operands.append(self.operand())
        return operands[0] if len(operands) == 1 else Combination(True, tuple(operands))

    def operand(self) -> Node:
        if self.at("punctuation", "("):
            self.index += 1
            node = self.disjunction()
            self.expect("punctuation", ")", "')'")
            return node
        job = self.expect("name", None, "a job name")
        self.expect("punctuation", ".", "'.'")
        category = self.expect("name", None, "a category name")
        self.expect("punctuation", ".", "'.'")
        self.expect("name", "count", "'count'")
        comparison = self.expect("operator", None, "a comparison operator")
        value = float(self.expect("number", None, "a number"))
        return Comparison(job, category, comparison, value)


@functools.lru_cache(maxsize=256)
def parse(query: str) -> Node:
    """Parse a category search query.

    Raises:
        BadUserInputError: The query does not follow the grammar; the message gives the
            position of the mistake.
    """
    return _Parser(query).parse()


def category_counts(json_response: Any) -> Counter[tuple[str, str]]:
    """Count, per (job, category), the choices and objects of a label's jsonResponse."""
    counts: Counter[tuple[str, str]] = Counter()
    _count_jobs(json_response, counts)
    return counts


def _count_jobs(jobs: Any, counts: Counter[tuple[str, str]]) -> None:
    if not isinstance(jobs, Mapping):
        return
    for job_name, answer in jobs.items():
        if not isinstance(answer, Mapping):
            continue
        if str(job_name).isdigit():  # a video frame, holding jobs
            _count_jobs(answer, counts)
            continue
        for category in _listed(answer.get("categories")):
            counts[(job_name, str(category.get("name")))] += 1
            _count_jobs(category.get("children"), counts)
        for annotation in _listed(answer.get("annotations")):
            for category in _listed(annotation.get("categories")):
                counts[(job_name, str(category.get("name")))] += 1
            _count_jobs(annotation.get("children"), counts)


def _listed(value: Any) -> list[Mapping[str, Any]]:
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, Mapping)]


def evaluate(node: Node, counts: Counter[tuple[str, str]]) -> bool:
    """Tell whether the label whose category counts are `counts` satisfies `node`."""
    if isinstance(node, Comparison):
        return _OPERATORS[node.operator](counts[(node.job, node.category)], node.value)
    results = (evaluate(operand, counts) for operand in node.operands)
    return all(results) if node.all_of else any(results)


def matches(json_response: str, query: str) -> bool:
    """Tell whether a stored label (its jsonResponse text) satisfies a search query.

    Raises:
        BadUserInputError: The query is malformed.
    """
    node = parse(query)
    try:
        decoded = json.loads(json_response) if json_response else {}
    except json.JSONDecodeError:
        decoded = {}
    return evaluate(node, category_counts(decoded))
