"""Project version use cases."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from kili.domain.project import ProjectId
from kili.domain.project_version import ProjectVersionId
from kili.domain.query import FieldPaths, QueryOptions

if TYPE_CHECKING:
    from kili.use_cases.port import KiliGateway


class ProjectVersionUseCases:
    """Reads of a project's versions, and the change of their download link."""

    def __init__(self, gateway: KiliGateway) -> None:
        self._gateway = gateway

    def list_project_versions(
        self, project_id: ProjectId, fields: FieldPaths, options: QueryOptions
    ) -> Iterator[dict[str, Any]]:
        """Stream the versions of `project_id`, oldest first."""
        return self._gateway.list_project_versions(project_id, fields, options)

    def count_project_versions(self, project_id: ProjectId) -> int:
        """Count the versions of `project_id`."""
        return self._gateway.count_project_versions(project_id)

    def update_content(
        self, project_version_id: ProjectVersionId, content: str | None
    ) -> dict[str, Any]:
        """Set the download link of a version; `None` clears it."""
        return self._gateway.update_project_version_content(project_version_id, content)
