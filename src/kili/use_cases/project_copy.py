"""Copies of projects: settings always; members, assets and labels on request."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from kili.domain.asset import AssetFilters, AssetId
from kili.domain.label import LabelFilters
from kili.domain.project import ProjectCopy, ProjectFilters, ProjectId, ProjectUpdate
from kili.domain.query import QueryOptions
from kili.exceptions import IncompatibleArgumentsError, InvalidArgumentError
from kili.use_cases.project import ProjectUseCases
from kili.use_cases.verified_write import write_in_verified_batches

if TYPE_CHECKING:
    from kili.adapters.kili_api_gateway import KiliAPIGateway


@dataclass(frozen=True)
class _LabelCopy:
    """The labels of asset `source`, `labels` of them, to copy onto asset `target`."""

    source: str
    target: str
    labels: int


UNCOPYABLE_INPUT_TYPES = ("LLM_INSTR_FOLLOWING", "LLM_RLHF", "LLM_STATIC")
"""Input types whose projects the API cannot copy."""


def check_project_copy(copy: ProjectCopy) -> None:
    """Refuse a copy whose flags contradict each other, before anything is read or sent.

    Raises:
        IncompatibleArgumentsError: Labels asked for without the assets or the members
            they belong to.
    """
    if copy.copy_labels and not (copy.copy_assets and copy.copy_members):
        raise IncompatibleArgumentsError(
            "`copy_labels=True` needs `copy_assets=True` and `copy_members=True`: labels "
            "are copied onto the copied assets, by the copied members"
        )


class ProjectCopyUseCases:
    """Copy a project exactly once, then name it."""

    def __init__(self, gateway: KiliAPIGateway) -> None:
        self._gateway = gateway

    def copy_project(self, copy: ProjectCopy, *, disable_tqdm: bool = True) -> ProjectId:
        """Copy the source project, title it, and return the copy's id.

        `copyProject` is not idempotent: after an uncertain attempt, the projects with
        the source's title made by the current user since the copy was sent are read
        back, and the copy is sent again only if none is found. The title and the
        description are then set by an idempotent write.

        Raises:
            IncompatibleArgumentsError: The flags contradict each other.
            InvalidArgumentError: The source's input type cannot be copied.
            NotFound: The source does not exist or is not visible to you.
        """
        check_project_copy(copy)
        projects = ProjectUseCases(self._gateway)
        source = projects.get_project(copy.source_id, ("id", "title", "inputType"))
        if source["inputType"] in UNCOPYABLE_INPUT_TYPES:
            raise InvalidArgumentError(
                f"Projects of input type {source['inputType']} cannot be copied."
            )
        (copy_id,) = write_in_verified_batches(
            [copy],
            1,
            lambda _: [
                self._gateway.copy_project(
                    copy.source_id, copy_members=copy.copy_members, copy_assets=copy.copy_assets
                )
            ],
            lambda _copies, sent_after, known: self._copy_found(source, sent_after, known),
            description=f"Copying the project {copy.source_id}",
            disable_tqdm=True,
            name_item=lambda item: f"the copy of {item.source_id}",
        )
        title = copy.title or self._free_copy_title(str(source["title"]))
        update = ProjectUpdate(title=title, description=copy.description)
        self._gateway.update_project(copy_id, update, ("id",))
        if copy.copy_labels:
            self._copy_labels(copy.source_id, copy_id, disable_tqdm=disable_tqdm)
        return copy_id

    def _copy_labels(self, source_id: ProjectId, copy_id: ProjectId, *, disable_tqdm: bool) -> None:
        """Copy the labels of each source asset onto the asset with its external id.

        `copyLabels` adds copies each time it runs: after an uncertain attempt, the
        target asset's labels are counted, and the copy is sent again only if they
        are fewer than the source's.
        """
        options = QueryOptions(disable_tqdm=True)
        sources = self._gateway.list_assets(
            AssetFilters(project_id=source_id), ("id", "externalId", "labels.id"), options
        )
        targets = {
            row["externalId"]: row["id"]
            for row in self._gateway.list_assets(
                AssetFilters(project_id=copy_id), ("id", "externalId"), options
            )
        }
        pairs = [
            _LabelCopy(row["id"], targets[row["externalId"]], len(row["labels"]))
            for row in sources
            if row.get("labels")
        ]
        write_in_verified_batches(
            pairs,
            1,
            lambda batch: [self._send_label_copy(batch[0], copy_id)],
            lambda batch, _sent_after, _known: (
                {0: batch[0].target}
                if self._gateway.count_labels(
                    LabelFilters(project_id=copy_id, asset_id=AssetId(batch[0].target))
                )
                >= batch[0].labels
                else {}
            ),
            description="Copying labels",
            disable_tqdm=disable_tqdm,
            name_item=lambda pair: f"the labels of asset {pair.source}",
        )

    def _send_label_copy(self, pair: _LabelCopy, copy_id: ProjectId) -> str:
        self._gateway.copy_labels(pair.source, pair.target, copy_id)
        return pair.target

    def _copy_found(
        self, source: dict[str, object], sent_after: datetime, known: Collection[ProjectId]
    ) -> dict[int, ProjectId]:
        """Find the copy an uncertain `copyProject` made: same title, made by me, since."""
        me = self._gateway.get_current_user(("id",))["id"]
        filters = ProjectFilters(created_at_gte=sent_after.isoformat())
        rows = self._gateway.list_projects(
            filters, ("id", "title", "author.id", "createdAt"), QueryOptions(disable_tqdm=True)
        )
        for row in sorted(rows, key=lambda row: str(row.get("createdAt"))):
            mine = (row.get("author") or {}).get("id") == me
            fresh = row["id"] != source.get("id") and row["id"] not in known
            if mine and fresh and row["title"] == source["title"]:
                return {0: ProjectId(row["id"])}
        return {}

    def _free_copy_title(self, title: str) -> str:
        """Return `<title> (copy)`, or `<title> (copy N)` with the first N not taken."""
        rows = self._gateway.list_projects(
            ProjectFilters(search_query=f"{title}%"), ("title",), QueryOptions(disable_tqdm=True)
        )
        taken = {str(row["title"]) for row in rows}
        candidate, number = f"{title} (copy)", 1
        while candidate in taken:
            candidate, number = f"{title} (copy {number})", number + 1
        return candidate
