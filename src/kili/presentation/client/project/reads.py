"""Client methods reading projects: lists and counts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal, overload

from kili.domain.project import ProjectFilters, ProjectId
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


class ProjectReadMethods(ClientBase):
    """Methods of `Kili` reading projects."""

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
