"""Arguments of the label methods turned into domain objects, and their checks.

Shared by the label read and write methods of the client; nothing here sends anything.
"""

from __future__ import annotations

from kili.domain.asset import AssetExternalId, AssetId, AssetStatus
from kili.domain.label import LabelFilters, LabelId, LabelType
from kili.domain.project import ProjectId
from kili.domain.query import ListOrTuple
from kili.domain.step_filters import StatusInStep
from kili.domain.user import UserId
from kili.domain.workflow import StepDesignation, StepId
from kili.exceptions import IncompatibleArgumentsError, InvalidArgumentError, MissingArgumentError
from kili.presentation.client.arguments import normalised_category_search, step_filters
from kili.user_warnings import warn_deprecated

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
    "asset_step_name_in",
    "asset_step_status_in",
    "asset_step_id_in",
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
    asset_external_id_strictly_in: ListOrTuple[str] | None = None,
    asset_step_name_in: ListOrTuple[str] | None = None,
    asset_step_status_in: ListOrTuple[StatusInStep] | None = None,
    asset_group_name_in: ListOrTuple[str] | None = None,
    asset_group_name_not_in: ListOrTuple[str] | None = None,
    asset_step_id_in: ListOrTuple[str] | None = None,
) -> LabelFilters:
    """Build the label filters of the read methods' arguments, checking the search query.

    Raises:
        IncompatibleArgumentsError: Steps are given both by id and by name.
        InvalidArgumentError: A step status is unknown.
    """
    if asset_step_id_in is not None and asset_step_name_in is not None:
        raise IncompatibleArgumentsError(
            "Filters asset_step_id_in and asset_step_name_in both given: use only one of them."
        )
    asset_steps = step_filters(
        {
            "step_name_in": asset_step_name_in,
            "step_id_in": asset_step_id_in,
            "step_status_in": asset_step_status_in,
            "group_name_in": asset_group_name_in,
            "group_name_not_in": asset_group_name_not_in,
        }
    )
    return LabelFilters(
        project_id=ProjectId(project_id),
        asset_id=AssetId(asset_id) if asset_id else None,
        asset_status_in=tuple(asset_status_in) if asset_status_in is not None else None,
        asset_external_id_in=(
            tuple(AssetExternalId(external_id) for external_id in asset_external_id_in)
            if asset_external_id_in is not None
            else None
        ),
        asset_external_id_strictly_in=(
            tuple(AssetExternalId(external_id) for external_id in asset_external_id_strictly_in)
            if asset_external_id_strictly_in
            else None
        ),
        asset_steps=asset_steps,
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


def step_designation(
    step_id: str | None, step_name: str | None, group_name: str | None
) -> StepDesignation | None:
    """Designate the step labels are made in; `None` when no argument names one.

    Raises:
        IncompatibleArgumentsError: `step_id` with `step_name` or `group_name`, or
            `group_name` without `step_name`.
    """
    if step_id is None and step_name is None and group_name is None:
        return None
    if step_id is not None and step_name is not None:
        raise IncompatibleArgumentsError(
            "Provide either step_id, or step_name (with group_name when several groups use"
            " it), but not both"
        )
    if group_name is not None and step_name is None:
        raise IncompatibleArgumentsError(
            "group_name goes with step_name only, not with step_id"
            if step_id is not None
            else "group_name designates the group of step_name: give step_name too"
        )
    return StepDesignation(
        step_id=StepId(step_id) if step_id is not None else None,
        name=step_name,
        group_name=group_name,
    )
