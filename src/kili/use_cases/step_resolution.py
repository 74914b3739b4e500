"""Workflow steps designated by id or by name, resolved into the ids the API takes.

Step names are unique within a group only; a name shared by several groups needs the
group's name. The look-ups work on a workflow read once (`steps` with `id`, `name`,
`stepGroupId`; `stepGroups`; `workflowVersion`), so that a method resolving several
steps reads the project once. Used by the workflow methods, by the asset and label
reads (step filters, checked against the workflow before the read) and by the label
imports (the step labels are made in).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from kili.domain.step_filters import StepFilters, WorkflowStep
from kili.domain.workflow import StepDesignation, StepId
from kili.exceptions import IncompatibleArgumentsError, InvalidArgumentError
from kili.use_cases.project_lookup import project_by_id
from kili.user_warnings import warn_user

if TYPE_CHECKING:
    from collections.abc import Sequence

    from kili.domain.asset import AssetFilters
    from kili.domain.project import ProjectId
    from kili.use_cases.port import ProjectLookup


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


WORKFLOW_FIELDS = (
    "workflowVersion",
    "steps.id",
    "steps.name",
    "steps.stepGroupId",
    "stepGroups.id",
    "stepGroups.name",
)
"""What resolving steps reads of a project: its version, steps and their groups (which
`find_step` reads to tell apart steps of the same name)."""


def workflow_of(gateway: ProjectLookup, project_id: ProjectId) -> tuple[str, list[WorkflowStep]]:
    """Return the workflow version of a project and its steps.

    Raises:
        NotFound: The project does not exist or is not visible.
    """
    project = project_by_id(gateway, project_id, WORKFLOW_FIELDS)
    steps = [
        WorkflowStep(id=str(row["id"]), name=str(row.get("name") or ""))
        for row in project.get("steps") or ()
    ]
    return str(project.get("workflowVersion") or "V1"), steps


def resolve_step_filters(
    gateway: ProjectLookup,
    project_id: ProjectId,
    steps: StepFilters | None,
    *,
    status_in: Sequence[str] | None,
    skipped: bool | None = None,
) -> StepFilters | None:
    """Check step filters against the project's workflow and give their steps by id.

    Args:
        gateway: Reads the project.
        project_id: The project whose assets are filtered.
        steps: The step filters; `None` reads nothing and returns `None`.
        status_in: The asset statuses also filtered on, which workflow projects
            replace by step statuses.
        skipped: The skipped flag also filtered on.

    Raises:
        InvalidArgumentError: A step name matches no step; step filters on a
            legacy-workflow project; group filters outside the multi-group workflow.
        IncompatibleArgumentsError: `status_in` together with step filters.
        NotFound: The project does not exist.
    """
    if steps is None:
        return None
    version, workflow = workflow_of(gateway, project_id)
    if steps.names_groups() and version != "V3":
        raise InvalidArgumentError(
            "Filters group_name_in and/or group_name_not_in given: they only apply to the"
            f" multi-group workflow, and project {project_id} does not use it."
        )
    by_step = steps.names_steps() or steps.step_status_in is not None
    if version == "V1":
        if by_step or steps.step_status_not_in is not None:
            raise InvalidArgumentError(
                f"Project {project_id} uses the legacy workflow, which has no steps: filter by"
                " asset status (status_in) instead of step filters."
            )
        return steps
    if by_step and status_in is not None:
        raise IncompatibleArgumentsError(
            "Filters by step and status_in both given: on a project with workflow steps, use"
            " step_status_in instead of status_in."
        )
    if skipped is not None:
        warn_user(
            "Filter skipped given: on a project with workflow steps, use step_status_in with"
            " the SKIPPED step status instead."
        )
    return steps.by_id(workflow)


def asset_filters_with_steps_by_id(gateway: ProjectLookup, filters: AssetFilters) -> AssetFilters:
    """Return `filters` with their step filters checked against the workflow, steps by id.

    Raises:
        InvalidArgumentError: As `resolve_step_filters`.
        IncompatibleArgumentsError: `status_in` with step filters on a workflow project.
        NotFound: The project does not exist.
    """
    if filters.steps is None:
        return filters
    steps = resolve_step_filters(
        gateway,
        filters.project_id,
        filters.steps,
        status_in=filters.status_in,
        skipped=filters.skipped,
    )
    return replace(filters, steps=steps)


def resolve_step(
    gateway: ProjectLookup, project_id: ProjectId, step: StepDesignation
) -> StepDesignation:
    """Return the step designated, by id, checked against the project's workflow.

    Raises:
        InvalidArgumentError: The project has no such step, several steps bear the
            name given and no group narrows it, or the project has no steps.
        NotFound: The project does not exist.
    """
    project = project_by_id(gateway, project_id, WORKFLOW_FIELDS)
    if not project.get("steps"):
        raise InvalidArgumentError(
            f"Project {project_id} uses the legacy workflow, which has no steps: leave"
            " step_id, step_name and group_name out."
        )
    return StepDesignation(step_id=StepId(find_step(project, step)["id"]))
