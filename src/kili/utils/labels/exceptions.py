"""Errors of parsed labels, under the names the official SDK gives them.

Each one is a `LabelParsingError` (so a `KiliError` and a `ValueError`) that names the
label and the job, and also derives from the built-in error the official SDK's code let
through at the same place (`KeyError` for a missing job or answer, `AttributeError` for
an attribute the job kind does not have), so existing `except` clauses keep working.
"""

from __future__ import annotations

from kili.exceptions import KiliError, LabelParsingError


class _LocatedError(LabelParsingError):
    """A `LabelParsingError` whose `str()` is its message even when it is a `KeyError`."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class JobNotExistingError(_LocatedError, KeyError):
    """The json interface has no job of this name, or it cannot appear at this place."""

    def __init__(self, job_name: str, *, label_id: str | None = None, detail: str = "") -> None:
        problem = f"Job named '{job_name}' does not exist." + (f" {detail}" if detail else "")
        super().__init__(problem, job_name=job_name, label_id=label_id)


class AttributeNotCompatibleWithJobError(_LocatedError, AttributeError):
    """The attribute does not exist for this job kind (a `text` on a classification job)."""

    def __init__(
        self,
        attribute_name: str,
        *,
        job_name: str | None = None,
        label_id: str | None = None,
        detail: str = "",
    ) -> None:
        problem = f"The attribute '{attribute_name}' is not compatible with the job." + (
            f" {detail}" if detail else ""
        )
        super().__init__(problem, job_name=job_name, label_id=label_id)
        self.attribute_name = attribute_name


class InvalidMutationError(_LocatedError):
    """An edit the json interface refuses: unknown category, second single choice, ..."""


class FrameIndexError(_LocatedError, IndexError):
    """A frame index outside the frames of a video label."""

    def __init__(
        self,
        frame_index: int,
        nb_frames: int,
        *,
        job_name: str | None = None,
        label_id: str | None = None,
    ) -> None:
        super().__init__(
            f"Frame index {frame_index} out of range for frame list of size {nb_frames}.",
            job_name=job_name,
            label_id=label_id,
        )


class MissingAnswerError(_LocatedError, KeyError):
    """The label leaves unanswered what is asked (`.text` of a job with no text, ...)."""


class GeospatialFileError(KiliError, ValueError):
    """A GeoJSON file or shapefile that cannot become labels; names the file and feature."""

    def __init__(self, path: str, problem: str, *, feature: int | None = None) -> None:
        where = f"{path}" + (f", feature {feature}" if feature is not None else "")
        super().__init__(f"{where}: {problem}")
        self.path = path
        self.feature = feature
        self.problem = problem


__all__ = [
    "AttributeNotCompatibleWithJobError",
    "FrameIndexError",
    "GeospatialFileError",
    "InvalidMutationError",
    "JobNotExistingError",
    "LabelParsingError",
    "MissingAnswerError",
]
