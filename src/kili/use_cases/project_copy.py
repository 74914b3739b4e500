"""Copies of projects: settings always; members, assets and labels on request."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import TYPE_CHECKING

from kili.domain.project import ProjectCopy, ProjectFilters, ProjectId, ProjectUpdate
from kili.domain.query import QueryOptions
from kili.exceptions import IncompatibleArgumentsError, InvalidArgumentError
from kili.use_cases.project import ProjectUseCases
from kili.use_cases.verified_write import write_in_verified_batches

if TYPE_CHECKING:
    from kili.adapters.kili_api_gateway import KiliAPIGateway

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

    def copy_project(self, copy: ProjectCopy) -> ProjectId:
        """Copy the source project, title it, and return the copy's id.

        `copyProject` is not idempotent: after an uncertain attempt, the projects with
        the source's title made by the current user since the copy was sent are read
        back, and the copy is sent again only if none is found. The title and the
        description are then set by an idempotent write.

        Raises:
            IncompatibleArgumentsError: The flags contradict each other.
            InvalidArgumentError: The source's input type cannot be copied, or labels are
                asked for (the API has no way to copy them yet).
            NotFound: The source does not exist or is not visible to you.
        """
        check_project_copy(copy)
        projects = ProjectUseCases(self._gateway)
        source = projects.get_project(copy.source_id, ("id", "title", "inputType"))
        if source["inputType"] in UNCOPYABLE_INPUT_TYPES:
            raise InvalidArgumentError(
                f"Projects of input type {source['inputType']} cannot be copied."
            )
        if copy.copy_labels:
            raise InvalidArgumentError(
                "`copy_labels=True` is not available: the API offers no way to copy labels "
                "between projects; copy the assets and import the labels with append_labels."
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
        return copy_id

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
