"""The labeling queue of assets: who labels them, in which order, consensus and skips.

Assignments and priorities are sent in batches of idempotent writes, then read back:
the outcome says, asset by asset, whether the asset is now in the state asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from contextlib import suppress
from typing import TYPE_CHECKING, Any

from kili.domain.asset import (
    AssetActionOutcome,
    AssetChanges,
    AssetDesignation,
    AssetExternalId,
    AssetFilters,
    AssetId,
    AssetReference,
)
from kili.domain.project import ProjectId
from kili.domain.project_user import ProjectUserFilters
from kili.domain.query import QueryOptions
from kili.domain.user import UserId
from kili.exceptions import NotFound, VerificationTimeoutError
from kili.use_cases.asset import MUTATION_BATCH_SIZE, PAGE_OF_IDS
from kili.use_cases.asset_resolution import resolve_assets
from kili.use_cases.batching import batches, run_in_batches, wait_until

if TYPE_CHECKING:
    from kili.use_cases.port import KiliGateway

DECLINE_AFTER_SECONDS = 5.0
"""How long the last asset written is awaited before an asset not changed is declined."""

_MAX_LISTED = 20


class AssetQueueUseCases:
    """Assignment, priority, consensus and skips of assets."""

    def __init__(self, gateway: KiliGateway) -> None:
        self._gateway = gateway

    def assign(
        self,
        assets: AssetDesignation,
        labelers: Sequence[Sequence[str]],
        *,
        disable_tqdm: bool,
    ) -> AssetActionOutcome:
        """Make asset `i` labelable by exactly the users of `labelers[i]` (ids or emails).

        Every labeler is looked up among the active members of the asset's project
        before anything is sent; an empty list lets every labeler label the asset.

        Raises:
            NotFound: Some assets do not exist, or some labelers are not active members
                of the project (all are listed).
        """
        asset_ids = resolve_assets(self._gateway, assets)
        projects = self._projects_of(assets, asset_ids)
        members = {project: self._members(project) for project in set(projects.values())}
        unknown: list[str] = []
        assignments: list[tuple[AssetId, tuple[UserId, ...]]] = []
        for asset_id, given in zip(asset_ids, labelers, strict=True):
            known = members[projects[asset_id]]
            unknown += [user for user in given if user not in known]
            ids = tuple(dict.fromkeys(known[user] for user in given if user in known))
            assignments.append((asset_id, ids))
        if unknown:
            raise NotFound(
                "These labelers are not active members of the assets' project: "
                f"{_listed(list(dict.fromkeys(unknown)))}; add them with append_to_roles first."
            )
        answered = run_in_batches(
            assignments,
            MUTATION_BATCH_SIZE,
            self._gateway.assign_assets,
            description="Assigning assets",
            disable_tqdm=disable_tqdm,
        )
        expected = {asset_id: frozenset(ids) for asset_id, ids in assignments}
        return self._outcome(projects, expected, "toBeLabeledBy.user.id", _assignees, answered)

    def set_priority(
        self, assets: AssetDesignation, priority: int, *, disable_tqdm: bool
    ) -> AssetActionOutcome:
        """Give every asset the same labeling priority.

        Raises:
            NotFound: Some assets do not exist.
        """
        asset_ids = resolve_assets(self._gateway, assets)
        projects = self._projects_of(assets, asset_ids)
        answered = run_in_batches(
            [AssetChanges(priority=priority).for_asset(asset_id) for asset_id in asset_ids],
            MUTATION_BATCH_SIZE,
            self._gateway.update_properties_in_assets,
            description="Setting priorities",
            disable_tqdm=disable_tqdm,
        )
        expected = dict.fromkeys(asset_ids, priority)
        return self._outcome(projects, expected, "priority", lambda row: row["priority"], answered)

    def set_consensus(
        self, project_id: ProjectId, asset: AssetDesignation, is_consensus: bool
    ) -> bool:
        """Make one asset take part, or not, in consensus; return the API's answer.

        Raises:
            NotFound: The external id is not in the project.
        """
        (asset_id,) = resolve_assets(self._gateway, asset)
        return self._gateway.set_asset_consensus(project_id, asset_id, is_consensus)

    def skip(self, project_id: ProjectId, asset_id: AssetId, reason: str) -> AssetId:
        """Take the asset out of the labeling queue, with the reason why."""
        return self._gateway.skip_asset(project_id, asset_id, reason)

    def unskip(self, project_id: ProjectId, asset_id: AssetId) -> AssetId:
        """Put a skipped asset back in the labeling queue."""
        return self._gateway.unskip_asset(project_id, asset_id)

    def _projects_of(
        self, assets: AssetDesignation, asset_ids: Sequence[AssetId]
    ) -> dict[AssetId, ProjectId]:
        """Map each asset to its project: the one given, or else the one read.

        Raises:
            NotFound: Assets given by id without a project do not exist.
        """
        if assets.project_id is not None:
            return dict.fromkeys(asset_ids, assets.project_id)
        projects: dict[AssetId, ProjectId] = {}
        for chunk in batches(list(dict.fromkeys(asset_ids)), PAGE_OF_IDS):
            projects.update(self._gateway.project_ids_of_assets(chunk))
        missing = [asset_id for asset_id in asset_ids if asset_id not in projects]
        if missing:
            raise NotFound(f"No asset has the id {_listed(list(dict.fromkeys(missing)))}.")
        return projects

    def _members(self, project_id: ProjectId) -> dict[str, UserId]:
        """Map the id and the email of each active member of the project to the user id."""
        rows = self._gateway.list_project_users(
            ProjectUserFilters(project_id),
            ("activated", "user.id", "user.email"),
            QueryOptions(disable_tqdm=True),
        )
        members: dict[str, UserId] = {}
        for row in rows:
            user = row.get("user") or {}
            if row.get("activated") and user.get("id"):
                members[user["id"]] = UserId(user["id"])
                if user.get("email"):
                    members[user["email"]] = UserId(user["id"])
        return members

    def _outcome(
        self,
        projects: Mapping[AssetId, ProjectId],
        expected: Mapping[AssetId, Hashable],
        field: str,
        value_of: Callable[[dict[str, Any]], Hashable],
        answered: Sequence[AssetId],
    ) -> AssetActionOutcome:
        """Read the assets back and sort them by whether `field` holds what was asked.

        The last asset the API answered as written is awaited first, for at most
        `DECLINE_AFTER_SECONDS`, so that a read side lagging behind the write side does
        not report a written asset declined.
        """
        if answered:
            last = answered[-1]
            # The API may leave an asset as it was: it is then reported declined.
            with suppress(VerificationTimeoutError):
                wait_until(
                    lambda: self._holds(projects[last], last, field, value_of, expected[last]),
                    what="The change of the assets",
                    timeout_seconds=DECLINE_AFTER_SECONDS,
                )
        by_project: dict[ProjectId, list[AssetId]] = {}
        for asset_id in expected:
            by_project.setdefault(projects[asset_id], []).append(asset_id)
        rows: dict[AssetId, tuple[AssetExternalId, dict[str, Any]]] = {}
        for project_id, ids in by_project.items():
            rows.update(self._read(project_id, ids, field))
        succeeded: list[AssetReference] = []
        declined: list[AssetReference] = []
        for asset_id, wanted in expected.items():
            external_id, row = rows.get(asset_id, (AssetExternalId(""), {}))
            reference = AssetReference(asset_id, external_id)
            (succeeded if row and value_of(row) == wanted else declined).append(reference)
        return AssetActionOutcome(tuple(succeeded), tuple(declined))

    def _holds(
        self,
        project_id: ProjectId,
        asset_id: AssetId,
        field: str,
        value_of: Callable[[dict[str, Any]], Hashable],
        wanted: Hashable,
    ) -> bool:
        found = self._read(project_id, [asset_id], field).get(asset_id)
        return found is not None and value_of(found[1]) == wanted

    def _read(
        self, project_id: ProjectId, asset_ids: Sequence[AssetId], field: str
    ) -> dict[AssetId, tuple[AssetExternalId, dict[str, Any]]]:
        found: dict[AssetId, tuple[AssetExternalId, dict[str, Any]]] = {}
        for chunk in batches(asset_ids, PAGE_OF_IDS):
            filters = AssetFilters(project_id, asset_id_in=tuple(chunk))
            fields = ("id", "externalId", field)
            for row in self._gateway.list_assets(filters, fields, QueryOptions(disable_tqdm=True)):
                found[AssetId(row["id"])] = (AssetExternalId(row["externalId"]), row)
        return found


def _assignees(row: dict[str, Any]) -> frozenset[str]:
    return frozenset(
        member["user"]["id"] for member in row.get("toBeLabeledBy") or () if member.get("user")
    )


def _listed(values: list[str]) -> str:
    listed = ", ".join(repr(value) for value in values[:_MAX_LISTED])
    more = len(values) - _MAX_LISTED
    return listed + (f" and {more} more" if more > 0 else "")
