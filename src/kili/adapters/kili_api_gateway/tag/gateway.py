"""Tag part of the gateway."""

from __future__ import annotations

from typing import Any

from kili.adapters.kili_api_gateway.base import GatewayBase
from kili.adapters.kili_api_gateway.schema import checked_document
from kili.adapters.kili_api_gateway.selection import selection_set
from kili.adapters.kili_api_gateway.tag.operations import (
    CHECK_TAG,
    tags_of_organization_document,
    tags_of_project_document,
)
from kili.domain.project import ProjectId
from kili.domain.query import FieldPaths
from kili.domain.tag import TagId


class TagGateway(GatewayBase):
    """Reads of tags, and their attachment to projects."""

    def list_tags_of_organization(self, fields: FieldPaths) -> list[dict[str, Any]]:
        """Return every tag of the viewer's organization, with `fields`."""
        document = checked_document(tags_of_organization_document(selection_set("Tag", fields)))
        tags: list[dict[str, Any]] = self.transport.execute(document)["data"] or []
        return tags

    def list_tags_of_project(
        self, project_id: ProjectId, fields: FieldPaths
    ) -> list[dict[str, Any]]:
        """Return the tags attached to `project_id`, with `fields`."""
        document = checked_document(tags_of_project_document(selection_set("Tag", fields)))
        data = self.transport.execute(document, {"projectId": project_id})["data"]
        tags: list[dict[str, Any]] = data or []
        return tags

    def check_tag(self, project_id: ProjectId, tag_id: TagId) -> TagId:
        """Attach `tag_id` to `project_id` and return the tag id.

        Retried like a read: attaching a tag twice leaves the project with that tag once.
        """
        variables = {"data": {"projectId": project_id, "tagId": tag_id}}
        data = self.transport.execute(checked_document(CHECK_TAG), variables)
        return TagId(data["data"]["id"])
