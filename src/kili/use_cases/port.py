"""The gateway as the use cases see it: the names the layers above may hold it by.

Use cases receive the gateway; they never build it. The client (the composition root,
`kili.client`) builds the adapter and the presentation layer hands it to the use cases,
typed as `KiliGateway`. That name points at the adapter's class for type checkers
only, so that no module of `kili.presentation` imports `kili.adapters`, and the
import-linter contract that forbids it holds without exceptions.

A use case that needs only a few gateway methods names them in a narrow port below (a
`typing.Protocol`): the real gateway satisfies it structurally, and the use case's unit
tests drive it with an in-memory fake of just those methods, with no GraphQL in sight.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from kili.domain.asset import AssetExternalId, AssetFilters, AssetId, AssetToCreate
from kili.domain.label import LabelFilters, LabelId, LabelsToAppend
from kili.domain.project import ProjectFilters, ProjectId, ProjectToCreate
from kili.domain.project_user import ProjectUserFilters
from kili.domain.query import FieldPaths, QueryOptions
from kili.domain.tag import TagId
from kili.domain.workflow import (
    ReviewStepToAdd,
    StepId,
    StepProperties,
    StepType,
    WorkflowChanges,
)

if TYPE_CHECKING:
    from typing import TypeAlias

    from kili.adapters.kili_api_gateway import KiliAPIGateway
    from kili.adapters.kili_api_gateway.subscription.graphql_ws import WebSocketSubscription

    KiliGateway: TypeAlias = KiliAPIGateway
    """The gateway every use case takes unless it names a narrow port."""

    LabelSubscription: TypeAlias = WebSocketSubscription
    """A live subscription to the labels of a project; `close()` ends it."""


class AssetLookup(Protocol):
    """Find assets of a project by external id: what resolving a designation needs."""

    def asset_ids_by_external_id(
        self, project_id: ProjectId, external_ids: Sequence[AssetExternalId]
    ) -> dict[AssetExternalId, list[AssetId]]:
        """Map each of `external_ids` found in the project to the ids of its assets.

        External ids missing from the project are absent from the result.
        """
        ...


class AssetImportGateway(AssetLookup, Protocol):
    """What importing assets needs: existence checks, uploads, creation, look-ups."""

    def existing_external_ids(
        self, project_id: ProjectId, external_ids: Sequence[AssetExternalId]
    ) -> set[AssetExternalId]:
        """Return those of `external_ids` already used by assets of the project."""
        ...

    def upload_local_files(self, project_id: ProjectId, paths: Sequence[Path]) -> list[str]:
        """Upload local files to the project's storage and return the URL of each."""
        ...

    def append_many_assets(
        self, project_id: ProjectId, assets: Sequence[AssetToCreate]
    ) -> list[dict[str, Any]]:
        """Create `assets` in the project and return their `id` and `externalId`.

        Raises:
            UncertainWriteError: The request failed after it may have been applied.
            GraphQLError: The API refused it; code `CONFLICT` when an external id of
                the batch is already used in the project.
        """
        ...


class CurrentUser(Protocol):
    """Read the user the API key belongs to: the author of what a write makes."""

    def get_current_user(self, fields: FieldPaths) -> dict[str, Any]:
        """Return the current user with `fields`."""
        ...


class ProjectLookup(Protocol):
    """Read projects: a project's interface, or those an uncertain creation may have made."""

    def list_projects(
        self, filters: ProjectFilters, fields: FieldPaths, options: QueryOptions
    ) -> Iterator[dict[str, Any]]:
        """Yield the projects matching `filters`, JSON interface decoded."""
        ...


class LabelJobsLookup(ProjectLookup, Protocol):
    """What checking annotations against their projects' interfaces needs."""

    def project_ids_of_assets(self, asset_ids: Sequence[AssetId]) -> dict[AssetId, ProjectId]:
        """Map each of `asset_ids` that exists to the id of its project."""
        ...


class LabelLookup(Protocol):
    """Read labels: those an uncertain label write may have made."""

    def list_labels(
        self, filters: LabelFilters, fields: FieldPaths, options: QueryOptions
    ) -> Iterator[dict[str, Any]]:
        """Yield the labels matching `filters`, `jsonResponse` decoded."""
        ...


class LabelImportGateway(AssetLookup, LabelJobsLookup, LabelLookup, CurrentUser, Protocol):
    """What importing labels needs: asset and interface look-ups, creation, read-back."""

    def append_many_labels(self, batch: LabelsToAppend) -> list[LabelId]:
        """Create the labels of one batch, assets given by id, and return their ids in order.

        Raises:
            UncertainWriteError: The request failed after it may have been applied.
        """
        ...


