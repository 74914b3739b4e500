"""All resolvers, bound to the shared SDL into one executable schema.

Each domain module exposes `BINDABLES`; the fallback comes last so that whatever no
domain implements answers an explicit "not supported" error. The operations the
official SDK sends under other names (`kili_emulator.official_names`) extend the
contract and are bound with it.
"""

from __future__ import annotations

from ariadne import SchemaBindable, make_executable_schema
from graphql import DirectiveLocation, GraphQLDirective, GraphQLSchema

from kili_emulator.official_names import OFFICIAL_SDL
from kili_emulator.resolvers import (
    annotation_file,
    api_key,
    asset,
    asset_import,
    asset_mutations,
    asset_skip,
    comment,
    issue,
    issue_mutations,
    label,
    label_mutations,
    notification,
    organization,
    project,
    project_copy,
    project_fields,
    project_user,
    project_version,
    scalars,
    subscription,
    tag,
    upload,
    user,
    workflow,
    workflow_mutations,
)
from kili_emulator.resolvers.fallback import UnsupportedFieldsFallback

DOMAINS = (
    scalars,
    user,
    organization,
    api_key,
    project,
    project_copy,
    project_fields,
    project_user,
    tag,
    asset,
    asset_import,
    asset_mutations,
    asset_skip,
    label,
    label_mutations,
    issue,
    issue_mutations,
    comment,
    notification,
    project_version,
    upload,
    subscription,
    workflow,
    workflow_mutations,
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
    bindables: list[SchemaBindable] = [
        *domain_bindables(),
        *asset_mutations.OFFICIAL_NAME_BINDABLES,
        *asset_import.OFFICIAL_NAME_BINDABLES,
        *project_fields.OFFICIAL_NAME_BINDABLES,
        *annotation_file.OFFICIAL_NAME_BINDABLES,
        *(extra or []),
    ]
    schema = make_executable_schema([sdl, OFFICIAL_SDL], *bindables, UnsupportedFieldsFallback())
    schema.directives = tuple(_as_published_by_kili(d) for d in schema.directives)
    return schema


def _as_published_by_kili(directive: GraphQLDirective) -> GraphQLDirective:
    """Drop directive locations newer than the GraphQL spec Kili's clients know.

    graphql-core 3.3 allows `@deprecated` on directive definitions; clients built on
    graphql-core 3.2 (the official SDK among them) fail to read an introspection result
    that lists the `DIRECTIVE_DEFINITION` location.
    """
    if DirectiveLocation.DIRECTIVE_DEFINITION not in directive.locations:
        return directive
    kwargs = directive.to_kwargs()
    kwargs["locations"] = tuple(
        location
        for location in directive.locations
        if location is not DirectiveLocation.DIRECTIVE_DEFINITION
    )
    return GraphQLDirective(**kwargs)
