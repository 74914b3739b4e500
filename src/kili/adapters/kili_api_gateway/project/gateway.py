"""Project part of the gateway."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kili.adapters.kili_api_gateway.base import GatewayBase
from kili.adapters.kili_api_gateway.project.mappers import create_project_data, project_where
from kili.adapters.kili_api_gateway.project.operations import (
    CREATE_PROJECT,
    PROJECTS,
    UPDATE_PROJECT_INSTRUCTIONS,
)
from kili.adapters.kili_api_gateway.schema import checked_document
from kili.domain.project import ProjectFilters, ProjectId, ProjectToCreate
from kili.domain.query import FieldPaths, QueryOptions


class ProjectGateway(GatewayBase):
    """Reads and writes of projects."""

    def list_projects(
        self, filters: ProjectFilters, fields: FieldPaths, options: QueryOptions
    ) -> Iterator[dict[str, Any]]:
        """Yield the projects matching `filters`, JSON interface decoded."""
        return self._list(PROJECTS, project_where(filters), fields, options)

    def count_projects(self, filters: ProjectFilters) -> int:
        """Count the projects matching `filters`."""
        return self._count(PROJECTS, project_where(filters))

    def create_project(self, project: ProjectToCreate) -> ProjectId:
        """Create `project` and return its id.

        Not retried after it may have reached the server: a second project would be made.
        """
        data = self.transport.execute(
            checked_document(CREATE_PROJECT),
            {"data": create_project_data(project)},
            idempotent=False,
        )
        return ProjectId(data["data"]["id"])

    def update_project_instructions(self, project_id: ProjectId, instructions: str) -> None:
        """Set the labeling instructions of `project_id`; repeating it changes nothing more."""
        self.transport.execute(
            checked_document(UPDATE_PROJECT_INSTRUCTIONS),
            {"data": {"instructions": instructions}, "where": {"id": project_id}},
        )