class TagLookup(Protocol):
    """Find the organization's tags and attach them to projects."""

    def list_tags_of_organization(self, fields: FieldPaths) -> list[dict[str, Any]]:
        """Return every tag of the viewer's organization, with `fields`."""
        ...

    def list_tags_of_project(
        self, project_id: ProjectId, fields: FieldPaths
    ) -> list[dict[str, Any]]:
        """Return the tags attached to `project_id`, with `fields`."""
        ...

    def check_tag(self, project_id: ProjectId, tag_id: TagId) -> TagId:
        """Attach `tag_id` to `project_id` (idempotent) and return the tag id."""
        ...


class TagGateway(TagLookup, Protocol):
    """Everything done to tags: lookups, attachment and detachment, the tags themselves."""

    def uncheck_tag(self, project_id: ProjectId, tag_id: TagId) -> TagId:
        """Detach `tag_id` from `project_id` and return the tag id."""
        ...

    def create_tag(self, label: str, color: str | None) -> dict[str, Any]:
        """Create a tag of the organization; return its `id`, `color` and `label`."""
        ...

    def update_tag(self, tag_id: TagId, label: str) -> TagId:
        """Give the tag `tag_id` the label `label` and return its id."""
        ...

    def delete_tag(self, tag_id: TagId) -> bool:
        """Delete the tag `tag_id`, detaching it from every project."""
        ...


class ProjectCreationGateway(ProjectLookup, CurrentUser, TagLookup, Protocol):
    """What creating a project needs: creation, read-back, copy, tags, instructions."""

    def count_projects(self, filters: ProjectFilters) -> int:
        """Count the projects matching `filters`."""
        ...

    def create_project(self, project: ProjectToCreate) -> ProjectId:
        """Create `project` and return its id.

        Raises:
            UncertainWriteError: The request failed after it may have been applied.
        """
        ...

    def update_project_instructions(self, project_id: ProjectId, instructions: str) -> None:
        """Set the labeling instructions of `project_id`."""
        ...


class MediaGateway(Protocol):
    """Download media files: what copying assets' media locally needs."""

    def download_many_media(self, downloads: Sequence[tuple[str, Path, str]]) -> list[Path]:
        """Download `(url, directory, file_stem)` triples concurrently, in order."""
        ...

    def read_json_file(self, url: str) -> Any:
        """Fetch and decode the JSON document at `url`."""
        ...


class LabelExportGateway(ProjectLookup, MediaGateway, Protocol):
    """What exporting labels needs: the project, its assets page by page, their media."""

    def list_assets(
        self, filters: AssetFilters, fields: FieldPaths, options: QueryOptions
    ) -> Iterator[dict[str, Any]]:
        """Yield the assets matching `filters`, lazily, page by page."""
        ...


class WorkflowGateway(Protocol):
    """What the workflow methods need: the steps, their changes, members and labels."""

    def read_workflow(self, project_id: ProjectId, fields: FieldPaths) -> dict[str, Any] | None:
        """Return the project's `fields` (`steps.*`, `workflowVersion`...), None if none."""
        ...

    def edit_workflow(self, project_id: ProjectId, changes: WorkflowChanges) -> dict[str, Any]:
        """Apply `changes` in one request; return `enforceStepSeparation` and `steps { id }`.

        Raises:
            UncertainWriteError: The request failed after it may have been applied.
        """
        ...

    def add_review_step(self, project_id: ProjectId, step: ReviewStepToAdd) -> list[dict[str, Any]]:
        """Add a review step at the end; return the steps (`id`, `name`, `stepGroupId`).

        Raises:
            UncertainWriteError: The request failed after it may have been applied.
        """
        ...

    def update_step_properties(
        self, project_id: ProjectId, step_type: StepType, properties: StepProperties
    ) -> list[dict[str, Any]]:
        """Set properties of a labeling or review step; return the steps (`id`, `name`)."""
        ...

    def rename_step(
        self, project_id: ProjectId, step_id: StepId, new_name: str
    ) -> list[dict[str, Any]]:
        """Rename a step; return the steps (`id`, `name`)."""
        ...

    def delete_step(self, project_id: ProjectId, step_id: StepId) -> list[dict[str, Any]]:
        """Delete a step; return the remaining steps (`id`, `name`).

        Raises:
            UncertainWriteError: The request failed after it may have been applied.
        """
        ...

    def list_project_users(
        self, filters: ProjectUserFilters, fields: FieldPaths, options: QueryOptions
    ) -> Iterator[dict[str, Any]]:
        """Yield the memberships matching `filters`."""
        ...

    def count_project_users(self, filters: ProjectUserFilters) -> int:
        """Count the memberships matching `filters`."""
        ...

    def count_labels(self, filters: LabelFilters) -> int:
        """Count the labels matching `filters`."""
        ...
