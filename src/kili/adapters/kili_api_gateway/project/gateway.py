"""Project part of the gateway."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kili.adapters.kili_api_gateway.base import GatewayBase
from kili.adapters.kili_api_gateway.json_fields import decode_json_fields
from kili.adapters.kili_api_gateway.project.mappers import (
    create_project_data,
    project_data,
    project_where,
)
from kili.adapters.kili_api_gateway.project.operations import (
    COPY_LABELS,
    COPY_PROJECT,
    CREATE_PROJECT,
    DELETE_PROJECT,
    PROJECTS,
    UPDATE_PROJECT_ANONYMIZATION,
    UPDATE_PROJECT_INSTRUCTIONS,
    update_project_document,
)
from kili.adapters.kili_api_gateway.schema import checked_document
from kili.adapters.kili_api_gateway.selection import selection_set
from kili.domain.project import ProjectFilters, ProjectId, ProjectToCreate, ProjectUpdate
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

    def update_project(
        self, project_id: ProjectId, update: ProjectUpdate, fields: FieldPaths
    ) -> dict[str, Any]:
        """Apply `update` to `project_id` and return the project with `fields`.

        Setting values is idempotent: the transport may resend it.
        """
        document = checked_document(update_project_document(selection_set("Project", fields)))
        variables = {"data": project_data(update), "where": {"id": project_id}}
        project: dict[str, Any] = self.transport.execute(document, variables)["data"]
        return decode_json_fields(project, PROJECTS.json_fields)

    def copy_project(
        self, source_id: ProjectId, *, copy_members: bool, copy_assets: bool
    ) -> ProjectId:
        """Copy `source_id` and return the copy's id; not resent: it would copy twice."""
        data = {"projectId": source_id, "shouldCopyUsers": copy_members}
        data["shouldCopyAssets"] = copy_assets
        answer = self.transport.execute(
            checked_document(COPY_PROJECT), {"data": data}, idempotent=False
        )
        return ProjectId(answer["data"])

    def delete_project(self, project_id: ProjectId) -> str:
        """Delete `project_id`; not resent: a second deletion is refused as `NotFound`."""
        answer = self.transport.execute(
            checked_document(DELETE_PROJECT), {"where": {"id": project_id}}, idempotent=False
        )
        return str(answer["data"])

    def update_project_anonymization(
        self, project_id: ProjectId, should_anonymize: bool
    ) -> ProjectId:
        """Anonymize (or not) the members of `project_id` for its labelers and reviewers."""
        variables = {"input": {"id": project_id, "shouldAnonymize": should_anonymize}}
        answer = self.transport.execute(checked_document(UPDATE_PROJECT_ANONYMIZATION), variables)
        return ProjectId(answer["data"]["id"])

    def copy_labels(
        self, source_asset_id: str, target_asset_id: str, project_id: ProjectId
    ) -> None:
        """Copy the labels of an asset onto an asset of `project_id`; not resent: it adds."""
        data = {"srcAssetId": source_asset_id, "dstAssetId": target_asset_id}
        data["projectId"] = project_id
        self.transport.execute(checked_document(COPY_LABELS), {"data": data}, idempotent=False)
