"""What Kili accepts as an interface, a label answer, an external id, a mark, a duration.

Kili refuses an interface its labeling app could not read, a label naming a job or a
category its project does not have, a blank external id, a mark outside [0, 1] and a
negative labeling time; stored as given, such values break every later reader (the
app, exports, category searches, quality metrics). The emulator refuses them the same
way, before anything is written, so that clients meet the error where the real
service would raise it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from kili_emulator.errors import BadUserInputError

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

FRAME_INPUT_TYPES = frozenset({"VIDEO", "FRAME"})
"""Project input types whose answers may be keyed by frame index."""


class InvalidInterfaceError(BadUserInputError):
    """A json interface Kili's labeling app could not read."""


class InvalidLabelResponseError(BadUserInputError):
    """A label answer naming jobs or categories its project's interface does not have."""


class InvalidValueError(BadUserInputError):
    """A blank external id, a mark outside [0, 1] or a negative labeling time."""


def check_external_ids(external_ids: Sequence[str | None] | None, field: str) -> None:
    """Refuse empty or whitespace-only external ids; a null one stands for "use the id".

    Raises:
        InvalidValueError: An external id is empty or made of whitespace only.
    """
    for index, external_id in enumerate(external_ids or ()):
        _check_external_id(external_id, f"{field}[{index}]")


def _check_external_id(external_id: str | None, field: str) -> None:
    if external_id is not None and not external_id.strip():
        raise InvalidValueError(
            f"{field} is {external_id!r}: an external id cannot be empty or whitespace only"
        )


def check_asset_data(data: Mapping[str, Any], field: str) -> None:
    """Refuse an asset change with a blank `externalId` or a mark outside [0, 1].

    Raises:
        InvalidValueError: The change holds such a value.
    """
    _check_external_id(data.get("externalId"), f"{field}.externalId")
    for mark in ("consensusMark", "honeypotMark"):
        check_mark(data.get(mark), f"{field}.{mark}")


def check_mark(mark: float | None, field: str) -> None:
    """Refuse a consensus or honeypot mark outside [0, 1] (null means "unchanged").

    Raises:
        InvalidValueError: The mark is not a finite number between 0 and 1.
    """
    if mark is not None and not (math.isfinite(mark) and 0 <= mark <= 1):
        raise InvalidValueError(f"{field} is {mark!r}: a mark must be between 0 and 1")


def check_seconds_to_label(seconds: float | None, field: str) -> None:
    """Refuse a negative or non-finite labeling time (null means "not measured").

    Raises:
        InvalidValueError: The time is negative, infinite or not a number.
    """
    if seconds is not None and not (math.isfinite(seconds) and seconds >= 0):
        raise InvalidValueError(
            f"{field} is {seconds!r}: a labeling time must be a finite number of seconds >= 0"
        )


def check_json_interface(text: str) -> None:
    """Refuse the JSON text of an interface that is not a valid Kili interface.

    An empty object stands for "no interface yet" and is accepted.

    Raises:
        InvalidInterfaceError: `jobs` is not a mapping; a job is not a mapping, has no
            or an unknown `mlTask`, unknown `tools` or `content.input`, or categories
            that are not a mapping of mappings.
    """
    interface = _json_object(text, "jsonInterface")
    if interface == {}:
        return
    jobs = interface.get("jobs")
    if not isinstance(jobs, Mapping):
        raise InvalidInterfaceError(
            f"Invalid jsonInterface: 'jobs' must be an object of jobs by name, "
            f"got {type(jobs).__name__}"
        )
    for name, job in jobs.items():
        problem = _job_problem(job)
        if problem is not None:
            raise InvalidInterfaceError(f"Invalid jsonInterface: job {name!r} {problem}")


