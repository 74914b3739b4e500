"""An in-memory fake of the asset import port, for the use cases' unit tests.

It holds the assets of one project, applies the API's rules that the import relies on
(an external id is unique: a batch reusing one is refused whole with `CONFLICT`), records
each call by method name, and can be told to fail chosen writes the way a network does:
before the server applied them, after, or halfway.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kili.domain.asset import AssetExternalId, AssetId, AssetToCreate
from kili.domain.project import ProjectId
from kili.exceptions import GraphQLError, KiliConnectionError, UncertainWriteError
from kili.use_cases.port import AssetImportGateway


@dataclass(frozen=True)
class Fault:
    """How one write call fails.

    Attributes:
        commits: How many of the call's items are applied before `error` is raised:
            `0` for a request lost on the way, `None` for all of them (the answer was
            lost on the way back).
        error: What the call raises.
    """

    commits: int | None
    error: Exception = field(
        default_factory=lambda: UncertainWriteError("the connection dropped mid-request")
    )


LOST_BEFORE = Fault(commits=0)
"""The request never reached the server, but the client cannot know it."""

LOST_AFTER = Fault(commits=None)
"""The server applied the request, then the answer was lost."""

REFUSED_CONNECTION = Fault(commits=0, error=KiliConnectionError("connection refused"))
"""The server could not be reached at all: known not applied."""


class InMemoryAssetGateway:
    """The asset import port over a dict of assets of one project.

    Attributes:
        project_id: The only project that exists.
        assets: The stored assets by id, in creation order.
        calls: `(method, argument)` of every call, the argument being the external ids,
            paths or assets the call was about.
        uploads: The local files uploaded, in order.
    """

    def __init__(self, project_id: str = "project-1") -> None:
        self.project_id = ProjectId(project_id)
        self.assets: dict[AssetId, AssetToCreate] = {}
        self.calls: list[tuple[str, list[Any]]] = []
        self.uploads: list[Path] = []
        self._faults: dict[str, list[Fault]] = {}
        self._before_write: list[Callable[[], None]] = []
        self._left_out_of_next_answer = 0
        self._ids = itertools.count(1)

    # --- steering the fake -------------------------------------------------------

    def fail(self, method: str, *faults: Fault) -> None:
        """Make the next calls of the write `method` fail as `faults` say, in order."""
        self._faults.setdefault(method, []).extend(faults)

    def leave_out_of_next_answer(self, count: int) -> None:
        """Make the next creation apply everything but answer without its last `count` ids."""
        self._left_out_of_next_answer = count

    def before_next_write(self, action: Callable[[], None]) -> None:
        """Run `action` just before the next write, as a concurrent client would."""
        self._before_write.append(action)

    def store(self, external_id: str, asset_id: str | None = None) -> AssetId:
        """Create an asset directly, as another client would; return its id."""
        new_id = AssetId(asset_id or f"asset-{next(self._ids)}")
        self.assets[new_id] = AssetToCreate(AssetExternalId(external_id))
        return new_id

    def external_ids(self) -> list[str]:
        """External ids of the stored assets, in creation order."""
        return [asset.external_id for asset in self.assets.values()]

    def sent(self, method: str) -> list[list[Any]]:
        """The arguments of every call of `method`, in order."""
        return [argument for name, argument in self.calls if name == method]

    # --- the port ----------------------------------------------------------------

    def asset_ids_by_external_id(
        self, project_id: ProjectId, external_ids: Sequence[AssetExternalId]
    ) -> dict[AssetExternalId, list[AssetId]]:
        self.calls.append(("asset_ids_by_external_id", list(external_ids)))
        wanted = set(external_ids) if project_id == self.project_id else set()
        found: dict[AssetExternalId, list[AssetId]] = {}
        for asset_id, asset in self.assets.items():
            if asset.external_id in wanted:
                found.setdefault(asset.external_id, []).append(asset_id)
        return found

    def existing_external_ids(
        self, project_id: ProjectId, external_ids: Sequence[AssetExternalId]
    ) -> set[AssetExternalId]:
        self.calls.append(("existing_external_ids", list(external_ids)))
        return set(self.asset_ids_by_external_id(project_id, external_ids))

    def upload_local_files(self, project_id: ProjectId, paths: Sequence[Path]) -> list[str]:
        self.calls.append(("upload_local_files", list(paths)))
        self.uploads.extend(paths)
        return [
            f"https://storage.example/projects/{project_id}/{next(self._ids)}-{path.name}"
            for path in paths
        ]

    def append_many_assets(
        self, project_id: ProjectId, assets: Sequence[AssetToCreate]
    ) -> list[dict[str, Any]]:
        self.calls.append(("append_many_assets", [asset.external_id for asset in assets]))
        while self._before_write:
            self._before_write.pop(0)()
        fault = self._next_fault("append_many_assets")
        if fault is not None and fault.commits == 0:
            raise fault.error  # the server never saw the request
        if project_id != self.project_id:
            raise GraphQLError(f"No project {project_id}", code="NOT_FOUND")
        if set(self.external_ids()) & {asset.external_id for asset in assets}:
            raise GraphQLError("Nothing imported: external ids already used", code="CONFLICT")
        applied = assets if fault is None or fault.commits is None else assets[: fault.commits]
        created = [{"id": self._create(a), "externalId": a.external_id} for a in applied]
        if fault is not None:
            raise fault.error
        left_out, self._left_out_of_next_answer = self._left_out_of_next_answer, 0
        return created[: len(created) - left_out]

    def _next_fault(self, method: str) -> Fault | None:
        pending = self._faults.get(method)
        return pending.pop(0) if pending else None

    def _create(self, asset: AssetToCreate) -> AssetId:
        asset_id = AssetId(asset.id or f"asset-{next(self._ids)}")
        self.assets[asset_id] = asset
        return asset_id


def as_port(gateway: InMemoryAssetGateway) -> AssetImportGateway:
    """Return the fake typed as the port: `mypy --strict` on this module checks it fits."""
    return gateway
