"""Tag part of the gateway."""

from __future__ import annotations

from typing import Any

from kili.adapters.kili_api_gateway.base import GatewayBase
from kili.adapters.kili_api_gateway.schema import checked_document
from kili.adapters.kili_api_gateway.selection import selection_set
from kili.adapters.kili_api_gateway.tag.operations import (
    CHECK_TAG,
    CREATE_TAG,
    DELETE_TAG,
    UNCHECK_TAG,
    UPDATE_TAG,
    tags_of_organization_document,
    tags_of_project_document,
)
from kili.adapters.kili_api_gateway.variables import without_none
from kili.domain.project import ProjectId
from kili.domain.query import FieldPaths
from kili.domain.tag import TagId


class TagGateway(GatewayBase):
    """Tags of the organization: reads, creation, renaming, deletion, attachment."""

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

    def uncheck_tag(self, project_id: ProjectId, tag_id: TagId) -> TagId:
        """Detach `tag_id` from `project_id` and return the tag id.

        Not retried blindly: the API refuses to detach a tag that is not attached, so
        a second attempt after a lost answer would fail; the use case reads back instead.
        """
        variables = {"projectId": project_id, "tagId": tag_id}
        data = self.transport.execute(checked_document(UNCHECK_TAG), variables, idempotent=False)
        return TagId(data["data"]["id"])

    def create_tag(self, label: str, color: str | None) -> dict[str, Any]:
        """Create a tag of the organization; return its `id`, `color` and `label`.

        Not idempotent: a second attempt would make a second tag with the same label.
        """
        variables = {"data": without_none({"label": label, "color": color})}
        data = self.transport.execute(checked_document(CREATE_TAG), variables, idempotent=False)
        tag: dict[str, Any] = data["data"]
        return tag

    def update_tag(self, tag_id: TagId, label: str) -> TagId:
        """Rename `tag_id` to `label`; return the id of the renamed tag (idempotent)."""
        variables = {"tagId": tag_id, "data": {"label": label}}
        data = self.transport.execute(checked_document(UPDATE_TAG), variables)
        return TagId(data["data"]["updatedTag"]["id"])

    def delete_tag(self, tag_id: TagId) -> bool:
        """Delete `tag_id`, detaching it from every project; return the API's answer.

        Not retried blindly: a second attempt would not find the tag; the use case
        reads back instead.
        """
        data = self.transport.execute(
            checked_document(DELETE_TAG), {"tagId": tag_id}, idempotent=False
        )
        return bool(data["data"])
