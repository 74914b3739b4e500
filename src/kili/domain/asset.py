"""Assets: ids, statuses, filters and the descriptions of assets to create or update."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, Literal, NewType, TypeAlias

from kili.domain.label import LabelType
from kili.domain.project import ProjectId
from kili.domain.step_filters import StepFilters
from kili.domain.values import check_external_id, check_mark

AssetId = NewType("AssetId", str)
AssetExternalId = NewType("AssetExternalId", str)

AssetStatus = Literal["TODO", "ONGOING", "LABELED", "TO_REVIEW", "REVIEWED"]

IssueType = Literal["ISSUE", "QUESTION"]
IssueStatus = Literal["OPEN", "SOLVED"]


@dataclass(frozen=True)
class AssetFilters:
    """Which assets of a project to read, count or act on.

    Every attribute left to `None` does not filter. Attributes starting with `label_`
    keep the assets having at least one label that matches all of them at once.

    Attributes:
        project_id: The project the assets belong to.
        asset_id: A single asset.
        asset_id_in: Assets among these ids.
        asset_id_not_in: Assets outside these ids.
        external_id_strictly_in: Assets whose external id is exactly one of these.
        external_id_in: Assets whose external id contains one of these strings.
        status_in: Assets with one of these statuses.
        skipped: Skipped (or not skipped) assets.
        metadata_where: Conditions on the metadata: a value, a list of accepted values,
            or a `[low, high]` range of numbers, per key.
        consensus_mark_gte: Consensus mark at least this.
        consensus_mark_lte: Consensus mark at most this.
        honeypot_mark_gte: Honeypot mark at least this.
        honeypot_mark_lte: Honeypot mark at most this.
        inference_mark_gte: Human/model agreement at least this.
        inference_mark_lte: Human/model agreement at most this.
        created_at_gte: Imported at or after this date.
        created_at_lte: Imported at or before this date.
        updated_at_gte: Updated at or after this date.
        updated_at_lte: Updated at or before this date.
        assignee_in: Assigned to one of these users.
        assignee_not_in: Assigned to none of these users.
        issue_type: Having an issue of this type.
        issue_status: Having an issue with this status.
        label_type_in: Having a label of one of these types.
        label_author_in: Having a label by one of these authors (names).
        label_labeler_in: Having a label by one of these labelers.
        label_labeler_not_in: Having a label by none of these labelers.
        label_reviewer_in: Having a label reviewed by one of these users.
        label_reviewer_not_in: Having a label reviewed by none of these users.
        label_consensus_mark_gte: Having a label with a consensus mark at least this.
        label_consensus_mark_lte: Having a label with a consensus mark at most this.
        label_created_at: Having a label created on this date.
        label_created_at_gte: Having a label created at or after this date.
        label_created_at_lte: Having a label created at or before this date.
        label_honeypot_mark_gte: Having a label with a honeypot mark at least this.
        label_honeypot_mark_lte: Having a label with a honeypot mark at most this.
        label_category_search: Having a label matching this category search query,
            such as ``"JOB.CATEGORY.count > 0"``.
        label_json_response_contains: Having a label whose JSON response contains one of
            these strings.
        steps: Conditions on the current workflow step, the status in it, and its group.
    """

    project_id: ProjectId
    asset_id: AssetId | None = None
    asset_id_in: tuple[AssetId, ...] | None = None
    asset_id_not_in: tuple[AssetId, ...] | None = None
    external_id_strictly_in: tuple[AssetExternalId, ...] | None = None
    external_id_in: tuple[AssetExternalId, ...] | None = None
    status_in: tuple[AssetStatus, ...] | None = None
    skipped: bool | None = None
    metadata_where: Mapping[str, Any] | None = None
    consensus_mark_gte: float | None = None
    consensus_mark_lte: float | None = None
    honeypot_mark_gte: float | None = None
    honeypot_mark_lte: float | None = None
    inference_mark_gte: float | None = None
    inference_mark_lte: float | None = None
    created_at_gte: str | None = None
    created_at_lte: str | None = None
    updated_at_gte: str | None = None
    updated_at_lte: str | None = None
    assignee_in: tuple[str, ...] | None = None
    assignee_not_in: tuple[str, ...] | None = None
    issue_type: IssueType | None = None
    issue_status: IssueStatus | None = None
    label_type_in: tuple[LabelType, ...] | None = None
    label_author_in: tuple[str, ...] | None = None
    label_labeler_in: tuple[str, ...] | None = None
    label_labeler_not_in: tuple[str, ...] | None = None
    label_reviewer_in: tuple[str, ...] | None = None
    label_reviewer_not_in: tuple[str, ...] | None = None
    label_consensus_mark_gte: float | None = None
    label_consensus_mark_lte: float | None = None
    label_created_at: str | None = None
    label_created_at_gte: str | None = None
    label_created_at_lte: str | None = None
    label_honeypot_mark_gte: float | None = None
    label_honeypot_mark_lte: float | None = None
    label_category_search: str | None = None
    label_json_response_contains: tuple[str, ...] | None = None
    steps: StepFilters | None = None


@dataclass(frozen=True)
class PageResolution:
    """Size and rotation of one page of a PDF asset.

    Attributes:
        width: Width of the page.
        height: Height of the page.
        page_number: Number of the page, starting at 1.
        rotation: Rotation of the page in degrees.
    """

    width: float
    height: float
    page_number: int
    rotation: int = 0

    def as_dict(self) -> dict[str, Any]:
        """Return the page as the API describes it; a zero rotation is left out."""
        page: dict[str, Any] = {
            "width": self.width,
            "height": self.height,
            "pageNumber": self.page_number,
        }
        if self.rotation != 0:
            page["rotation"] = self.rotation
        return page


@dataclass(frozen=True)
class Resolution:
    """Size of an image or video asset.

    Attributes:
        width: Width in pixels.
        height: Height in pixels.
    """

    width: float
    height: float


@dataclass(frozen=True)
class AssetToImport:
    """One asset as the user gives it to an import, before files are uploaded.

    Attributes:
        external_id: The user's name of the asset, unique in the project.
        content: A URL, a local file path, a text (text projects), or a dict or list
            (LLM projects), sent as JSON.
        json_content: Rich text, frame URLs or paths (video projects), or a JSON string.
        multi_layer_content: Layers of a multi-layer image, each a dict with a `path`.
        json_metadata: Metadata shown with the asset.
        is_honeypot: Whether the asset serves as a honeypot.
        id: The id to give to the asset, if the user chose one.
    """

    external_id: AssetExternalId
    content: str | Mapping[str, Any] | list[Any] | None = None
    json_content: Any = None
    multi_layer_content: tuple[Mapping[str, Any], ...] | None = None
    json_metadata: Mapping[str, Any] | None = None
    is_honeypot: bool = False
    id: AssetId | None = None

    def __post_init__(self) -> None:
        """Refuse an external id the import could not look up again."""
        check_external_id(self.external_id, "An external id of an asset to import")


@dataclass(frozen=True)
class AssetToCreate:
    """One asset as the user describes it before it is imported.

    Attributes:
        external_id: The user's name of the asset, unique in the project.
        content: A URL, a text, or the URL of an uploaded local file.
        json_content: The JSON content (rich text, frame URLs, layers), as a string.
        json_metadata: Metadata, as a JSON string.
        is_honeypot: Whether the asset serves as a honeypot.
        id: The id to give to the asset, if the user chose one.
    """

    external_id: AssetExternalId
    content: str = ""
    json_content: str = ""
    json_metadata: str = "{}"
    is_honeypot: bool = False
    id: AssetId | None = None


@dataclass(frozen=True, kw_only=True)
class AssetChanges:
    """New values of the properties of an asset; `None` leaves a property unchanged.

    Attributes:
        external_id: New external id.
        priority: New priority (0 by default on creation).
        json_metadata: New metadata, as a JSON string.
        consensus_mark: New consensus mark, between 0 and 1.
        honeypot_mark: New honeypot mark, between 0 and 1.
        to_be_labeled_by: Emails of the labelers allowed to label the asset; an empty
            tuple lets everyone label it again.
        content: New content.
        json_content: New JSON content, as a string.
        is_used_for_consensus: Whether the asset takes part in consensus.
        is_honeypot: Whether the asset serves as a honeypot.
        resolution: Size of an image or video asset.
        page_resolutions: Size of each page of a PDF asset.
    """

    external_id: AssetExternalId | None = None
    priority: int | None = None
    json_metadata: str | None = None
    consensus_mark: float | None = None
    honeypot_mark: float | None = None
    to_be_labeled_by: tuple[str, ...] | None = None
    content: str | None = None
    json_content: str | None = None
    is_used_for_consensus: bool | None = None
    is_honeypot: bool | None = None
    resolution: Resolution | None = None
    page_resolutions: tuple[PageResolution, ...] | None = None

    def __post_init__(self) -> None:
        """Refuse values the API would store wrongly: blank external ids, marks off [0, 1]."""
        if self.external_id is not None:
            check_external_id(self.external_id, "A new external id")
        check_mark(self.consensus_mark, "A consensus mark")
        check_mark(self.honeypot_mark, "A honeypot mark")

    def for_asset(self, asset_id: AssetId) -> AssetUpdate:
        """Return these changes applied to the asset `asset_id`."""
        values = {change.name: getattr(self, change.name) for change in fields(AssetChanges)}
        return AssetUpdate(asset_id, **values)


@dataclass(frozen=True)
class AssetUpdate(AssetChanges):
    """The changes of one asset, named by its id: what an update request sends.

    Attributes:
        asset_id: The asset to update.
    """

    asset_id: AssetId


@dataclass(frozen=True)
class AssetsById:
    """Assets designated by their ids; the project, when known, is kept for answers.

    Attributes:
        asset_ids: The ids, in the user's order.
        project_id: The project of the assets, when the user gave it.
    """

    asset_ids: tuple[AssetId, ...]
    project_id: ProjectId | None = None

    def __len__(self) -> int:
        return len(self.asset_ids)


@dataclass(frozen=True)
class AssetsByExternalId:
    """Assets designated by their external ids, which mean something only in a project.

    Attributes:
        external_ids: The external ids, in the user's order.
        project_id: The project the external ids belong to.
    """

    external_ids: tuple[AssetExternalId, ...]
    project_id: ProjectId

    def __len__(self) -> int:
        return len(self.external_ids)


AssetDesignation: TypeAlias = AssetsById | AssetsByExternalId
"""Which assets a write acts on: their ids, or their external ids within a project.

Built at the presentation boundary, where the user's argument names are known;
resolved into ids by `kili.use_cases.asset_resolution.resolve_assets`.
"""
