"""Issue use cases: reads, creation exactly once, status changes."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterator, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from kili.domain.asset import AssetId
from kili.domain.issue import IssueFilters, IssueId, IssueStatus, IssueToCreate
from kili.domain.label import LabelFilters, LabelId
from kili.domain.project import ProjectId
from kili.domain.query import FieldPaths, QueryOptions
from kili.exceptions import NotFound
from kili.use_cases.verified_write import write_in_verified_batches

if TYPE_CHECKING:
    from kili.use_cases.port import KiliGateway

ISSUE_BATCH_SIZE = 100
"""Issues opened per request, as the official SDK sends them."""

_READ_BACK_FIELDS = ("id", "createdAt", "assetId", "objectMid", "type", "author.user.id")
_READ_BACK_COMMENT_FIELDS = ("comments.text", "comments.createdAt")


class IssueUseCases:
    """Reads of issues and questions, their creation and their status."""

    def __init__(self, gateway: KiliGateway) -> None:
        self._gateway = gateway

    def list_issues(
        self, filters: IssueFilters, fields: FieldPaths, options: QueryOptions
    ) -> Iterator[dict[str, Any]]:
        """Stream the issues matching `filters`."""
        return self._gateway.list_issues(filters, fields, options)

    def count_issues(self, filters: IssueFilters) -> int:
        """Count the issues matching `filters`."""
        return self._gateway.count_issues(filters)

    def create_issues(
        self, project_id: ProjectId, issues: Sequence[IssueToCreate], *, disable_tqdm: bool
    ) -> list[IssueId]:
        """Open `issues` in `project_id`, in batches, each issue exactly once.

        The labels are looked up first (which gives the asset of each issue), so that
        an unknown label stops the call before anything is created. After an answer
        that is lost, the issues of the batch's assets made by the current user since
        the batch was sent are read back, matched by asset, object, kind and first
        comment, and only the issues not found are sent again.

        Raises:
            NotFound: Some labels do not exist in the project (all are listed).
        """
        asset_of_label = self._assets_of_labels(project_id, [i.label_id for i in issues])
        located = [dataclasses.replace(i, asset_id=asset_of_label[i.label_id]) for i in issues]
        return write_in_verified_batches(
            located,
            ISSUE_BATCH_SIZE,
            lambda batch: self._gateway.create_issues(project_id, batch),
            lambda batch, sent_after, known: self._issues_found(
                project_id, batch, sent_after, known
            ),
            description="Creating issues",
            disable_tqdm=disable_tqdm,
            name_item=lambda issue: f"the issue on label {issue.label_id}",
        )

    def update_issue_status(self, issue_id: IssueId, status: IssueStatus) -> IssueId:
        """Set the status of `issue_id`; return its id."""
        return self._gateway.update_issue_status(issue_id, status)

    def _assets_of_labels(
        self, project_id: ProjectId, label_ids: Sequence[LabelId]
    ) -> dict[LabelId, AssetId]:
        """Map each label to its asset, reading the labels 500 at a time.

        Raises:
            NotFound: Some labels are not labels of `project_id`.
        """
        wanted = list(dict.fromkeys(label_ids))
        found: dict[LabelId, AssetId] = {}
        for start in range(0, len(wanted), 500):
            filters = LabelFilters(project_id=project_id, id_in=tuple(wanted[start : start + 500]))
            rows = self._gateway.list_labels(
                filters, ("id", "labelOf.id"), QueryOptions(disable_tqdm=True)
            )
            found.update({LabelId(row["id"]): AssetId(row["labelOf"]["id"]) for row in rows})
        missing = [label_id for label_id in wanted if label_id not in found]
        if missing:
            raise NotFound(f"No label {missing} in project {project_id}; no issue was created.")
        return found

    def _issues_found(
        self,
        project_id: ProjectId,
        batch: Sequence[IssueToCreate],
        sent_after: datetime,
        known: Collection[IssueId],
    ) -> dict[int, IssueId]:
        """Find the issues of `batch` that an uncertain creation made."""
        me = self._gateway.get_current_user(("id",))["id"]
        filters = IssueFilters(
            project_id=project_id,
            asset_id_in=tuple(dict.fromkeys(i.asset_id for i in batch if i.asset_id)),
        )
        fields = (*_READ_BACK_FIELDS, *_READ_BACK_COMMENT_FIELDS)
        rows = [
            row
            for row in self._gateway.list_issues(filters, fields, QueryOptions(disable_tqdm=True))
            if row["id"] not in known
            and (row.get("author") or {}).get("user", {}).get("id") == me
            and _created_since(row, sent_after)
        ]
        rows.sort(key=lambda row: str(row["createdAt"]))
        found: dict[int, IssueId] = {}
        for position, issue in enumerate(batch):
            for row in rows:
                if _is_creation_of(row, issue):
                    found[position] = IssueId(row["id"])
                    rows.remove(row)
                    break
        return found


def _created_since(row: dict[str, Any], sent_after: datetime) -> bool:
    created = datetime.fromisoformat(str(row["createdAt"]).replace("Z", "+00:00"))
    return created >= sent_after


def _is_creation_of(row: dict[str, Any], issue: IssueToCreate) -> bool:
    comments = sorted(row.get("comments") or [], key=lambda c: str(c.get("createdAt")))
    first_text = comments[0]["text"] if comments else None
    return (
        row["assetId"] == issue.asset_id
        and row.get("objectMid") == issue.object_mid
        and row["type"] == issue.issue_type
        and first_text == issue.text
    )
