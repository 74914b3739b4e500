"""Client methods about tags."""

from __future__ import annotations

from typing import Any, Literal

from kili.domain.project import ProjectId
from kili.domain.query import ListOrTuple
from kili.domain.tag import TagId
from kili.exceptions import IncompatibleArgumentsError, MissingArgumentError
from kili.presentation.client.arguments import checked
from kili.presentation.client.base import ClientBase
from kili.use_cases.tag import TagUseCases

DEFAULT_TAG_FIELDS = ("id", "organizationId", "label", "checkedForProjects")


class TagClientMethods(ClientBase):
    """Methods of `Kili` about tags."""

    @checked
    def tags(
        self, project_id: str | None = None, fields: ListOrTuple[str] = DEFAULT_TAG_FIELDS
    ) -> list[dict[str, Any]]:
        """Get the tags of your organization, or those attached to a project.

        Args:
            project_id: Only the tags attached to this project.
            fields: Fields of each tag to return, as dotted paths.

        Returns:
            The tags, as dicts with the chosen fields.
        """
        project = ProjectId(project_id) if project_id is not None else None
        return TagUseCases(self.kili_api_gateway).list_tags(project, fields)

    @checked
    def create_tag(self, name: str, color: str | None = None) -> dict[str, Any]:
        """Create a tag of your organization, offered to all its projects.

        Verified, not idempotent: after an answer that is lost, the organization's tags
        are read back and a tag labeled `name` that did not exist before the call is
        taken as the one created; the creation is sent again only if there is none.
        A re-run after the call returned creates a second tag with the same label.

        Args:
            name: Label of the tag.
            color: Color of the tag, such as `"#ff0000"`; the API picks one by default.

        Returns:
            The `id`, `color` and `label` of the new tag.

        Raises:
            PermissionDenied: You are not an admin of the organization.
        """
        return TagUseCases(self.kili_api_gateway).create_tag(name, color)

    @checked
    def update_tag(self, tag_name: str, new_tag_name: str) -> dict[Literal["id"], str]:
        """Rename a tag, for every project of your organization.

        Idempotent: the tag is found by its label and renamed; a retry renames it to
        the same label. A re-run after the call returned no longer finds `tag_name`
        and raises `InvalidArgumentError`, leaving the tag as it is.

        Args:
            tag_name: Current label of the tag.
            new_tag_name: New label.

        Returns:
            A dict with the id of the tag.

        Raises:
            InvalidArgumentError: No tag, or several, is labeled `tag_name`.
            PermissionDenied: You are not an admin of the organization.
        """
        return {"id": TagUseCases(self.kili_api_gateway).update_tag(tag_name, new_tag_name)}

    @checked
    def delete_tag(self, tag_name: str | None = None, tag_id: str | None = None) -> bool:
        """Delete a tag of your organization, detaching it from every project.

        Idempotent: after an answer that is lost, the tags are read back, and the
        deletion is sent again only if the tag is still there. A re-run after the call
        returned raises `NotFound`: the tag is gone.

        Args:
            tag_name: Label of the tag.
            tag_id: Id of the tag, used instead of `tag_name`: needed when several
                tags share a label.

        Returns:
            `True` once the tag is deleted.

        Raises:
            MissingArgumentError: Neither `tag_name` nor `tag_id` is given.
            InvalidArgumentError: No tag, or several, is labeled `tag_name`.
            NotFound: No tag of the organization has the id `tag_id`.
            PermissionDenied: You are not an admin of the organization.
        """
        if tag_name is None and tag_id is None:
            raise MissingArgumentError("delete_tag(): give `tag_name` or `tag_id`.")
        return TagUseCases(self.kili_api_gateway).delete_tag(
            TagId(tag_id) if tag_id is not None else None, tag_name
        )

    @checked
    def tag_project(
        self,
        project_id: str,
        tags: ListOrTuple[str] | None = None,
        tag_ids: ListOrTuple[str] | None = None,
        disable_tqdm: bool | None = None,
    ) -> list[dict[Literal["id"], str]]:
        """Attach tags of your organization to a project.

        Idempotent: a tag already attached is left as it is, so a retry or a re-run
        after a dropped connection attaches only what is missing. Every tag is checked
        before the first one is attached.

        Args:
            project_id: Id of the project.
            tags: Labels of the tags to attach.
            tag_ids: Ids of the tags to attach, used instead of `tags`.
            disable_tqdm: Hide the progress bar.

        Returns:
            A dict with the id of each tag, in order.

        Raises:
            MissingArgumentError: Neither `tags` nor `tag_ids` is given.
            InvalidArgumentError: A label names no tag, or several, or an id names no
                tag of the organization (a `ValueError`, as in the official SDK).
            PermissionDenied: Your role in the project cannot change its settings.
        """
        if tags is None and tag_ids is None:
            raise MissingArgumentError("tag_project(): give `tags` or `tag_ids`.")
        ids = TagUseCases(self.kili_api_gateway).tag_project(
            ProjectId(project_id),
            tag_ids=[TagId(tag_id) for tag_id in tag_ids] if tag_ids is not None else None,
            labels=tags,
            disable_tqdm=self._hide_progress(disable_tqdm),
        )
        return [{"id": tag_id} for tag_id in ids]

    @checked
    def untag_project(
        self,
        project_id: str,
        tags: ListOrTuple[str] | None = None,
        tag_ids: ListOrTuple[str] | None = None,
        all: bool | None = None,
        disable_tqdm: bool | None = None,
    ) -> list[dict[Literal["id"], str]]:
        """Detach tags from a project.

        Idempotent: every tag is checked to be attached before the first is detached;
        after an answer that is lost, the project's tags are read back and a detachment
        is sent again only if the tag is still attached. A re-run after the call
        returned raises `InvalidArgumentError`: the tags are no longer attached.

        Args:
            project_id: Id of the project.
            tags: Labels of the tags to detach.
            tag_ids: Ids of the tags to detach.
            all: `True` to detach every tag of the project.
            disable_tqdm: Hide the progress bar.

        Returns:
            A dict with the id of each tag detached, in order.

        Raises:
            MissingArgumentError: None of `tags`, `tag_ids` and `all=True` is given.
            IncompatibleArgumentsError: More than one of them is given.
            InvalidArgumentError: A tag is not attached to the project, or a label
                names no tag (a `ValueError`, as in the official SDK).
        """
        given = [
            name for name, value in (("tags", tags), ("tag_ids", tag_ids)) if value is not None
        ]
        if all is not None:
            given.append("all")
        if len(given) > 1:
            raise IncompatibleArgumentsError(
                f"untag_project(): give only one of `tags`, `tag_ids` and `all`, not {given}."
            )
        if not given or all is False:
            raise MissingArgumentError(
                "untag_project(): give `tags`, `tag_ids`, or `all=True` to detach every tag."
            )
        ids = TagUseCases(self.kili_api_gateway).untag_project(
            ProjectId(project_id),
            tag_ids=[TagId(tag_id) for tag_id in tag_ids] if tag_ids is not None else None,
            labels=tags,
            disable_tqdm=self._hide_progress(disable_tqdm),
        )
        return [{"id": tag_id} for tag_id in ids]
