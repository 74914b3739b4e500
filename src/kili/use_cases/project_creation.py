"""Creation of a project, exactly once: checks first, then a verified write, copy and tags.

`createProject` is not idempotent: a blind resend would make a second project. After a
lost answer, the projects made by the current user since the request was sent are read
back, and the creation is sent again only when none of them is the project asked for.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Sequence
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from kili.domain.json_interface import check_json_interface
from kili.domain.project import ProjectFilters, ProjectId, ProjectToCreate
from kili.domain.query import QueryOptions
from kili.domain.tag import TagId
from kili.exceptions import (
    IncompatibleArgumentsError,
    InvalidArgumentError,
    MissingArgumentError,
)
from kili.use_cases.batching import wait_until
from kili.use_cases.project_lookup import project_by_id
from kili.use_cases.tag import ProjectTags
from kili.use_cases.verified_write import CLOCK_SKEW_SECONDS, write_in_verified_batches

if TYPE_CHECKING:
    from kili.use_cases.port import ProjectCreationGateway

_CREATION_FIELDS = ("id", "title", "description", "inputType", "author.id", "createdAt")
PIXEL_LABELING_CRS_CODE = "PIXEL"
"""The `labelingCRSCode` of a project labeled in its images' own pixel grid."""


class ProjectCreation:
    """Create projects, possibly as copies of others, and tag them.

    Args:
        gateway: Sends the requests.
    """

    def __init__(self, gateway: ProjectCreationGateway) -> None:
        self._gateway = gateway

    def run(self, project: ProjectToCreate) -> ProjectId:
        """Create a project, possibly as a copy of another, tag it, and return its id.

        Everything that can be refused is checked before the project is made: the
        arguments, the tag labels, and the project to copy. The new project is waited
        for until listed, because the follow-up writes need it.

        Raises:
            MissingArgumentError: Neither a project to copy nor a demo template is given,
                and the input type or the interface is missing.
            InvalidArgumentError: A tag label names no tag, or several, of the organization,
                or `json_interface` is not a valid Kili interface.
            NotFound: The project to copy does not exist or is not visible to you.
            VerificationTimeoutError: The created project did not become visible in time.
            UncertainBatchWriteError: The server stayed unreachable; the error says
                whether the project was made.
        """
        _check_project_to_create(project)
        tags = ProjectTags(self._gateway)
        tag_ids = tags.tag_ids_of_labels(project.tag_labels) if project.tag_labels else []
        instructions: str | None = None
        if project.copied_from is not None:
            project, instructions, copied_tag_ids = self._copy_of(project, project.copied_from)
            tag_ids = [*copied_tag_ids, *tag_ids]
        project_id = self._create_exactly_once(project)
        self._wait_until_listed(project_id)
        if instructions:
            self._gateway.update_project_instructions(project_id, instructions)
        if tag_ids:
            tags.attach_tags(project_id, tag_ids)
        return project_id

    def _create_exactly_once(self, project: ProjectToCreate) -> ProjectId:
        """Create `project`; after an uncertain attempt, look for it before sending again.

        The read-back takes projects made since shortly before the send (the margin
        absorbs clock skew), so projects of the same title made just before, by an
        earlier call, are listed first and set aside: they are never taken for this one.
        """
        me = str(self._gateway.get_current_user(("id",))["id"])
        since = datetime.now(timezone.utc) - timedelta(seconds=CLOCK_SKEW_SECONDS)
        earlier = set(self._creations_of(project, me, since))

        def projects_found(
            projects: Sequence[ProjectToCreate], sent_after: datetime, known: Collection[ProjectId]
        ) -> dict[int, ProjectId]:
            taken = {*known, *earlier}
            found: dict[int, ProjectId] = {}
            for position, asked in enumerate(projects):
                candidates = [
                    i for i in self._creations_of(asked, me, sent_after) if i not in taken
                ]
                if candidates:
                    found[position] = candidates[0]
                    taken.add(candidates[0])
            return found

        (project_id,) = write_in_verified_batches(
            [project],
            1,
            lambda _: [self._gateway.create_project(project)],
            projects_found,
            description=f"Creating the project {project.title!r}",
            disable_tqdm=True,
            name_item=lambda created: f"the project {created.title!r}",
        )
        return project_id

    def _creations_of(
        self, project: ProjectToCreate, author_id: str, since: datetime
    ) -> list[ProjectId]:
        """Return the projects looking like `project`, made by `author_id` since `since`.

        A project looks like it when it has the title, description and input type asked
        for; the oldest comes first.
        """
        filters = ProjectFilters(
            search_query=project.title or None, created_at_gte=since.isoformat()
        )
        rows = self._gateway.list_projects(
            filters, _CREATION_FIELDS, QueryOptions(disable_tqdm=True)
        )
        return [
            ProjectId(row["id"])
            for row in sorted(rows, key=lambda row: str(row.get("createdAt")))
            if _is_creation_of(row, project, author_id)
        ]

    def _copy_of(
        self, project: ProjectToCreate, source_id: ProjectId
    ) -> tuple[ProjectToCreate, str | None, list[TagId]]:
        """Read what a copy of `source_id` reuses.

        Returns:
            `project` with the source's input type, interface and labeling mode (pixel
            labeling is set at creation only, so a copy made without it could never get
            it), the source's instructions, and the ids of the source's tags.
        """
        fields = ("inputType", "instructions", "jsonInterface", "geospatialSettings")
        source = project_by_id(self._gateway, source_id, fields)
        tag_ids = ProjectTags(self._gateway).tag_ids_of_project(source_id)
        geospatial_settings = source.get("geospatialSettings") or {}
        copy = dataclasses.replace(
            project,
            input_type=source["inputType"],
            json_interface=source["jsonInterface"],
            pixel_labeling=geospatial_settings.get("labelingCRSCode") == PIXEL_LABELING_CRS_CODE,
        )
        return copy, source.get("instructions"), tag_ids

    def _wait_until_listed(self, project_id: ProjectId) -> None:
        wait_until(
            lambda: self._gateway.count_projects(ProjectFilters(id=project_id)) > 0,
            what=f"The project {project_id}",
        )


