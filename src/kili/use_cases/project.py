"""Project use cases: what the client asks of projects, expressed on the gateway."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from kili.domain.json_interface import category_search_problem, check_json_interface
from kili.domain.project import (
    SETTING_FIELDS,
    ProjectFilters,
    ProjectId,
    ProjectToCreate,
    ProjectUpdate,
    project_update_problems,
)
from kili.domain.query import FieldPaths, QueryOptions
from kili.exceptions import InvalidArgumentError
from kili.use_cases.project_creation import ProjectCreation
from kili.use_cases.project_lookup import project_by_id
from kili.use_cases.tag import ProjectTags
from kili.use_cases.verified_write import write_in_verified_batches

if TYPE_CHECKING:
    from kili.adapters.kili_api_gateway import KiliAPIGateway


class ProjectUseCases:
    """Reads and writes of projects."""

    def __init__(self, gateway: KiliAPIGateway) -> None:
        self._gateway = gateway

    def list_projects(
        self,
        filters: ProjectFilters,
        fields: FieldPaths,
        options: QueryOptions,
        *,
        tag_labels: Sequence[str] | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Stream the projects matching `filters` and carrying one of the tags labeled so.

        Raises:
            InvalidArgumentError: A tag label names no tag, or several, of the organization.
        """
        return self._gateway.list_projects(self._tagged(filters, tag_labels), fields, options)

    def count_projects(
        self, filters: ProjectFilters, *, tag_labels: Sequence[str] | None = None
    ) -> int:
        """Count the projects matching `filters` and carrying one of the tags labeled so.

        Raises:
            InvalidArgumentError: A tag label names no tag, or several, of the organization.
        """
        return self._gateway.count_projects(self._tagged(filters, tag_labels))

    def _tagged(self, filters: ProjectFilters, tag_labels: Sequence[str] | None) -> ProjectFilters:
        """Add to `filters` the ids of the organization's tags labeled `tag_labels`."""
        if tag_labels is None:
            return filters
        tag_ids = ProjectTags(self._gateway).tag_ids_of_labels(tag_labels)
        return dataclasses.replace(filters, tag_ids=tuple(tag_ids))

    def get_project(self, project_id: ProjectId, fields: FieldPaths) -> dict[str, Any]:
        """Return one project with `fields`.

        Raises:
            NotFound: The project does not exist or is not visible to this user.
        """
        return project_by_id(self._gateway, project_id, fields)

    def check_category_search(self, project_id: ProjectId, search: str) -> None:
        """Refuse a category search naming a job or category the project does not have.

        Such a search can match nothing; it is refused rather than answered by an empty
        result that hides the typo. Reads the project's interface once.

        Raises:
            InvalidArgumentError: The search names an unknown job or category.
            NotFound: The project does not exist.
        """
        interface = self.get_project(project_id, ("jsonInterface",)).get("jsonInterface")
        jobs = interface.get("jobs") if isinstance(interface, dict) else None
        problem = category_search_problem(search, jobs if isinstance(jobs, dict) else {})
        if problem:
            raise InvalidArgumentError(f"Project {project_id}: {problem}.")

    def create_project(self, project: ProjectToCreate) -> ProjectId:
        """Create a project, possibly as a copy of another, tag it, and return its id.

        The creation is verified, never resent blindly (`ProjectCreation`).

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
        return ProjectCreation(self._gateway).run(project)

    def update_project(self, project_id: ProjectId, update: ProjectUpdate) -> dict[str, Any]:
        """Apply `update` and return the project with the fields it changed, and its id.

        Idempotent: every setting is set to a value, so a resend changes nothing more.

        Raises:
            InvalidArgumentError: A value is out of its range, or the interface is not a
                valid Kili interface; nothing is sent.
            NotFound: The project does not exist or is not visible to you.
        """
        problems = project_update_problems(update)
        if problems:
            raise InvalidArgumentError("; ".join(problems) + ".")
        if update.json_interface is not None:
            check_json_interface(update.json_interface)
        fields = [SETTING_FIELDS[name] for name in update.changed()]
        return self._gateway.update_project(project_id, update, (*fields, "id"))

    def delete_project(self, project_id: ProjectId) -> str:
        """Delete the project; after an uncertain attempt, resend only if it still exists.

        Raises:
            NotFound: The project does not exist or is not visible to you.
            UncertainBatchWriteError: The server stayed unreachable.
        """
        (deleted,) = write_in_verified_batches(
            [project_id],
            1,
            lambda _: [self._gateway.delete_project(project_id)],
            lambda ids, _sent_after, _known: (
                {} if self._gateway.count_projects(ProjectFilters(id=ids[0])) else {0: ids[0]}
            ),
            description=f"Deleting the project {project_id}",
            disable_tqdm=True,
            name_item=lambda deleted: f"the project {deleted}",
        )
        return str(deleted)

    def update_project_anonymization(
        self, project_id: ProjectId, should_anonymize: bool
    ) -> ProjectId:
        """Anonymize the members of a project, or stop; idempotent."""
        return self._gateway.update_project_anonymization(project_id, should_anonymize)
