"""Resolution of a designation of assets into their ids: written once, used by every domain.

Methods acting on assets take either ids or external ids (with the project the external
ids belong to); the presentation layer turns them into an `AssetDesignation`, and
`resolve_assets` turns that into ids, in the order given, with one request per chunk of
external ids.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kili.domain.asset import AssetDesignation, AssetExternalId, AssetId, AssetsById
from kili.domain.project import ProjectId
from kili.exceptions import NotFound
from kili.use_cases.batching import concurrency_of, read_in_chunks

if TYPE_CHECKING:
    from kili.use_cases.port import AssetLookup

EXTERNAL_IDS_PER_REQUEST = 500
"""External ids looked up per request: one page of the API's largest size."""

_MAX_LISTED = 20
"""External ids named in an error message; the rest are counted."""


def resolve_assets(gateway: AssetLookup, assets: AssetDesignation) -> list[AssetId]:
    """Return the ids of the designated assets, one per given id or external id, in order.

    Ids are returned as they are, without a request.

    Raises:
        NotFound: Some external ids match no asset of the project (they are listed), or
            match several.
    """
    if isinstance(assets, AssetsById):
        return list(assets.asset_ids)
    wanted = list(assets.external_ids)
    project_id = assets.project_id
    found = _look_up(gateway, project_id, wanted)
    missing = [external_id for external_id in wanted if external_id not in found]
    if missing:
        raise NotFound(
            f"No asset of project {project_id} has the external id "
            f"{_enumerate(list(dict.fromkeys(missing)))}."
        )
    shared = [external_id for external_id in wanted if len(found[external_id]) > 1]
    if shared:
        raise NotFound(
            f"Several assets of project {project_id} share the external id "
            f"{_enumerate(list(dict.fromkeys(shared)))}; designate them by asset id instead."
        )
    return [found[external_id][0] for external_id in wanted]


def _look_up(
    gateway: AssetLookup, project_id: ProjectId, external_ids: list[AssetExternalId]
) -> dict[AssetExternalId, list[AssetId]]:
    found: dict[AssetExternalId, list[AssetId]] = {}
    for chunk_found in read_in_chunks(
        list(dict.fromkeys(external_ids)),
        EXTERNAL_IDS_PER_REQUEST,
        lambda chunk: gateway.asset_ids_by_external_id(project_id, chunk),
        max_concurrency=concurrency_of(gateway),
    ):
        found.update(chunk_found)
    return found


def _enumerate(values: list[AssetExternalId]) -> str:
    listed = ", ".join(repr(value) for value in values[:_MAX_LISTED])
    more = len(values) - _MAX_LISTED
    return listed + (f" and {more} more" if more > 0 else "")
