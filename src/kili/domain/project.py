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
    """

    title: str
    description: str = ""
    input_type: InputType | None = None
    json_interface: dict[str, object] | None = None
    compliance_tags: tuple[ComplianceTag, ...] = ()
    from_demo_project: DemoProjectType | None = None
    copied_from: ProjectId | None = None
    tag_labels: tuple[str, ...] = ()
