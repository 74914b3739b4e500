"""Changes to a project workflow: steps created, changed, renamed, deleted; assignees.

Every change is checked whole before anything is written, within the request's
transaction: an unknown step, a name used twice, a coverage outside 0-100, a second
labeling step, a step deleted while assets are in it, or an assignee who is not an
active member of the project is refused with BAD_USER_INPUT, and nothing changes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from ariadne import MutationType

from kili_emulator.context import Info, RequestContext, context_of
from kili_emulator.errors import BadUserInputError
from kili_emulator.permissions import EDIT_PROJECT_SETTINGS, require_project
from kili_emulator.render.common import load_json
from kili_emulator.resolvers.common import readable_project
from kili_emulator.storage import Row
from kili_emulator.store import project_users, projects, workflow

mutation = MutationType()

STEP_INPUT_COLUMNS = {
    "name": "name",
    "consensusCoverage": "consensus_coverage",
    "numberOfExpectedLabelsForConsensus": "number_of_expected_labels_for_consensus",
    "stepCoverage": "step_coverage",
    "sendBackStepId": "send_back_step_id",
    "useHoneypot": "use_honeypot",
}
"""Fields of the step inputs, to the columns of `steps` they set."""

_PERCENTAGES = ("consensusCoverage", "stepCoverage")
_LABELING_ONLY = ("consensusCoverage", "numberOfExpectedLabelsForConsensus")
_REVIEW_ONLY = ("stepCoverage", "sendBackStepId")


class _Workflow:
    """A project's steps while a change is checked and applied, by id and by name."""

    def __init__(self, ctx: RequestContext, project: Row) -> None:
        self.ctx, self.project = ctx, project
        self.steps = workflow.steps_of_project(ctx.db, project["id"])

    def step(self, step_id: str) -> Row:
        found = next((step for step in self.steps if step["id"] == step_id), None)
        if found is None:
            raise BadUserInputError(
                f"Step {step_id!r} is not a step of project {self.project['id']}; its steps are "
                f"{[step['name'] for step in self.steps]}"
            )
        return found

    def check_name(self, name: Any, step_id: str | None = None) -> str:
        if not isinstance(name, str) or not name.strip():
            raise BadUserInputError("A step needs a name that is not blank")
        if any(step["name"] == name and step["id"] != step_id for step in self.steps):
            raise BadUserInputError(f"The workflow already has a step named {name!r}")
        return name

    def check_values(self, data: Mapping[str, Any], step_type: str, step_id: str | None) -> None:
        for field in _PERCENTAGES:
            value = data.get(field)
            if value is not None and not 0 <= value <= 100:
                raise BadUserInputError(f"{field} must be between 0 and 100, got {value}")
        expected = data.get("numberOfExpectedLabelsForConsensus")
        if expected is not None and expected < 1:
            raise BadUserInputError(
                f"numberOfExpectedLabelsForConsensus must be >= 1, got {expected}"
            )
        wrong = _LABELING_ONLY if step_type == workflow.REVIEW else _REVIEW_ONLY
        misplaced = [field for field in wrong if data.get(field) is not None]
        if misplaced:
            kind = "a review" if step_type == workflow.REVIEW else "the labeling"
            raise BadUserInputError(f"{misplaced} cannot be set on {kind} step")
        if data.get("stepGroupId") is not None:
            raise BadUserInputError("The project workflow has no step groups")
        if data.get("sendBackStepId") is not None:
            target = self.step(data["sendBackStepId"])
            if target["id"] == step_id:
                raise BadUserInputError("A step cannot send assets back to itself")

    def check_assignees(self, user_ids: Sequence[str], step_type: str) -> list[str]:
        for user_id in user_ids:
            role = project_users.active_role(self.ctx.db, self.project["id"], user_id)
            if role is None:
                raise BadUserInputError(
                    f"User {user_id!r} is not an active member of project {self.project['id']}"
                )
            if step_type == workflow.REVIEW and role == "LABELER":
                raise BadUserInputError(f"User {user_id!r} is a LABELER and cannot review")
        return list(user_ids)

    def delete(self, step_id: str) -> None:
        step = self.step(step_id)
        if step["position"] == 0:
            raise BadUserInputError("The labeling step of a workflow cannot be deleted")
        in_step = workflow.count_assets_in_step(self.ctx.db, step_id)
        if in_step:
            raise BadUserInputError(
                f"Step {step['name']!r} cannot be deleted: {in_step} asset(s) are in it"
            )
        workflow.delete_step(self.ctx.db, step)
        self.steps = workflow.steps_of_project(self.ctx.db, self.project["id"])

    def update(self, step_id: str, data: Mapping[str, Any]) -> None:
        step = self.step(step_id)
        if data.get("type") is not None and data["type"] != step["type"]:
            raise BadUserInputError(f"Step {step['name']!r} cannot change type")
        if "name" in data and data["name"] is not None:
            self.check_name(data["name"], step_id)
        self.check_values(data, step["type"], step_id)
        values = _columns(data, keep_nulls=True)
        if values.get("name") is None:
            values.pop("name", None)
        workflow.update_step(self.ctx.db, step_id, values)
        if data.get("assignees") is not None:
            assignees = self.check_assignees(data["assignees"], step["type"])
            workflow.set_assignees(self.ctx.db, step_id, assignees)
        self.steps = workflow.steps_of_project(self.ctx.db, self.project["id"])

    def create(self, data: Mapping[str, Any], step_type: str) -> str:
        if step_type == workflow.LABELING and any(
            step["type"] == workflow.LABELING for step in self.steps
        ):
            raise BadUserInputError("The workflow already has its labeling step")
        self.check_name(data.get("name"))
        self.check_values(data, step_type, None)
        assignees = self.check_assignees(data.get("assignees") or [], step_type)
        step_id = workflow.insert_step(
            self.ctx.db, self.project["id"], step_type, _columns(data, keep_nulls=False)
        )
        workflow.set_assignees(self.ctx.db, step_id, assignees)
        self.steps = workflow.steps_of_project(self.ctx.db, self.project["id"])
        return step_id


