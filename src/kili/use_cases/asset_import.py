"""Import of assets: checks, uploads of local files, batched creation that never duplicates.

An import can be interrupted and run again: assets whose external id already exists in
the project are skipped. Within a run, a batch whose creation failed in a way that
leaves unknown whether the server applied it (`UncertainWriteError`) is never resent
blindly: the external ids of the batch are looked up, and only the missing assets are
sent again.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kili.domain.asset import AssetExternalId, AssetId, AssetToCreate, AssetToImport
from kili.domain.project import ProjectId
from kili.exceptions import InvalidArgumentError, UncertainWriteError
from kili.use_cases.batching import batches, run_in_batches, wait_until
from kili.use_cases.media import FRAME_INPUT_TYPES
from kili.user_warnings import warn_user

if TYPE_CHECKING:
    from kili.adapters.kili_api_gateway import KiliAPIGateway

IMPORT_BATCH_SIZE = 100
"""Assets per `appendManyAssets` request.

The API is known to accept batches of this size; larger ones risk its request limits and,
after a fault, make the existence check and the resend larger.
"""

EXISTENCE_CHECK_BATCH_SIZE = 1000
"""External ids checked for existence per request before the import starts."""

MAX_RESENDS = 8
"""How many times the missing part of an uncertain batch is sent again."""

RESEND_BACKOFF_SECONDS = 0.2
"""First pause before a resend; the pause doubles with each resend, up to 5 s."""

_MAX_LISTED = 20


class AssetImport:
    """Import assets into one project.

    Args:
        gateway: Sends the requests.
        project_id: The project receiving the assets.
        input_type: Its input type, which says how contents are to be read.
    """

    def __init__(self, gateway: KiliAPIGateway, project_id: ProjectId, input_type: str) -> None:
        self._gateway = gateway
        self._project_id = project_id
        self._input_type = input_type

    def run(
        self,
        assets: Sequence[AssetToImport],
        *,
        disable_tqdm: bool,
        wait_until_availability: bool,
    ) -> list[AssetId]:
        """Import `assets` and return the ids of those created, in the order given.

        Raises:
            InvalidArgumentError: A content names a local file that does not exist, or an
                asset is not importable in this project; raised before anything is written.
            UncertainWriteError: A batch stayed uncertain after every resend.
        """
        for index, asset in enumerate(assets):
            self._check(index, asset)
        to_create = self._skip_known(assets)
        if not to_create:
            return []
        created = run_in_batches(
            to_create,
            IMPORT_BATCH_SIZE,
            self._import_batch,
            description="Importing assets",
            disable_tqdm=disable_tqdm,
        )
        if wait_until_availability:
            last = list(batches(to_create, IMPORT_BATCH_SIZE))[-1]
            self._wait_until_visible([asset.external_id for asset in last])
        return created

    def _check(self, index: int, asset: AssetToImport) -> None:
        if asset.multi_layer_content is not None:
            if self._input_type != "IMAGE":
                raise InvalidArgumentError(
                    f"multi_layer_content_array is for IMAGE projects, not {self._input_type}"
                )
            if asset.json_content is not None:
                raise InvalidArgumentError(
                    f"Asset {index}: give multi_layer_content or json_content, not both"
                )
        _metadata_text(asset.json_metadata)
        try:
            _json_text(asset.json_content)
        except (TypeError, ValueError) as error:
            raise InvalidArgumentError(
                f"json_content_array[{index}] cannot be written as JSON: {error}"
            ) from None
        for where, path in self._local_files(asset):
            if not path.is_file():
                raise InvalidArgumentError(
                    f"{where}[{index}]: {str(path)!r} is neither a URL nor an existing file"
                )

    def _local_files(self, asset: AssetToImport) -> Iterator[tuple[str, Path]]:
        """Yield the local files of `asset` to upload, in a fixed order."""
        if self._is_local_content(asset.content):
            yield "content_array", Path(str(asset.content))
        for frame in self._frames(asset):
            if not _is_url(frame):
                yield "json_content_array", Path(frame)
        for layer in asset.multi_layer_content or ():
            yield "multi_layer_content_array", Path(str(layer.get("path", "")))

    def _frames(self, asset: AssetToImport) -> list[str]:
        json_content = asset.json_content
        if (
            self._input_type in FRAME_INPUT_TYPES
            and isinstance(json_content, list | tuple)
            and all(isinstance(frame, str) for frame in json_content)
        ):
            return list(json_content)
        return []

    def _is_local_content(self, content: object) -> bool:
        """Whether `content` names a local file; in text projects other strings are text."""
        if not isinstance(content, str) or not content or _is_url(content):
            return False
        return self._input_type != "TEXT" or Path(content).is_file()

    def _skip_known(self, assets: Sequence[AssetToImport]) -> list[AssetToImport]:
        """Drop assets sharing an external id with another one, or with an existing asset."""
        counts = Counter(asset.external_id for asset in assets)
        repeated = [external_id for external_id, count in counts.items() if count > 1]
        if repeated:
            warn_user(
                "These assets were not imported because several given assets have the same"
                f" external id: {_enumerate(repeated)}"
            )
        unique = [asset.external_id for asset in assets if counts[asset.external_id] == 1]
        existing: set[AssetExternalId] = set()
        for chunk in batches(unique, EXISTENCE_CHECK_BATCH_SIZE):
            existing |= self._gateway.existing_external_ids(self._project_id, chunk)
        if existing:
            known = [external_id for external_id in unique if external_id in existing]
            warn_user(
                "These assets were not imported because their external id is already used in"
                f" the project: {_enumerate(known)}"
            )
        return [
            asset
            for asset in assets
            if counts[asset.external_id] == 1 and asset.external_id not in existing
        ]

    def _import_batch(self, batch: Sequence[AssetToImport]) -> list[AssetId]:
        """Upload the batch's local files, then create its assets without duplicates."""
        paths = [path for asset in batch for _, path in self._local_files(asset)]
        urls = iter(self._gateway.upload_local_files(self._project_id, paths))
        return self._create([self._to_create(asset, urls) for asset in batch])

    def _create(self, assets: list[AssetToCreate]) -> list[AssetId]:
        """Create `assets`; after an uncertain attempt, resend only those not created.

        Raises:
            UncertainWriteError: Some assets were still not created after every resend.
        """
        created: dict[AssetExternalId, AssetId] = {}
        pending = assets
        failure: UncertainWriteError | None = None
        for attempt in range(MAX_RESENDS + 1):
            if attempt:
                time.sleep(min(RESEND_BACKOFF_SECONDS * 2 ** (attempt - 1), 5.0))
            try:
                rows = self._gateway.append_many_assets(self._project_id, pending)
            except UncertainWriteError as error:
                failure = error
            else:
                created.update(
                    {AssetExternalId(row["externalId"]): AssetId(row["id"]) for row in rows}
                )
            pending = self._still_missing(pending, created)
            if not pending:
                return [created[asset.external_id] for asset in assets]
        if failure is not None:
            raise failure
        raise UncertainWriteError(
            f"{len(pending)} assets were accepted but cannot be found by their external ids"
            f" after {MAX_RESENDS + 1} attempts: {[asset.external_id for asset in pending][:20]}"
        )

    def _still_missing(
        self, assets: list[AssetToCreate], created: dict[AssetExternalId, AssetId]
    ) -> list[AssetToCreate]:
        """Look up the assets not known as created; record those found, return the rest."""
        unknown = [asset for asset in assets if asset.external_id not in created]
        if unknown:
            found = self._gateway.asset_ids_by_external_id(
                self._project_id, [asset.external_id for asset in unknown]
            )
            created.update({external_id: ids[0] for external_id, ids in found.items()})
        return [asset for asset in unknown if asset.external_id not in created]

    def _to_create(self, asset: AssetToImport, uploaded: Iterator[str]) -> AssetToCreate:
        """Describe `asset` as the API takes it, local files replaced by their URLs."""
        content = asset.content
        if isinstance(content, Mapping | list):
            content_text = json.dumps(content)
        elif self._is_local_content(content):
            content_text = next(uploaded)
        else:
            content_text = content or ""
        json_content = asset.json_content
        frames = self._frames(asset)
        if frames:
            urls = [frame if _is_url(frame) else next(uploaded) for frame in frames]
            json_content = {str(index): url for index, url in enumerate(urls)}
        if asset.multi_layer_content is not None:
            json_content = [
                _uploaded_layer(layer, next(uploaded)) for layer in asset.multi_layer_content
            ]
            content_text = _base_layer_url(json_content)
        return AssetToCreate(
            external_id=asset.external_id,
            content=content_text,
            json_content=_json_text(json_content),
            json_metadata=_metadata_text(asset.json_metadata),
            is_honeypot=asset.is_honeypot,
            id=asset.id,
        )

    def _wait_until_visible(self, external_ids: list[AssetExternalId]) -> None:
        def all_visible() -> bool:
            found = self._gateway.asset_ids_by_external_id(self._project_id, external_ids)
            return len(found) == len(set(external_ids))

        wait_until(all_visible, what="The import of the assets")


def _uploaded_layer(layer: Mapping[str, Any], url: str) -> dict[str, Any]:
    described = {key: value for key, value in layer.items() if key != "path"}
    described["url"] = url
    return described


def _base_layer_url(layers: list[dict[str, Any]]) -> str:
    base = next(
        (layer for layer in layers if layer.get("isBaseLayer")), layers[0] if layers else {}
    )
    return str(base.get("url", ""))


def _json_text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value)


def _metadata_text(metadata: Mapping[str, Any] | None) -> str:
    try:
        return json.dumps(dict(metadata or {}), allow_nan=False)
    except (TypeError, ValueError) as error:
        raise InvalidArgumentError(f"json_metadata cannot be written as JSON: {error}") from None


def _is_url(value: object) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://"))


def _enumerate(values: Sequence[str]) -> str:
    listed = ", ".join(values[:_MAX_LISTED])
    more = len(values) - _MAX_LISTED
    return listed + (f" and {more} more" if more > 0 else "")