def _job_problem(job: object) -> str | None:
    if not isinstance(job, Mapping):
        return f"must be an object, got {type(job).__name__}"
    if job.get("mlTask") not in ML_TASKS:
        return f"has mlTask {job.get('mlTask')!r}; it must be one of {', '.join(sorted(ML_TASKS))}"
    tools = job.get("tools", [])
    if not isinstance(tools, list) or any(tool not in TOOLS for tool in tools):
        return f"has tools {tools!r}; tools are among {', '.join(sorted(TOOLS))}"
    content = job.get("content", {})
    if not isinstance(content, Mapping):
        return "has a 'content' that is not an object"
    job_input = content.get("input")
    if job_input is not None and job_input not in JOB_INPUTS:
        return f"has content.input {job_input!r}; it must be one of {', '.join(sorted(JOB_INPUTS))}"
    categories = content.get("categories", {})
    if not isinstance(categories, Mapping) or not all(
        isinstance(category, Mapping) for category in categories.values()
    ):
        return "has content.categories that are not an object of categories by name"
    return None


def check_label_response(project: Mapping[str, Any], response_text: str) -> None:
    """Refuse a label answer naming what the project's interface does not have.

    Checked: every top-level key names a job (or, in video projects, is a frame index
    holding jobs); every category named belongs to its job; a single-choice job holds
    at most one category. Jobs declared without categories accept any category.

    Args:
        project: The project's row (its `json_interface` and `input_type`).
        response_text: The label's jsonResponse, JSON text of an object.

    Raises:
        InvalidLabelResponseError: The answer does not fit the interface.
    """
    response = _json_object(response_text, "jsonResponse")
    jobs = _jobs_of(str(project["json_interface"] or "{}"))
    frames = project["input_type"] in FRAME_INPUT_TYPES
    problem = _response_problem(response, jobs, frames)
    if problem is not None:
        raise InvalidLabelResponseError(
            f"Invalid jsonResponse for project {project['id']}: {problem}"
        )


def _json_object(text: str, field: str) -> Mapping[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        raise BadUserInputError(f"{field} is not valid JSON") from None
    if not isinstance(value, Mapping):
        raise BadUserInputError(f"{field} must be a JSON object")
    return value


@lru_cache(maxsize=128)
def _jobs_of(interface_text: str) -> Mapping[str, Any]:
    """Parse an interface once for all the labels of a batch (the text is the cache key)."""
    try:
        interface = json.loads(interface_text)
    except ValueError:
        return {}
    jobs = interface.get("jobs") if isinstance(interface, Mapping) else None
    return jobs if isinstance(jobs, Mapping) else {}


def _response_problem(
    response: Mapping[str, Any], jobs: Mapping[str, Any], frames: bool
) -> str | None:
    for key, answer in response.items():
        if key in BOOKKEEPING_KEYS:
            continue
        if frames and key.isdigit() and isinstance(answer, Mapping):
            problem = _response_problem(answer, jobs, frames=False)
            if problem is not None:
                return f"frame {key}: {problem}"
            continue
        if key not in jobs:
            known = ", ".join(sorted(jobs)) or "none"
            return f"it names the job {key!r}, which the project does not have (its jobs: {known})"
        problem = _answer_problem(key, answer, jobs[key])
        if problem is not None:
            return problem
    return None


def _answer_problem(job_name: str, answer: object, job: object) -> str | None:
    if not isinstance(answer, Mapping) or not isinstance(job, Mapping):
        return None
    content = job.get("content")
    declared = content.get("categories") if isinstance(content, Mapping) else None
    job_input = content.get("input") if isinstance(content, Mapping) else None
    annotations = answer.get("annotations")
    groups = [answer.get("categories")]
    if isinstance(annotations, list):
        groups += [a.get("categories") for a in annotations if isinstance(a, Mapping)]
    for group in groups:
        if not isinstance(group, list):
            continue
        names = [category.get("name") for category in group if isinstance(category, Mapping)]
        if isinstance(declared, Mapping) and declared:
            unknown = [name for name in names if name not in declared]
            if unknown:
                return (
                    f"job {job_name!r} has no category {unknown[0]!r} "
                    f"(its categories: {', '.join(map(str, declared))})"
                )
        if job_input in SINGLE_CHOICE_INPUTS and len(names) > 1:
            return f"job {job_name!r} takes a single category ({job_input}), got {len(names)}"
    return None
