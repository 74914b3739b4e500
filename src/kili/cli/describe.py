"""What `kili project describe` reads and how it prints it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kili.cli.tables import render_table
from kili.domain.asset import AssetStatus
from kili.domain.label import LabelType
from kili.exceptions import NotFound

if TYPE_CHECKING:
    from kili.client import Kili

STATUSES: tuple[AssetStatus, ...] = ("TODO", "ONGOING", "LABELED", "TO_REVIEW", "REVIEWED")
LABEL_TYPES: tuple[LabelType, ...] = ("DEFAULT", "REVIEW", "PREDICTION", "INFERENCE", "AUTOSAVE")

PROJECT_FIELDS = (
    "title",
    "id",
    "description",
    "inputType",
    "numberOfAssets",
    "numberOfRemainingAssets",
    "numberOfReviewedAssets",
    "numberOfSkippedAssets",
    "honeypotMark",
    "consensusMark",
    "numberOfOpenIssues",
    "numberOfSolvedIssues",
    "numberOfOpenQuestions",
    "numberOfSolvedQuestions",
    "roles.role",
    "roles.activated",
    "roles.user.email",
)


def read_description(kili: Kili, project_id: str) -> dict[str, Any]:
    """Read a project, its assets per status, its active members and its label counts.

    Raises:
        NotFound: The project does not exist or is not visible to this user.
    """
    found = kili.projects(project_id=project_id, fields=list(PROJECT_FIELDS), disable_tqdm=True)
    if not found:
        raise NotFound(f"No project has the id {project_id!r}, or it is not visible to you.")
    project = dict(found[0])
    roles = project.pop("roles", None) or []
    project["members"] = [
        {"email": role["user"]["email"], "role": role["role"]}
        for role in roles
        if role.get("activated", True)
    ]
    project["assetsPerStatus"] = {
        status: kili.count_assets(project_id=project_id, status_in=[status]) for status in STATUSES
    }
    project["labelsPerType"] = {
        label_type: kili.count_labels(project_id=project_id, type_in=[label_type])
        for label_type in LABEL_TYPES
    }
    return project


def render_description(project: dict[str, Any], url: str) -> str:
    """Lay out a description read by `read_description` as titled plain tables."""
    total = project.get("numberOfAssets") or 0
    remaining = project.get("numberOfRemainingAssets") or 0
    progress = round((1 - remaining / total) * 100, 1) if total else 0
    sections = [
        ("", [
            ("Title", project["title"]),
            ("Description", project.get("description") or ""),
            ("Id", project["id"]),
            ("Input type", project.get("inputType")),
            ("URL", url),
        ]),
        ("Dataset KPIs", [
            ("Total number of assets", total),
            ("Number of remaining assets", remaining),
            ("Skipped assets", project.get("numberOfSkippedAssets")),
            ("Progress", f"{progress}%"),
        ]),
        ("Assets per status", list(project["assetsPerStatus"].items())),
        ("Labels per type", list(project["labelsPerType"].items())),
        ("Quality KPIs", [
            ("Project consensus", project.get("consensusMark") or "N/A"),
            ("Project honeypot", project.get("honeypotMark") or "N/A"),
            ("Number of reviewed assets", project.get("numberOfReviewedAssets")),
            ("Number of open issues", project.get("numberOfOpenIssues")),
            ("Number of solved issues", project.get("numberOfSolvedIssues")),
            ("Number of open questions", project.get("numberOfOpenQuestions")),
            ("Number of solved questions", project.get("numberOfSolvedQuestions")),
        ]),
        ("Members", [(m["role"], m["email"]) for m in project["members"]] or [("(none)", "")]),
    ]  # fmt: skip
    blocks = []
    for title, rows in sections:
        heading = f"{title}\n{'-' * len(title)}\n" if title else ""
        blocks.append(heading + render_table([], rows, "plain", ("left", "left")))
    return "\n\n".join(blocks)
