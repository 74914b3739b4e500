"""Category search: the small language that filters labels by what their annotations hold.

A query compares the number of annotations of a category in a job with a number, and
combines comparisons with `AND`, `OR` and parentheses, `AND` binding tighter:

    CLASSIF.A.count > 0 OR (DETECTION.CAR.count >= 2 AND DETECTION.PERSON.count == 0)

The grammar, in EBNF:

    expression  = conjunction , { "OR" , conjunction } ;
    conjunction = operand , { "AND" , operand } ;
    operand     = "(" , expression , ")" | comparison ;
    comparison  = name , "." , name , "." , "count" , operator , number ;
    operator    = "==" | ">=" | "<=" | "<" | ">" ;
    name        = letter , { letter | digit | "_" | "-" | "*" } ;
    number      = [ "+" | "-" ] , digits , [ "." , digits ] , [ exponent ] ;

Queries are parsed on the client so that a typo fails before anything is sent, with the
position of the mistake, and are sent in the normalised form `render` writes.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal, TypeAlias

from kili.exceptions import InvalidArgumentError

ComparisonOperator = Literal["==", ">=", "<=", "<", ">"]
COMPARISON_OPERATORS: tuple[ComparisonOperator, ...] = ("==", ">=", "<=", "<", ">")

_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_*-]*")
_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_OPERATOR = re.compile(r"==|>=|<=|<|>")
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Comparison:
    """`job.category.count <operator> value`: how many annotations of a category a job has.

    Attributes:
        job: Name of the job in the project's interface.
        category: Name of the category within that job.
        operator: How the count compares with `value`.
        value: The number the count is compared with.
    """

    job: str
    category: str
    operator: ComparisonOperator
    value: int | float

    def __post_init__(self) -> None:
        for role, name in (("job", self.job), ("category", self.category)):
            if not _NAME.fullmatch(name):
                raise InvalidArgumentError(f"Invalid {role} name {name!r} in a category search")
        if self.operator not in COMPARISON_OPERATORS:
            raise InvalidArgumentError(f"Invalid comparison operator {self.operator!r}")
        if isinstance(self.value, bool) or not math.isfinite(self.value):
            raise InvalidArgumentError(
                f"A category search compares counts with numbers, not {self.value!r}"
            )


@dataclass(frozen=True)
class And:
    """True when every operand is true."""

    operands: tuple[Expression, ...]

    def __post_init__(self) -> None:
        if len(self.operands) < 2:
            raise InvalidArgumentError("AND needs at least two operands")


@dataclass(frozen=True)
class Or:
    """True when at least one operand is true."""

    operands: tuple[Expression, ...]

    def __post_init__(self) -> None:
        if len(self.operands) < 2:
            raise InvalidArgumentError("OR needs at least two operands")


Expression: TypeAlias = Comparison | And | Or


class CategorySearchSyntaxError(InvalidArgumentError):
    """A category search query does not follow the grammar.

    Attributes:
        query: The query as given.
        position: Index in `query` of the first character that does not fit.
        reason: What was expected there.
    """

    def __init__(self, query: str, position: int, reason: str) -> None:
        shown = "".join(" " if char.isspace() else char for char in query)
        pointer = " " * position + "^"
        super().__init__(
            f"Invalid category search query: {reason} at position {position}:\n"
            f"    {shown}\n    {pointer}"
        )
        self.query = query
        self.position = position
        self.reason = reason


@dataclass(frozen=True)
class _Token:
    kind: Literal["name", "number", "operator", "dot", "open", "close", "end"]
    text: str
    position: int


def _tokenize(query: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    punctuation: dict[str, Literal["dot", "open", "close"]] = {
        ".": "dot",
        "(": "open",
        ")": "close",
    }
    while position < len(query):
        blank = _WHITESPACE.match(query, position)
        if blank:
            position = blank.end()
            continue
        char = query[position]
        if char in punctuation:
            tokens.append(_Token(punctuation[char], char, position))
            position += 1
            continue
        for kind, pattern in (("name", _NAME), ("number", _NUMBER), ("operator", _OPERATOR)):
            match = pattern.match(query, position)
            if match:
                tokens.append(_Token(kind, match.group(), position))  # type: ignore[arg-type]
                position = match.end()
                break
        else:
            raise CategorySearchSyntaxError(query, position, f"unexpected character {char!r}")
    tokens.append(_Token("end", "", len(query)))
    return tokens


MAX_NESTING = 50
"""Most parentheses nested in a query: deeper queries are refused, not parsed recursively."""


class _Parser:
    """Recursive descent over the token list, one method per grammar rule."""

    def __init__(self, query: str) -> None:
        self.query = query
        self.tokens = _tokenize(query)
        self.index = 0
        self.depth = 0

    @property
    def current(self) -> _Token:
        return self.tokens[self.index]

    def fail(self, expected: str) -> CategorySearchSyntaxError:
        token = self.current
        found = "the end of the query" if token.kind == "end" else repr(token.text)
        return CategorySearchSyntaxError(
            self.query, token.position, f"expected {expected}, found {found}"
        )

    def take(self, kind: str, expected: str, text: str | None = None) -> _Token:
        token = self.current
        if token.kind != kind or (text is not None and token.text != text):
            raise self.fail(expected)
        self.index += 1
        return token

    def at_keyword(self, keyword: str) -> bool:
        return self.current.kind == "name" and self.current.text == keyword

    def at_end(self) -> bool:
        return self.current.kind == "end"

    def parse(self) -> Expression:
        if self.at_end():
            raise self.fail("a comparison such as JOB.CATEGORY.count > 0")
        expression = self.expression()
        if not self.at_end():
            raise self.fail("AND, OR or the end of the query")
        return expression

    def expression(self) -> Expression:
        operands = [self.conjunction()]
        while self.at_keyword("OR"):
            self.index += 1
            operands.append(self.conjunction())
        return operands[0] if len(operands) == 1 else Or(tuple(operands))

    def conjunction(self) -> Expression:
        operands = [self.operand()]
        while self.at_keyword("AND"):
            self.index += 1
            operands.append(self.operand())
        return operands[0] if len(operands) == 1 else And(tuple(operands))

    def operand(self) -> Expression:
        if self.current.kind == "open":
            if self.depth == MAX_NESTING:
                raise CategorySearchSyntaxError(
                    self.query,
                    self.current.position,
                    f"more than {MAX_NESTING} nested parentheses",
                )
            self.index += 1
            self.depth += 1
            inner = self.expression()
            self.take("close", "')', AND or OR")
            self.depth -= 1
            return inner
        return self.comparison()

    def comparison(self) -> Comparison:
        job = self.take("name", "a job name or '('").text
        self.take("dot", "'.' after the job name")
        category = self.take("name", "a category name").text
        self.take("dot", "'.count' after the category name")
        self.take("name", "'count'", text="count")
        operator = self.take("operator", "a comparison operator (==, >=, <=, <, >)").text
        value = self.take("number", "a number").text
        return Comparison(job, category, operator, _number(value))  # type: ignore[arg-type]


def _number(text: str) -> int | float:
    if any(mark in text for mark in ".eE"):
        return float(text)
    return int(text)


def parse_category_search(query: str) -> Expression:
    """Parse a category search query into its expression tree.

    Args:
        query: The query, such as ``"JOB.CATEGORY.count > 0 AND OTHER_JOB.X.count == 1"``.

    Returns:
        The tree: a `Comparison`, or an `And` / `Or` of sub-expressions.

    Raises:
        CategorySearchSyntaxError: The query does not follow the grammar; the message
            shows the query with a caret under the offending position.
    """
    return _Parser(query).parse()


def render(expression: Expression) -> str:
    """Write `expression` back as a query, in a normalised form.

    Single spaces separate the parts, and every `AND` or `OR` nested in another one is
    parenthesised, so that the text means the same tree to any reader whatever the
    precedence it gives the operators: `parse_category_search(render(e)) == e`.
    """
    if isinstance(expression, Comparison):
        number = expression.value
        value = str(number) if isinstance(number, int) else repr(number)
        return f"{expression.job}.{expression.category}.count {expression.operator} {value}"
    keyword = " AND " if isinstance(expression, And) else " OR "
    return keyword.join(_render_operand(operand) for operand in expression.operands)


def _render_operand(operand: Expression) -> str:
    if isinstance(operand, Comparison):
        return render(operand)
    return f"({render(operand)})"


def comparisons(expression: Expression) -> tuple[Comparison, ...]:
    """Return the comparisons of `expression`, left to right."""
    if isinstance(expression, Comparison):
        return (expression,)
    return tuple(found for operand in expression.operands for found in comparisons(operand))
