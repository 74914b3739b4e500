"""Labels as typed, editable objects: `ParsedLabel`, `parse_labels`, `parse_json_response`.

A label's `jsonResponse` is a nested dict whose shape depends on the project's json
interface. Parsing it against that interface checks it once and gives attribute access:
`label.jobs["CLASSIFICATION_JOB"].category.name` instead of
`label["jsonResponse"]["CLASSIFICATION_JOB"]["categories"][0]["name"]`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, overload

from kili.exceptions import LabelParsingError
from kili.utils.labels._base import copy_json
from kili.utils.labels._interface import InterfaceSpec
from kili.utils.labels._objects import ParsedJobs
from kili.utils.labels._parser import JsonResponseParser
from kili.utils.labels.exceptions import MissingAnswerError

JsonInterface = Mapping[str, Any] | str
"""A project's `jsonInterface`: the dict `kili.projects()` returns, or its JSON text."""


class ParsedLabel(dict[str, Any]):
    """A label whose `jsonResponse` is parsed into editable `jobs`.

    It is the label dict it was built from (`isinstance(label, dict)`, `label["id"]`,
    `label["author"]["email"]`, `json.dumps(label)`), except that the `jsonResponse` key
    moved to the `jobs` attribute: `label["jsonResponse"]` raises `KeyError`. Edits made
    through `jobs` are checked against the json interface; `to_dict()` gives the label
    back as a plain dict with its `jsonResponse` rebuilt from them. The label given is
    not modified.

    Args:
        label: A label as `kili.labels()` returns it; its `jsonResponse` may be a dict or
            its JSON text, and an absent `jsonResponse` counts as an empty one.
        json_interface: The json interface of the label's project.
        input_type: The input type of the project (``"IMAGE"``, ``"TEXT"``, ``"VIDEO"``...).

    Raises:
        LabelParsingError: The `jsonResponse` does not match the json interface; the
            error names the label, the job and the problem.

    Example:
        ```python
        from kili.utils.labels.parsing import ParsedLabel

        label = ParsedLabel(kili.labels(project_id)[0], json_interface, "IMAGE")
        print(label.jobs["CLASSIFICATION_JOB"].category.name)
        ```
    """

    __slots__ = ("jobs",)

    jobs: ParsedJobs
    """The label's answers, by job name."""

    def __init__(
        self, label: Mapping[str, Any], json_interface: JsonInterface, input_type: str
    ) -> None:
        super().__init__()
        self._fill(label, InterfaceSpec.read(json_interface, input_type))

    @classmethod
    def _parse(cls, label: Mapping[str, Any], spec: InterfaceSpec) -> ParsedLabel:
        parsed = cls.__new__(cls)
        parsed._fill(label, spec)
        return parsed

    def _fill(self, label: Mapping[str, Any], spec: InterfaceSpec) -> None:
        if not isinstance(label, Mapping):
            raise LabelParsingError(f"a label must be a dict, got {type(label).__name__}")
        label_id = label.get("id") if isinstance(label.get("id"), str) else None
        json_response = _decoded(label.get("jsonResponse", {}), label_id)
        self.update(
            (key, copy_json(value)) for key, value in label.items() if key != "jsonResponse"
        )
        self.jobs = JsonResponseParser(spec, label_id).parse(json_response)

    def __missing__(self, key: str) -> Any:
        if key == "jsonResponse":
            label_id = self.get("id")
            raise MissingAnswerError(
                "'jsonResponse' is parsed into .jobs; .to_dict() gives the label back with it",
                label_id=label_id if isinstance(label_id, str) else None,
            )
        raise KeyError(key)

    def __repr__(self) -> str:
        return repr(self.to_dict())

    def __str__(self) -> str:
        return str(self.to_dict())

    @property
    def json_response(self) -> dict[str, Any]:
        """The label's `jsonResponse` rebuilt from `jobs`, as a plain dict."""
        return self.jobs.to_dict()

    def to_dict(self) -> dict[str, Any]:
        """Return the label as a plain dict, `jsonResponse` rebuilt from `jobs`, last."""
        label: dict[str, Any] = copy_json(dict(self))
        label["jsonResponse"] = self.jobs.to_dict()
        return label


@overload
def parse_labels(
    labels: Sequence[Mapping[str, Any]], json_interface: JsonInterface, input_type: str
) -> list[ParsedLabel]: ...


@overload
def parse_labels(
    labels: Iterator[Mapping[str, Any]], json_interface: JsonInterface, input_type: str
) -> Iterator[ParsedLabel]: ...


def parse_labels(
    labels: Iterable[Mapping[str, Any]], json_interface: JsonInterface, input_type: str
) -> list[ParsedLabel] | Iterator[ParsedLabel]:
    """Parse the labels of one project, reading its json interface once.

    Args:
        labels: Labels as `kili.labels()` returns them: a list, or the generator of
            `as_generator=True`, which is then parsed lazily.
        json_interface: The json interface of the project.
        input_type: The input type of the project.

    Returns:
        The parsed labels: a list for a list, an iterator for an iterator.

    Raises:
        LabelParsingError: A label does not match the json interface; the error names
            the label, the job and the problem. For an iterator, raised while iterating.
    """
    spec = InterfaceSpec.read(json_interface, input_type)
    parsed = (ParsedLabel._parse(label, spec) for label in labels)
    return parsed if isinstance(labels, Iterator) else list(parsed)


def parse_json_response(
    json_response: Mapping[str, Any] | str, json_interface: JsonInterface, input_type: str
) -> ParsedJobs:
    """Parse a bare `jsonResponse`, such as one about to be sent with `append_labels`.

    Args:
        json_response: The jsonResponse, as a dict or its JSON text.
        json_interface: The json interface of the project.
        input_type: The input type of the project.

    Returns:
        The answers by job name, as `ParsedLabel.jobs` holds them.

    Raises:
        LabelParsingError: The jsonResponse does not match the json interface.
    """
    spec = InterfaceSpec.read(json_interface, input_type)
    return JsonResponseParser(spec).parse(_decoded(json_response, None))


def _decoded(json_response: Any, label_id: str | None) -> dict[str, Any]:
    """Return `json_response` as a dict, decoding it if it is JSON text."""
    if isinstance(json_response, str):
        try:
            json_response = json.loads(json_response) if json_response else {}
        except json.JSONDecodeError as error:
            raise LabelParsingError(
                f"jsonResponse is not valid JSON: {error}", label_id=label_id
            ) from None
    if not isinstance(json_response, Mapping):
        raise LabelParsingError(
            f"jsonResponse must be an object, got {type(json_response).__name__}",
            label_id=label_id,
        )
    # no copy here: the parser copies every value it keeps
    return dict(json_response)
