"""Client methods reading the labels made by models: predictions and inferences.

Their official signatures are kept whole and declared once per `typing.overload`, so
that type checkers know what `as_generator` and `output_format` return.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal, overload

from kili.domain.asset import AssetStatus
from kili.domain.label import LabelOutputFormat, LabelType
from kili.domain.query import ListOrTuple
from kili.domain.step_filters import StatusInStep
from kili.presentation.client.arguments import checked, rows_or_list
from kili.presentation.client.base import ClientBase
from kili.presentation.client.label.arguments import (
    DEFAULT_MODEL_LABEL_FIELDS,
    LABEL_FILTER_ARGUMENTS,
    label_filters,
)
from kili.use_cases.label import LabelUseCases

if TYPE_CHECKING:
    from kili.utils.labels import ParsedLabel
else:
    # Validation reads the annotations at run time; the parser loads on first use.
    ParsedLabel = Any


class ModelLabelReadMethods(ClientBase):
    """Methods of `Kili` reading `PREDICTION` and `INFERENCE` labels."""

    @overload
    def predictions(
        self,
        project_id: str,
        asset_id: str | None = None,
        asset_status_in: ListOrTuple[AssetStatus] | None = None,
        asset_external_id_in: ListOrTuple[str] | None = None,
        author_in: ListOrTuple[str] | None = None,
        created_at: str | None = None,
        created_at_gte: str | None = None,
        created_at_lte: str | None = None,
        fields: ListOrTuple[str] | None = None,
        first: int | None = None,
        honeypot_mark_gte: float | None = None,
        honeypot_mark_lte: float | None = None,
        id_contains: ListOrTuple[str] | None = None,
        label_id: str | None = None,
        skip: int = 0,
        user_id: str | None = None,
        disable_tqdm: bool | None = None,
        category_search: str | None = None,
        *,
        as_generator: Literal[True],
        output_format: Literal["dict"] = "dict",
        asset_step_name_in: ListOrTuple[str] | None = None,
        asset_step_status_in: ListOrTuple[StatusInStep] | None = None,
        asset_step_id_in: ListOrTuple[str] | None = None,
    ) -> Iterator[dict[str, Any]]: ...

    @overload
    def predictions(
        self,
        project_id: str,
        asset_id: str | None = None,
        asset_status_in: ListOrTuple[AssetStatus] | None = None,
        asset_external_id_in: ListOrTuple[str] | None = None,
        author_in: ListOrTuple[str] | None = None,
        created_at: str | None = None,
        created_at_gte: str | None = None,
        created_at_lte: str | None = None,
        fields: ListOrTuple[str] | None = None,
        first: int | None = None,
        honeypot_mark_gte: float | None = None,
        honeypot_mark_lte: float | None = None,
        id_contains: ListOrTuple[str] | None = None,
        label_id: str | None = None,
        skip: int = 0,
        user_id: str | None = None,
        disable_tqdm: bool | None = None,
        category_search: str | None = None,
        *,
        as_generator: Literal[False] = False,
        output_format: Literal["dict"] = "dict",
        asset_step_name_in: ListOrTuple[str] | None = None,
        asset_step_status_in: ListOrTuple[StatusInStep] | None = None,
        asset_step_id_in: ListOrTuple[str] | None = None,
    ) -> list[dict[str, Any]]: ...

    @overload
    def predictions(
        self,
        project_id: str,
        asset_id: str | None = None,
        asset_status_in: ListOrTuple[AssetStatus] | None = None,
        asset_external_id_in: ListOrTuple[str] | None = None,
        author_in: ListOrTuple[str] | None = None,
        created_at: str | None = None,
        created_at_gte: str | None = None,
        created_at_lte: str | None = None,
        fields: ListOrTuple[str] | None = None,
        first: int | None = None,
        honeypot_mark_gte: float | None = None,
        honeypot_mark_lte: float | None = None,
        id_contains: ListOrTuple[str] | None = None,
        label_id: str | None = None,
        skip: int = 0,
        user_id: str | None = None,
        disable_tqdm: bool | None = None,
        category_search: str | None = None,
        *,
        as_generator: Literal[True],
        output_format: Literal["parsed_label"],
        asset_step_name_in: ListOrTuple[str] | None = None,
        asset_step_status_in: ListOrTuple[StatusInStep] | None = None,
        asset_step_id_in: ListOrTuple[str] | None = None,
    ) -> Iterator[ParsedLabel]: ...

    @overload
    def predictions(
        self,
        project_id: str,
        asset_id: str | None = None,
        asset_status_in: ListOrTuple[AssetStatus] | None = None,
        asset_external_id_in: ListOrTuple[str] | None = None,
        author_in: ListOrTuple[str] | None = None,
        created_at: str | None = None,
        created_at_gte: str | None = None,
        created_at_lte: str | None = None,
        fields: ListOrTuple[str] | None = None,
        first: int | None = None,
        honeypot_mark_gte: float | None = None,
        honeypot_mark_lte: float | None = None,
        id_contains: ListOrTuple[str] | None = None,
        label_id: str | None = None,
        skip: int = 0,
        user_id: str | None = None,
        disable_tqdm: bool | None = None,
        category_search: str | None = None,
        *,
        as_generator: Literal[False] = False,
        output_format: Literal["parsed_label"],
        asset_step_name_in: ListOrTuple[str] | None = None,
        asset_step_status_in: ListOrTuple[StatusInStep] | None = None,
        asset_step_id_in: ListOrTuple[str] | None = None,
    ) -> list[ParsedLabel]: ...

    @checked
    def predictions(
        self,
        project_id: str,
        asset_id: str | None = None,
        asset_status_in: ListOrTuple[AssetStatus] | None = None,
        asset_external_id_in: ListOrTuple[str] | None = None,
        author_in: ListOrTuple[str] | None = None,
        created_at: str | None = None,
        created_at_gte: str | None = None,
        created_at_lte: str | None = None,
        fields: ListOrTuple[str] | None = None,
        first: int | None = None,
        honeypot_mark_gte: float | None = None,
        honeypot_mark_lte: float | None = None,
        id_contains: ListOrTuple[str] | None = None,
        label_id: str | None = None,
        skip: int = 0,
        user_id: str | None = None,
        disable_tqdm: bool | None = None,
        category_search: str | None = None,
        *,
        as_generator: bool = False,
        output_format: LabelOutputFormat = "dict",
        asset_step_name_in: ListOrTuple[str] | None = None,
        asset_step_status_in: ListOrTuple[StatusInStep] | None = None,
        asset_step_id_in: ListOrTuple[str] | None = None,
    ) -> Iterable[Any]:
        """Get the PREDICTION labels of a project: pre-annotations made by a model.

        Takes the arguments of `labels()` but `type_in`, which is fixed to
        `PREDICTION`, and `asset_external_id_strictly_in` and the group filters, which
        the official SDK does not take here either. When `fields` is not given,
        each label comes with its author, id, jsonResponse, labelType and modelName.

        Returns:
            The labels, as `labels()` returns them.
        """
        return self._model_labels("PREDICTION", locals())

    @overload
    def inferences(
        self,
        project_id: str,
        asset_id: str | None = None,
        asset_status_in: ListOrTuple[AssetStatus] | None = None,
        asset_external_id_in: ListOrTuple[str] | None = None,
        author_in: ListOrTuple[str] | None = None,
        created_at: str | None = None,
        created_at_gte: str | None = None,
        created_at_lte: str | None = None,
        fields: ListOrTuple[str] | None = None,
        first: int | None = None,
        honeypot_mark_gte: float | None = None,
        honeypot_mark_lte: float | None = None,
        id_contains: ListOrTuple[str] | None = None,
        label_id: str | None = None,
        skip: int = 0,
        user_id: str | None = None,
        disable_tqdm: bool | None = None,
        category_search: str | None = None,
        *,
        as_generator: Literal[True],
        output_format: Literal["dict"] = "dict",
        asset_step_name_in: ListOrTuple[str] | None = None,
        asset_step_status_in: ListOrTuple[StatusInStep] | None = None,
        asset_step_id_in: ListOrTuple[str] | None = None,
    ) -> Iterator[dict[str, Any]]: ...

    @overload
    def inferences(
        self,
        project_id: str,
        asset_id: str | None = None,
        asset_status_in: ListOrTuple[AssetStatus] | None = None,
        asset_external_id_in: ListOrTuple[str] | None = None,
        author_in: ListOrTuple[str] | None = None,
        created_at: str | None = None,
        created_at_gte: str | None = None,
        created_at_lte: str | None = None,
        fields: ListOrTuple[str] | None = None,
        first: int | None = None,
        honeypot_mark_gte: float | None = None,
        honeypot_mark_lte: float | None = None,
        id_contains: ListOrTuple[str] | None = None,
        label_id: str | None = None,
        skip: int = 0,
        user_id: str | None = None,
        disable_tqdm: bool | None = None,
        category_search: str | None = None,
        *,
        as_generator: Literal[False] = False,
        output_format: Literal["dict"] = "dict",
        asset_step_name_in: ListOrTuple[str] | None = None,
        asset_step_status_in: ListOrTuple[StatusInStep] | None = None,
        asset_step_id_in: ListOrTuple[str] | None = None,
    ) -> list[dict[str, Any]]: ...

    @overload
    def inferences(
        self,
        project_id: str,
        asset_id: str | None = None,
        asset_status_in: ListOrTuple[AssetStatus] | None = None,
        asset_external_id_in: ListOrTuple[str] | None = None,
        author_in: ListOrTuple[str] | None = None,
        created_at: str | None = None,
        created_at_gte: str | None = None,
        created_at_lte: str | None = None,
        fields: ListOrTuple[str] | None = None,
        first: int | None = None,
        honeypot_mark_gte: float | None = None,
        honeypot_mark_lte: float | None = None,
        id_contains: ListOrTuple[str] | None = None,
        label_id: str | None = None,
        skip: int = 0,
        user_id: str | None = None,
        disable_tqdm: bool | None = None,
        category_search: str | None = None,
        *,
        as_generator: Literal[True],
        output_format: Literal["parsed_label"],
        asset_step_name_in: ListOrTuple[str] | None = None,
        asset_step_status_in: ListOrTuple[StatusInStep] | None = None,
        asset_step_id_in: ListOrTuple[str] | None = None,
    ) -> Iterator[ParsedLabel]: ...

    @overload
    def inferences(
        self,
        project_id: str,
        asset_id: str | None = None,
        asset_status_in: ListOrTuple[AssetStatus] | None = None,
        asset_external_id_in: ListOrTuple[str] | None = None,
        author_in: ListOrTuple[str] | None = None,
        created_at: str | None = None,
        created_at_gte: str | None = None,
        created_at_lte: str | None = None,
        fields: ListOrTuple[str] | None = None,
        first: int | None = None,
        honeypot_mark_gte: float | None = None,
        honeypot_mark_lte: float | None = None,
        id_contains: ListOrTuple[str] | None = None,
        label_id: str | None = None,
        skip: int = 0,
        user_id: str | None = None,
        disable_tqdm: bool | None = None,
        category_search: str | None = None,
        *,
        as_generator: Literal[False] = False,
        output_format: Literal["parsed_label"],
        asset_step_name_in: ListOrTuple[str] | None = None,
        asset_step_status_in: ListOrTuple[StatusInStep] | None = None,
        asset_step_id_in: ListOrTuple[str] | None = None,
    ) -> list[ParsedLabel]: ...

    @checked
    def inferences(
        self,
        project_id: str,
        asset_id: str | None = None,
        asset_status_in: ListOrTuple[AssetStatus] | None = None,
        asset_external_id_in: ListOrTuple[str] | None = None,
        author_in: ListOrTuple[str] | None = None,
        created_at: str | None = None,
        created_at_gte: str | None = None,
        created_at_lte: str | None = None,
        fields: ListOrTuple[str] | None = None,
        first: int | None = None,
        honeypot_mark_gte: float | None = None,
        honeypot_mark_lte: float | None = None,
        id_contains: ListOrTuple[str] | None = None,
        label_id: str | None = None,
        skip: int = 0,
        user_id: str | None = None,
        disable_tqdm: bool | None = None,
        category_search: str | None = None,
        *,
        as_generator: bool = False,
        output_format: LabelOutputFormat = "dict",
        asset_step_name_in: ListOrTuple[str] | None = None,
        asset_step_status_in: ListOrTuple[StatusInStep] | None = None,
        asset_step_id_in: ListOrTuple[str] | None = None,
    ) -> Iterable[Any]:
        """Get the INFERENCE labels of a project: a model's answers, to compare with labels.

        Takes the arguments of `labels()` but `type_in`, which is fixed to
        `INFERENCE`, and `asset_external_id_strictly_in` and the group filters, which
        the official SDK does not take here either. When `fields` is not given,
        each label comes with its author, id, jsonResponse, labelType and modelName.

        Returns:
            The labels, as `labels()` returns them.
        """
        return self._model_labels("INFERENCE", locals())

    def _model_labels(self, label_type: LabelType, arguments: Mapping[str, Any]) -> Iterable[Any]:
        """Read the labels of `label_type` with the filters and options of a reader's call.

        `predictions` and `inferences` take the same arguments, checked against
        `label_filters` by a unit test, so that the two readers share this one body.
        """
        filters = label_filters(
            **{name: arguments[name] for name in LABEL_FILTER_ARGUMENTS},
            type_in=(label_type,),
        )
        options = self._query_options(
            arguments["first"],
            arguments["skip"],
            arguments["disable_tqdm"],
            arguments["as_generator"],
        )
        fields = arguments["fields"]
        rows = LabelUseCases(self.kili_api_gateway).read_labels(
            filters,
            DEFAULT_MODEL_LABEL_FIELDS if fields is None else fields,
            options,
            arguments["output_format"],
        )
        return rows_or_list(rows, arguments["as_generator"])  # type: ignore[no-any-return]
