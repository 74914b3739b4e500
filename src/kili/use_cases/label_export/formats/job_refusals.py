"""Name the jobs a format leaves out, and why, for the messages of its refusals."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

JobRefusal = Callable[[Mapping[str, Any]], "str | None"]
"""Say why a format cannot express a job, or return None when it can."""


def refused_jobs_sentence(jobs: Mapping[str, Mapping[str, Any]], refusal: JobRefusal) -> str:
    """Return a sentence naming each job the format leaves out and the reason.

    Args:
        jobs: The jobs of the project's json interface, by name.
        refusal: The format's reason for leaving a job out.

    Returns:
        `Jobs left out: A (reason); B (reason).`, or `The project has no job.`.
    """
    reasons = [
        f"{name} ({reason})" for name, job in jobs.items() if (reason := refusal(job)) is not None
    ]
    if not jobs:
        return "The project has no job."
    if not reasons:
        return "Its compatible jobs have no category."
    return f"Jobs left out: {'; '.join(reasons)}."
