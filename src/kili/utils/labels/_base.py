"""What every object of a parsed label shares: its job, its parser, its JSON form."""

from __future__ import annotations

from collections.abc import Mapping
from numbers import Real
from typing import TYPE_CHECKING, Any

from kili.exceptions import LabelParsingError
from kili.utils.labels.exceptions import (
    AttributeNotCompatibleWithJobError,
    InvalidMutationError,
    MissingAnswerError,
)

if TYPE_CHECKING:
    from kili.utils.labels._interface import JobSpec
    from kili.utils.labels._objects import ParsedJobs
    from kili.utils.labels._parser import JsonResponseParser

Vertex = dict[str, float]
"""A point in normalized coordinates: ``{"x": 0.25, "y": 0.5}``, both between 0 and 1."""

MidReference = dict[str, str]
"""A reference to another annotation of the label: ``{"mid": "..."}``."""


_SCALARS = frozenset({str, int, float, bool, type(None)})


def copy_json(value: Any) -> Any:
    """Copy JSON data (dicts, lists, scalars) faster than `copy.deepcopy` does.

    Scalars are kept without a call, since they make most of a label.
    """
    scalars = _SCALARS
    if isinstance(value, dict):
        return {
            key: item if type(item) in scalars else copy_json(item) for key, item in value.items()
        }
    if isinstance(value, list):
        return [item if type(item) in scalars else copy_json(item) for item in value]
    return value


def copy_fields(mapping: Mapping[str, Any], excluded: tuple[str, ...]) -> dict[str, Any]:
    """Copy the keys of `mapping` but `excluded`, as `copy_json` copies values."""
    scalars = _SCALARS
    return {
        key: value if type(value) in scalars else copy_json(value)
        for key, value in mapping.items()
        if key not in excluded
    }


def is_number(value: Any) -> bool:
    """Whether `value` is a JSON number (booleans are not)."""
    return isinstance(value, Real) and not isinstance(value, bool)


class _JobPart:
    """Shared behaviour of the objects that belong to one job of one label."""

    __slots__ = ("_job", "_parser")
    _job: JobSpec
    _parser: JsonResponseParser

    def to_dict(self) -> dict[str, Any]:
        """Return this part of the jsonResponse as a plain dict."""
        raise NotImplementedError

    def as_dict(self) -> dict[str, Any]:
        """Return the same as `to_dict`, under the name the official SDK uses."""
        return self.to_dict()

    def __str__(self) -> str:
        return str(self.to_dict())

    def __repr__(self) -> str:
        return repr(self.to_dict())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _JobPart):
            return type(self) is type(other) and self.to_dict() == other.to_dict()
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def _incompatible(self, attribute: str, detail: str) -> AttributeNotCompatibleWithJobError:
        return AttributeNotCompatibleWithJobError(
            attribute, job_name=self._job.name, label_id=self._parser.label_id, detail=detail
        )

    def _invalid(self, problem: str) -> InvalidMutationError:
        return InvalidMutationError(
            problem, job_name=self._job.name, label_id=self._parser.label_id
        )

    def _missing(self, problem: str) -> MissingAnswerError:
        return MissingAnswerError(problem, job_name=self._job.name, label_id=self._parser.label_id)

    def _parse_children(self, children: Any) -> ParsedJobs:
        if not isinstance(children, Mapping):
            raise self._invalid(f"children must be a dict, got {type(children).__name__}")
        try:
            return self._parser.jobs(copy_json(dict(children)), self._job.children, self._job)
        except LabelParsingError as error:
            raise self._invalid(error.problem) from None


def checked_vertex(part: _JobPart, vertex: Any) -> Vertex:
    """Return a copy of `vertex`, or refuse it if it is not ``{"x": number, "y": number}``."""
    if not isinstance(vertex, Mapping) or not all(is_number(vertex.get(a)) for a in "xy"):
        raise part._invalid(f"a vertex must be a dict with numeric 'x' and 'y', got {vertex!r}")
    return dict(copy_json(dict(vertex)))
