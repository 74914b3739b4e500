"""Asset creation: `appendManyAssets` and its older variants, all through one importer.

A batch is all-or-nothing (the mutation's transaction). External ids must be unique
in a project: `appendManyAssets` and `appendManyToDataset` refuse a batch that
repeats one (within itself or with existing assets), which makes a blind retry of a
committed batch fail loudly instead of duplicating it; `appendManyToDatasetFrontend`
skips those assets and reports them as DUPLICATED_ID warnings, as Kili's upload UI
does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ariadne import MutationType

from kili_emulator.context import Info, RequestContext, context_of
from kili_emulator.errors import BadUserInputError, ConflictError, UnsupportedError
from kili_emulator.files import strip_upload_signature
from kili_emulator.permissions import EDIT_ASSETS, require_project
from kili_emulator.render.asset import asset_to_graphql
from kili_emulator.render.notification import notification_to_graphql
from kili_emulator.resolvers.common import json_text, readable_project
from kili_emulator.storage import Row, new_id, utc_now
from kili_emulator.store import assets, notifications
from kili_emulator.validation import check_external_ids

mutation = MutationType()

ARRAYS = (
    "contentArray",
    "externalIDArray",
    "idArray",
    "isHoneypotArray",
    "jsonContentArray",
    "jsonMetadataArray",
)
MAX_LISTED_DUPLICATES = 20


def build_asset_rows(project_id: str, data: Mapping[str, Any]) -> list[Row]:
    """Turn the parallel arrays of an import into `assets` rows, validating each value.

    Raises:
        BadUserInputError: No content given, arrays of different lengths, a blank
            external id, or a jsonMetadata that is not a JSON object.
    """
    main = data.get("contentArray") or data.get("jsonContentArray")
    if not main:
        raise BadUserInputError("Nothing to import: contentArray and jsonContentArray are empty")
    count = len(main)
    lengths = {name: len(data[name]) for name in ARRAYS if data.get(name) is not None}
    if any(length != count for length in lengths.values()):
        raise BadUserInputError(f"All arrays must have {count} elements, got {lengths}")
    check_external_ids(data.get("externalIDArray"), "externalIDArray")
    now = utc_now()
    return [_asset_row(project_id, data, index, now) for index in range(count)]


def _asset_row(project_id: str, data: Mapping[str, Any], index: int, now: str) -> Row:
    def value(name: str) -> Any:
        array = data.get(name)
        return array[index] if array is not None else None

    asset_id = value("idArray") or new_id()
    metadata = json_text(
        value("jsonMetadataArray"), f"jsonMetadataArray[{index}]", default="{}", require_object=True
    )
    return {
        "id": asset_id,
        "project_id": project_id,
        "external_id": value("externalIDArray") or asset_id,
        "content": strip_upload_signature(value("contentArray") or ""),
        "json_content": value("jsonContentArray") or "",
        "json_metadata": metadata,
        "is_honeypot": int(bool(value("isHoneypotArray"))),
        "created_at": now,
        "updated_at": now,
    }


def import_assets(
    ctx: RequestContext, where: Mapping[str, Any], data: Mapping[str, Any]
) -> tuple[str, list[Row]]:
    """Validate and insert a batch; refuse it whole if it repeats an id or external id.

    Returns:
        The project id and the inserted rows, in the order given.

    Raises:
        ConflictError: With `duplicatedIds`/`duplicatedExternalIds` in its extensions.
    """
    project = require_project(ctx, where.get("id"), EDIT_ASSETS)
    rows = build_asset_rows(project["id"], data)
    duplicates = assets.find_duplicates(ctx.db, project["id"], rows)
    if duplicates:
        external = duplicates.get("external_id", [])
        ids = duplicates.get("id", [])
        shown = ", ".join((external or ids)[:MAX_LISTED_DUPLICATES])
        what = "external ids already used in the project or repeated" if external else "ids"
        raise ConflictError(
            f"Nothing imported: {len(external or ids)} {what}: {shown}",
            duplicatedExternalIds=external,
            duplicatedIds=ids,
        )
    return project["id"], assets.insert_assets(ctx.db, project["id"], rows)


@mutation.field("appendManyAssets")
def resolve_append_many_assets(
    _obj: Any, info: Info, data: dict[str, Any], where: dict[str, Any]
) -> list[dict[str, Any]]:
    """Create a batch of assets (status TODO) and return them in the order given."""
    _, rows = import_assets(context_of(info), where, data)
    return [asset_to_graphql(row) for row in rows]


@mutation.field("appendManyToDataset")
def resolve_append_many_to_dataset(
    _obj: Any, info: Info, data: dict[str, Any], where: dict[str, Any]
) -> dict[str, Any]:
    """Create a batch of assets and return their project (the older form of the import)."""
    _refuse_status_array(data)
    ctx = context_of(info)
    project_id, _ = import_assets(ctx, where, data)
    return readable_project(ctx, project_id)


@mutation.field("appendManyToDatasetFrontend")
def resolve_append_many_to_dataset_frontend(
    _obj: Any, info: Info, data: dict[str, Any], where: dict[str, Any]
) -> dict[str, Any]:
    """Create the assets of a batch whose external ids are new; report the others."""
    _refuse_status_array(data)
    ctx = context_of(info)
    project = require_project(ctx, where.get("id"), EDIT_ASSETS)
    rows = build_asset_rows(project["id"], data)
    duplicates = assets.find_duplicates(ctx.db, project["id"], rows)
    external_ids = set(duplicates.get("external_id", []))
    ids = set(duplicates.get("id", []))
    kept, warnings = [], []
    for line, row in enumerate(rows):
        if row["external_id"] not in external_ids and row["id"] not in ids:
            kept.append(row)
            continue
        warnings.append(
            {
                "type": "DUPLICATED_ID",
                "externalId": row["external_id"],
                "lineNumber": line,
                "details": "id or external id already used in the project or repeated in the batch",
            }
        )
    assets.insert_assets(ctx.db, project["id"], kept)
    return {"numberOfUploadedAssets": len(kept), "warnings": warnings}


BINDABLES = [mutation]


def _refuse_status_array(data: dict[str, Any]) -> None:
    """Refuse imposed statuses: the emulator, like Kili, derives status from labels."""
    if data.get("statusArray") is not None:
        raise UnsupportedError(
            "AppendManyToDatasetData.statusArray is not supported by kili-emulator: "
            "asset status is computed from labels"
        )


official_mutation = MutationType()
"""The background import under the name the official SDK 26.2.4 sends (`official_names`)."""


@official_mutation.field("appendManyAssetsAsynchronously")
def resolve_append_many_assets_asynchronously(
    _obj: Any, info: Info, data: dict[str, Any], where: dict[str, Any]
) -> dict[str, Any]:
    """Import a batch at once and return a notification already in status SUCCESS.

    Kili imports tiled images and videos in the background and notifies the importer;
    the emulator has no background work, so the import is done when the answer leaves.
    """
    ctx = context_of(info)
    arrays = {key: value for key, value in data.items() if key != "uploadType"}
    _, rows = import_assets(ctx, where, arrays)
    notification = notifications.insert_notification(
        ctx.db,
        ctx.viewer_id,
        message=f"{len(rows)} assets imported",
        status="SUCCESS",
        progress=100,
    )
    return notification_to_graphql(notification)


OFFICIAL_NAME_BINDABLES = [official_mutation]
