"""What the parser needs to know of a project's json interface, read once per project."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kili.exceptions import LabelParsingError

SINGLE_CHOICE_INPUTS = frozenset({"radio", "singleDropdown"})
"""Inputs of jobs whose answer holds at most one category."""

MULTIPLE_CHOICE_INPUTS = frozenset({"checkbox", "multipleDropdown"})
"""Inputs of jobs whose answer may hold several categories."""

TECHNICAL_JOBS = frozenset({"ANNOTATION_JOB_COUNTER", "ANNOTATION_NAMES_JOB", "ROTATION_JOB"})
"""Keys the Kili app writes beside the jobs of a jsonResponse; they are not jobs."""


@dataclass(frozen=True, slots=True)
class CategorySpec:
    """A category of a job, as the interface declares it.

    Attributes:
        name: The key of the category, which labels hold.
        display_name: The name shown to annotators.
    """

    name: str
    display_name: str


@dataclass(frozen=True, slots=True)
class JobSpec:
    """A job of the interface: its task, its categories and its nested jobs.

    Attributes:
        name: The job name, key of `jsonInterface["jobs"]`.
        ml_task: The job's `mlTask`, such as ``"CLASSIFICATION"``.
        input: The job's `content.input` (``"radio"``, ``"checkbox"``, ...), if any.
        categories: The categories by name; empty for jobs without categories.
        tools: The drawing tools of an object detection job.
        is_child: Whether the job only appears nested under another one.
        required: Whether the interface makes the job mandatory.
        children: Names of every job nested anywhere under this one's categories.
    """

    name: str
    ml_task: str
    input: str | None
    categories: Mapping[str, CategorySpec]
    tools: tuple[str, ...]
    is_child: bool
    children: tuple[str, ...]
    required: bool = False

    @property
    def single_choice(self) -> bool:
        """Whether an answer to this job holds at most one category."""
        return self.input in SINGLE_CHOICE_INPUTS

    @property
    def multiple_choice(self) -> bool:
        """Whether an answer to this job may hold several categories."""
        return self.input in MULTIPLE_CHOICE_INPUTS


@dataclass(frozen=True, slots=True)
class InterfaceSpec:
    """The jobs of a project and its input type, which is all parsing depends on."""

    jobs: Mapping[str, JobSpec]
    input_type: str

    @classmethod
    def read(cls, json_interface: Mapping[str, Any] | str, input_type: str) -> InterfaceSpec:
        """Read a project's `jsonInterface` (a dict, or its JSON text).

        Raises:
            LabelParsingError: The interface has no `jobs`, or a job lacks its `mlTask`.
        """
        if isinstance(json_interface, str):
            try:
                json_interface = json.loads(json_interface)
            except json.JSONDecodeError as error:
                raise LabelParsingError(f"json interface is not valid JSON: {error}") from None
        jobs = json_interface.get("jobs") if isinstance(json_interface, Mapping) else None
        if not isinstance(jobs, Mapping):
            raise LabelParsingError("json interface has no 'jobs' object")
        specs = {name: _job_spec(name, job) for name, job in jobs.items()}
        return cls(jobs=specs, input_type=input_type)

    def top_level_jobs(self) -> tuple[str, ...]:
        """Names of the jobs that are not nested under another job, in interface order."""
        return tuple(name for name, spec in self.jobs.items() if not spec.is_child)


def _job_spec(name: str, job: Any) -> JobSpec:
    if not isinstance(job, Mapping) or not isinstance(job.get("mlTask"), str):
        raise LabelParsingError("json interface declares no 'mlTask' for this job", job_name=name)
    content: Mapping[str, Any] = job["content"] if isinstance(job.get("content"), Mapping) else {}
    raw_categories = content.get("categories")
    categories = {
        category: CategorySpec(
            name=category,
            display_name=str(spec.get("name", category)) if isinstance(spec, Mapping) else category,
        )
        for category, spec in (
            raw_categories.items() if isinstance(raw_categories, Mapping) else ()
        )
    }
    job_input = content.get("input")
    return JobSpec(
        name=name,
        ml_task=job["mlTask"],
        input=job_input if isinstance(job_input, str) else None,
        categories=categories,
        tools=tuple(job.get("tools") or ()),
        is_child=bool(job.get("isChild", False)),
        children=tuple(dict.fromkeys(_child_names(job))),
        required=bool(job.get("required", False)),
    )


def _child_names(node: Any) -> tuple[str, ...]:
    """Collect the job names of every `children` list under `node`, pose points included."""
    if isinstance(node, Mapping):
        found: list[str] = []
        for key, value in node.items():
            if key == "children" and isinstance(value, list):
                found += [child for child in value if isinstance(child, str)]
            elif isinstance(value, Mapping | list):
                found += _child_names(value)
        return tuple(found)
    if isinstance(node, list):
        return tuple(child for item in node for child in _child_names(item))
    return ()
