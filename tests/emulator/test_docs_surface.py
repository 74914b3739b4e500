"""The emulator's page lists exactly what it serves and what it refuses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ariadne import make_executable_schema
from graphql import GraphQLObjectType

from kili_emulator.contract import load_sdl
from kili_emulator.resolvers import domain_bindables

PAGE = Path(__file__).resolve().parents[2] / "docs" / "emulator.md"


def section(title: str) -> str:
    text = PAGE.read_text()
    start = text.index(f"\n### {title}\n")
    end = text.index("\n##", start + 1)
    return text[start:end]


def names_in(text: str) -> set[str]:
    return set(re.findall(r"`([A-Za-z_][A-Za-z0-9_]*)`", text))


def served_and_refused(root: str) -> tuple[set[str], set[str]]:
    schema = make_executable_schema(load_sdl(), *domain_bindables())
    graphql_type = schema.get_type(root)
    assert isinstance(graphql_type, GraphQLObjectType)
    served = {
        name
        for name, field in graphql_type.fields.items()
        if field.resolve is not None or field.subscribe is not None
    }
    return served, set(graphql_type.fields) - served


@pytest.mark.parametrize(
    ("root", "title", "prefix"),
    [
        ("Query", "Queries", "- Queries:"),
        ("Mutation", "Mutations", "- Mutations:"),
        ("Subscription", "Subscriptions", "- Subscriptions:"),
    ],
)
def test_the_page_lists_every_operation(root: str, title: str, prefix: str) -> None:
    served, refused = served_and_refused(root)
    assert served
    assert names_in(section(title)) == served
    refusals = section("Answered `NOT_SUPPORTED`")
    start = refusals.index(prefix)
    end = refusals.find("\n- ", start + 1)
    assert names_in(refusals[start : end if end > 0 else None]) == refused
