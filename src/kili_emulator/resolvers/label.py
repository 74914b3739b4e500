"""Label reads: the `labels`/`countLabels` queries, and the Label type's fields.

The "latest label" flags are computed in SQL on read (`store.labels`); label writes
live in `label_mutations`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ariadne import ObjectType, QueryType

from kili_emulator.category_search import category_counts
from kili_emulator.context import Info, context_of
from kili_emulator.render.asset import asset_to_graphql
from kili_emulator.render.label import label_to_graphql
from kili_emulator.resolvers.common import bind_list_and_count, rendered, visible_user
from kili_emulator.store import assets, labels

query = QueryType()
label_type = ObjectType("Label")

bind_list_and_count(query, "labels", "countLabels", labels.LABELS, label_to_graphql)


@label_type.field("author")
def resolve_label_author(label: Mapping[str, Any], info: Info) -> Any:
    """Resolve the user who wrote the label."""
    return visible_user(context_of(info), label["authorId"])


@label_type.field("labelOf")
def resolve_label_asset(label: Mapping[str, Any], info: Info) -> Any:
    """Resolve the asset the label belongs to."""
    row = assets.get_asset(context_of(info), label["assetId"])
    return rendered(asset_to_graphql, row)


@label_type.field("numberOfAnnotations")
def resolve_number_of_annotations(label: Mapping[str, Any], *_: Any) -> int:
    """Count the objects and chosen categories of the label, nested jobs included."""
    return sum(category_counts(label["response"]).values())


@label_type.field("totalSecondsToLabel")
def resolve_total_seconds_to_label(label: Mapping[str, Any], info: Info) -> int:
    """Sum the time its author spent on every label of the same asset."""
    return labels.author_seconds_on_asset(context_of(info).db, label["assetId"], label["authorId"])


BINDABLES = [query, label_type]
