"""Which labels each mark compares, and what an asset's mark is (no server involved)."""

from __future__ import annotations

from typing import Any

import pytest

from kili_emulator.quality.marks import AssetFacts, LabelAnswer, compute_marks

PLAIN = AssetFacts(is_honeypot=False, is_used_for_consensus=False)
HONEYPOT = AssetFacts(is_honeypot=True, is_used_for_consensus=False)
CONSENSUS = AssetFacts(is_honeypot=False, is_used_for_consensus=True)


def answer(*names: str) -> dict[str, Any]:
    return {"JOB": {"categories": [{"name": name} for name in names]}}


def label(label_id: str, author: str, label_type: str, *names: str) -> LabelAnswer:
    return LabelAnswer(label_id, author, label_type, answer(*names))


def test_human_labels_are_marked_against_the_latest_inference() -> None:
    marks = compute_marks(
        PLAIN,
        [
            label("old-model", "bot", "INFERENCE", "B"),
            label("human", "ann", "DEFAULT", "A"),
            label("model", "bot", "INFERENCE", "A"),
            label("review", "rev", "REVIEW", "A", "B"),
            label("draft", "ann", "PREDICTION", "A"),
        ],
    )
    inference = {key: value["inference_mark"] for key, value in marks.of_labels.items()}
    assert inference == {
        "old-model": None,
        "human": 1.0,
        "model": None,
        "review": 0.5,
        "draft": None,
    }
    assert marks.of_asset["inference_mark"] == 0.5


def test_without_an_inference_label_no_inference_mark() -> None:
    marks = compute_marks(PLAIN, [label("human", "ann", "DEFAULT", "A")])
    assert marks.of_labels["human"]["inference_mark"] is None
    assert marks.of_asset == {"inference_mark": None}


def test_honeypot_labels_are_marked_against_the_latest_review() -> None:
    labels = [
        label("truth-old", "admin", "REVIEW", "B"),
        label("ann-first", "ann", "DEFAULT", "B"),
        label("truth", "admin", "REVIEW", "A"),
        label("ann-latest", "ann", "DEFAULT", "A"),
        label("bob", "bob", "DEFAULT", "A", "C"),
    ]
    marks = compute_marks(HONEYPOT, labels)
    honeypot = {key: value["honeypot_mark"] for key, value in marks.of_labels.items()}
    assert honeypot == {
        "truth-old": None,
        "ann-first": 0.0,
        "truth": None,
        "ann-latest": 1.0,
        "bob": 0.5,
    }
    # The asset's mark averages the latest label of each labeler: (1 + 0.5) / 2.
    assert marks.of_asset["honeypot_mark"] == pytest.approx(0.75)


def test_no_honeypot_mark_without_honeypot_or_ground_truth() -> None:
    labels = [label("truth", "admin", "REVIEW", "A"), label("ann", "ann", "DEFAULT", "A")]
    assert compute_marks(PLAIN, labels).of_labels["ann"]["honeypot_mark"] is None
    marks = compute_marks(HONEYPOT, labels[1:])
    assert marks.of_labels["ann"]["honeypot_mark"] is None
    assert "honeypot_mark" not in marks.of_asset


def test_consensus_compares_the_latest_label_of_each_labeler() -> None:
    labels = [
        label("ann-old", "ann", "DEFAULT", "C"),
        label("ann", "ann", "DEFAULT", "A"),
        label("bob", "bob", "DEFAULT", "A"),
        label("cid", "cid", "DEFAULT", "A", "B"),
        label("rev", "rev", "REVIEW", "B"),
    ]
    marks = compute_marks(CONSENSUS, labels)
    consensus = {key: value["consensus_mark"] for key, value in marks.of_labels.items()}
    # Pairs: ann-bob 1, ann-cid 0.5, bob-cid 0.5.
    assert consensus == {
        "ann-old": None,
        "ann": pytest.approx(0.75),
        "bob": pytest.approx(0.75),
        "cid": pytest.approx(0.5),
        "rev": None,
    }
    assert marks.of_asset["consensus_mark"] == pytest.approx(2 / 3)


def test_no_consensus_mark_with_one_labeler_or_outside_consensus() -> None:
    one = [label("a1", "ann", "DEFAULT", "A"), label("a2", "ann", "DEFAULT", "B")]
    marks = compute_marks(CONSENSUS, one)
    assert "consensus_mark" not in marks.of_asset
    assert {value["consensus_mark"] for value in marks.of_labels.values()} == {None}
    two = [label("a", "ann", "DEFAULT", "A"), label("b", "bob", "DEFAULT", "A")]
    assert "consensus_mark" not in compute_marks(PLAIN, two).of_asset
