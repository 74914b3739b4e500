"""Issues and questions: ids, kinds, statuses, filters and issues to create."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NewType

from kili.domain.asset import AssetId
from kili.domain.label import LabelId
from kili.domain.project import ProjectId

IssueId = NewType("IssueId", str)
IssueType = Literal["ISSUE", "QUESTION"]
IssueStatus = Literal["CANCELLED", "OPEN", "SOLVED"]


@dataclass(frozen=True)
class IssueFilters:
    """Which issues of a project to read.

    Attributes:
        project_id: The project of the issues.
        asset_id: Issues on this asset.
        asset_id_in: Issues on one of these assets.
        issue_type: Issues (`ISSUE`) or questions (`QUESTION`) only.
        status: Issues in this status only.
    """

    project_id: ProjectId
    asset_id: AssetId | None = None
    asset_id_in: tuple[AssetId, ...] | None = None
    issue_type: IssueType | None = None
    status: IssueStatus | None = None


@dataclass(frozen=True)
class IssueToCreate:
    """One issue to open on a label, or on one object of a label.

    Attributes:
        label_id: The label the issue is about.
        object_mid: The annotation (its mid) of the label the issue is about.
        text: Text of the issue's first comment.
        issue_type: `ISSUE`, or `QUESTION`.
        asset_id: The asset of the label; found by the use case from the label.
    """

    label_id: LabelId
    object_mid: str | None = None
    text: str | None = None
    issue_type: IssueType = "ISSUE"
    asset_id: AssetId | None = None
