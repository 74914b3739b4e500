"""Project use cases: what the client asks of projects, expressed on the gateway."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from kili.domain.project import ProjectFilters, ProjectId, ProjectToCreate
from kili.domain.query import FieldPaths, QueryOptions
from kili.exceptions import NotFound

if TYPE_CHECKING:
    from kili.adapters.kili_api_gateway import KiliAPIGateway


class ProjectUseCases:
    """Reads and writes of projects."""

    def __init__(self, gateway: KiliAPIGateway) -> None:
        self._gateway = gateway

    def list_projects(
        self, filters: ProjectFilters, fields: FieldPaths, options: QueryOptions
    ) -> Iterator[dict[str, Any]]:
        """Stream the projects matching `filters`."""
        return self._gateway.list_projects(filters, fields, options)

    def count_projects(self, filters: ProjectFilters) -> int:
        """Count the projects matching `filters`."""
        return self._gateway.count_projects(filters)

    def get_project(self, project_id: ProjectId, fields: FieldPaths) -> dict[str, Any]:
        """Return one project with `fields`.

        Raises:
            NotFound: The project does not exist or is not visible to this user.
        """
        options = QueryOptions(first=1, disable_tqdm=True)
        for row in self._gateway.list_projects(ProjectFilters(id=project_id), fields, options):
            return row
        raise NotFound(f"No project has the id {project_id!r}, or it is not visible to you.")

    def create_project(self, project: ProjectToCreate) -> ProjectId:
        """Create a project and return its id."""
        return self._gateway.create_project(project)