def _columns(data: Mapping[str, Any], *, keep_nulls: bool) -> dict[str, Any]:
    values = {
        column: data[field]
        for field, column in STEP_INPUT_COLUMNS.items()
        if field in data and (keep_nulls or data[field] is not None)
    }
    if values.get("use_honeypot") is not None:
        values["use_honeypot"] = int(values["use_honeypot"])
    elif "use_honeypot" in values:
        del values["use_honeypot"]
    return values


def _open(info: Info, project_id: str) -> _Workflow:
    ctx = context_of(info)
    return _Workflow(ctx, require_project(ctx, project_id, EDIT_PROJECT_SETTINGS))


def _answer(flow: _Workflow) -> dict[str, Any]:
    projects.touch_project(flow.ctx.db, flow.project["id"])
    return readable_project(flow.ctx, flow.project["id"])


@mutation.field("editProjectWorkflowSettings")
def resolve_edit_project_workflow_settings(
    _obj: Any, info: Info, input: dict[str, Any]
) -> dict[str, Any]:
    """Apply deletions, then updates, then creations of steps, and the separation flag."""
    flow = _open(info, input["projectId"])
    changes = input.get("steps") or {}
    for step_id in dict.fromkeys(changes.get("deletes") or []):
        flow.delete(step_id)
    for update in changes.get("updates") or []:
        if not update.get("id"):
            raise BadUserInputError("A step to update is given by its id")
        flow.update(update["id"], update)
    for create in changes.get("creates") or []:
        if create.get("type") is None:
            raise BadUserInputError("A step to create needs its type, DEFAULT or REVIEW")
        flow.create(create, create["type"])
    if input.get("enforceStepSeparation") is not None:
        settings = load_json(flow.project["settings"], {})
        settings["enforceStepSeparation"] = bool(input["enforceStepSeparation"])
        projects.update_project(flow.ctx.db, flow.project["id"], {"settings": json.dumps(settings)})
    return _answer(flow)


@mutation.field("addReviewStep")
def resolve_add_review_step(_obj: Any, info: Info, input: dict[str, Any]) -> dict[str, Any]:
    """Add a review step at the end of the workflow."""
    flow = _open(info, input["projectId"])
    flow.create(input, workflow.REVIEW)
    return _answer(flow)


def _update_of_type(info: Info, data: Mapping[str, Any], step_type: str) -> dict[str, Any]:
    flow = _open(info, data["projectId"])
    step = flow.step(data["stepId"])
    if step["type"] != step_type:
        kind = "a review" if step_type == workflow.REVIEW else "the labeling"
        raise BadUserInputError(f"Step {step['name']!r} is not {kind} step")
    flow.update(step["id"], {k: v for k, v in data.items() if k not in ("projectId", "stepId")})
    return _answer(flow)


@mutation.field("updateLabelingStepProperties")
def resolve_update_labeling_step(_obj: Any, info: Info, input: dict[str, Any]) -> dict[str, Any]:
    """Change the consensus and honeypot settings of the labeling step."""
    return _update_of_type(info, input, workflow.LABELING)


@mutation.field("updateReviewStepProperties")
def resolve_update_review_step(_obj: Any, info: Info, input: dict[str, Any]) -> dict[str, Any]:
    """Change the coverage, send-back step, assignees or honeypot of a review step."""
    return _update_of_type(info, input, workflow.REVIEW)


@mutation.field("deleteStep")
def resolve_delete_step(_obj: Any, info: Info, input: dict[str, Any]) -> dict[str, Any]:
    """Delete a step no asset is in; the labeling step stays."""
    flow = _open(info, input["projectId"])
    flow.delete(input["stepId"])
    return _answer(flow)


@mutation.field("renameStep")
def resolve_rename_step(_obj: Any, info: Info, input: dict[str, Any]) -> dict[str, Any]:
    """Give a step a name no other step of the workflow has."""
    flow = _open(info, input["projectId"])
    flow.step(input["stepId"])
    flow.update(input["stepId"], {"name": input["newName"]})
    return _answer(flow)


BINDABLES = [mutation]
