"""All resolvers, bound to the shared SDL into one executable schema.

Each domain module exposes `BINDABLES`; the fallback comes last so that whatever no
domain implements answers an explicit "not supported" error.
"""

from __future__ import annotations

from ariadne import SchemaBindable, make_executable_schema
from graphql import GraphQLSchema

from kili_emulator.resolvers import (
    api_key,
    asset,
    asset_import,
    asset_mutations,
    issue,
    label,
    organization,
    project,
    project_fields,
    project_user,
    scalars,
    upload,
    user,
)
from kili_emulator.resolvers.fallback import UnsupportedFieldsFallback

DOMAINS = (
    scalars,
    user,
    organization,
    api_key,
    project,
    project_fields,
    project_user,
    asset,
    asset_import,
    asset_mutations,
    label,
    issue,
    upload,
)


def domain_bindables() -> list[SchemaBindable]:
    """Return the bindables of every domain, in binding order."""
    return [bindable for domain in DOMAINS for bindable in domain.BINDABLES]


def build_schema(sdl: str, extra: list[SchemaBindable] | None = None) -> GraphQLSchema:
    """Build the executable schema from the shared SDL.

    Args:
        sdl: The contract's SDL text, served as is.
        extra: Further bindables (later domains), bound before the fallback.
    """
    bindables: list[SchemaBindable] = [*domain_bindables(), *(extra or [])]
    return make_executable_schema(sdl, *bindables, UnsupportedFieldsFallback())
