"""Tag use cases: organization tags found by label and attached to projects."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from kili.domain.project import ProjectId
from kili.domain.tag import TagId
from kili.exceptions import InvalidArgumentError

if TYPE_CHECKING:
    from kili.use_cases.port import TagGateway


class TagUseCases:
    """Lookups of tags and their attachment to projects."""

    def __init__(self, gateway: TagGateway) -> None:
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
