"""Finding a step of a workflow: by id, or by name with its group in a multi-group workflow.

Step names are unique within a group only; a name shared by several groups needs the
group's name. The look-ups work on a workflow read once (`steps` with `id`, `name`,
`stepGroupId`; `stepGroups`; `workflowVersion`), so that a method resolving several
steps reads the project once.
"""

from __future__ import annotations

from typing import Any

from kili.domain.workflow import StepDesignation
from kili.exceptions import InvalidArgumentError


def find_step(workflow: dict[str, Any], designation: StepDesignation) -> dict[str, Any]:
    """Return the step `designation` names among the steps of `workflow`.

    Raises:
        InvalidArgumentError: No step matches, several steps of different groups share
            the name, or a group is named in a workflow without groups.
    """
    steps: list[dict[str, Any]] = workflow.get("steps") or []
    if designation.step_id is not None:
        found = [step for step in steps if step["id"] == designation.step_id]
        if not found:
            raise InvalidArgumentError(
                f"Step '{designation.step_id}' not found in project workflow"
            )
        return found[0]
    if designation.group_name is not None:
        group = group_of(workflow, designation.group_name)
        steps = [step for step in steps if step.get("stepGroupId") == group["id"]]
    matching = [step for step in steps if step["name"] == designation.name]
    if not matching:
        where = f" in group '{designation.group_name}'" if designation.group_name else ""
        known = [step["name"] for step in steps]
        raise InvalidArgumentError(
            f"Step '{designation.name}' not found{where} in project workflow; its steps are {known}"
        )
    if len(matching) > 1:
        raise InvalidArgumentError(
            f"Multiple steps named '{designation.name}' exist across groups; please provide"
            " group_name, or the step_id"
        )
    return matching[0]


def group_of(workflow: dict[str, Any], group_name: str) -> dict[str, Any]:
    """Return the group named `group_name` of a multi-group workflow.

    Raises:
        InvalidArgumentError: The workflow has no groups, or none with this name.
    """
    if workflow.get("workflowVersion") != "V3":
        raise InvalidArgumentError("group_name is only supported in the multi-group workflow")
    for group in workflow.get("stepGroups") or []:
        if group.get("name") == group_name:
            return dict(group)
    raise InvalidArgumentError(f"Group '{group_name}' not found in project workflow")


def by_name(item: str | StepDesignation) -> StepDesignation:
    """Return a step given by its name (a string) as a designation."""
    if isinstance(item, str):
        return StepDesignation(name=item)
    return item
