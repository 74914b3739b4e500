"""What a valid Kili json interface is, and what a label's answer may say of it.

Both checks run before anything is sent: a project whose interface the labeling app
cannot read, or a label naming a category its job does not have, would be stored as
given and break later (in the app, in exports, in parsed labels).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kili.domain.category_search import comparisons, parse_category_search
from kili.exceptions import InvalidArgumentError

ML_TASKS = frozenset(
    {
        "ASSET_ANNOTATION",
        "CLASSIFICATION",
        "COMPARISON",
        "FILE",
        "NAMED_ENTITIES_RECOGNITION",
        "NAMED_ENTITIES_RELATION",
        "OBJECT_DETECTION",
        "OBJECT_RELATION",
        "PAGE_LEVEL_CLASSIFICATION",
        "PAGE_LEVEL_TRANSCRIPTION",
        "POSE_ESTIMATION",
        "RANKING",
        "SPEECH_TO_TEXT",
        "TRANSCRIPTION",
    }
)
"""The `mlTask` values of Kili jobs."""

JOB_INPUTS = frozenset(
    {
        "checkbox",
        "date",
        "multipleDropdown",
        "number",
        "radio",
        "singleDropdown",
        "textField",
        "time",
    }
)
"""The `content.input` values of Kili jobs: how an answer is given."""

SINGLE_CHOICE_INPUTS = frozenset({"radio", "singleDropdown"})
"""Inputs whose answer holds at most one category."""

TOOLS = frozenset(
    {"marker", "polygon", "polyline", "pose", "range", "rectangle", "semantic", "vector"}
)
"""The drawing `tools` of Kili jobs."""

BOOKKEEPING_KEYS = frozenset({"ANNOTATION_JOB_COUNTER", "ANNOTATION_NAMES_JOB", "ROTATION_JOB"})
"""Top-level keys of a jsonResponse that the labeling app adds and that are no jobs."""


def check_json_interface(interface: object, argument: str = "json_interface") -> None:
    """Refuse a json interface the labeling app could not read.

    Args:
        interface: The interface, as given by the user.
        argument: The user's name for it, for the message.

    Raises:
        InvalidArgumentError: It is not a mapping; `jobs` is missing or not a mapping; a
            job is not a mapping, has no or an unknown `mlTask`, unknown `tools`, an
            unknown `content.input`, or `content.categories` that are not a mapping.
    """
    if not isinstance(interface, Mapping):
        raise InvalidArgumentError(
            f"{argument} must be a dict with a 'jobs' dict, got {type(interface).__name__}."
        )
    jobs = interface.get("jobs")
    if not isinstance(jobs, Mapping):
        raise InvalidArgumentError(
            f"{argument}['jobs'] must be a dict of jobs by name, got {type(jobs).__name__}."
        )
    for name, job in jobs.items():
        _check_job(f"{argument}['jobs'][{name!r}]", job)


def _check_job(where: str, job: object) -> None:
    if not isinstance(job, Mapping):
        raise InvalidArgumentError(f"{where} must be a dict, got {type(job).__name__}.")
    ml_task = job.get("mlTask")
    if ml_task not in ML_TASKS:
        raise InvalidArgumentError(
            f"{where}['mlTask'] is {ml_task!r}; it must be one of {', '.join(sorted(ML_TASKS))}."
        )
    tools = job.get("tools", [])
    if not isinstance(tools, list | tuple) or any(tool not in TOOLS for tool in tools):
        raise InvalidArgumentError(
            f"{where}['tools'] is {tools!r}; tools are among {', '.join(sorted(TOOLS))}."
        )
    content = job.get("content", {})
    if not isinstance(content, Mapping):
        raise InvalidArgumentError(f"{where}['content'] must be a dict.")
    job_input = content.get("input")
    if job_input is not None and job_input not in JOB_INPUTS:
        raise InvalidArgumentError(
            f"{where}['content']['input'] is {job_input!r}; it must be one of "
            f"{', '.join(sorted(JOB_INPUTS))}."
        )
    categories = content.get("categories", {})
    if not isinstance(categories, Mapping):
        raise InvalidArgumentError(
            f"{where}['content']['categories'] must be a dict of categories by name, "
            f"got {type(categories).__name__}."
        )


def json_response_problem(
    json_response: Mapping[str, Any], jobs: Mapping[str, Any], frame_keys: bool
) -> str | None:
    """Say what in `json_response` the interface's `jobs` do not allow, or `None`.

    Checked: every top-level key names a job (or, with `frame_keys`, is a frame index
    holding jobs); every category named belongs to its job; a single-choice job holds
    at most one category. Jobs the interface describes loosely (no categories) accept
    any category.
    """
    for key, value in json_response.items():
        if key in BOOKKEEPING_KEYS:
            continue
        if frame_keys and key.isdigit() and isinstance(value, Mapping):
            problem = json_response_problem(value, jobs, frame_keys=False)
            if problem:
                return f"frame {key}: {problem}"
            continue
        if key not in jobs:
            return (
                f"it names the job {key!r}, which the project does not have; its jobs are: "
                f"{', '.join(sorted(jobs)) or 'none'}"
            )
        problem = _answer_problem(key, value, jobs[key])
        if problem:
            return problem
    return None


def _answer_problem(job_name: str, answer: object, job: object) -> str | None:
    if not isinstance(answer, Mapping) or not isinstance(job, Mapping):
        return None
    content = job.get("content")
    declared = content.get("categories") if isinstance(content, Mapping) else None
    job_input = content.get("input") if isinstance(content, Mapping) else None
    single = job_input in SINGLE_CHOICE_INPUTS
    groups = [answer.get("categories")]
    groups += [
        a.get("categories") for a in answer.get("annotations") or () if isinstance(a, Mapping)
    ]
    for group in groups:
        if not isinstance(group, list):
            continue
        names = [c.get("name") for c in group if isinstance(c, Mapping)]
        if isinstance(declared, Mapping) and declared:
            unknown = [name for name in names if name not in declared]
            if unknown:
                return (
                    f"job {job_name!r} has no category {unknown[0]!r}; its categories are: "
                    f"{', '.join(map(str, declared))}"
                )
        if single and len(names) > 1:
            return (
                f"job {job_name!r} takes a single category ({job_input}), "
                f"got {len(names)}: {', '.join(map(str, names))}"
            )
    return None


def category_search_problem(search: str, jobs: Mapping[str, Any]) -> str | None:
    """Say which job or category of a category search the interface's `jobs` lack, or `None`.

    Such a search is valid but can match nothing, which hides a typo as an empty result.
    Names with a `*` wildcard are not checked; jobs without declared categories accept
    any category.
    """
    for comparison in comparisons(parse_category_search(search)):
        if "*" in comparison.job:
            continue
        job = jobs.get(comparison.job)
        if job is None:
            return (
                f"the category search names the job {comparison.job!r}, which the project "
                f"does not have; its jobs are: {', '.join(sorted(jobs)) or 'none'}"
            )
        content = job.get("content") if isinstance(job, Mapping) else None
        declared = content.get("categories") if isinstance(content, Mapping) else None
        if "*" in comparison.category or not isinstance(declared, Mapping) or not declared:
            continue
        if comparison.category not in declared:
            return (
                f"the category search names the category {comparison.category!r}, which job"
                f" {comparison.job!r} does not have; its categories are: "
                f"{', '.join(map(str, declared))}"
            )
    return None
