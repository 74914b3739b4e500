"""Which labels of an uncertain label write landed: read back and matched label by label.

A label created by the write is one of its asset, by its author, of its type and model,
with its annotations, created after the write was sent, and not already attributed to
another label of the same call. Identical labels asked twice on one asset are matched
one for one, so two asked and one found means one is still missing.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from kili.domain.label import LabelFilters, LabelId, LabelToCreate, LabelType
from kili.domain.query import QueryOptions

if TYPE_CHECKING:
    from kili.domain.project import ProjectId
    from kili.use_cases.port import LabelLookup

_FIELDS = ("id", "assetId", "authorId", "labelType", "modelName", "jsonResponse")

_LabelKey = tuple[str, str, str, str, str]


class LabelReadBack:
    """Find which labels of an uncertain label write landed; a `ReadBack` of labels.

    Args:
        gateway: Reads the labels.
        label_type: Type of every label of the write.
        model_name: Model of every label of the write.
        project_id: Project of the assets, when known.
    """

    def __init__(
        self,
        gateway: LabelLookup,
        *,
        label_type: LabelType,
        model_name: str | None,
        project_id: ProjectId | None,
    ) -> None:
        self._gateway = gateway
        self._label_type = label_type
        self._model_name = model_name
        self._project_id = project_id

    def __call__(
        self, labels: Sequence[LabelToCreate], sent_after: datetime, known: Collection[LabelId], /
    ) -> dict[int, LabelId]:
        """Return the id of each of `labels` found on the server, by position in `labels`.

        Args:
            labels: Labels of one write, assets given by id and authors set.
            sent_after: A time before the write was first sent.
            known: Ids already attributed to other labels of the call.
        """
        asset_ids = tuple(dict.fromkeys(label.asset_id for label in labels if label.asset_id))
        filters = LabelFilters(
            project_id=self._project_id,
            asset_id_in=asset_ids,
            type_in=(self._label_type,),
            created_at_gte=sent_after.isoformat(),
        )
        candidates: dict[_LabelKey, list[LabelId]] = defaultdict(list)
        for row in self._gateway.list_labels(filters, _FIELDS, QueryOptions(disable_tqdm=True)):
            if row["id"] in known:
                continue
            key = _key(
                row["assetId"],
                row["authorId"],
                row["labelType"],
                row.get("modelName"),
                row.get("jsonResponse"),
            )
            candidates[key].append(LabelId(row["id"]))
        found: dict[int, LabelId] = {}
        for position, label in enumerate(labels):
            matches = candidates.get(
                _key(
                    label.asset_id,
                    label.author_id,
                    self._label_type,
                    self._model_name,
                    label.json_response,
                )
            )
            if matches:
                found[position] = matches.pop(0)
        return found


def _key(
    asset_id: str | None,
    author_id: str | None,
    label_type: str,
    model_name: str | None,
    json_response: Any,
) -> _LabelKey:
    """Identify a label by what the user asked for, whatever the server adds."""
    return (
        str(asset_id),
        str(author_id),
        label_type,
        model_name or "",
        _canonical(json_response),
    )


def _canonical(json_response: Any) -> str:
    """Write annotations so that equal JSON compares equal, whatever its key order."""
    if isinstance(json_response, str):
        try:
            json_response = json.loads(json_response)
        except ValueError:
            return str(json_response)
    if isinstance(json_response, Mapping):
        json_response = dict(json_response)
    return json.dumps(json_response, sort_keys=True, default=str)
