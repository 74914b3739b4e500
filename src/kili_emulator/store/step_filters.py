"""Translation of the workflow-step fields of AssetWhere into SQL.

Each asset has one row in `asset_steps`: its current step and its status there
(`store.schema.WORKFLOW_DDL`). The step filters test that row. Statuses have two
spellings each for two of them (`DOING`/`IN_PROGRESS`, `REDO`/`REWORK`): a filter on
either spelling matches both, whichever one is stored.

The emulator serves the single-group workflow: no step belongs to a named group, so a
`groupNameIn` filter matches no asset and a `groupNameNotIn` filter matches every one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from kili_emulator.store.conditions import Conditions

STEP_WHERE_FIELDS = (
    "stepIdIn",
    "stepIdNotIn",
    "stepStatusIn",
    "stepStatusNotIn",
    "stepIdAndStatusIn",
    "stepIdAndStatusNotIn",
    "groupNameIn",
    "groupNameNotIn",
)
"""The fields of AssetWhere this module translates."""

SAME_STATUSES = (("DOING", "IN_PROGRESS"), ("REDO", "REWORK"))
"""Spellings of one status in a step: the deprecated one, then the current one."""


def statuses_matching(statuses: Iterable[str]) -> list[str]:
    """Return `statuses` with the other spelling of each status that has two."""
    matching = list(dict.fromkeys(statuses))
    for spellings in SAME_STATUSES:
        if any(status in spellings for status in matching):
            matching.extend(status for status in spellings if status not in matching)
    return matching


def add_step_conditions(conds: Conditions, where: Mapping[str, Any], alias: str) -> None:
    """Add the conditions of the step fields of `where` on the asset row `alias`."""
    row = f"{alias}_step"
    for key, negate in (("stepIdIn", False), ("stepIdNotIn", True)):
        if where.get(key) is not None:
            inner = Conditions()
            inner.add_in(f"{row}.step_id", where[key])
            _add_step_row_exists(conds, inner, alias, negate)
    for key, negate in (("stepStatusIn", False), ("stepStatusNotIn", True)):
        if where.get(key) is not None:
            inner = Conditions()
            inner.add_in(f"{row}.status", statuses_matching(where[key]))
            _add_step_row_exists(conds, inner, alias, negate)
    for key, negate in (("stepIdAndStatusIn", False), ("stepIdAndStatusNotIn", True)):
        if where.get(key) is not None:
            _add_step_row_exists(conds, _any_pair(where[key], row), alias, negate)
    # No step of the single-group workflow is in a group: see the module's docstring.
    if where.get("groupNameIn") is not None:
        conds.add("0")
    if where.get("groupNameNotIn") is not None:
        conds.add("1")


def _any_pair(pairs: Sequence[Mapping[str, str]], row: str) -> Conditions:
    """Conditions on the `asset_steps` row `row` matching one of the (step, status) pairs."""
    tests: list[str] = []
    params: list[Any] = []
    for pair in pairs:
        statuses = statuses_matching([pair["status"]])
        marks = ", ".join("?" for _ in statuses)
        tests.append(f"({row}.step_id = ? AND {row}.status IN ({marks}))")
        params.extend([pair["stepId"], *statuses])
    inner = Conditions()
    inner.add(" OR ".join(tests) or "0", *params)
    return inner


def _add_step_row_exists(conds: Conditions, inner: Conditions, alias: str, negate: bool) -> None:
    """Keep the assets whose step row matches `inner` (or, negated, does not)."""
    row = f"{alias}_step"
    exists = (
        f"EXISTS (SELECT 1 FROM asset_steps {row} WHERE {row}.asset_id = {alias}.id"
        f" AND {inner.sql})"
    )
    conds.add(f"NOT {exists}" if negate else exists, *inner.params)
