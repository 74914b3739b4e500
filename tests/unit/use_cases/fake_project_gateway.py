"""An in-memory fake of the project creation port, for the use cases' unit tests.

It holds projects, the organization's tags and the tags attached to each project,
records each call by method name, and can be told to fail chosen creations the way a
network does (`tests.unit.use_cases.faults`).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

from kili.domain.project import ProjectFilters, ProjectId, ProjectToCreate
from kili.domain.query import FieldPaths, QueryOptions
from kili.domain.tag import TagId
from kili.exceptions import GraphQLError
from kili.use_cases.port import ProjectCreationGateway
from tests.unit.use_cases.faults import ScriptedFaults

CURRENT_USER = "me"
"""Id of the user the fake answers as the current one."""


class InMemoryProjectGateway(ScriptedFaults):
    """The project creation port over a list of projects and the organization's tags.

    Attributes:
        projects: The stored projects, as the API lists them, in creation order.
        tags: Label of each tag of the organization, by tag id.
        project_tags: Ids of the tags attached to each project, in order.
    """

    def __init__(self) -> None:
        super().__init__()
        self.projects: list[dict[str, Any]] = []
        self.tags: dict[TagId, str] = {}
        self.project_tags: dict[ProjectId, list[TagId]] = {}

    # --- steering the fake -------------------------------------------------------

    def store(
        self,
        title: str,
        *,
        author: str = CURRENT_USER,
        when: datetime | None = None,
        description: str = "",
        input_type: str | None = "TEXT",
        json_interface: dict[str, object] | None = None,
        instructions: str | None = None,
    ) -> ProjectId:
        """Create a project directly, as another client would; return its id."""
        project_id = ProjectId(f"p{len(self.projects)}")
        self.projects.append(
            {
                "id": project_id,
                "title": title,
                "description": description,
                "inputType": input_type,
                "jsonInterface": json_interface,
                "instructions": instructions,
                "author": {"id": author},
                "createdAt": when or datetime.now(timezone.utc),
            }
        )
        return project_id

    def project(self, project_id: ProjectId) -> dict[str, Any]:
        """The stored project of id `project_id`."""
        return next(row for row in self.projects if row["id"] == project_id)

    # --- the port ----------------------------------------------------------------

    def get_current_user(self, fields: FieldPaths) -> dict[str, Any]:
        self._receive("get_current_user", list(fields))
        return {"id": CURRENT_USER}

    def list_projects(
        self, filters: ProjectFilters, fields: FieldPaths, options: QueryOptions
    ) -> Iterator[dict[str, Any]]:
        self._receive("list_projects", [filters.id or filters.search_query])
        return iter([dict(row) for row in self._matching(filters)])

    def count_projects(self, filters: ProjectFilters) -> int:
        self._receive("count_projects", [filters.id])
        return len(self._matching(filters))

    def create_project(self, project: ProjectToCreate) -> ProjectId:
        fault = self._receive("create_project", [project.title], write=True)
        if fault is not None and fault.commits == 0:
            raise fault.error  # the server never saw the request
        project_id = self.store(
            project.title,
            description=project.description,
            input_type=project.input_type,
            json_interface=project.json_interface,
        )
        if fault is not None:
            raise fault.error
        return project_id

    def update_project_instructions(self, project_id: ProjectId, instructions: str) -> None:
        self._receive("update_project_instructions", [project_id], write=True)
        self.project(project_id)["instructions"] = instructions

    def list_tags_of_organization(self, fields: FieldPaths) -> list[dict[str, Any]]:
        self._receive("list_tags_of_organization", list(fields))
        return [{"id": tag_id, "label": label} for tag_id, label in self.tags.items()]

    def list_tags_of_project(
        self, project_id: ProjectId, fields: FieldPaths
    ) -> list[dict[str, Any]]:
        self._receive("list_tags_of_project", [project_id])
        attached = self.project_tags.get(project_id, [])
        return [{"id": tag_id, "label": self.tags[tag_id]} for tag_id in attached]

    def check_tag(self, project_id: ProjectId, tag_id: TagId) -> TagId:
        self._receive("check_tag", [project_id, tag_id], write=True)
        if tag_id not in self.tags:
            raise GraphQLError(f"No tag {tag_id}", code="NOT_FOUND")
        attached = self.project_tags.setdefault(project_id, [])
        if tag_id not in attached:
            attached.append(tag_id)
        return tag_id

    def _matching(self, filters: ProjectFilters) -> list[dict[str, Any]]:
        since = datetime.fromisoformat(filters.created_at_gte) if filters.created_at_gte else None
        return [
            row
            for row in self.projects
            if (filters.id is None or row["id"] == filters.id)
            and (filters.search_query is None or filters.search_query in row["title"])
            and (since is None or row["createdAt"] >= since)
        ]


def as_port(gateway: InMemoryProjectGateway) -> ProjectCreationGateway:
    """Return the fake typed as the port: `mypy --strict` on this module checks it fits."""
    return gateway
