"""Import of assets: checks, uploads of local files, batched creation that never duplicates.

An import can be interrupted and run again: assets whose external id already exists in
the project are skipped. Within a run, a batch whose creation failed in a way that
leaves unknown whether the server applied it (`UncertainWriteError`) is never resent
blindly: the external ids of the batch are looked up, and only the missing assets are
sent again. A batch refused because a concurrent import took one of its external ids
is sent again without the taken ones.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Collection, Iterator, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kili.domain.asset import AssetExternalId, AssetId, AssetToCreate, AssetToImport
from kili.domain.project import ProjectId
from kili.exceptions import (
    GraphQLError,
    InternalError,
    InvalidArgumentError,
    UncertainWriteError,
)
from kili.use_cases.batching import batches, read_in_chunks, wait_until
from kili.use_cases.media import FRAME_INPUT_TYPES
from kili.use_cases.verified_write import write_in_verified_batches
from kili.user_warnings import warn_user

if TYPE_CHECKING:
    from kili.use_cases.port import AssetImportGateway

IMPORT_BATCH_SIZE = 100
"""Assets per `appendManyAssets` request.

The API is known to accept batches of this size; larger ones risk its request limits and,
after a fault, make the existence check and the resend larger.
"""

EXISTENCE_CHECK_BATCH_SIZE = 1000
"""External ids checked for existence per request before the import starts."""

MAX_CONFLICT_LOOKUPS = 8
"""How many conflicts with concurrent imports one batch resolves before giving up."""

_MAX_LISTED = 20


class AssetImport:
    """Import assets into one project.

    Args:
        gateway: Sends the requests.
        project_id: The project receiving the assets.
        input_type: Its input type, which says how contents are to be read.
        max_concurrency: Batches in flight at once.
    """

    def __init__(
        self,
        gateway: AssetImportGateway,
        project_id: ProjectId,
        input_type: str,
        *,
        max_concurrency: int = 1,
    ) -> None:
        self._gateway = gateway
        self._project_id = project_id
        self._input_type = input_type
        self._max_concurrency = max_concurrency
        self._described: dict[AssetExternalId, AssetToCreate] = {}
        self._taken: list[AssetExternalId] = []

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
            UncertainBatchWriteError: The server stayed unreachable; the error lists
                the assets created and those not created, and the batches that landed.
            BatchWriteError: The API refused a batch after others landed.
        """
        for index, asset in enumerate(assets):
            self._check(index, asset)
        to_create = self._skip_known(assets)
        if not to_create:
            return []
        try:
            created = write_in_verified_batches(
                to_create,
                IMPORT_BATCH_SIZE,
                self._import_batch,
                self._assets_found,
                description="Importing assets",
                disable_tqdm=disable_tqdm,
                name_item=lambda asset: str(asset.external_id),
                max_concurrency=self._max_concurrency,
                overlap_key=lambda asset: asset.external_id,
            )
        finally:
            self._warn_taken()
        if wait_until_availability:
            last = list(batches(to_create, IMPORT_BATCH_SIZE))[-1]
            self._wait_until_visible([asset.external_id for asset in last])
        return [asset_id for asset_id in created if asset_id is not None]

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
        existing: set[AssetExternalId] = set().union(
            *read_in_chunks(
                unique,
                EXISTENCE_CHECK_BATCH_SIZE,
                lambda chunk: self._gateway.existing_external_ids(self._project_id, chunk),
                max_concurrency=self._max_concurrency,
            )
        )
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

    def _import_batch(self, batch: Sequence[AssetToImport]) -> list[AssetId | None]:
        """Upload the batch's local files (once), then create its assets.

        Returns:
            The id of each asset created, `None` for one skipped because another import
            created its external id meanwhile.
        """
        to_upload = [asset for asset in batch if asset.external_id not in self._described]
        paths = [path for asset in to_upload for _, path in self._local_files(asset)]
        urls = iter(self._gateway.upload_local_files(self._project_id, paths))
        for asset in to_upload:
            self._described[asset.external_id] = self._to_create(asset, urls)
        return self._create([self._described[asset.external_id] for asset in batch])

    def _create(self, assets: list[AssetToCreate]) -> list[AssetId | None]:
        """Create `assets`, skipping those whose external id another import just took.

        A concurrent import may create one of the external ids between the check made
        before the import and this request; the API then refuses the whole batch with
        a conflict. The external ids used by then are looked up and only the others
        are sent, as an import promises to skip existing assets.
        """
        skipped: set[AssetExternalId] = set()
        conflict: GraphQLError | None = None
        for _ in range(MAX_CONFLICT_LOOKUPS + 1):
            pending = [asset for asset in assets if asset.external_id not in skipped]
            if not pending:
                return [None] * len(assets)
            try:
                rows = self._gateway.append_many_assets(self._project_id, pending)
            except GraphQLError as error:
                skipped |= self._taken_meanwhile(error, pending)
                conflict = error
                continue
            created = {AssetExternalId(row["externalId"]): AssetId(row["id"]) for row in rows}
            if any(asset.external_id not in created for asset in pending):
                # An answer that leaves assets out says nothing of them: read them back.
                raise UncertainWriteError("The API did not answer the id of every asset sent.")
            return [created.get(asset.external_id) for asset in assets]
        if conflict is None:  # pragma: no cover - each turn returns or records a conflict
            raise InternalError("An import batch neither succeeded nor conflicted.")
        raise conflict

    def _taken_meanwhile(
        self, error: GraphQLError, assets: Sequence[AssetToCreate]
    ) -> set[AssetExternalId]:
        """Return the external ids of `assets` that exist now, if they explain `error`.

        Raises:
            GraphQLError: `error` itself, when it is no conflict or no external id of
                `assets` exists (another id conflicts, which a resend cannot fix).
        """
        if error.code != "CONFLICT":
            raise error
        taken = set(
            self._gateway.asset_ids_by_external_id(
                self._project_id, [asset.external_id for asset in assets]
            )
        )
        if not taken:
            raise error
        self._taken.extend(taken)
        return taken

    def _warn_taken(self) -> None:
        """Name the assets another import created meanwhile, once, from the caller's thread.

        Batches may run in worker threads, where a warning could not point at the line
        of the caller; so they are collected and named here.
        """
        if self._taken:
            taken, self._taken = sorted(self._taken), []
            warn_user(
                "These assets were not imported because another import created their"
                f" external id meanwhile: {_enumerate(taken)}"
            )

    def _assets_found(
        self,
        assets: Sequence[AssetToImport],
        sent_after: datetime,
        known: Collection[AssetId | None],
    ) -> dict[int, AssetId | None]:
        """Find the assets an uncertain creation made, by their external ids."""
        del sent_after, known  # an external id is unique in the project: it says it all
        found = self._gateway.asset_ids_by_external_id(
            self._project_id, [asset.external_id for asset in assets]
        )
        return {
            position: found[asset.external_id][0]
            for position, asset in enumerate(assets)
            if asset.external_id in found
        }

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
