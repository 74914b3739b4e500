"""Asset use cases: reads, updates, deletion and moves between queues.

Every method is one thing a client method asks for. The mechanisms live beside: the
import in `kili.use_cases.asset_import`, media downloads in `kili.use_cases.media`,
the resolution of a designation of assets in `kili.use_cases.asset_resolution`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kili.domain.asset import (
    AssetChanges,
    AssetDesignation,
    AssetFilters,
    AssetId,
    AssetStatus,
    AssetToImport,
)
from kili.domain.project import ProjectId
from kili.domain.query import FieldPaths, QueryOptions
from kili.exceptions import InvalidArgumentError
from kili.use_cases.asset_import import AssetImport
from kili.use_cases.asset_resolution import resolve_assets
from kili.use_cases.author_names import AuthorNames
from kili.use_cases.batching import batches, concurrency_of, run_in_batches, wait_until
from kili.use_cases.media import FRAME_INPUT_TYPES, MediaDownloader, default_media_dir
from kili.use_cases.project import ProjectUseCases
from kili.use_cases.step_resolution import asset_filters_with_steps_by_id

if TYPE_CHECKING:
    from kili.use_cases.port import KiliGateway

MUTATION_BATCH_SIZE = 100
"""Assets per write request: the size the API is known to accept for asset mutations."""

PAGE_OF_IDS = 500
"""Asset ids per `idIn` read: one page of the API's largest size."""


