"""Labels: ids, types, filters, labels to create and the checks of their annotations."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, NewType

from kili.domain.json_interface import json_response_problem
from kili.domain.values import check_duration

if TYPE_CHECKING:
    # Only for annotations: `kili.domain.asset` imports this module at run time.
    from kili.domain.asset import AssetExternalId, AssetId, AssetStatus
    from kili.domain.project import ProjectId
    from kili.domain.step_filters import StepFilters
    from kili.domain.user import UserId
    from kili.domain.workflow import StepDesignation

LabelId = NewType("LabelId", str)

LabelType = Literal["AUTOSAVE", "DEFAULT", "INFERENCE", "PREDICTION", "REVIEW"]

MODEL_LABEL_TYPES: frozenset[LabelType] = frozenset({"INFERENCE", "PREDICTION"})
"""Label types made by a model, which must name it."""

LabelOutputFormat = Literal["dict", "parsed_label"]
"""How label reads are returned: plain dicts, or parsed label objects."""

FRAME_INPUT_TYPES = frozenset({"FRAME", "VIDEO", "LLM_RLHF"})
"""Input types whose jsonResponse may be keyed by frame (or turn) index, jobs one level down."""


@dataclass(frozen=True)
class LabelFilters:
    """Which labels to read.

    Attributes:
        project_id: The project of the labels; `None` only for reads by label id.
        asset_id: Labels of this asset.
        asset_id_in: Labels of one of these assets.
        asset_status_in: Labels of assets in one of these statuses.
        asset_external_id_in: Labels of assets with one of these external ids.
        asset_external_id_strictly_in: Labels of assets whose external id is exactly one
            of these.
        asset_steps: Labels of assets by their current workflow step, status and group.
        author_in: Labels made by one of these authors (first name, last name or both).
        created_at: Labels created on this date (``YYYY-MM-DD``).
        created_at_gte: Labels created on or after this date.
        created_at_lte: Labels created on or before this date.
        honeypot_mark_gte: Labels whose honeypot mark is at least this.
        honeypot_mark_lte: Labels whose honeypot mark is at most this.
        id: This label only.
        id_in: Labels among these ids.
        type_in: Labels of one of these types.
        user_id: Labels made by this user.
        search: A category search query, already validated and normalised.
    """

    project_id: ProjectId | None
    asset_id: AssetId | None = None
    asset_id_in: tuple[AssetId, ...] | None = None
    asset_status_in: tuple[AssetStatus, ...] | None = None
    asset_external_id_in: tuple[AssetExternalId, ...] | None = None
    asset_external_id_strictly_in: tuple[AssetExternalId, ...] | None = None
    asset_steps: StepFilters | None = None
    author_in: tuple[str, ...] | None = None
    created_at: str | None = None
    created_at_gte: str | None = None
    created_at_lte: str | None = None
    honeypot_mark_gte: float | None = None
    honeypot_mark_lte: float | None = None
    id: LabelId | None = None
    id_in: tuple[LabelId, ...] | None = None
    type_in: tuple[LabelType, ...] | None = None
    user_id: UserId | None = None
    search: str | None = None


@dataclass(frozen=True)
class LabelToCreate:
    """One label as the user describes it, its asset given by id or by external id.

    Attributes:
        json_response: The annotations, as a JSON object.
        asset_id: Internal id of the asset labeled.
        asset_external_id: External id of the asset labeled, resolved before sending.
        author_id: Author of the label; the current user when `None`.
        seconds_to_label: Time spent making the label.
        referenced_label_id: The label a review label reviews.
    """

    json_response: Mapping[str, Any]
    asset_id: AssetId | None = None
    asset_external_id: AssetExternalId | None = None
    author_id: UserId | None = None
    seconds_to_label: float | None = None
    referenced_label_id: LabelId | None = None

    def __post_init__(self) -> None:
        """Refuse a duration the API would store as given: negative, infinite or NaN."""
        check_duration(self.seconds_to_label, "seconds_to_label")


@dataclass(frozen=True)
class LabelsToAppend:
    """Labels created together: they share a type and, for model labels, a model.

    Attributes:
        labels: The labels, in the order the user gave them.
        label_type: Type of every label.
        model_name: Model that made them; required for `PREDICTION` and `INFERENCE`.
        project_id: Project of the assets; needed when assets are given by external id.
        overwrite: Replace the labels of the same type and model already on the assets.
        step: Workflow step the labels are made in; sent by id, so a step given by
            name is resolved against the project's steps first.
    """

    labels: tuple[LabelToCreate, ...]
    label_type: LabelType = "DEFAULT"
    model_name: str | None = None
    project_id: ProjectId | None = None
    overwrite: bool = False
    step: StepDesignation | None = None


def json_response_problem_in(
    json_response: Mapping[str, Any], jobs: Mapping[str, Any], input_type: str | None
) -> str | None:
    """Say what in a label's annotations its project's `jobs` do not allow, or `None`.

    For video-like input types a key made of digits is a frame (or turn) index, whose
    value holds the jobs.
    """
    return json_response_problem(json_response, jobs, frame_keys=input_type in FRAME_INPUT_TYPES)
