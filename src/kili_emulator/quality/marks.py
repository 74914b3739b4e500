"""Which labels of an asset are compared for each mark, and the marks that follow.

Following Kili's quality documentation:

- inference mark: each human label (DEFAULT, REVIEW) against the asset's latest
  INFERENCE label; the asset's is that of its latest human label;
- honeypot mark: on a honeypot asset, each DEFAULT label against the latest REVIEW
  label (the ground truth `createHoneypot` writes); the asset's is the mean over the
  latest DEFAULT label of each labeler;
- consensus mark: on an asset used for consensus, the latest DEFAULT label of each
  labeler against those of the other labelers; a label's mark is the mean of its
  agreements, the asset's the mean over every pair of labelers.

A label's mark is null when there is nothing to compare it with. An asset's honeypot
and consensus marks can also be set through the API: they are replaced only when the
asset has what the mark needs, and kept otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations
from statistics import fmean
from typing import Any

from kili_emulator.quality.agreement import agreement

HUMAN_LABEL_TYPES = ("DEFAULT", "REVIEW")
MARKS = ("inference_mark", "honeypot_mark", "consensus_mark")
"""The marks a label carries, by column name."""


@dataclass(frozen=True)
class LabelAnswer:
    """What a mark needs of a label: who made it, its kind and its answer."""

    id: str
    author_id: str
    label_type: str
    response: Any


@dataclass(frozen=True)
class AssetFacts:
    """What a mark needs of an asset: its role in quality control."""

    is_honeypot: bool
    is_used_for_consensus: bool


@dataclass
class Marks:
    """The marks of one asset: every label's, and those of the asset it determines."""

    of_labels: dict[str, dict[str, float | None]] = field(default_factory=dict)
    of_asset: dict[str, float | None] = field(default_factory=dict)


def compute_marks(asset: AssetFacts, labels: Sequence[LabelAnswer]) -> Marks:
    """Compute the marks of an asset and its labels, given oldest first."""
    marks = Marks(of_labels={label.id: dict.fromkeys(MARKS) for label in labels})
    _inference_marks(labels, marks)
    if asset.is_honeypot:
        _honeypot_marks(labels, marks)
    if asset.is_used_for_consensus:
        _consensus_marks(labels, marks)
    return marks


def _latest_default_per_author(labels: Sequence[LabelAnswer]) -> list[LabelAnswer]:
    latest = {label.author_id: label for label in labels if label.label_type == "DEFAULT"}
    return list(latest.values())


def _inference_marks(labels: Sequence[LabelAnswer], marks: Marks) -> None:
    inferences = [label for label in labels if label.label_type == "INFERENCE"]
    humans = [label for label in labels if label.label_type in HUMAN_LABEL_TYPES]
    if inferences:
        for label in humans:
            mark = agreement(inferences[-1].response, label.response)
            marks.of_labels[label.id]["inference_mark"] = mark
    latest_human = humans[-1].id if humans else None
    marks.of_asset["inference_mark"] = (
        marks.of_labels[latest_human]["inference_mark"] if latest_human else None
    )


def _honeypot_marks(labels: Sequence[LabelAnswer], marks: Marks) -> None:
    references = [label for label in labels if label.label_type == "REVIEW"]
    if not references:
        return
    truth = references[-1].response
    for label in labels:
        if label.label_type == "DEFAULT":
            marks.of_labels[label.id]["honeypot_mark"] = agreement(truth, label.response)
    latest = _latest_default_per_author(labels)
    if latest:
        marks.of_asset["honeypot_mark"] = fmean(
            _mark(marks, label.id, "honeypot_mark") for label in latest
        )


def _consensus_marks(labels: Sequence[LabelAnswer], marks: Marks) -> None:
    latest = _latest_default_per_author(labels)
    if len(latest) < 2:
        return
    agreements: dict[str, list[float]] = {label.id: [] for label in latest}
    pairs: list[float] = []
    for first, second in combinations(latest, 2):
        value = agreement(first.response, second.response)
        agreements[first.id].append(value)
        agreements[second.id].append(value)
        pairs.append(value)
    for label_id, values in agreements.items():
        marks.of_labels[label_id]["consensus_mark"] = fmean(values)
    marks.of_asset["consensus_mark"] = fmean(pairs)


def _mark(marks: Marks, label_id: str, column: str) -> float:
    value = marks.of_labels[label_id][column]
    return 0.0 if value is None else value
