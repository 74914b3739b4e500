"""Explicit refusal of everything the emulator does not implement.

Bound last, this sets a resolver on every field still without one. Root fields
(queries, mutations, subscriptions) answer "<Type>.<field> is not supported by
kili-emulator". Object fields resolve from the dict a resolver returned, and raise
the same error when the key is absent: an unimplemented field never reads as null.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ariadne import SchemaBindable
from graphql import GraphQLObjectType, GraphQLSchema

from kili_emulator.context import Info
from kili_emulator.errors import unsupported


class UnsupportedFieldsFallback(SchemaBindable):
    """Gives every still-unresolved field a resolver that refuses by name."""

    def bind_to_schema(self, schema: GraphQLSchema) -> None:
        """Set the fallback resolvers; must run after every domain bindable."""
        roots = {schema.query_type, schema.mutation_type, schema.subscription_type}
        for graphql_type in schema.type_map.values():
            if not isinstance(graphql_type, GraphQLObjectType):
                continue
            if graphql_type.name.startswith("__"):
                continue
            is_root = graphql_type in roots
            for name, field in graphql_type.fields.items():
                if field.resolve is None:
                    field.resolve = (
                        _refuse(graphql_type.name, name)
                        if is_root
                        else _from_mapping(graphql_type.name, name)
                    )
                if graphql_type is schema.subscription_type and field.subscribe is None:
                    field.subscribe = _refuse(graphql_type.name, name)


def _refuse(type_name: str, field_name: str) -> Any:
    def resolve(*_: Any, **__: Any) -> Any:
        raise unsupported(type_name, field_name)

    return resolve


def _from_mapping(type_name: str, field_name: str) -> Any:
    def resolve(parent: Any, _info: Info, **__: Any) -> Any:
        if isinstance(parent, Mapping) and field_name in parent:
            return parent[field_name]
        raise unsupported(type_name, field_name)

    return resolve
