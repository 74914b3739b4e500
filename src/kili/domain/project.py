"""Projects: ids, input types, roles and filters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NewType

from kili.domain.tag import TagId
from kili.domain.user import OrganizationId

ProjectId = NewType("ProjectId", str)

InputType = Literal[
    "AUDIO",
    "FRAME",
    "GEOSPATIAL",
    "IMAGE",
    "LLM_INSTR_FOLLOWING",
    "LLM_RLHF",
    "LLM_STATIC",
    "NA",
    "PDF",
    "TEXT",
    "TIME_SERIES",
    "URL",
    "VIDEO",
]
ProjectRole = Literal["ADMIN", "TEAM_MANAGER", "REVIEWER", "LABELER"]
ComplianceTag = Literal["PHI", "PII"]
DemoProjectType = Literal[
    "DEMO_COMPUTER_VISION_TUTORIAL",
    "DEMO_TEXT_TUTORIAL",
    "DEMO_PDF_TUTORIAL",
    "VIDEO_FRAME_OBJECT_TRACKING",
    "DEMO_SEGMENTATION_COCO",
    "DEMO_NER",
    "DEMO_ID_OCR",
    "DEMO_REVIEWS",
    "DEMO_OCR",
    "DEMO_NER_TWEETS",
    "DEMO_PLASTIC",
    "DEMO_CHATBOT",
    "DEMO_PDF",
    "DEMO_ANIMALS",
    "DEMO_LLM",
    "DEMO_LLM_INSTR_FOLLOWING",
    "DEMO_SEGMENTATION",
]
"""Templates a project can be created from, with their data, as the API names them."""


@dataclass(frozen=True)
class ProjectFilters:
    """Which projects to read.

    Attributes:
        id: A single project id.
        search_query: An ILIKE pattern matched against title and description.
        created_at_gte: Created at or after this ISO 8601 date.
        updated_at_gte: Updated at or after this ISO 8601 date.
        updated_at_lte: Updated at or before this ISO 8601 date.
        archived: Only archived (or unarchived) projects.
        starred: Only starred (or unstarred) projects.
        tag_ids: Projects carrying at least one of these tags.
        organization_id: Projects of this organization.
        deleted: Only deleted (or not deleted) projects.
    """

    id: ProjectId | None = None
    search_query: str | None = None
    created_at_gte: str | None = None
    updated_at_gte: str | None = None
    updated_at_lte: str | None = None
    archived: bool | None = None
    starred: bool | None = None
    tag_ids: tuple[TagId, ...] | None = None
    organization_id: OrganizationId | None = None
    deleted: bool | None = None


@dataclass(frozen=True)
class ProjectToCreate:
    """A project as the user describes it before it exists.

    Attributes:
        title: Title shown in the application.
        description: Free text description.
        input_type: Kind of assets the project labels.
        json_interface: The jobs of the project, as a dict.
        compliance_tags: Sensitivity tags of the data.
        from_demo_project: Demo template whose interface and data the project starts with.
        copied_from: Project whose input type, interface, instructions and tags are reused;
            they take precedence over `input_type` and `json_interface`.
        tag_labels: Labels of organization tags to attach to the project.
        pixel_labeling: `GEOSPATIAL` only: label in the image's own pixel grid.
    """

    title: str
    description: str = ""
    input_type: InputType | None = None
    json_interface: dict[str, object] | None = None
    compliance_tags: tuple[ComplianceTag, ...] = ()
    from_demo_project: DemoProjectType | None = None
    copied_from: ProjectId | None = None
    tag_labels: tuple[str, ...] = ()
    pixel_labeling: bool = False


@dataclass(frozen=True)
class ProjectCopy:
    """What a copy of a project takes from its source.

    Attributes:
        source_id: The project to copy.
        title: Title of the copy; `None` means the source's, suffixed " (copy)".
        description: Description of the copy; `None` leaves it empty.
        copy_members: Whether the source's members join the copy with their roles.
        copy_assets: Whether the source's assets are copied.
        copy_labels: Whether the labels of the source's assets are copied (needs both
            `copy_assets` and `copy_members`).
    """

    source_id: ProjectId
    title: str | None = None
    description: str | None = None
    copy_members: bool = True
    copy_assets: bool = False
    copy_labels: bool = False


MetadataType = Literal["string", "number", "date"]


@dataclass(frozen=True)
class ProjectUpdate:
    """New values of a project's settings; `None` leaves a setting unchanged.

    Attributes:
        can_navigate_between_assets: Show the next and previous buttons to labelers.
        can_skip_asset: Show the skip button to labelers.
        compliance_tags: Sensitivity tags of the data.
        consensus_mark: Consensus mark, between 0 and 1.
        consensus_tot_coverage: Percentage of the assets labeled several times, 0 to 100.
        description: Free text description.
        honeypot_mark: Honeypot mark, between 0 and 1.
        instructions: Labeling instructions (a URL or a text).
        json_interface: The jobs of the project.
        min_consensus_size: Labelers per asset for consensus, 1 to 10.
        review_coverage: Percentage of the assets queued for review, 0 to 100.
        should_relaunch_kpi_computation: Ask the API to compute the quality figures again.
        title: Title shown in the application.
        use_honeypot: Whether honeypots are used.
        metadata_properties: Type and visibility of each asset metadata key, complete.
        should_auto_assign: Whether assets are assigned to labelers as they start.
        archived: Whether the project is archived.
    """

    can_navigate_between_assets: bool | None = None
    can_skip_asset: bool | None = None
    compliance_tags: tuple[ComplianceTag, ...] | None = None
    consensus_mark: float | None = None
    consensus_tot_coverage: int | None = None
    description: str | None = None
    honeypot_mark: float | None = None
    instructions: str | None = None
    json_interface: dict[str, object] | None = None
    min_consensus_size: int | None = None
    review_coverage: int | None = None
    should_relaunch_kpi_computation: bool | None = None
    title: str | None = None
    use_honeypot: bool | None = None
    metadata_properties: dict[str, dict[str, object]] | None = None
    should_auto_assign: bool | None = None
    archived: bool | None = None

    def changed(self) -> list[str]:
        """Name the settings this update sets, in the order of `SETTING_FIELDS`."""
        return [name for name in SETTING_FIELDS if getattr(self, name) is not None]


SETTING_FIELDS = {
    "archived": "archived",
    "can_navigate_between_assets": "canNavigateBetweenAssets",
    "can_skip_asset": "canSkipAsset",
    "compliance_tags": "complianceTags",
    "consensus_mark": "consensusMark",
    "consensus_tot_coverage": "consensusTotCoverage",
    "description": "description",
    "honeypot_mark": "honeypotMark",
    "instructions": "instructions",
    "json_interface": "jsonInterface",
    "metadata_properties": "metadataProperties",
    "min_consensus_size": "minConsensusSize",
    "review_coverage": "reviewCoverage",
    "should_auto_assign": "shouldAutoAssign",
    "should_relaunch_kpi_computation": "shouldRelaunchKpiComputation",
    "title": "title",
    "use_honeypot": "useHoneyPot",
}
"""Setting of `ProjectUpdate` -> the API's name for it, in `ProjectData` and `Project`."""


_RANGES = (
    ("consensus_mark", 0, 1),
    ("honeypot_mark", 0, 1),
    ("consensus_tot_coverage", 0, 100),
    ("min_consensus_size", 1, 10),
    ("review_coverage", 0, 100),
)


def project_update_problems(update: ProjectUpdate) -> list[str]:
    """List what the API would refuse in `update`, each naming its argument."""
    problems = []
    for name, low, high in _RANGES:
        value = getattr(update, name)
        if value is not None and not low <= value <= high:
            problems.append(f"`{name}` must be between {low} and {high}, not {value!r}")
    if update.title is not None and not update.title.strip():
        problems.append("`title` must not be empty")
    for key, properties in (update.metadata_properties or {}).items():
        kind = properties.get("type")
        if kind not in ("string", "number", "date"):
            problems.append(
                f"`metadata_properties[{key!r}]['type']` must be 'string', 'number' or "
                f"'date', not {kind!r}"
            )
    return problems
