"""Designation of assets by id or by external id: written once, used by every domain.

Methods acting on assets take either `asset_ids` or `external_ids` (with the
`project_id` the external ids belong to). `resolve_asset_ids` checks that exactly one
was given and turns external ids into ids, in the order given, with one request per
chunk of external ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from kili.domain.asset import AssetExternalId, AssetId
from kili.domain.project import ProjectId
from kili.exceptions import IncompatibleArgumentsError, MissingArgumentError, NotFound
from kili.use_cases.batching import batches

if TYPE_CHECKING:
    from kili.adapters.kili_api_gateway import KiliAPIGateway

EXTERNAL_IDS_PER_REQUEST = 500
"""External ids looked up per request: one page of the API's largest size."""

_MAX_LISTED = 20
"""External ids named in an error message; the rest are counted."""


def resolve_asset_ids(
    gateway: KiliAPIGateway,
    *,
    asset_ids: Sequence[str] | None,
    external_ids: Sequence[str] | None,
    project_id: str | None,
    asset_ids_argument: str = "asset_ids",
    external_ids_argument: str = "external_ids",
) -> list[AssetId]:
    """Return the ids of the assets designated by `asset_ids` or by `external_ids`.

    Args:
        gateway: Looks the external ids up.
        asset_ids: Ids of the assets; returned as they are, without a request.
        external_ids: External ids of the assets in `project_id`.
        project_id: The project of the external ids.
        asset_ids_argument: Name of the `asset_ids` argument, for error messages.
        external_ids_argument: Name of the `external_ids` argument, for error messages.

    Returns:
        One asset id per given id or external id, in the same order.

    Raises:
        MissingArgumentError: Neither list was given, or external ids came without
            `project_id`.
        IncompatibleArgumentsError: Both lists were given.
        NotFound: Some external ids match no asset of the project (they are listed), or
            match several.
    """
    if asset_ids is not None and external_ids is not None:
        raise IncompatibleArgumentsError(
            f"Give either `{asset_ids_argument}` or `{external_ids_argument}`, not both."
        )
    if asset_ids is not None:
        return [AssetId(asset_id) for asset_id in asset_ids]
    if external_ids is None:
        raise MissingArgumentError(
            f"Give `{asset_ids_argument}`, or `{external_ids_argument}` with `project_id`."
        )
    if project_id is None:
        raise MissingArgumentError(
            f"`{external_ids_argument}` are external ids: give `project_id` too, "
            "the project they belong to."
        )
    wanted = [AssetExternalId(external_id) for external_id in external_ids]
    found = _look_up(gateway, ProjectId(project_id), wanted)
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
    gateway: KiliAPIGateway, project_id: ProjectId, external_ids: list[AssetExternalId]
) -> dict[AssetExternalId, list[AssetId]]:
    found: dict[AssetExternalId, list[AssetId]] = {}
    for chunk in batches(list(dict.fromkeys(external_ids)), EXTERNAL_IDS_PER_REQUEST):
        found.update(gateway.asset_ids_by_external_id(project_id, chunk))
    return found


def _enumerate(values: list[AssetExternalId]) -> str:
    listed = ", ".join(repr(value) for value in values[:_MAX_LISTED])
    more = len(values) - _MAX_LISTED
    return listed + (f" and {more} more" if more > 0 else "")
