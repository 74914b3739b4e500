"""The GraphQL contract: `schema.graphql`, loaded once, and checks of documents against it."""

from __future__ import annotations

import functools
from pathlib import Path

from graphql import GraphQLSchema, build_schema, parse, validate

from kili.exceptions import InternalError

SCHEMA_PATH = Path(__file__).with_name("schema.graphql")
"""The SDL of the Kili API; the emulator serves this same file."""


@functools.cache
def kili_schema() -> GraphQLSchema:
    """Build the schema on first use, so that importing the SDK does not pay for it."""
    return build_schema(SCHEMA_PATH.read_text(encoding="utf-8"))


@functools.cache
def checked_document(document: str) -> str:
    """Return `document` once it is known to be valid against the schema.

    Raises:
        InternalError: The document does not validate; the message lists graphql-core's errors.
    """
    errors = validate(kili_schema(), parse(document))
    if errors:
        details = "; ".join(error.message for error in errors)
        raise InternalError(f"Invalid GraphQL document for the Kili API: {details}")
    return document
