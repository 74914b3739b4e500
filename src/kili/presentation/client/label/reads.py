"""Client methods that read labels: lists, counts and the DataFrame export.

The official signatures are kept whole; each read is declared once per
`typing.overload`, so that type checkers know what `as_generator` and `output_format`
return.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Literal, overload

from kili.domain.asset import AssetStatus
from kili.domain.label import LabelOutputFormat, LabelType
from kili.domain.project import ProjectId
from kili.domain.query import ListOrTuple
from kili.domain.step_filters import StatusInStep
from kili.presentation.client.arguments import checked, rows_or_list
from kili.presentation.client.base import ClientBase
from kili.presentation.client.label.arguments import (
    DEFAULT_EXPORT_LABEL_FIELDS,
    DEFAULT_LABEL_FIELDS,
    label_filters,
)
from kili.use_cases.label import LabelUseCases

if TYPE_CHECKING:
    # Resolved only by type checkers: pandas is an optional extra, and the label parser
    # is loaded on first use. At run time the names stand for `Any`, so that argument
    # validation can read the annotations.
    from pandas import DataFrame

    from kili.utils.labels import ParsedLabel
else:
    DataFrame = ParsedLabel = Any


class LabelReadMethods(ClientBase):
    """Methods of `Kili` that read labels."""

    @overload
    def labels(
        self,
        project_id: str,
        asset_id: str | None = None,
        asset_status_in: ListOrTuple[AssetStatus] | None = None,
        asset_external_id_in: ListOrTuple[str] | None = None,
        author_in: ListOrTuple[str] | None = None,
        created_at: str | None = None,
        created_at_gte: str | None = None,
        created_at_lte: str | None = None,
        fields: ListOrTuple[str] = DEFAULT_LABEL_FIELDS,
        first: int | None = None,
        honeypot_mark_gte: float | None = None,
        honeypot_mark_lte: float | None = None,
        id_contains: ListOrTuple[str] | None = None,
        label_id: str | None = None,
        skip: int = 0,
        type_in: ListOrTuple[LabelType] | None = None,
        user_id: str | None = None,
        disable_tqdm: bool | None = None,
        category_search: str | None = None,
        *,
        as_generator: Literal[True],
        output_format: Literal["dict"] = "dict",
        asset_external_id_strictly_in: ListOrTuple[str] | None = None,
        asset_step_name_in: ListOrTuple[str] | None = None,
        asset_step_status_in: ListOrTuple[StatusInStep] | None = None,
        asset_group_name_in: ListOrTuple[str] | None = None,
        asset_group_name_not_in: ListOrTuple[str] | None = None,
        asset_step_id_in: ListOrTuple[str] | None = None,
    ) -> Iterator[dict[str, Any]]: ...

    @overload
    def labels(
        self,
        project_id: str,
        asset_id: str | None = None,
        asset_status_in: ListOrTuple[AssetStatus] | None = None,
        asset_external_id_in: ListOrTuple[str] | None = None,
        author_in: ListOrTuple[str] | None = None,
        created_at: str | None = None,
        created_at_gte: str | None = None,
        created_at_lte: str | None = None,
        fields: ListOrTuple[str] = DEFAULT_LABEL_FIELDS,
        first: int | None = None,
        honeypot_mark_gte: float | None = None,
        honeypot_mark_lte: float | None = None,
        id_contains: ListOrTuple[str] | None = None,
        label_id: str | None = None,
        skip: int = 0,
        type_in: ListOrTuple[LabelType] | None = None,
        user_id: str | None = None,
        disable_tqdm: bool | None = None,
        category_search: str | None = None,
        *,
        as_generator: Literal[False] = False,
        output_format: Literal["dict"] = "dict",
        asset_external_id_strictly_in: ListOrTuple[str] | None = None,
        asset_step_name_in: ListOrTuple[str] | None = None,
        asset_step_status_in: ListOrTuple[StatusInStep] | None = None,
        asset_group_name_in: ListOrTuple[str] | None = None,
        asset_group_name_not_in: ListOrTuple[str] | None = None,
        asset_step_id_in: ListOrTuple[str] | None = None,
    ) -> list[dict[str, Any]]: ...

    @overload
    def labels(
        self,
        project_id: str,
        asset_id: str | None = None,
        asset_status_in: ListOrTuple[AssetStatus] | None = None,
        asset_external_id_in: ListOrTuple[str] | None = None,
        author_in: ListOrTuple[str] | None = None,
        created_at: str | None = None,
        created_at_gte: str | None = None,
        created_at_lte: str | None = None,
        fields: ListOrTuple[str] = DEFAULT_LABEL_FIELDS,
        first: int | None = None,
        honeypot_mark_gte: float | None = None,
        honeypot_mark_lte: float | None = None,
        id_contains: ListOrTuple[str] | None = None,
        label_id: str | None = None,
        skip: int = 0,
        type_in: ListOrTuple[LabelType] | None = None,
        user_id: str | None = None,
        disable_tqdm: bool | None = None,
        category_search: str | None = None,
        *,
        as_generator: Literal[True],
        output_format: Literal["parsed_label"],
        asset_external_id_strictly_in: ListOrTuple[str] | None = None,
        asset_step_name_in: ListOrTuple[str] | None = None,
        asset_step_status_in: ListOrTuple[StatusInStep] | None = None,
        asset_group_name_in: ListOrTuple[str] | None = None,
        asset_group_name_not_in: ListOrTuple[str] | None = None,
        asset_step_id_in: ListOrTuple[str] | None = None,
    ) -> Iterator[ParsedLabel]: ...

    @overload
    def labels(
        self,
        project_id: str,
        asset_id: str | None = None,
        asset_status_in: ListOrTuple[AssetStatus] | None = None,
        asset_external_id_in: ListOrTuple[str] | None = None,
        author_in: ListOrTuple[str] | None = None,
        created_at: str | None = None,
        created_at_gte: str | None = None,
        created_at_lte: str | None = None,
        fields: ListOrTuple[str] = DEFAULT_LABEL_FIELDS,
        first: int | None = None,
        honeypot_mark_gte: float | None = None,
        honeypot_mark_lte: float | None = None,
        id_contains: ListOrTuple[str] | None = None,
        label_id: str | None = None,
        skip: int = 0,
        type_in: ListOrTuple[LabelType] | None = None,
        user_id: str | None = None,
        disable_tqdm: bool | None = None,
        category_search: str | None = None,
        *,
        as_generator: Literal[False] = False,
        output_format: Literal["parsed_label"],
        asset_external_id_strictly_in: ListOrTuple[str] | None = None,
        asset_step_name_in: ListOrTuple[str] | None = None,
        asset_step_status_in: ListOrTuple[StatusInStep] | None = None,
        asset_group_name_in: ListOrTuple[str] | None = None,
        asset_group_name_not_in: ListOrTuple[str] | None = None,
        asset_step_id_in: ListOrTuple[str] | None = None,
    ) -> list[ParsedLabel]: ...

    @checked
    def labels(
        self,
        project_id: str,
        asset_id: str | None = None,
        asset_status_in: ListOrTuple[AssetStatus] | None = None,
        asset_external_id_in: ListOrTuple[str] | None = None,
        author_in: ListOrTuple[str] | None = None,
        created_at: str | None = None,
        created_at_gte: str | None = None,
        created_at_lte: str | None = None,
        fields: ListOrTuple[str] = DEFAULT_LABEL_FIELDS,
        first: int | None = None,
        honeypot_mark_gte: float | None = None,
        honeypot_mark_lte: float | None = None,
        id_contains: ListOrTuple[str] | None = None,
        label_id: str | None = None,
        skip: int = 0,
        type_in: ListOrTuple[LabelType] | None = None,
        user_id: str | None = None,
        disable_tqdm: bool | None = None,
        category_search: str | None = None,
        *,
        as_generator: bool = False,
        output_format: LabelOutputFormat = "dict",
        asset_external_id_strictly_in: ListOrTuple[str] | None = None,
        asset_step_name_in: ListOrTuple[str] | None = None,
        asset_step_status_in: ListOrTuple[StatusInStep] | None = None,
        asset_group_name_in: ListOrTuple[str] | None = None,
        asset_group_name_not_in: ListOrTuple[str] | None = None,
        asset_step_id_in: ListOrTuple[str] | None = None,
    ) -> Iterable[Any]:
        """Get the labels of a project that match every criterion given.

        Args:
            project_id: The project.
            asset_id: Only the labels of this asset.
            asset_status_in: Only the labels of assets in one of these statuses
                (`TODO`, `ONGOING`, `LABELED`, `TO_REVIEW`, `REVIEWED`).
            asset_external_id_in: Only the labels of assets with one of these external ids.
            author_in: Only the labels of these authors, named by first name, last
                name, or both.
            created_at: Only the labels created on this date (`YYYY-MM-DD`).
            created_at_gte: Only the labels created on or after this date.
            created_at_lte: Only the labels created on or before this date.
            fields: Fields of each label to return, as dotted paths such as
                `labelOf.externalId`.
            first: Maximum number of labels to return.
            honeypot_mark_gte: Only the labels whose honeypot mark is at least this.
            honeypot_mark_lte: Only the labels whose honeypot mark is at most this.
            id_contains: Only the labels with one of these ids; empty means no filter.
            label_id: Only this label.
            skip: Number of labels to pass over first, oldest first.
            type_in: Only the labels of these types (`AUTOSAVE`, `DEFAULT`,
                `INFERENCE`, `PREDICTION`, `REVIEW`).
            user_id: Only the labels of this user.
            disable_tqdm: Hide the progress bar.
            category_search: Only the labels whose annotations match this query, such
                as `JOB.CATEGORY.count > 0`; see below.
            as_generator: Return a generator instead of a list.
            output_format: `dict` for plain dicts; `parsed_label` for objects of
                `kili.utils.labels` read against the project's json interface (the
                fields must then include `jsonResponse`).
            asset_external_id_strictly_in: Only the labels of assets whose external id
                is exactly one of these.
            asset_step_name_in: Only the labels of assets currently in a workflow step
                of one of these names (a name several groups use stands for the step of
                each). Exclusive with `asset_step_id_in`.
            asset_step_status_in: Only the labels of assets whose status in their step
                is one of these (`TO_DO`, `IN_PROGRESS`, `PARTIALLY_DONE`, `REWORK`,
                `DONE`, `SKIPPED`; `DOING` and `REDO` are deprecated).
            asset_group_name_in: Only the labels of assets in a step of one of these
                groups (multi-group workflow).
            asset_group_name_not_in: Only the labels of assets in a step of none of
                these groups.
            asset_step_id_in: Only the labels of assets currently in one of these
                steps, by id.

        Returns:
            The labels, with the chosen fields; `jsonResponse` is decoded to a dict.

        Raises:
            InvalidArgumentError: `category_search` is malformed (the message points at
                the mistake), a step status or step name is unknown, or a step or group
                filter does not apply to the project's workflow. Nothing is read then.
            IncompatibleArgumentsError: `asset_step_id_in` and `asset_step_name_in` are
                both given, or `asset_status_in` with a step filter on a workflow project.

        !!! example "Category search"
            A query compares the number of annotations of a category in a job with
            a number, `JOB.CATEGORY.count <op> <n>` where `<op>` is one of `==`,
            `>=`, `<=`, `<`, `>`; comparisons combine with `AND`, `OR` and
            parentheses, `AND` binding tighter:

                kili.labels(project_id, category_search="CLASSIF.CAT_A.count > 0")
                kili.labels(
                    project_id,
                    category_search="(CLASSIF.A.count > 0 OR NER.B.count > 0) AND BOX.C.count > 9",
                )
        """
        filters = label_filters(
            project_id=project_id,
            asset_id=asset_id,
            asset_status_in=asset_status_in,
            asset_external_id_in=asset_external_id_in,
            author_in=author_in,
            created_at=created_at,
            created_at_gte=created_at_gte,
            created_at_lte=created_at_lte,
            honeypot_mark_gte=honeypot_mark_gte,
            honeypot_mark_lte=honeypot_mark_lte,
            id_contains=id_contains,
            label_id=label_id,
            type_in=type_in,
            user_id=user_id,
            category_search=category_search,
            asset_external_id_strictly_in=asset_external_id_strictly_in,
            asset_step_name_in=asset_step_name_in,
            asset_step_status_in=asset_step_status_in,
            asset_group_name_in=asset_group_name_in,
            asset_group_name_not_in=asset_group_name_not_in,
            asset_step_id_in=asset_step_id_in,
        )
        options = self._query_options(first, skip, disable_tqdm, as_generator)
        rows = LabelUseCases(self.kili_api_gateway).read_labels(
            filters, fields, options, output_format
        )
        return rows_or_list(rows, as_generator)  # type: ignore[no-any-return]

    @checked
    def count_labels(
        self,
        project_id: str,
        asset_id: str | None = None,
        asset_status_in: ListOrTuple[AssetStatus] | None = None,
        asset_external_id_in: ListOrTuple[str] | None = None,
        author_in: ListOrTuple[str] | None = None,
        created_at: str | None = None,
        created_at_gte: str | None = None,
        created_at_lte: str | None = None,
        honeypot_mark_gte: float | None = None,
        honeypot_mark_lte: float | None = None,
        label_id: str | None = None,
        type_in: ListOrTuple[LabelType] | None = None,
        user_id: str | None = None,
        category_search: str | None = None,
        id_contains: ListOrTuple[str] | None = None,
        *,
        asset_external_id_strictly_in: ListOrTuple[str] | None = None,
        asset_step_name_in: ListOrTuple[str] | None = None,
        asset_step_status_in: ListOrTuple[StatusInStep] | None = None,
        asset_group_name_in: ListOrTuple[str] | None = None,
        asset_group_name_not_in: ListOrTuple[str] | None = None,
        asset_step_id_in: ListOrTuple[str] | None = None,
    ) -> int:
        """Count the labels of a project that match every criterion given.

        Takes the filters of `labels()`, with the same meaning.

        Returns:
            The number of matching labels.

        Raises:
            InvalidArgumentError: `category_search` is malformed; nothing is sent then.
        """
        filters = label_filters(
            project_id=project_id,
            asset_id=asset_id,
            asset_status_in=asset_status_in,
            asset_external_id_in=asset_external_id_in,
            author_in=author_in,
            created_at=created_at,
            created_at_gte=created_at_gte,
            created_at_lte=created_at_lte,
            honeypot_mark_gte=honeypot_mark_gte,
            honeypot_mark_lte=honeypot_mark_lte,
            id_contains=id_contains,
            label_id=label_id,
            type_in=type_in,
            user_id=user_id,
            category_search=category_search,
            asset_external_id_strictly_in=asset_external_id_strictly_in,
            asset_step_name_in=asset_step_name_in,
            asset_step_status_in=asset_step_status_in,
            asset_group_name_in=asset_group_name_in,
            asset_group_name_not_in=asset_group_name_not_in,
            asset_step_id_in=asset_step_id_in,
        )
        return LabelUseCases(self.kili_api_gateway).count_labels(filters)

    @checked
    def export_labels_as_df(
        self,
        project_id: str,
        fields: ListOrTuple[str] = DEFAULT_EXPORT_LABEL_FIELDS,
        asset_fields: ListOrTuple[str] = ("externalId",),
    ) -> DataFrame:
        """Get the labels of a project as a pandas DataFrame, one row per label.

        Needs the `pandas` extra: `pip install 'kili[pandas]'`.

        Args:
            project_id: The project.
            fields: Fields of each label, one column each (nested fields such as
                `author.email` share the column of their parent).
            asset_fields: Fields of the asset of each label, in columns named
                `asset_<field>`.

        Returns:
            The DataFrame.

        Raises:
            MissingExtraError: pandas is not installed.
            NotFound: The project does not exist.
        """
        return LabelUseCases(self.kili_api_gateway).export_labels_as_df(
            ProjectId(project_id), fields, asset_fields, disable_tqdm=self._hide_progress(None)
        )
