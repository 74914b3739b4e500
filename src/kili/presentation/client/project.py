"""Client methods about projects."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal, overload

from kili.domain.project import (
    ComplianceTag,
    DemoProjectType,
    InputType,
    ProjectFilters,
    ProjectId,
    ProjectToCreate,
)
from kili.domain.query import ListOrTuple
from kili.domain.user import OrganizationId
from kili.presentation.client.arguments import checked, rows_or_list
from kili.presentation.client.base import ClientBase
from kili.use_cases.project import ProjectUseCases

DEFAULT_PROJECT_FIELDS = (
    "consensusTotCoverage",
    "id",
    "inputType",
    "jsonInterface",
    "minConsensusSize",
    "reviewCoverage",
    "roles.id",
    "roles.role",
    "roles.user.email",
    "roles.user.id",
    "title",
)


class ProjectClientMethods(ClientBase):
    """Methods of `Kili` about projects."""

    @checked
    def create_project(
        self,
        title: str,
        description: str = "",
        input_type: InputType | None = None,
        json_interface: dict[str, Any] | None = None,
        project_id: str | None = None,
        tags: ListOrTuple[str] | None = None,
        compliance_tags: ListOrTuple[ComplianceTag] | None = None,
        from_demo_project: DemoProjectType | None = None,
    ) -> dict[Literal["id"], str]:
        """Create a project, from scratch, as a copy of another, or from a demo template.

        Verified, not idempotent: after an answer that is lost, the projects with this
        title, description and input type made by the current user since the request was
        sent are read back, and the project is created again only if none is found. The
        instructions and tags are then set by idempotent writes.

        Tag labels and the project to copy are checked before anything is created, so a
        refused call leaves no half-made project behind.

        Args:
            title: Title of the project.
            description: Description of the project.
            input_type: Kind of assets: `IMAGE`, `PDF`, `TEXT`, `VIDEO`, ... Required
                unless `project_id` or `from_demo_project` is given.
            json_interface: The jobs of the project (its interface), as a dict. Required
                unless `project_id` or `from_demo_project` is given.
            project_id: Id of a project to copy: the new project takes its input type,
                interface, instructions and tags (`input_type` and `json_interface` are
                then ignored). Its assets, labels and members are not copied.
            tags: Labels of tags to attach to the project; they must already exist in
                the organization.
            compliance_tags: Sensitivity of the data: `PHI`, `PII`.
            from_demo_project: A demo template (`DEMO_COMPUTER_VISION_TUTORIAL`,
                `DEMO_NER`, `DEMO_PDF`, ...) whose interface and assets the project gets.

        Returns:
            A dict with the id of the new project.

        Raises:
            MissingArgumentError: `input_type` or `json_interface` is missing while
                neither `project_id` nor `from_demo_project` is given.
            InvalidArgumentError: A label of `tags` names no tag of the organization, or
                several; the message lists the unknown labels. Or `json_interface` is not
                a valid Kili interface (unknown `mlTask`, input or tool, `jobs` or
                categories that are not dicts).
            NotFound: The project to copy does not exist or is not visible to you.
            UncertainBatchWriteError: The server stayed unreachable; the error says
                whether the project was created.
        """
        project = ProjectToCreate(
            title=title,
            description=description,
            input_type=input_type,
            json_interface=json_interface,
            compliance_tags=tuple(compliance_tags or ()),
            from_demo_project=from_demo_project,
            copied_from=ProjectId(project_id) if project_id is not None else None,
            tag_labels=tuple(tags or ()),
        )
        return {"id": ProjectUseCases(self.kili_api_gateway).create_project(project)}

    @overload
    def projects(
        self,
        project_id: str | None = None,
        search_query: str | None = None,
        should_relaunch_kpi_computation: bool | None = None,
        updated_at_gte: str | None = None,
        updated_at_lte: str | None = None,
        archived: bool | None = None,
        starred: bool | None = None,
        tags_in: ListOrTuple[str] | None = None,
        organization_id: str | None = None,
        fields: ListOrTuple[str] = DEFAULT_PROJECT_FIELDS,
        deleted: bool | None = None,
        first: int | None = None,
        skip: int = 0,
        disable_tqdm: bool | None = None,
        *,
        as_generator: Literal[True],
    ) -> Iterator[dict[str, Any]]: ...

    @overload
    def projects(
        self,
        project_id: str | None = None,
        search_query: str | None = None,
        should_relaunch_kpi_computation: bool | None = None,
        updated_at_gte: str | None = None,
        updated_at_lte: str | None = None,
        archived: bool | None = None,
        starred: bool | None = None,
        tags_in: ListOrTuple[str] | None = None,
        organization_id: str | None = None,
        fields: ListOrTuple[str] = DEFAULT_PROJECT_FIELDS,
        deleted: bool | None = None,
        first: int | None = None,
        skip: int = 0,
        disable_tqdm: bool | None = None,
        *,
        as_generator: Literal[False] = False,
    ) -> list[dict[str, Any]]: ...

    @checked
    def projects(
        self,
        project_id: str | None = None,
        search_query: str | None = None,
        should_relaunch_kpi_computation: bool | None = None,
        updated_at_gte: str | None = None,
        updated_at_lte: str | None = None,
        archived: bool | None = None,
        starred: bool | None = None,
        tags_in: ListOrTuple[str] | None = None,
        organization_id: str | None = None,
        fields: ListOrTuple[str] = DEFAULT_PROJECT_FIELDS,
        deleted: bool | None = None,
        first: int | None = None,
        skip: int = 0,
        disable_tqdm: bool | None = None,
        *,
        as_generator: bool = False,
    ) -> Iterator[dict[str, Any]] | list[dict[str, Any]]:
        """Get the projects that match the criteria.

        Args:
            project_id: Only this project.
            search_query: ILIKE pattern matched against the title and the description.
            should_relaunch_kpi_computation: Deprecated and ignored, as by the API.
            updated_at_gte: Only projects updated at or after this ISO 8601 date.
            updated_at_lte: Only projects updated at or before this ISO 8601 date.
            archived: Only archived (`True`) or unarchived (`False`) projects.
            starred: Only starred (`True`) or unstarred (`False`) projects.
            tags_in: Only projects carrying at least one of these tags, by label.
            organization_id: Only projects of this organization.
            fields: Fields of each project to return, as dotted paths.
            deleted: Only deleted (`True`) or not deleted (`False`) projects.
            first: Maximum number of projects to return.
            skip: Number of projects to pass over first.
            disable_tqdm: Hide the progress bar.
            as_generator: Return a generator instead of a list.

        Returns:
            The projects, as dicts with the chosen fields; `jsonInterface` is decoded.
        """
        del should_relaunch_kpi_computation
        filters = self._project_filters(
            project_id=project_id,
            search_query=search_query,
            updated_at_gte=updated_at_gte,
            updated_at_lte=updated_at_lte,
            archived=archived,
            starred=starred,
            organization_id=organization_id,
            deleted=deleted,
        )
        options = self._query_options(first, skip, disable_tqdm, as_generator)
        rows = ProjectUseCases(self.kili_api_gateway).list_projects(
            filters, fields, options, tag_labels=tags_in
        )
        return rows_or_list(rows, as_generator)  # type: ignore[no-any-return]

    @checked
    def count_projects(
        self,
        project_id: str | None = None,
        search_query: str | None = None,
        should_relaunch_kpi_computation: bool | None = None,
        updated_at_gte: str | None = None,
        updated_at_lte: str | None = None,
        archived: bool | None = None,
        deleted: bool | None = None,
        organization_id: str | None = None,
        starred: bool | None = None,
        tags_in: ListOrTuple[str] | None = None,
    ) -> int:
        """Count the projects that match the criteria.

        Args:
            project_id: Only this project.
            search_query: ILIKE pattern matched against the title and the description.
            should_relaunch_kpi_computation: Deprecated and ignored, as by the API.
            updated_at_gte: Only projects updated at or after this ISO 8601 date.
            updated_at_lte: Only projects updated at or before this ISO 8601 date.
            archived: Only archived (`True`) or unarchived (`False`) projects.
            deleted: Only deleted (`True`) or not deleted (`False`) projects.
            organization_id: Only projects of this organization.
            starred: Only starred (`True`) or unstarred (`False`) projects.
            tags_in: Only projects carrying at least one of these tags, by label.

        Returns:
            The number of matching projects.
        """
        del should_relaunch_kpi_computation
        filters = self._project_filters(
            project_id=project_id,
            search_query=search_query,
            updated_at_gte=updated_at_gte,
            updated_at_lte=updated_at_lte,
            archived=archived,
            starred=starred,
            organization_id=organization_id,
            deleted=deleted,
        )
        return ProjectUseCases(self.kili_api_gateway).count_projects(filters, tag_labels=tags_in)

    @staticmethod
    def _project_filters(
        *,
        project_id: str | None,
        search_query: str | None,
        updated_at_gte: str | None,
        updated_at_lte: str | None,
        archived: bool | None,
        starred: bool | None,
        organization_id: str | None,
        deleted: bool | None,
    ) -> ProjectFilters:
        """Build the filters; tags, given by label, are left to the use cases to find."""
        return ProjectFilters(
            id=ProjectId(project_id) if project_id else None,
            search_query=search_query,
            updated_at_gte=updated_at_gte,
            updated_at_lte=updated_at_lte,
            archived=archived,
            starred=starred,
            organization_id=OrganizationId(organization_id) if organization_id else None,
            deleted=deleted,
        )
