"""Arguments of the label methods turned into domain objects, and their checks.

Shared by the label read and write methods of the client; nothing here sends anything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kili.domain.asset import AssetExternalId, AssetId, AssetStatus
from kili.domain.label import LabelFilters, LabelId, LabelType
from kili.domain.project import ProjectId
from kili.domain.query import ListOrTuple
from kili.domain.user import UserId
from kili.exceptions import InvalidArgumentError, MissingArgumentError
from kili.presentation.client.arguments import normalised_category_search
from kili.user_warnings import warn_deprecated

if TYPE_CHECKING:
    pass

DEFAULT_LABEL_FIELDS = (
    "author.email",
    "author.id",
    "id",
    "jsonResponse",
    "labelType",
    "secondsToLabel",
)
DEFAULT_MODEL_LABEL_FIELDS = (
    "author.email",
    "author.id",
    "id",
    "jsonResponse",
    "labelType",
    "modelName",
)
DEFAULT_EXPORT_LABEL_FIELDS = ("author.email", "author.id", "createdAt", "id", "labelType")


LABEL_FILTER_ARGUMENTS = (
    "project_id",
    "asset_id",
    "asset_status_in",
    "asset_external_id_in",
    "author_in",
    "created_at",
    "created_at_gte",
    "created_at_lte",
    "honeypot_mark_gte",
    "honeypot_mark_lte",
    "id_contains",
    "label_id",
    "user_id",
    "category_search",
)
"""Arguments of the model-label readers that `label_filters` takes by the same name."""


def label_filters(
    *,
    project_id: str,
    asset_id: str | None,
    asset_status_in: ListOrTuple[AssetStatus] | None,
    asset_external_id_in: ListOrTuple[str] | None,
    author_in: ListOrTuple[str] | None,
    created_at: str | None,
    created_at_gte: str | None,
    created_at_lte: str | None,
    honeypot_mark_gte: float | None,
    honeypot_mark_lte: float | None,
    id_contains: ListOrTuple[str] | None,
    label_id: str | None,
    type_in: ListOrTuple[LabelType] | None,
    user_id: str | None,
    category_search: str | None,
) -> LabelFilters:
    """Build the label filters of the read methods' arguments, checking the search query."""
    return LabelFilters(
        project_id=ProjectId(project_id),
        asset_id=AssetId(asset_id) if asset_id else None,
        asset_status_in=tuple(asset_status_in) if asset_status_in is not None else None,
        asset_external_id_in=(
            tuple(AssetExternalId(external_id) for external_id in asset_external_id_in)
            if asset_external_id_in is not None
            else None
        ),
        author_in=tuple(author_in) if author_in is not None else None,
        created_at=created_at,
        created_at_gte=created_at_gte,
        created_at_lte=created_at_lte,
        honeypot_mark_gte=honeypot_mark_gte,
        honeypot_mark_lte=honeypot_mark_lte,
        id=LabelId(label_id) if label_id else None,
        id_in=tuple(LabelId(one) for one in id_contains) if id_contains else None,
        type_in=tuple(type_in) if type_in is not None else None,
        user_id=UserId(user_id) if user_id else None,
        search=normalised_category_search(category_search),
    )


def single_model_name(model_name_array: ListOrTuple[str] | None) -> str:
    """Read the model name from the deprecated per-prediction array, warning about it."""
    if not model_name_array:
        raise MissingArgumentError("Give the name of the model with the `model_name` argument.")
    if len(set(model_name_array)) > 1:
        raise InvalidArgumentError(
            "The predictions of one call must come from one model: got "
            f"{', '.join(sorted(set(model_name_array)))}. Make one call per model."
        )
    warn_deprecated("model_name_array is deprecated: give the model once with `model_name`.")
    return model_name_array[0]