class AssetUseCases:
    """Reads and writes of assets."""

    def __init__(self, gateway: KiliGateway) -> None:
        self._gateway = gateway

    def _project_input_type(self, project_id: ProjectId) -> str:
        """Return the input type of the project.

        Raises:
            NotFound: The project does not exist or is not visible.
        """
        project = ProjectUseCases(self._gateway).get_project(project_id, ("inputType",))
        return str(project["inputType"])

    def _with_parsed_labels(
        self, assets: Iterator[dict[str, Any]], project_id: ProjectId
    ) -> Iterator[dict[str, Any]]:
        """Replace the `labels` and `latestLabel` of each asset by parsed labels.

        The project's interface is read once, before the first asset is parsed, so that
        a missing project fails at once rather than on iteration.

        Raises:
            NotFound: The project does not exist or is not visible.
            LabelParsingError: A label does not match the project's interface.
        """
        project = ProjectUseCases(self._gateway).get_project(
            project_id, ("inputType", "jsonInterface")
        )
        from kili.utils.labels import parse_labels

        interface, input_type = project.get("jsonInterface") or {}, project["inputType"]

        def parse(asset: dict[str, Any]) -> dict[str, Any]:
            if isinstance(asset.get("labels"), list):
                asset["labels"] = parse_labels(asset["labels"], interface, input_type)
            if isinstance(asset.get("latestLabel"), dict):
                (asset["latestLabel"],) = parse_labels(
                    [asset["latestLabel"]], interface, input_type
                )
            return asset

        return map(parse, assets)

    def list_assets(
        self,
        filters: AssetFilters,
        fields: FieldPaths,
        options: QueryOptions,
        *,
        download_media: bool = False,
        local_media_dir: str | None = None,
        parsed_labels: bool = False,
    ) -> Iterator[dict[str, Any]]:
        """Stream the assets matching `filters`, their media downloaded if asked.

        Args:
            filters: Which assets.
            fields: Fields of each asset.
            options: Paging and progress.
            download_media: Download the media and return local paths instead of URLs.
            local_media_dir: Where the media go; a cache directory by default.
            parsed_labels: Replace `labels` and `latestLabel` by parsed labels.

        Raises:
            InvalidArgumentError: Media are to be downloaded but `fields` lacks `content`
                or `externalId`, which name and locate them; or the label category
                search names a job or category the project does not have; or a step
                filter does not fit the project's workflow (unknown step name, steps on
                a legacy project, groups outside the multi-group workflow).
            IncompatibleArgumentsError: `status_in` with step filters on a workflow
                project.
            NotFound: Labels are to be parsed, or steps resolved, and the project does
                not exist.
        """
        self._check_search(filters)
        filters = asset_filters_with_steps_by_id(self._gateway, filters)
        rows = self._asset_rows(filters, fields, options, download_media, local_media_dir)
        if parsed_labels:
            return self._with_parsed_labels(rows, filters.project_id)
        return rows

    def _asset_rows(
        self,
        filters: AssetFilters,
        fields: FieldPaths,
        options: QueryOptions,
        download_media: bool,
        local_media_dir: str | None,
    ) -> Iterator[dict[str, Any]]:
        names = AuthorNames.requested(fields)
        if not download_media:
            return names.add_to(self._gateway.list_assets(filters, names.query_fields, options))
        missing = [name for name in ("content", "externalId") if name not in fields]
        if missing:
            raise InvalidArgumentError(
                f"download_media=True needs the fields {missing} to locate and name the media;"
                " add them to `fields`."
            )
        input_type = self._project_input_type(filters.project_id)
        query_fields = tuple(names.query_fields)
        frames_added = input_type in FRAME_INPUT_TYPES and "jsonContent" not in fields
        if frames_added:
            query_fields += ("jsonContent",)
        directory = (
            Path(local_media_dir) if local_media_dir else default_media_dir(filters.project_id)
        )
        rows = self._gateway.list_assets(filters, query_fields, options)
        localized = names.add_to(
            MediaDownloader(self._gateway, directory, input_type).localize(rows)
        )
        if frames_added:
            return (_without_empty(row, "jsonContent") for row in localized)
        return localized

    def count_assets(self, filters: AssetFilters) -> int:
        """Count the assets matching `filters`.

        Raises:
            InvalidArgumentError: The label category search names a job or category the
                project does not have, or a step filter does not fit its workflow.
            IncompatibleArgumentsError: `status_in` with step filters on a workflow
                project.
        """
        self._check_search(filters)
        return self._gateway.count_assets(asset_filters_with_steps_by_id(self._gateway, filters))

    def _check_search(self, filters: AssetFilters) -> None:
        if filters.label_category_search is not None:
            ProjectUseCases(self._gateway).check_category_search(
                filters.project_id, filters.label_category_search
            )

    def import_assets(
        self,
        project_id: ProjectId,
        assets: Sequence[AssetToImport],
        *,
        disable_tqdm: bool,
        wait_until_availability: bool,
    ) -> list[AssetId]:
        """Import `assets` into the project, read as its input type says.

        Returns:
            The ids of the assets created, in the order given.

        Raises:
            NotFound: The project does not exist or is not visible.
        """
        importer = AssetImport(
            self._gateway,
            project_id,
            self._project_input_type(project_id),
            max_concurrency=concurrency_of(self._gateway),
        )
        return importer.run(
            assets, disable_tqdm=disable_tqdm, wait_until_availability=wait_until_availability
        )

    def update_assets(
        self,
        assets: AssetDesignation,
        changes: Sequence[AssetChanges],
        *,
        disable_tqdm: bool,
    ) -> list[AssetId]:
        """Apply `changes[i]` to the `i`-th designated asset, in batches.

        Returns:
            The ids of the updated assets.

        Raises:
            NotFound: Some external ids are not in the project.
        """
        asset_ids = resolve_assets(self._gateway, assets)
        updates = [
            change.for_asset(asset_id) for asset_id, change in zip(asset_ids, changes, strict=True)
        ]
        return run_in_batches(
            updates,
            MUTATION_BATCH_SIZE,
            self._gateway.update_properties_in_assets,
            description="Updating assets",
            disable_tqdm=disable_tqdm,
            max_concurrency=concurrency_of(self._gateway),
        )

    def delete_assets(self, assets: AssetDesignation) -> ProjectId | None:
        """Delete the assets and wait until the last one is gone from reads.

        Returns:
            The id of the project, from the designation or from the API's answer.

        Raises:
            NotFound: Some external ids are not in the project.
        """
        asset_ids = resolve_assets(self._gateway, assets)
        project = self._send_in_batches(self._gateway.delete_many_from_dataset, asset_ids)
        project = assets.project_id or project
        if project is not None and asset_ids:
            last = asset_ids[-1]
            wait_until(
                lambda: self.count_assets(AssetFilters(project, asset_id_in=(last,))) == 0,
                what="The deletion of the assets",
            )
        return project

    def add_to_review(self, assets: AssetDesignation) -> tuple[ProjectId | None, list[AssetId]]:
        """Move the labeled ones of the assets to review.

        Returns:
            The project id (`None` when no asset moved) and the ids now to review.
        """
        return self._move(self._gateway.add_to_review, assets, ("TO_REVIEW",))

    def send_back_to_queue(
        self, assets: AssetDesignation
    ) -> tuple[ProjectId | None, list[AssetId]]:
        """Send the assets back to the labeling queue.

        Returns:
            The project id (`None` when the API names none) and the ids now in the queue:
            `ONGOING` for assets with labels, `TODO` for the others.
        """
        return self._move(self._gateway.send_back_to_queue, assets, ("ONGOING", "TODO"))

    def _move(
        self,
        send: Callable[[Sequence[AssetId]], ProjectId | None],
        assets: AssetDesignation,
        statuses: tuple[AssetStatus, ...],
    ) -> tuple[ProjectId | None, list[AssetId]]:
        """Send `asset_ids` in batches through `send`, then read which reached `statuses`.

        The last batch is checked to have taken effect only when the API said that it
        moved something: assets without labels, for instance, never go to review. When
        the project is known, what moved is read back even if the API answered `null`.
        """
        asset_ids = resolve_assets(self._gateway, assets)
        answered: ProjectId | None = None
        last_answer: ProjectId | None = None
        last_batch: Sequence[AssetId] = ()
        for last_batch in batches(asset_ids, MUTATION_BATCH_SIZE):
            last_answer = send(last_batch)
            answered = answered or last_answer
        project = assets.project_id or answered
        if project is None:
            return None, []
        if last_answer is not None:
            wait_until(
                lambda: self._ids_with_status(project, last_batch, statuses) != [],
                what=f"The move of the assets to {' or '.join(statuses)}",
            )
        # The statuses, not the API's answer, say what moved: a retried request that had
        # already been applied answers `null` although its assets did move.
        moved = self._ids_with_status(project, asset_ids, statuses)
        return (project if answered is not None or moved else None), moved

    def _ids_with_status(
        self,
        project_id: ProjectId,
        asset_ids: Sequence[AssetId],
        statuses: tuple[AssetStatus, ...],
    ) -> list[AssetId]:
        found: list[AssetId] = []
        for batch in batches(asset_ids, PAGE_OF_IDS):
            filters = AssetFilters(project_id, asset_id_in=tuple(batch), status_in=statuses)
            rows = self._gateway.list_assets(filters, ("id",), QueryOptions(disable_tqdm=True))
            found.extend(AssetId(row["id"]) for row in rows)
        return found

    def _send_in_batches(
        self, send: Callable[[Sequence[AssetId]], ProjectId | None], asset_ids: Sequence[AssetId]
    ) -> ProjectId | None:
        """Send every batch, several at a time, and return the first project id answered.

        Raises:
            BatchWriteError: A batch failed after others landed; it says which.
        """
        answers = run_in_batches(
            asset_ids,
            MUTATION_BATCH_SIZE,
            lambda batch: [send(batch)],
            description="Deleting assets",
            disable_tqdm=True,
            max_concurrency=concurrency_of(self._gateway),
        )
        return next((answer for answer in answers if answer is not None), None)


def _without_empty(row: dict[str, Any], key: str) -> dict[str, Any]:
    """Drop `key` from `row` when it holds nothing: the user did not ask for it."""
    if not row.get(key):
        row.pop(key, None)
    return row
