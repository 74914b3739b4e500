"""Client methods about project versions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal, overload

from kili.domain.project import ProjectId
from kili.domain.project_version import ProjectVersionId
from kili.domain.query import ListOrTuple
from kili.presentation.client.arguments import checked, rows_or_list
from kili.presentation.client.base import ClientBase
from kili.use_cases.project_version import ProjectVersionUseCases

DEFAULT_PROJECT_VERSION_FIELDS = ("createdAt", "id", "content", "name", "projectId")


class ProjectVersionClientMethods(ClientBase):
    """Methods of `Kili` about project versions."""

    @overload
    def project_version(
        self,
        project_id: str,
        first: int | None = None,
        skip: int = 0,
        fields: ListOrTuple[str] = DEFAULT_PROJECT_VERSION_FIELDS,
        disable_tqdm: bool | None = None,
        *,
        as_generator: Literal[True],
    ) -> Iterator[dict[str, Any]]: ...

    @overload
    def project_version(
        self,
        project_id: str,
        first: int | None = None,
        skip: int = 0,
        fields: ListOrTuple[str] = DEFAULT_PROJECT_VERSION_FIELDS,
        disable_tqdm: bool | None = None,
        *,
        as_generator: Literal[False] = False,
    ) -> list[dict[str, Any]]: ...

    @checked
    def project_version(
        self,
        project_id: str,
        first: int | None = None,
        skip: int = 0,
        fields: ListOrTuple[str] = DEFAULT_PROJECT_VERSION_FIELDS,
        disable_tqdm: bool | None = None,
        *,
        as_generator: bool = False,
    ) -> Iterator[dict[str, Any]] | list[dict[str, Any]]:
        """Get the versions of a project, oldest first.

        Args:
            project_id: Id of the project.
            first: Maximum number of versions to return.
            skip: Number of versions to pass over first.
            fields: Fields of each version to return, as dotted paths.
            disable_tqdm: Hide the progress bar.
            as_generator: Return a generator instead of a list.

        Returns:
            The versions, as dicts with the chosen fields.
        """
        options = self._query_options(first, skip, disable_tqdm, as_generator)
        rows = ProjectVersionUseCases(self.kili_api_gateway).list_project_versions(
            ProjectId(project_id), fields, options
        )
        return rows_or_list(rows, as_generator)  # type: ignore[no-any-return]

    @checked
    def count_project_versions(self, project_id: str) -> int:
        """Count the versions of a project.

        Args:
            project_id: Id of the project.

        Returns:
            The number of versions.
        """
        return ProjectVersionUseCases(self.kili_api_gateway).count_project_versions(
            ProjectId(project_id)
        )

    @checked
    def update_properties_in_project_version(
        self, project_version_id: str, content: str | None
    ) -> dict[str, Any]:
        """Set the download link of a project version.

        Idempotent: the link is set to the value given, so a retry after a dropped
        connection, or a re-run, leaves the same link.

        Args:
            project_version_id: Id of the version.
            content: Link to download the version; `None` clears it.

        Returns:
            The version's `content`, `id`, `name` and `projectId`.

        Raises:
            NotFound: No version has this id, or you cannot see its project.
            PermissionDenied: Your role in the project cannot change its settings.
        """
        return ProjectVersionUseCases(self.kili_api_gateway).update_content(
            ProjectVersionId(project_version_id), content
        )
