"""Workflow steps as filters see them: step statuses and the filters on an asset's step.

A project of the multi-step (`V2`) or multi-group (`V3`) workflow moves each asset
through steps; filters designate steps by id or by name, and the API only knows ids,
so names are resolved against the project's steps (`StepFilters.by_id`) before a read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from typing import Literal, get_args

from kili.exceptions import IncompatibleArgumentsError, InvalidArgumentError

StatusInStep = Literal[
    "TO_DO", "DOING", "IN_PROGRESS", "PARTIALLY_DONE", "REWORK", "REDO", "DONE", "SKIPPED"
]
"""Status of an asset in its current step; `DOING` and `REDO` are deprecated spellings."""

STEP_STATUSES: tuple[str, ...] = get_args(StatusInStep)

DEPRECATED_STEP_STATUSES = {"DOING": "IN_PROGRESS", "REDO": "REWORK"}
"""Deprecated step statuses and the status that replaces each."""

WorkflowVersion = Literal["V1", "V2", "V3"]
"""Legacy workflow (`V1`, asset statuses only), multi-step (`V2`), multi-group (`V3`)."""

StepAndStatus = tuple[str, StatusInStep]
"""A step (by id or by name) and a status in it."""


@dataclass(frozen=True)
class WorkflowStep:
    """One step of a project's workflow, as step names in filters are resolved against.

    Attributes:
        id: The step's id.
        name: The step's name, unique within its group.
    """

    id: str
    name: str


@dataclass(frozen=True)
class StepFilters:
    """Which assets to keep by their current step, their status in it, and its group.

    A filter is given either by step id or by step name, never both ways at once.
    Every attribute left to `None` does not filter.

    Attributes:
        step_id_in: Assets currently in one of these steps.
        step_id_not_in: Assets currently in none of these steps.
        step_name_in: As `step_id_in`, steps named; a name several groups use stands
            for the step of each.
        step_name_not_in: As `step_id_not_in`, steps named.
        step_status_in: Assets whose status in their step is one of these.
        step_status_not_in: Assets whose status in their step is none of these.
        step_id_and_status_in: Assets matching one of these (step id, status) pairs.
        step_id_and_status_not_in: Assets matching none of these pairs.
        step_name_and_status_in: As `step_id_and_status_in`, steps named.
        step_name_and_status_not_in: As `step_id_and_status_not_in`, steps named.
        group_name_in: Assets in a step of one of these groups (multi-group workflow).
        group_name_not_in: Assets in a step of none of these groups.
    """

    step_id_in: tuple[str, ...] | None = None
    step_id_not_in: tuple[str, ...] | None = None
    step_name_in: tuple[str, ...] | None = None
    step_name_not_in: tuple[str, ...] | None = None
    step_status_in: tuple[StatusInStep, ...] | None = None
    step_status_not_in: tuple[StatusInStep, ...] | None = None
    step_id_and_status_in: tuple[StepAndStatus, ...] | None = None
    step_id_and_status_not_in: tuple[StepAndStatus, ...] | None = None
    step_name_and_status_in: tuple[StepAndStatus, ...] | None = None
    step_name_and_status_not_in: tuple[StepAndStatus, ...] | None = None
    group_name_in: tuple[str, ...] | None = None
    group_name_not_in: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        """Refuse unknown statuses and a filter given both by step id and by step name."""
        for suffix in ("in", "not_in", "and_status_in", "and_status_not_in"):
            if getattr(self, f"step_id_{suffix}") is not None and (
                getattr(self, f"step_name_{suffix}") is not None
            ):
                raise IncompatibleArgumentsError(
                    f"Filters step_id_{suffix} and step_name_{suffix} both given: use only one"
                    " of them."
                )
        statuses: list[str] = [*(self.step_status_in or ()), *(self.step_status_not_in or ())]
        for pairs in self._pairs():
            statuses.extend(_check_pair(pair) for pair in pairs)
        unknown = [status for status in statuses if status not in STEP_STATUSES]
        if unknown:
            raise InvalidArgumentError(
                f"Unknown step status {unknown[0]!r}: give one of {', '.join(STEP_STATUSES)}."
            )

    def _pairs(self) -> list[tuple[StepAndStatus, ...]]:
        return [
            pairs
            for pairs in (
                self.step_id_and_status_in,
                self.step_id_and_status_not_in,
                self.step_name_and_status_in,
                self.step_name_and_status_not_in,
            )
            if pairs is not None
        ]

    def names_steps(self) -> bool:
        """Tell whether a filter designates steps, by id or by name (statuses aside)."""
        return any(
            getattr(self, field.name) is not None
            for field in fields(self)
            if field.name.startswith(("step_id_", "step_name_"))
        )

    def names_groups(self) -> bool:
        """Tell whether a filter designates step groups."""
        return self.group_name_in is not None or self.group_name_not_in is not None

    def deprecated_statuses(self) -> list[str]:
        """Return the deprecated statuses the filters use, each once."""
        used = [*(self.step_status_in or ()), *(self.step_status_not_in or ())]
        for pairs in self._pairs():
            used.extend(status for _, status in pairs)
        return [status for status in DEPRECATED_STEP_STATUSES if status in used]

    def by_id(self, steps: Sequence[WorkflowStep]) -> StepFilters:
        """Return these filters with every step named replaced by the ids of its steps.

        Raises:
            InvalidArgumentError: A name matches no step of `steps`; all such are listed.
        """
        ids_by_name: dict[str, list[str]] = {}
        for step in steps:
            ids_by_name.setdefault(step.name, []).append(step.id)
        named = [*(self.step_name_in or ()), *(self.step_name_not_in or ())]
        for named_pairs in (self.step_name_and_status_in, self.step_name_and_status_not_in):
            named.extend(name for name, _ in named_pairs or ())
        unknown = [name for name in dict.fromkeys(named) if name not in ids_by_name]
        if unknown:
            raise InvalidArgumentError(
                f"The following step names do not match any steps: {unknown}"
            )

        def ids(
            names: tuple[str, ...] | None, current: tuple[str, ...] | None
        ) -> tuple[str, ...] | None:
            if names is None:
                return current
            return tuple(step_id for name in names for step_id in ids_by_name[name])

        def pairs(
            named_pairs: tuple[StepAndStatus, ...] | None,
            current: tuple[StepAndStatus, ...] | None,
        ) -> tuple[StepAndStatus, ...] | None:
            if named_pairs is None:
                return current
            return tuple(
                (step_id, status) for name, status in named_pairs for step_id in ids_by_name[name]
            )

        return replace(
            self,
            step_id_in=ids(self.step_name_in, self.step_id_in),
            step_id_not_in=ids(self.step_name_not_in, self.step_id_not_in),
            step_id_and_status_in=pairs(self.step_name_and_status_in, self.step_id_and_status_in),
            step_id_and_status_not_in=pairs(
                self.step_name_and_status_not_in, self.step_id_and_status_not_in
            ),
            step_name_in=None,
            step_name_not_in=None,
            step_name_and_status_in=None,
            step_name_and_status_not_in=None,
        )


def _check_pair(pair: object) -> str:
    """Return the status of a (step, status) pair, refusing anything else."""
    if not (isinstance(pair, tuple | list) and len(pair) == 2 and isinstance(pair[0], str)):
        raise InvalidArgumentError(f"A step filter pair must be (step, status), got {pair!r}.")
    return str(pair[1])
