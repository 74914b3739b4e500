"""Every document the gateway can send validates against `schema.graphql`."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from types import ModuleType

import pytest
from graphql import GraphQLObjectType, get_named_type, is_leaf_type

import kili.adapters.kili_api_gateway as gateway_package
from kili.adapters.kili_api_gateway.documents import PaginatedQuery
from kili.adapters.kili_api_gateway.schema import checked_document, kili_schema


def operation_modules() -> Iterator[ModuleType]:
    for info in pkgutil.walk_packages(gateway_package.__path__, gateway_package.__name__ + "."):
        if info.name.endswith(".operations"):
            yield importlib.import_module(info.name)


def constants(kind: type) -> list[tuple[str, object]]:
    return [
        (f"{module.__name__}.{name}", value)
        for module in operation_modules()
        for name, value in vars(module).items()
        if isinstance(value, kind) and not name.startswith("_")
    ]


DOCUMENTS = [(name, text) for name, text in constants(str) if text.strip()[:1] in "qms"]
PAGINATED = constants(PaginatedQuery)


def test_operation_modules_are_found() -> None:
    assert len(DOCUMENTS) >= 1
    assert len(PAGINATED) >= 2


@pytest.mark.parametrize(("name", "document"), DOCUMENTS, ids=[n for n, _ in DOCUMENTS])
def test_fixed_documents_validate(name: str, document: str) -> None:
    assert checked_document(document) == document, name


def all_leaf_paths(type_name: str, depth: int = 2, prefix: str = "") -> list[str]:
    """Every scalar path of a type down to `depth` levels, as a user could ask for."""
    object_type = kili_schema().type_map[type_name]
    assert isinstance(object_type, GraphQLObjectType)
    paths: list[str] = []
    for field_name, field in object_type.fields.items():
        if field.args and any(str(a.type).endswith("!") for a in field.args.values()):
            continue
        named = get_named_type(field.type)
        if is_leaf_type(named):
            paths.append(prefix + field_name)
        elif depth > 0:
            paths.extend(all_leaf_paths(named.name, depth - 1, f"{prefix}{field_name}."))
    return paths


@pytest.mark.parametrize(("name", "query"), PAGINATED, ids=[n for n, _ in PAGINATED])
def test_paginated_queries_validate_with_any_user_fields(name: str, query: PaginatedQuery) -> None:
    paths = all_leaf_paths(query.node_type)
    assert query.document(paths), name
    assert query.document(paths[:1])
    assert query.count_document()
    for json_path in query.json_fields:
        assert query.document([json_path])