def _is_creation_of(row: dict[str, Any], project: ProjectToCreate, author_id: str) -> bool:
    """Whether the listed project `row` is `project`, created by `author_id`."""
    return (
        row.get("title") == project.title
        and (row.get("description") or "") == (project.description or "")
        and (project.input_type is None or row.get("inputType") == project.input_type)
        and (row.get("author") or {}).get("id") == author_id
    )


def _check_project_to_create(project: ProjectToCreate) -> None:
    """Refuse a project the API could not build: it needs a template or both its basics.

    Raises:
        MissingArgumentError: No copy source, no demo template, and `input_type` or
            `json_interface` is missing.
        InvalidArgumentError: `json_interface` is not a valid Kili interface (a copy
            takes its source's interface instead, which is not checked).
    """
    has_template = project.copied_from is not None or project.from_demo_project is not None
    if not has_template and (project.input_type is None or project.json_interface is None):
        raise MissingArgumentError(
            "create_project() needs both `input_type` and `json_interface`, unless "
            "`project_id` (a project to copy) or `from_demo_project` is given"
        )
    if project.json_interface is not None and project.copied_from is None:
        check_json_interface(project.json_interface)
    if project.pixel_labeling:
        _check_pixel_labeling(project)


def _check_pixel_labeling(project: ProjectToCreate) -> None:
    """Refuse a pixel-labeling mode that cannot apply: it is set at creation only.

    Raises:
        IncompatibleArgumentsError: With a project to copy or a demo template.
        InvalidArgumentError: The input type is not `GEOSPATIAL`.
    """
    if project.copied_from is not None:
        raise IncompatibleArgumentsError(
            "`pixel_labeling` cannot be set when copying a project (`project_id`): the copy "
            "keeps the labeling mode of the project it is copied from"
        )
    if project.from_demo_project is not None:
        raise IncompatibleArgumentsError(
            "`pixel_labeling` cannot be set with `from_demo_project`: no demo is geospatial"
        )
    if project.input_type != "GEOSPATIAL":
        raise InvalidArgumentError(
            f"`pixel_labeling` is only available for `GEOSPATIAL` projects, not "
            f"{project.input_type!r}"
        )
