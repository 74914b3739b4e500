"""Tag use cases: the organization's tags, found by label, and their attachment to projects."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from kili.domain.project import ProjectId
from kili.domain.query import FieldPaths
from kili.domain.tag import TagId
from kili.exceptions import InvalidArgumentError, NotFound
from kili.use_cases.verified_write import write_in_verified_batches

if TYPE_CHECKING:
    from kili.use_cases.port import TagGateway, TagLookup


class ProjectTags:
    """Tags found by label, and the tags of a project, on the narrow `TagLookup` port.

    Creating or copying a project needs only these, so it does not depend on the rest of
    the tag surface.
    """

    def __init__(self, gateway: TagLookup) -> None:
        self._gateway = gateway

    def tag_ids_of_labels(self, labels: Sequence[str]) -> list[TagId]:
        """Return the ids of the organization's tags labeled `labels`, in the same order.

        Raises:
            InvalidArgumentError: Some labels name no tag of the organization (all are
                listed), or one label names several tags, so the tag meant is unknown.
        """
        ids_by_label: dict[str, list[TagId]] = {}
        for tag in self._gateway.list_tags_of_organization(("id", "label")):
            ids_by_label.setdefault(tag["label"], []).append(TagId(tag["id"]))
        unknown = [label for label in labels if label not in ids_by_label]
        if unknown:
            known = sorted(ids_by_label)
            raise InvalidArgumentError(
                f"No tag of your organization has the label(s) {unknown}; "
                f"the organization's tags are {known}. Create the tags first."
            )
        ambiguous = {label: ids_by_label[label] for label in labels if len(ids_by_label[label]) > 1}
        if ambiguous:
            raise InvalidArgumentError(
                f"Several tags of your organization share a label: {ambiguous}"
            )
        return [ids_by_label[label][0] for label in labels]

    def tag_ids_of_project(self, project_id: ProjectId) -> list[TagId]:
        """Return the ids of the tags attached to `project_id`."""
        return [TagId(tag["id"]) for tag in self._gateway.list_tags_of_project(project_id, ("id",))]

    def attach_tags(self, project_id: ProjectId, tag_ids: Iterable[TagId]) -> list[TagId]:
        """Attach each of `tag_ids` once to `project_id`, in order; return the ids attached."""
        unique_ids = list(dict.fromkeys(tag_ids))
        return [self._gateway.check_tag(project_id, tag_id) for tag_id in unique_ids]


class TagUseCases:
    """Tags of the organization: lookups, creation, renaming, deletion, attachment."""

    def __init__(self, gateway: TagGateway) -> None:
        self._gateway = gateway
        self._project_tags = ProjectTags(gateway)

    def tag_ids_of_labels(self, labels: Sequence[str]) -> list[TagId]:
        """Return the ids of the organization's tags labeled `labels`, in the same order."""
        return self._project_tags.tag_ids_of_labels(labels)

    def tag_ids_of_project(self, project_id: ProjectId) -> list[TagId]:
        """Return the ids of the tags attached to `project_id`."""
        return self._project_tags.tag_ids_of_project(project_id)

    def list_tags(self, project_id: ProjectId | None, fields: FieldPaths) -> list[dict[str, Any]]:
        """Return the organization's tags, or those attached to `project_id` if given."""
        if project_id is None:
            return self._gateway.list_tags_of_organization(fields)
        return self._gateway.list_tags_of_project(project_id, fields)

    def tag_project(
        self,
        project_id: ProjectId,
        *,
        tag_ids: Sequence[TagId] | None,
        labels: Sequence[str] | None,
        disable_tqdm: bool,
    ) -> list[TagId]:
        """Attach tags, by id or else by label, to `project_id`; idempotent.

        Tags already attached are left as they are.

        Raises:
            InvalidArgumentError: Some ids name no tag of the organization, or some
                labels name no tag or several (all are listed); nothing is attached then.
        """
        if tag_ids is None:
            tag_ids = self.tag_ids_of_labels(labels or ())
        known = {TagId(tag["id"]) for tag in self._gateway.list_tags_of_organization(("id",))}
        unknown = [tag_id for tag_id in tag_ids if tag_id not in known]
        if unknown:
            raise InvalidArgumentError(f"No tag of your organization has the id(s) {unknown}.")
        attached = set(self.tag_ids_of_project(project_id))

        def attach(tag_id: TagId) -> TagId:
            return tag_id if tag_id in attached else self._gateway.check_tag(project_id, tag_id)

        return _one_by_one(
            tag_ids, attach, description="Tagging project", disable_tqdm=disable_tqdm
        )

    def untag_project(
        self,
        project_id: ProjectId,
        *,
        tag_ids: Sequence[TagId] | None,
        labels: Sequence[str] | None,
        disable_tqdm: bool,
    ) -> list[TagId]:
        """Detach tags, by id or else by label (every tag when neither), from `project_id`.

        Each detachment is verified: after an answer that is lost, the project's tags
        are read back and the detachment is sent again only if the tag is still there.

        Raises:
            InvalidArgumentError: Some tags are not attached to the project (all are
                listed); nothing is detached then.
        """
        if tag_ids is None and labels is not None:
            tag_ids = self.tag_ids_of_labels(labels)
        attached = self.tag_ids_of_project(project_id)
        if tag_ids is None:
            tag_ids = attached
        missing = [tag_id for tag_id in tag_ids if tag_id not in attached]
        if missing:
            raise InvalidArgumentError(
                f"The tag(s) {missing} are not attached to project {project_id}; "
                f"its tags are {attached}."
            )

        def detach(tag_id: TagId) -> TagId:
            detached: list[TagId] = write_in_verified_batches(
                [tag_id],
                1,
                lambda batch: [self._gateway.uncheck_tag(project_id, batch[0])],
                lambda batch, _sent, _known: (
                    {} if batch[0] in self.tag_ids_of_project(project_id) else {0: batch[0]}
                ),
                description=f"Untagging project {project_id}",
                disable_tqdm=True,
                name_item=str,
            )
            return detached[0]

        return _one_by_one(
            list(dict.fromkeys(tag_ids)),
            detach,
            description="Untagging project",
            disable_tqdm=disable_tqdm,
        )

    def create_tag(self, label: str, color: str | None) -> dict[str, Any]:
        """Create a tag of the organization; return its `id`, `color` and `label`.

        After an answer that is lost, the organization's tags are read back: a tag with
        this label that did not exist before the call is the one created.
        """
        before = {tag["id"] for tag in self._gateway.list_tags_of_organization(("id",))}
        created: dict[TagId, dict[str, Any]] = {}

        def send(_batch: Sequence[str]) -> list[TagId]:
            tag = self._gateway.create_tag(label, color)
            created[TagId(tag["id"])] = tag
            return [TagId(tag["id"])]

        def read_back(
            _batch: Sequence[str], _sent_after: datetime, known: Collection[TagId]
        ) -> dict[int, TagId]:
            for tag in self._gateway.list_tags_of_organization(("id", "color", "label")):
                if tag["label"] == label and tag["id"] not in before | set(known):
                    created[TagId(tag["id"])] = tag
                    return {0: TagId(tag["id"])}
            return {}

        (tag_id,) = write_in_verified_batches(
            [label],
            1,
            send,
            read_back,
            description=f"Creating the tag {label!r}",
            disable_tqdm=True,
            name_item=repr,
        )
        return created[tag_id]

    def update_tag(self, label: str, new_label: str) -> TagId:
        """Rename the tag labeled `label` to `new_label`; return its id."""
        (tag_id,) = self.tag_ids_of_labels((label,))
        return self._gateway.update_tag(tag_id, new_label)

    def delete_tag(self, tag_id: TagId | None, label: str | None) -> bool:
        """Delete a tag, by id or else by label, detaching it from every project.

        After an answer that is lost, the organization's tags are read back: the tag
        gone means it was deleted, and the deletion is sent again only otherwise.

        Raises:
            NotFound: No tag of the organization has this id; nothing is sent.
            InvalidArgumentError: The label names no tag, or several.
        """
        if tag_id is None:
            (tag_id,) = self.tag_ids_of_labels((label or "",))
        if not self._has_tag(tag_id):
            raise NotFound(f"No tag of your organization has the id {tag_id!r}.")
        (deleted,) = write_in_verified_batches(
            [tag_id],
            1,
            lambda batch: [self._gateway.delete_tag(batch[0])],
            lambda batch, _sent, _known: {} if self._has_tag(batch[0]) else {0: True},
            description=f"Deleting the tag {tag_id}",
            disable_tqdm=True,
            name_item=str,
        )
        return deleted

    def _has_tag(self, tag_id: TagId) -> bool:
        return any(tag["id"] == tag_id for tag in self._gateway.list_tags_of_organization(("id",)))


def _one_by_one(
    tag_ids: Sequence[TagId],
    send: Callable[[TagId], TagId],
    *,
    description: str,
    disable_tqdm: bool,
) -> list[TagId]:
    """Apply `send` to each tag id in order, with a progress bar; return the results."""
    from tqdm.auto import tqdm

    return [send(tag_id) for tag_id in tqdm(tag_ids, desc=description, disable=disable_tqdm)]
