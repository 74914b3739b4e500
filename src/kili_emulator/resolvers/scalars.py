"""Custom scalars of the contract that check their values, PageSize first."""

from __future__ import annotations

import re
from typing import Any

from ariadne import ScalarType
from graphql import GraphQLError, IntValueNode, StringValueNode, ValueNode

MAX_PAGE_SIZE = 500
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")


def parse_page_size(value: Any) -> int:
    """Accept an integer from 0 to 500, as Kili's PageSize does; refuse anything else."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise GraphQLError(f"PageSize must be an integer, got {value!r}")
    if not 0 <= value <= MAX_PAGE_SIZE:
        raise GraphQLError(f"PageSize must be between 0 and {MAX_PAGE_SIZE}, got {value}")
    return int(value)


def parse_page_size_literal(node: ValueNode, _variables: dict[str, Any] | None = None) -> int:
    """Check an inline PageSize literal like a variable."""
    if not isinstance(node, IntValueNode):
        raise GraphQLError("PageSize must be an integer literal")
    return parse_page_size(int(node.value))


def serialize_page_size(value: Any) -> int:
    """Serialize a PageSize (never returned by Kili, but the scalar must be complete)."""
    return int(value)


def parse_email(value: Any) -> str:
    """Accept a string that looks like an email address."""
    if not isinstance(value, str) or not _EMAIL.match(value):
        raise GraphQLError(f"Email must be an email address, got {value!r}")
    return str(value)


def parse_email_literal(node: ValueNode, _variables: dict[str, Any] | None = None) -> str:
    """Check an inline Email literal like a variable."""
    if not isinstance(node, StringValueNode):
        raise GraphQLError("Email must be a string literal")
    return parse_email(node.value)


page_size = ScalarType(
    "PageSize",
    serializer=serialize_page_size,
    value_parser=parse_page_size,
    literal_parser=parse_page_size_literal,
)
email = ScalarType("Email", value_parser=parse_email, literal_parser=parse_email_literal)

BINDABLES = [page_size, email]
