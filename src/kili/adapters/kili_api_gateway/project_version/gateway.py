"""Project version part of the gateway."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kili.adapters.kili_api_gateway.base import GatewayBase
from kili.adapters.kili_api_gateway.project_version.operations import (
    PROJECT_VERSIONS,
    UPDATE_PROJECT_VERSION,
)
from kili.adapters.kili_api_gateway.schema import checked_document
from kili.domain.project import ProjectId
from kili.domain.project_version import ProjectVersionId
from kili.domain.query import FieldPaths, QueryOptions


class ProjectVersionGateway(GatewayBase):
    """Reads of project versions, and the change of their download link."""

    def list_project_versions(
        self, project_id: ProjectId, fields: FieldPaths, options: QueryOptions
    ) -> Iterator[dict[str, Any]]:
        """Yield the versions of `project_id`."""
        return self._list(PROJECT_VERSIONS, {"projectId": project_id}, fields, options)

    def count_project_versions(self, project_id: ProjectId) -> int:
        """Count the versions of `project_id`."""
        return self._count(PROJECT_VERSIONS, {"projectId": project_id})

    def update_project_version_content(
        self, project_version_id: ProjectVersionId, content: str | None
    ) -> dict[str, Any]:
        """Set the download link of a version (idempotent); `None` clears it.

        Returns:
            The version's `content`, `id`, `name` and `projectId`.
        """
        # `content` is sent even when None: an explicit null is how the link is cleared.
        variables = {"id": project_version_id, "content": content}
        data = self.transport.execute(checked_document(UPDATE_PROJECT_VERSION), variables)
        version: dict[str, Any] = data["data"]
        return version
