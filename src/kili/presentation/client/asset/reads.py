"""Client methods that read assets: lists, counts and media downloads."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Literal, overload

from kili.domain.asset import AssetStatus, IssueStatus, IssueType
from kili.domain.label import LabelOutputFormat, LabelType
from kili.domain.query import ListOrTuple
from kili.domain.step_filters import StatusInStep, StepAndStatus
from kili.exceptions import IncompatibleArgumentsError, InvalidArgumentError, MissingExtraError
from kili.presentation.client.arguments import checked
from kili.presentation.client.asset.arguments import asset_filters
from kili.presentation.client.base import ClientBase
from kili.use_cases.asset import AssetUseCases

if TYPE_CHECKING:
    from pandas import DataFrame
else:  # pandas is an optional extra: the annotation must resolve without it
    DataFrame = Any

ASSET_FORMATS = (None, "pandas")
"""Values of `format`: dicts (`None`), or a pandas DataFrame."""

DEFAULT_ASSET_FIELDS = (
    "content",
    "createdAt",
    "externalId",
    "id",
    "isHoneypot",
    "jsonMetadata",
    "labels.author.id",
    "labels.author.email",
    "labels.createdAt",
    "labels.id",
    "labels.jsonResponse",
    "skipped",
    "status",
)


class AssetReadMethods(ClientBase):
    """Methods of `Kili` that read assets."""

    @overload
    def assets(
        self,
        project_id: str,
        asset_id: str | None = None,
        skip: int = 0,
        fields: ListOrTuple[str] = DEFAULT_ASSET_FIELDS,
        asset_id_in: ListOrTuple[str] | None = None,
        asset_id_not_in: ListOrTuple[str] | None = None,
        consensus_mark_gt: float | None = None,
        consensus_mark_lt: float | None = None,
        disable_tqdm: bool | None = None,
        external_id_contains: ListOrTuple[str] | None = None,
        first: int | None = None,
        format: str | None = None,
        honeypot_mark_gt: float | None = None,
        honeypot_mark_lt: float | None = None,
        label_author_in: ListOrTuple[str] | None = None,
        label_consensus_mark_gt: float | None = None,
        label_consensus_mark_lt: float | None = None,
        label_created_at: str | None = None,
        label_created_at_gt: str | None = None,
        label_created_at_lt: str | None = None,
        label_honeypot_mark_gt: float | None = None,
        label_honeypot_mark_lt: float | None = None,
        label_type_in: ListOrTuple[LabelType] | None = None,
        metadata_where: dict[str, Any] | None = None,
        skipped: bool | None = None,
        status_in: ListOrTuple[AssetStatus] | None = None,
        updated_at_gte: str | None = None,
        updated_at_lte: str | None = None,
        label_category_search: str | None = None,
        download_media: bool = False,
        local_media_dir: str | None = None,
        created_at_gte: str | None = None,
        created_at_lte: str | None = None,
        honeypot_mark_gte: float | None = None,
        honeypot_mark_lte: float | None = None,
        consensus_mark_gte: float | None = None,
        consensus_mark_lte: float | None = None,
        inference_mark_gte: float | None = None,
        inference_mark_lte: float | None = None,
        label_labeler_in: ListOrTuple[str] | None = None,
        label_labeler_not_in: ListOrTuple[str] | None = None,
        label_reviewer_in: ListOrTuple[str] | None = None,
        label_reviewer_not_in: ListOrTuple[str] | None = None,
        assignee_in: ListOrTuple[str] | None = None,
        assignee_not_in: ListOrTuple[str] | None = None,
        label_consensus_mark_gte: float | None = None,
        label_consensus_mark_lte: float | None = None,
        label_created_at_gte: str | None = None,
        label_created_at_lte: str | None = None,
        label_honeypot_mark_gte: float | None = None,
        label_honeypot_mark_lte: float | None = None,
        issue_type: IssueType | None = None,
        issue_status: IssueStatus | None = None,
        external_id_strictly_in: ListOrTuple[str] | None = None,
        external_id_in: ListOrTuple[str] | None = None,
        label_output_format: LabelOutputFormat = "dict",
        *,
        as_generator: Literal[True],
        label_json_response_contains: ListOrTuple[str] | None = None,
        step_name_in: ListOrTuple[str] | None = None,
        step_name_not_in: ListOrTuple[str] | None = None,
        step_status_in: ListOrTuple[StatusInStep] | None = None,
        step_status_not_in: ListOrTuple[StatusInStep] | None = None,
        step_name_and_status_in: ListOrTuple[StepAndStatus] | None = None,
        step_name_and_status_not_in: ListOrTuple[StepAndStatus] | None = None,
        group_name_in: ListOrTuple[str] | None = None,
        group_name_not_in: ListOrTuple[str] | None = None,
        step_id_in: ListOrTuple[str] | None = None,
        step_id_not_in: ListOrTuple[str] | None = None,
        step_id_and_status_in: ListOrTuple[StepAndStatus] | None = None,
        step_id_and_status_not_in: ListOrTuple[StepAndStatus] | None = None,
    ) -> Iterator[dict[str, Any]]: ...

    @overload
    def assets(
        self,
        project_id: str,
        asset_id: str | None = None,
        skip: int = 0,
        fields: ListOrTuple[str] = DEFAULT_ASSET_FIELDS,
        asset_id_in: ListOrTuple[str] | None = None,
        asset_id_not_in: ListOrTuple[str] | None = None,
        consensus_mark_gt: float | None = None,
        consensus_mark_lt: float | None = None,
        disable_tqdm: bool | None = None,
        external_id_contains: ListOrTuple[str] | None = None,
        first: int | None = None,
        format: str | None = None,
        honeypot_mark_gt: float | None = None,
        honeypot_mark_lt: float | None = None,
        label_author_in: ListOrTuple[str] | None = None,
        label_consensus_mark_gt: float | None = None,
        label_consensus_mark_lt: float | None = None,
        label_created_at: str | None = None,
        label_created_at_gt: str | None = None,
        label_created_at_lt: str | None = None,
        label_honeypot_mark_gt: float | None = None,
        label_honeypot_mark_lt: float | None = None,
        label_type_in: ListOrTuple[LabelType] | None = None,
        metadata_where: dict[str, Any] | None = None,
        skipped: bool | None = None,
        status_in: ListOrTuple[AssetStatus] | None = None,
        updated_at_gte: str | None = None,
        updated_at_lte: str | None = None,
        label_category_search: str | None = None,
        download_media: bool = False,
        local_media_dir: str | None = None,
        created_at_gte: str | None = None,
        created_at_lte: str | None = None,
        honeypot_mark_gte: float | None = None,
        honeypot_mark_lte: float | None = None,
        consensus_mark_gte: float | None = None,
        consensus_mark_lte: float | None = None,
        inference_mark_gte: float | None = None,
        inference_mark_lte: float | None = None,
        label_labeler_in: ListOrTuple[str] | None = None,
        label_labeler_not_in: ListOrTuple[str] | None = None,
        label_reviewer_in: ListOrTuple[str] | None = None,
        label_reviewer_not_in: ListOrTuple[str] | None = None,
        assignee_in: ListOrTuple[str] | None = None,
        assignee_not_in: ListOrTuple[str] | None = None,
        label_consensus_mark_gte: float | None = None,
        label_consensus_mark_lte: float | None = None,
        label_created_at_gte: str | None = None,
        label_created_at_lte: str | None = None,
        label_honeypot_mark_gte: float | None = None,
        label_honeypot_mark_lte: float | None = None,
        issue_type: IssueType | None = None,
        issue_status: IssueStatus | None = None,
        external_id_strictly_in: ListOrTuple[str] | None = None,
        external_id_in: ListOrTuple[str] | None = None,
        label_output_format: LabelOutputFormat = "dict",
        *,
        as_generator: Literal[False] = False,
        label_json_response_contains: ListOrTuple[str] | None = None,
        step_name_in: ListOrTuple[str] | None = None,
        step_name_not_in: ListOrTuple[str] | None = None,
        step_status_in: ListOrTuple[StatusInStep] | None = None,
        step_status_not_in: ListOrTuple[StatusInStep] | None = None,
        step_name_and_status_in: ListOrTuple[StepAndStatus] | None = None,
        step_name_and_status_not_in: ListOrTuple[StepAndStatus] | None = None,
        group_name_in: ListOrTuple[str] | None = None,
        group_name_not_in: ListOrTuple[str] | None = None,
        step_id_in: ListOrTuple[str] | None = None,
        step_id_not_in: ListOrTuple[str] | None = None,
        step_id_and_status_in: ListOrTuple[StepAndStatus] | None = None,
        step_id_and_status_not_in: ListOrTuple[StepAndStatus] | None = None,
    ) -> list[dict[str, Any]]: ...

    @checked
    def assets(
        self,
        project_id: str,
        asset_id: str | None = None,
        skip: int = 0,
        fields: ListOrTuple[str] = DEFAULT_ASSET_FIELDS,
        asset_id_in: ListOrTuple[str] | None = None,
        asset_id_not_in: ListOrTuple[str] | None = None,
        consensus_mark_gt: float | None = None,
        consensus_mark_lt: float | None = None,
        disable_tqdm: bool | None = None,
        external_id_contains: ListOrTuple[str] | None = None,
        first: int | None = None,
        format: str | None = None,
        honeypot_mark_gt: float | None = None,
        honeypot_mark_lt: float | None = None,
        label_author_in: ListOrTuple[str] | None = None,
        label_consensus_mark_gt: float | None = None,
        label_consensus_mark_lt: float | None = None,
        label_created_at: str | None = None,
        label_created_at_gt: str | None = None,
        label_created_at_lt: str | None = None,
        label_honeypot_mark_gt: float | None = None,
        label_honeypot_mark_lt: float | None = None,
        label_type_in: ListOrTuple[LabelType] | None = None,
        metadata_where: dict[str, Any] | None = None,
        skipped: bool | None = None,
        status_in: ListOrTuple[AssetStatus] | None = None,
        updated_at_gte: str | None = None,
        updated_at_lte: str | None = None,
        label_category_search: str | None = None,
        download_media: bool = False,
        local_media_dir: str | None = None,
        created_at_gte: str | None = None,
        created_at_lte: str | None = None,
        honeypot_mark_gte: float | None = None,
        honeypot_mark_lte: float | None = None,
        consensus_mark_gte: float | None = None,
        consensus_mark_lte: float | None = None,
        inference_mark_gte: float | None = None,
        inference_mark_lte: float | None = None,
        label_labeler_in: ListOrTuple[str] | None = None,
        label_labeler_not_in: ListOrTuple[str] | None = None,
        label_reviewer_in: ListOrTuple[str] | None = None,
        label_reviewer_not_in: ListOrTuple[str] | None = None,
        assignee_in: ListOrTuple[str] | None = None,
        assignee_not_in: ListOrTuple[str] | None = None,
        label_consensus_mark_gte: float | None = None,
        label_consensus_mark_lte: float | None = None,
        label_created_at_gte: str | None = None,
        label_created_at_lte: str | None = None,
        label_honeypot_mark_gte: float | None = None,
        label_honeypot_mark_lte: float | None = None,
        issue_type: IssueType | None = None,
        issue_status: IssueStatus | None = None,
        external_id_strictly_in: ListOrTuple[str] | None = None,
        external_id_in: ListOrTuple[str] | None = None,
        label_output_format: LabelOutputFormat = "dict",
        *,
        as_generator: bool = False,
        label_json_response_contains: ListOrTuple[str] | None = None,
        step_name_in: ListOrTuple[str] | None = None,
        step_name_not_in: ListOrTuple[str] | None = None,
        step_status_in: ListOrTuple[StatusInStep] | None = None,
        step_status_not_in: ListOrTuple[StatusInStep] | None = None,
        step_name_and_status_in: ListOrTuple[StepAndStatus] | None = None,
        step_name_and_status_not_in: ListOrTuple[StepAndStatus] | None = None,
        group_name_in: ListOrTuple[str] | None = None,
        group_name_not_in: ListOrTuple[str] | None = None,
        step_id_in: ListOrTuple[str] | None = None,
        step_id_not_in: ListOrTuple[str] | None = None,
        step_id_and_status_in: ListOrTuple[StepAndStatus] | None = None,
        step_id_and_status_not_in: ListOrTuple[StepAndStatus] | None = None,
    ) -> Iterator[dict[str, Any]] | list[dict[str, Any]] | DataFrame:
        """Get the assets of a project that match the filters.

        Every filter left to `None` does not filter. Filters named `label_*` keep the
        assets having at least one label that matches all of them at once; the assets
        come back with all their labels, not only the matching ones. Dates are strings
        such as `"2024-01-31"`.

        Args:
            project_id: The project of the assets.
            asset_id: Only this asset.
            skip: Number of assets to pass over first (assets come in import order).
            fields: Fields of each asset to return, as dotted paths such as
                `"labels.author.email"`. JSON fields (`jsonMetadata`,
                `labels.jsonResponse`, `latestLabel.jsonResponse`, `jsonContent`) come
                back decoded.
            asset_id_in: Only assets among these ids.
            asset_id_not_in: Only assets outside these ids.
            consensus_mark_gt: Deprecated: use `consensus_mark_gte`.
            consensus_mark_lt: Deprecated: use `consensus_mark_lte`.
            disable_tqdm: Hide the progress bar.
            external_id_contains: Deprecated: use `external_id_strictly_in`.
            first: Maximum number of assets to return.
            format: `"pandas"` to get a pandas DataFrame (needs `kili[pandas]`).
            honeypot_mark_gt: Deprecated: use `honeypot_mark_gte`.
            honeypot_mark_lt: Deprecated: use `honeypot_mark_lte`.
            label_author_in: Assets with a label by one of these authors, named by first
                name, last name, or both.
            label_consensus_mark_gt: Deprecated: use `label_consensus_mark_gte`.
            label_consensus_mark_lt: Deprecated: use `label_consensus_mark_lte`.
            label_created_at: Assets with a label created on this date.
            label_created_at_gt: Deprecated: use `label_created_at_gte`.
            label_created_at_lt: Deprecated: use `label_created_at_lte`.
            label_honeypot_mark_gt: Deprecated: use `label_honeypot_mark_gte`.
            label_honeypot_mark_lt: Deprecated: use `label_honeypot_mark_lte`.
            label_type_in: Assets with a label of one of these types.
            metadata_where: Conditions on the metadata, per key: a value
                (`{"key": "value"}`), accepted values (`{"key": ["a", "b"]}`), or an
                inclusive range of numbers (`{"key": [2, 10]}`).
            skipped: Only skipped (`True`) or not skipped (`False`) assets.
            status_in: Only assets with one of these statuses: `TODO`, `ONGOING`,
                `LABELED`, `TO_REVIEW`, `REVIEWED`.
            updated_at_gte: Assets updated at or after this date.
            updated_at_lte: Assets updated at or before this date.
            label_category_search: Assets with a label matching a category search such as
                `"JOB.CATEGORY_A.count > 0 OR (JOB_2.B.count >= 2 AND JOB_2.C.count == 0)"`:
                counts of annotations of a category in a job, compared with `==`, `>=`,
                `<=`, `<` or `>`, combined with `AND`, `OR` and parentheses.
            download_media: Download the media of each asset (its content, or the frames
                of a video made of frames) and return local paths instead of URLs.
                Files already there are not downloaded again.
            local_media_dir: Where the media go; a cache directory of the project under
                the user's cache directory by default.
            created_at_gte: Assets imported at or after this date.
            created_at_lte: Assets imported at or before this date.
            honeypot_mark_gte: Assets with a honeypot mark at least this.
            honeypot_mark_lte: Assets with a honeypot mark at most this.
            consensus_mark_gte: Assets with a consensus mark at least this.
            consensus_mark_lte: Assets with a consensus mark at most this.
            inference_mark_gte: Assets whose human/model agreement is at least this.
            inference_mark_lte: Assets whose human/model agreement is at most this.
            label_labeler_in: Assets with a label by one of these labelers.
            label_labeler_not_in: Assets with a label by none of these labelers.
            label_reviewer_in: Assets with a label reviewed by one of these users.
            label_reviewer_not_in: Assets with a label reviewed by none of these users.
            assignee_in: Assets assigned to one of these users.
            assignee_not_in: Assets assigned to none of these users.
            label_consensus_mark_gte: Assets with a label whose consensus mark is at
                least this.
            label_consensus_mark_lte: Assets with a label whose consensus mark is at
                most this.
            label_created_at_gte: Assets with a label created at or after this date.
            label_created_at_lte: Assets with a label created at or before this date.
            label_honeypot_mark_gte: Assets with a label whose honeypot mark is at least
                this.
            label_honeypot_mark_lte: Assets with a label whose honeypot mark is at most
                this.
            issue_type: Assets with an issue of this type: `QUESTION` or `ISSUE`.
            issue_status: Assets with an issue of this status: `OPEN` or `SOLVED`.
            external_id_strictly_in: Assets whose external id is exactly one of these.
            external_id_in: Assets whose external id contains one of these strings:
                `["abc"]` matches `"xabcx"`.
            label_output_format: `"parsed_label"` to get the labels parsed against the
                project's interface instead of as dicts.
            as_generator: Return a generator, read page by page, instead of a list.
            label_json_response_contains: Deprecated: assets with a label whose JSON
                response contains one of these strings.
            step_name_in: Assets currently in a step of one of these names (multi-step
                and multi-group workflows; a name several groups use stands for the step
                of each). Exclusive with `step_id_in`.
            step_name_not_in: Assets in a step of none of these names. Exclusive with
                `step_id_not_in`.
            step_status_in: Assets whose status in their step is one of these: `TO_DO`,
                `IN_PROGRESS`, `PARTIALLY_DONE`, `REWORK`, `DONE`, `SKIPPED` (`DOING`
                and `REDO`, deprecated, stand for `IN_PROGRESS` and `REWORK`).
            step_status_not_in: Assets whose status in their step is none of these.
            step_name_and_status_in: Assets matching one of these `(step name, status)`
                pairs. Exclusive with `step_id_and_status_in`.
            step_name_and_status_not_in: Assets matching none of these pairs.
                Exclusive with `step_id_and_status_not_in`.
            group_name_in: Assets in a step of one of these groups (multi-group
                workflow only).
            group_name_not_in: Assets in a step of none of these groups.
            step_id_in: Assets currently in one of these steps, by id.
            step_id_not_in: Assets currently in none of these steps, by id.
            step_id_and_status_in: Assets matching one of these `(step id, status)`
                pairs.
            step_id_and_status_not_in: Assets matching none of these pairs.

        Returns:
            The assets as dicts with the chosen fields: a list, a generator, or a
            DataFrame.

        Raises:
            IncompatibleArgumentsError: `as_generator=True` together with
                `format="pandas"` (a `ValueError`, as before); a step filter given both by
                id and by name; `status_in` with a step filter on a workflow project.
            InvalidArgumentError: `format` is neither `None` nor `"pandas"`; an unknown
                step status or step name; a step filter on a legacy-workflow project, or
                a group filter outside the multi-group workflow. Nothing is read then.
            MissingExtraError: `format="pandas"` without pandas installed.

        Example:
            ```python
            kili.assets(project_id, status_in=["LABELED"], fields=["id", "externalId"])
            for asset in kili.assets(project_id, as_generator=True):
                ...
            ```
        """
        if format not in ASSET_FORMATS:
            raise InvalidArgumentError(
                f"format={format!r} is not a format of assets: give 'pandas' for a DataFrame,"
                " or leave it to None for dicts."
            )
        if format == "pandas" and as_generator:
            raise IncompatibleArgumentsError(
                'Argument values as_generator==True and format=="pandas" are not compatible.'
            )
        if format == "pandas":
            pandas = _import_pandas()
        filters = asset_filters(project_id, locals())
        options = self._query_options(first, skip, disable_tqdm, as_generator)
        rows = AssetUseCases(self.kili_api_gateway).list_assets(
            filters,
            fields,
            options,
            download_media=download_media,
            local_media_dir=local_media_dir,
            parsed_labels=label_output_format == "parsed_label",
        )
        if format == "pandas":
            frame: DataFrame = pandas.DataFrame(list(rows))
            return frame
        return rows if as_generator else list(rows)

    @checked
    def count_assets(
        self,
        project_id: str,
        asset_id: str | None = None,
        asset_id_in: ListOrTuple[str] | None = None,
        asset_id_not_in: ListOrTuple[str] | None = None,
        external_id_contains: ListOrTuple[str] | None = None,
        metadata_where: dict[str, Any] | None = None,
        status_in: ListOrTuple[AssetStatus] | None = None,
        consensus_mark_gt: float | None = None,
        consensus_mark_lt: float | None = None,
        honeypot_mark_gt: float | None = None,
        honeypot_mark_lt: float | None = None,
        label_type_in: ListOrTuple[LabelType] | None = None,
        label_author_in: ListOrTuple[str] | None = None,
        label_consensus_mark_gt: float | None = None,
        label_consensus_mark_lt: float | None = None,
        label_created_at: str | None = None,
        label_created_at_gt: str | None = None,
        label_created_at_lt: str | None = None,
        label_honeypot_mark_gt: float | None = None,
        label_honeypot_mark_lt: float | None = None,
        skipped: bool | None = None,
        updated_at_gte: str | None = None,
        updated_at_lte: str | None = None,
        label_category_search: str | None = None,
        created_at_gte: str | None = None,
        created_at_lte: str | None = None,
        honeypot_mark_gte: float | None = None,
        honeypot_mark_lte: float | None = None,
        consensus_mark_gte: float | None = None,
        consensus_mark_lte: float | None = None,
        inference_mark_gte: float | None = None,
        inference_mark_lte: float | None = None,
        label_labeler_in: ListOrTuple[str] | None = None,
        label_labeler_not_in: ListOrTuple[str] | None = None,
        label_reviewer_in: ListOrTuple[str] | None = None,
        label_reviewer_not_in: ListOrTuple[str] | None = None,
        assignee_in: ListOrTuple[str] | None = None,
        assignee_not_in: ListOrTuple[str] | None = None,
        label_consensus_mark_gte: float | None = None,
        label_consensus_mark_lte: float | None = None,
        label_created_at_gte: str | None = None,
        label_created_at_lte: str | None = None,
        label_honeypot_mark_gte: float | None = None,
        label_honeypot_mark_lte: float | None = None,
        issue_type: IssueType | None = None,
        issue_status: IssueStatus | None = None,
        external_id_strictly_in: ListOrTuple[str] | None = None,
        external_id_in: ListOrTuple[str] | None = None,
        *,
        label_json_response_contains: ListOrTuple[str] | None = None,
        step_name_in: ListOrTuple[str] | None = None,
        step_name_not_in: ListOrTuple[str] | None = None,
        step_status_in: ListOrTuple[StatusInStep] | None = None,
        step_status_not_in: ListOrTuple[StatusInStep] | None = None,
        step_name_and_status_in: ListOrTuple[StepAndStatus] | None = None,
        step_name_and_status_not_in: ListOrTuple[StepAndStatus] | None = None,
        group_name_in: ListOrTuple[str] | None = None,
        group_name_not_in: ListOrTuple[str] | None = None,
        step_id_in: ListOrTuple[str] | None = None,
        step_id_not_in: ListOrTuple[str] | None = None,
        step_id_and_status_in: ListOrTuple[StepAndStatus] | None = None,
        step_id_and_status_not_in: ListOrTuple[StepAndStatus] | None = None,
    ) -> int:
        """Count the assets of a project that match the filters.

        The filters are those of `assets`, which describes each of them: filters named
        `label_*` apply to the labels of the assets, the others to the assets; those
        left to `None` do not filter.

        Args:
            project_id: The project of the assets.
            asset_id: Only this asset.
            asset_id_in: Only assets among these ids.
            asset_id_not_in: Only assets outside these ids.
            external_id_contains: Deprecated: use `external_id_strictly_in`.
            metadata_where: Conditions on the metadata.
            status_in: Only assets with one of these statuses.
            consensus_mark_gt: Deprecated: use `consensus_mark_gte`.
            consensus_mark_lt: Deprecated: use `consensus_mark_lte`.
            honeypot_mark_gt: Deprecated: use `honeypot_mark_gte`.
            honeypot_mark_lt: Deprecated: use `honeypot_mark_lte`.
            label_type_in: Assets with a label of one of these types.
            label_author_in: Assets with a label by one of these authors.
            label_consensus_mark_gt: Deprecated: use `label_consensus_mark_gte`.
            label_consensus_mark_lt: Deprecated: use `label_consensus_mark_lte`.
            label_created_at: Assets with a label created on this date.
            label_created_at_gt: Deprecated: use `label_created_at_gte`.
            label_created_at_lt: Deprecated: use `label_created_at_lte`.
            label_honeypot_mark_gt: Deprecated: use `label_honeypot_mark_gte`.
            label_honeypot_mark_lt: Deprecated: use `label_honeypot_mark_lte`.
            skipped: Only skipped (`True`) or not skipped (`False`) assets.
            updated_at_gte: Assets updated at or after this date.
            updated_at_lte: Assets updated at or before this date.
            label_category_search: Assets with a label matching this category search.
            created_at_gte: Assets imported at or after this date.
            created_at_lte: Assets imported at or before this date.
            honeypot_mark_gte: Assets with a honeypot mark at least this.
            honeypot_mark_lte: Assets with a honeypot mark at most this.
            consensus_mark_gte: Assets with a consensus mark at least this.
            consensus_mark_lte: Assets with a consensus mark at most this.
            inference_mark_gte: Assets whose human/model agreement is at least this.
            inference_mark_lte: Assets whose human/model agreement is at most this.
            label_labeler_in: Assets with a label by one of these labelers.
            label_labeler_not_in: Assets with a label by none of these labelers.
            label_reviewer_in: Assets with a label reviewed by one of these users.
            label_reviewer_not_in: Assets with a label reviewed by none of these users.
            assignee_in: Assets assigned to one of these users.
            assignee_not_in: Assets assigned to none of these users.
            label_consensus_mark_gte: Assets with a label whose consensus mark is at
                least this.
            label_consensus_mark_lte: Assets with a label whose consensus mark is at
                most this.
            label_created_at_gte: Assets with a label created at or after this date.
            label_created_at_lte: Assets with a label created at or before this date.
            label_honeypot_mark_gte: Assets with a label whose honeypot mark is at least
                this.
            label_honeypot_mark_lte: Assets with a label whose honeypot mark is at most
                this.
            issue_type: Assets with an issue of this type: `QUESTION` or `ISSUE`.
            issue_status: Assets with an issue of this status: `OPEN` or `SOLVED`.
            external_id_strictly_in: Assets whose external id is exactly one of these.
            external_id_in: Assets whose external id contains one of these strings.
            label_json_response_contains: Deprecated: assets with a label whose JSON
                response contains one of these strings.
            step_name_in: Assets in a step of one of these names.
            step_name_not_in: Assets in a step of none of these names.
            step_status_in: Assets whose status in their step is one of these.
            step_status_not_in: Assets whose status in their step is none of these.
            step_name_and_status_in: Assets matching one of these (step name, status) pairs.
            step_name_and_status_not_in: Assets matching none of these pairs.
            group_name_in: Assets in a step of one of these groups.
            group_name_not_in: Assets in a step of none of these groups.
            step_id_in: Assets in one of these steps.
            step_id_not_in: Assets in none of these steps.
            step_id_and_status_in: Assets matching one of these (step id, status) pairs.
            step_id_and_status_not_in: Assets matching none of these pairs.

        Returns:
            The number of matching assets.

        Raises:
            IncompatibleArgumentsError: As in `assets`.
            InvalidArgumentError: As in `assets`.

        Example:
            ```python
            kili.count_assets(project_id, status_in=["TODO", "ONGOING"])
            ```
        """
        filters = asset_filters(project_id, locals())
        return AssetUseCases(self.kili_api_gateway).count_assets(filters)


def _import_pandas() -> Any:
    """Import pandas, an optional extra, only when a DataFrame is asked for."""
    try:
        import pandas
    except ImportError:
        raise MissingExtraError("format='pandas'", "pandas") from None
    return pandas
