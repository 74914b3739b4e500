"""An in-memory fake of the workflow port, for the use cases' unit tests.

It holds projects (their steps, groups and members) and label counts, applies a
workflow change whole or not at all as the API does (refusing a name used twice or an
unknown step, so that a change applied twice fails), records each call by method name,
and fails chosen writes the way a network does (`tests.unit.use_cases.faults`).
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Iterator
from typing import Any

from kili.domain.label import LabelFilters
from kili.domain.project import ProjectId
from kili.domain.project_user import ProjectUserFilters
from kili.domain.query import FieldPaths, QueryOptions
from kili.domain.workflow import (
    ReviewStepToAdd,
    StepId,
    StepProperties,
    StepSettings,
    StepType,
    WorkflowChanges,
)
from kili.exceptions import GraphQLError
from kili.use_cases.port import WorkflowGateway
from tests.unit.use_cases.faults import Fault, ScriptedFaults

_SETTINGS = {
    "consensus_coverage": "consensusCoverage",
    "number_of_expected_labels_for_consensus": "numberOfExpectedLabelsForConsensus",
    "step_coverage": "stepCoverage",
    "send_back_step_id": "sendBackStepId",
}


class InMemoryWorkflowGateway(ScriptedFaults):
    """The workflow port over in-memory projects.

    Attributes:
        projects: Each project as the API reads it: `workflowVersion`,
            `enforceStepSeparation`, `steps` (with `assignees` as `{id, email}`), `stepGroups`.
        members: The activated members of each project: `{role, user: {id, email}}`.
        labels: The number of labels of each project.
    """

    def __init__(self) -> None:
        super().__init__()
        self.projects: dict[ProjectId, dict[str, Any]] = {}
        self.members: dict[ProjectId, list[dict[str, Any]]] = {}
        self.labels: dict[ProjectId, int] = {}
        self._ids = (f"step-{n}" for n in itertools.count(1))

    # --- steering the fake -------------------------------------------------------

    def store(self, project_id: str, *review_steps: str, version: str = "V2") -> ProjectId:
        """Make a project with a `Labeling` step and review steps named `review_steps`."""
        project = ProjectId(project_id)
        self.projects[project] = {
            "workflowVersion": version,
            "enforceStepSeparation": False,
            "steps": [],
            "stepGroups": [],
        }
        self._create(self.projects[project], StepSettings(name="Labeling", step_type="DEFAULT"))
        for name in review_steps:
            self._create(self.projects[project], StepSettings(name=name, step_type="REVIEW"))
        self.members[project] = []
        return project

    def join(self, project_id: ProjectId, email: str, role: str = "REVIEWER") -> str:
        """Make `email` an activated member; return its user id."""
        user_id = f"user-{email}"
        self.members[project_id].append({"role": role, "user": {"id": user_id, "email": email}})
        return user_id

    def step(self, project_id: ProjectId, name: str) -> dict[str, Any]:
        """Return the step named `name`."""
        return next(s for s in self.projects[project_id]["steps"] if s["name"] == name)

    def names(self, project_id: ProjectId) -> list[str]:
        """Return the names of the steps, in order."""
        return [step["name"] for step in self.projects[project_id]["steps"]]

    # --- the port ----------------------------------------------------------------

    def read_workflow(self, project_id: ProjectId, fields: FieldPaths) -> dict[str, Any] | None:
        self._receive("read_workflow", list(fields))
        project = self.projects.get(project_id)
        return copy.deepcopy(project) if project is not None else None

    def edit_workflow(self, project_id: ProjectId, changes: WorkflowChanges) -> dict[str, Any]:
        fault = self._receive("edit_workflow", [changes], write=True)
        self._lost_before(fault)
        project = copy.deepcopy(self.projects[project_id])
        for step_id in changes.deletes:
            project["steps"].remove(self._find(project, step_id))
        for update in changes.updates:
            self._set(project, self._find(project, update.step_id), update.settings)
        for settings in changes.creates:
            self._create(project, settings)
        if changes.enforce_step_separation is not None:
            project["enforceStepSeparation"] = changes.enforce_step_separation
        self.projects[project_id] = project
        if fault is not None:
            raise fault.error
        return {
            "enforceStepSeparation": project["enforceStepSeparation"],
            "steps": [{"id": step["id"]} for step in project["steps"]],
        }

    def add_review_step(self, project_id: ProjectId, step: ReviewStepToAdd) -> list[dict[str, Any]]:
        fault = self._receive("add_review_step", [step.name], write=True)
        self._lost_before(fault)
        settings = StepSettings(
            name=step.name,
            step_type="REVIEW",
            assignees=step.assignee_ids,
            step_coverage=step.step_coverage,
            send_back_step_id=step.send_back_step_id,
        )
        self._create(self.projects[project_id], settings)
        if fault is not None:
            raise fault.error
        return self._brief(project_id, with_group=True)

    def update_step_properties(
        self, project_id: ProjectId, step_type: StepType, properties: StepProperties
    ) -> list[dict[str, Any]]:
        self._receive("update_step_properties", [step_type, properties], write=True)
        step = self._find(self.projects[project_id], properties.step_id)
        if step["type"] != step_type:
            raise GraphQLError("wrong step type", code="BAD_USER_INPUT")
        settings = StepSettings(
            assignees=properties.assignee_ids,
            consensus_coverage=properties.consensus_coverage,
            number_of_expected_labels_for_consensus=(
                properties.number_of_expected_labels_for_consensus
            ),
            step_coverage=properties.step_coverage,
            send_back_step_id=properties.send_back_step_id,
        )
        self._set(self.projects[project_id], step, settings)
        return self._brief(project_id)

    def rename_step(
        self, project_id: ProjectId, step_id: StepId, new_name: str
    ) -> list[dict[str, Any]]:
        self._receive("rename_step", [step_id, new_name], write=True)
        project = self.projects[project_id]
        self._set(project, self._find(project, step_id), StepSettings(name=new_name))
        return self._brief(project_id)

    def delete_step(self, project_id: ProjectId, step_id: StepId) -> list[dict[str, Any]]:
        fault = self._receive("delete_step", [step_id], write=True)
        self._lost_before(fault)
        project = self.projects[project_id]
        project["steps"].remove(self._find(project, step_id))
        if fault is not None:
            raise fault.error
        return self._brief(project_id)

    def list_project_users(
        self, filters: ProjectUserFilters, fields: FieldPaths, options: QueryOptions
    ) -> Iterator[dict[str, Any]]:
        self._receive("list_project_users", [filters.project_id])
        return iter(copy.deepcopy(self.members[filters.project_id]))

    def count_project_users(self, filters: ProjectUserFilters) -> int:
        self._receive("count_project_users", [filters.project_id])
        return len(self.members[filters.project_id])

    def count_labels(self, filters: LabelFilters) -> int:
        self._receive("count_labels", [filters.project_id])
        return self.labels.get(ProjectId(str(filters.project_id)), 0)

    # --- the API's rules -----------------------------------------------------------

    @staticmethod
    def _lost_before(fault: Fault | None) -> None:
        if fault is not None and fault.commits == 0:
            raise fault.error  # the server never saw the request

    @staticmethod
    def _find(project: dict[str, Any], step_id: str) -> dict[str, Any]:
        steps: list[dict[str, Any]] = project["steps"]
        for step in steps:
            if step["id"] == step_id:
                return step
        raise GraphQLError(f"Unknown step {step_id}", code="BAD_USER_INPUT")

    def _create(self, project: dict[str, Any], settings: StepSettings) -> None:
        step: dict[str, Any] = {
            "id": next(self._ids),
            "name": None,
            "type": settings.step_type,
            "stepGroupId": None,
            "assignees": [],
            **dict.fromkeys(_SETTINGS.values()),
        }
        project["steps"].append(step)
        self._set(project, step, settings)

    def _set(self, project: dict[str, Any], step: dict[str, Any], settings: StepSettings) -> None:
        if settings.name is not None:
            if any(s["name"] == settings.name and s is not step for s in project["steps"]):
                raise GraphQLError(f"Name {settings.name} taken", code="BAD_USER_INPUT")
            step["name"] = settings.name
        for name, field in _SETTINGS.items():
            if getattr(settings, name) is not None or name in settings.cleared:
                step[field] = getattr(settings, name)
        if settings.assignees is not None:
            emails = {
                m["user"]["id"]: m["user"]["email"]
                for members in self.members.values()
                for m in members
            }
            step["assignees"] = [{"id": i, "email": emails.get(i)} for i in settings.assignees]

    def _brief(self, project_id: ProjectId, *, with_group: bool = False) -> list[dict[str, Any]]:
        return [
            {"id": s["id"], "name": s["name"], **({"stepGroupId": None} if with_group else {})}
            for s in self.projects[project_id]["steps"]
        ]


def as_port(gateway: InMemoryWorkflowGateway) -> WorkflowGateway:
    """Return the fake typed as the port: `mypy --strict` on this module checks it fits."""
    return gateway
