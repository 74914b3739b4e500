"""Asset writes: arguments -> domain objects -> gateway calls, and refusals before sending."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kili.client import Kili
from kili.domain.asset import AssetFilters, AssetId, AssetToCreate, AssetUpdate, PageResolution
from kili.exceptions import (
    ArgumentTypeError,
    IncompatibleArgumentsError,
    InvalidArgumentError,
    MissingArgumentError,
    NotFound,
)

WRITES = (
    "append_many_assets",
    "upload_local_files",
    "update_properties_in_assets",
    "delete_many_from_dataset",
    "add_to_review",
    "send_back_to_queue",
)


def nothing_written(gateway: Any) -> bool:
    return all(not getattr(gateway, name).called for name in WRITES)


@pytest.fixture
def image_project(gateway: Any) -> Any:
    """A mocked IMAGE project `p1` that creates the assets it is sent."""
    gateway.list_projects.side_effect = lambda *_: iter([{"id": "p1", "inputType": "IMAGE"}])
    gateway.existing_external_ids.return_value = set()

    def create(project_id: str, assets: list[AssetToCreate]) -> list[dict[str, str]]:
        return [{"id": f"id-{a.external_id}", "externalId": a.external_id} for a in assets]

    gateway.append_many_assets.side_effect = create
    gateway.asset_ids_by_external_id.side_effect = lambda _, ids: {e: [f"id-{e}"] for e in ids}
    return gateway


def sent_assets(gateway: Any) -> list[AssetToCreate]:
    return [asset for call in gateway.append_many_assets.call_args_list for asset in call.args[1]]


# --- append_many_to_dataset ------------------------------------------------------------


def test_append_returns_the_project_and_created_ids(kili: Kili, image_project: Any) -> None:
    result = kili.append_many_to_dataset(
        "p1",
        content_array=["https://x/a.png", "https://x/b.png"],
        external_id_array=["a", "b"],
        json_metadata_array=[{"k": 1}, {}],
        is_honeypot_array=[True, False],
    )
    assert result == {"id": "p1", "asset_ids": ["id-a", "id-b"]}
    assert sent_assets(image_project) == [
        AssetToCreate("a", content="https://x/a.png", json_metadata='{"k": 1}', is_honeypot=True),  # type: ignore[arg-type]
        AssetToCreate("b", content="https://x/b.png", json_metadata="{}"),  # type: ignore[arg-type]
    ]


def test_append_generates_hex_external_ids_when_none_are_given(
    kili: Kili, image_project: Any
) -> None:
    kili.append_many_to_dataset("p1", content_array=["https://x/a.png", "https://x/b.png"])
    external_ids = [asset.external_id for asset in sent_assets(image_project)]
    assert len(set(external_ids)) == 2
    assert all(len(e) == 32 and int(e, 16) >= 0 for e in external_ids)


def test_append_waits_for_the_last_batch_by_default(kili: Kili, image_project: Any) -> None:
    kili.append_many_to_dataset("p1", content_array=["https://x/a.png"], external_id_array=["a"])
    image_project.asset_ids_by_external_id.assert_called_with("p1", ["a"])


def test_append_passes_chosen_ids(kili: Kili, image_project: Any) -> None:
    kili.append_many_to_dataset(
        "p1", content_array=["https://x/a.png"], id_array=["my-id"], wait_until_availability=False
    )
    assert sent_assets(image_project)[0].id == "my-id"


def test_append_reads_text_assets_from_csv(kili: Kili, gateway: Any, tmp_path: Path) -> None:
    gateway.list_projects.side_effect = lambda *_: iter([{"inputType": "TEXT"}])
    gateway.existing_external_ids.return_value = set()
    gateway.append_many_assets.side_effect = lambda _, assets: [
        {"id": f"id-{a.external_id}", "externalId": a.external_id} for a in assets
    ]
    csv_file = tmp_path / "texts.csv"
    csv_file.write_text("externalId;content\nt1;Hello there\nt2;General Kenobi\n")
    result = kili.append_many_to_dataset(
        "p1", from_csv=str(csv_file), csv_separator=";", wait_until_availability=False
    )
    assert result["asset_ids"] == ["id-t1", "id-t2"]
    assert [(a.external_id, a.content) for a in sent_assets(gateway)] == [
        ("t1", "Hello there"),
        ("t2", "General Kenobi"),
    ]


def test_a_csv_without_the_needed_columns_is_refused(
    kili: Kili, gateway: Any, tmp_path: Path
) -> None:
    csv_file = tmp_path / "texts.csv"
    csv_file.write_text("id,text\n1,Hello\n")
    with pytest.raises(InvalidArgumentError, match=r"'content' and 'externalId'.*\['id', 'text'\]"):
        kili.append_many_to_dataset("p1", from_csv=str(csv_file))
    assert gateway.method_calls == []


def test_csv_and_content_array_are_incompatible(kili: Kili, gateway: Any, tmp_path: Path) -> None:
    with pytest.raises(IncompatibleArgumentsError, match="from_csv"):
        kili.append_many_to_dataset("p1", content_array=["x"], from_csv=str(tmp_path / "a.csv"))
    assert gateway.method_calls == []


@pytest.mark.parametrize("argument", ["content_array", "json_content_array"])
def test_an_empty_input_warns_and_sends_nothing(kili: Kili, gateway: Any, argument: str) -> None:
    with pytest.warns(UserWarning, match=f"did nothing.*{argument}"):
        result = kili.append_many_to_dataset("p1", **{argument: []})
    assert result == {"id": "p1", "asset_ids": []}
    assert gateway.method_calls == []


def test_status_array_is_deprecated_and_not_sent(kili: Kili, image_project: Any) -> None:
    with pytest.warns(DeprecationWarning, match="status_array"):
        kili.append_many_to_dataset(
            "p1", content_array=["https://x/a.png"], status_array=["LABELED"]
        )
    assert len(sent_assets(image_project)) == 1


def test_arrays_of_different_lengths_are_named(kili: Kili, gateway: Any) -> None:
    with pytest.raises(
        InvalidArgumentError,
        match=r"content_array has 2, but external_id_array has 1, json_metadata_array has 3",
    ):
        kili.append_many_to_dataset(
            "p1",
            content_array=["https://x/a", "https://x/b"],
            external_id_array=["a"],
            json_metadata_array=[{}, {}, {}],
        )
    assert gateway.method_calls == []


def test_no_content_at_all_is_refused(kili: Kili, gateway: Any) -> None:
    with pytest.raises(MissingArgumentError, match="content_array"):
        kili.append_many_to_dataset("p1", external_id_array=["a"])
    assert gateway.method_calls == []


def test_content_and_multi_layer_content_are_incompatible(kili: Kili, gateway: Any) -> None:
    with pytest.raises(IncompatibleArgumentsError):
        kili.append_many_to_dataset(
            "p1", content_array=["a"], multi_layer_content_array=[[{"path": "a.tif"}]]
        )
    assert gateway.method_calls == []


def test_metadata_that_is_not_a_dict_is_refused(kili: Kili, gateway: Any) -> None:
    with pytest.raises(ArgumentTypeError, match="json_metadata_array"):
        kili.append_many_to_dataset(
            "p1",
            content_array=["https://x/a"],
            json_metadata_array=["{}"],  # type: ignore[list-item]
        )
    assert gateway.method_calls == []


def test_a_local_file_that_does_not_exist_is_refused_before_any_write(
    kili: Kili, image_project: Any, tmp_path: Path
) -> None:
    with pytest.raises(InvalidArgumentError, match=r"missing\.png"):
        kili.append_many_to_dataset("p1", content_array=[str(tmp_path / "missing.png")])
    assert nothing_written(image_project)


# --- update_properties_in_assets --------------------------------------------------------


def updates_sent(gateway: Any) -> list[AssetUpdate]:
    return [u for call in gateway.update_properties_in_assets.call_args_list for u in call.args[0]]


def test_update_sends_one_update_per_asset(kili: Kili, gateway: Any) -> None:
    gateway.update_properties_in_assets.side_effect = lambda updates: [u.asset_id for u in updates]
    result = kili.update_properties_in_assets(
        asset_ids=["a", "b"],
        priorities=[None, 2],
        json_metadatas=[{"k": 1}, '{"raw": true}'],
        consensus_marks=[0.5, None],
        honeypot_marks=[None, 0.7],
        to_be_labeled_by_array=[["u@x"], None],
        contents=["https://x/a", None],
        json_contents=[None, {"0": "https://x/f.jpg"}],
        is_used_for_consensus_array=[True, False],
        is_honeypot_array=[False, None],
        resolution_array=[{"width": 640, "height": 480}, None],
        page_resolutions_array=[
            None,
            [PageResolution(10, 20, 1), {"width": 30, "height": 40, "pageNumber": 2}],
        ],
    )
    assert result == [{"id": "a"}, {"id": "b"}]
    first, second = updates_sent(gateway)
    assert first.priority is None
    assert second.priority == 2
    assert first.json_metadata == '{"k": 1}'
    assert second.json_metadata == '{"raw": true}'
    assert first.to_be_labeled_by == ("u@x",)
    assert second.to_be_labeled_by == ()
    assert second.json_content == '{"0": "https://x/f.jpg"}'
    assert first.resolution is not None
    assert first.resolution.width == 640
    assert second.page_resolutions == (PageResolution(10, 20, 1), PageResolution(30, 40, 2))


def test_update_resolves_external_ids_with_the_project(kili: Kili, gateway: Any) -> None:
    gateway.asset_ids_by_external_id.return_value = {"e1": ["a1"]}
    gateway.update_properties_in_assets.side_effect = lambda updates: [u.asset_id for u in updates]
    assert kili.update_properties_in_assets(
        external_ids=["e1"], project_id="p1", priorities=[3]
    ) == [{"id": "a1"}]
    assert updates_sent(gateway) == [AssetUpdate(AssetId("a1"), priority=3)]


def test_update_with_unknown_external_ids_lists_them_and_writes_nothing(
    kili: Kili, gateway: Any
) -> None:
    gateway.asset_ids_by_external_id.return_value = {}
    with pytest.raises(NotFound, match="'nope'"):
        kili.update_properties_in_assets(external_ids=["nope"], project_id="p1", priorities=[1])
    assert nothing_written(gateway)


def test_update_with_external_ids_but_no_project_is_refused(kili: Kili, gateway: Any) -> None:
    with pytest.raises(MissingArgumentError, match="project_id"):
        kili.update_properties_in_assets(external_ids=["e"], priorities=[1])
    assert gateway.method_calls == []


def test_update_with_both_designations_is_refused(kili: Kili, gateway: Any) -> None:
    with (
        pytest.warns(DeprecationWarning, match="change_asset_external_ids"),
        pytest.raises(IncompatibleArgumentsError),
    ):
        kili.update_properties_in_assets(asset_ids=["a"], external_ids=["e"], project_id="p1")
    assert gateway.method_calls == []


def test_update_arrays_of_the_wrong_length_are_named(kili: Kili, gateway: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="asset_ids has 2, but priorities has 1"):
        kili.update_properties_in_assets(asset_ids=["a", "b"], priorities=[1])
    assert gateway.method_calls == []


def test_update_of_a_bad_resolution_is_refused(kili: Kili, gateway: Any) -> None:
    with pytest.raises(InvalidArgumentError, match=r"resolution_array\[0\]"):
        kili.update_properties_in_assets(asset_ids=["a"], resolution_array=[{"width": 1}])
    assert gateway.method_calls == []


def test_update_batches_by_one_hundred(kili: Kili, gateway: Any) -> None:
    gateway.update_properties_in_assets.side_effect = lambda updates: [u.asset_id for u in updates]
    ids = [f"a{i}" for i in range(230)]
    assert len(kili.update_properties_in_assets(asset_ids=ids, priorities=[1] * 230)) == 230
    sizes = [len(c.args[0]) for c in gateway.update_properties_in_assets.call_args_list]
    assert sizes == [100, 100, 30]


def test_update_status_array_is_deprecated_and_ignored(kili: Kili, gateway: Any) -> None:
    gateway.update_properties_in_assets.side_effect = lambda updates: [u.asset_id for u in updates]
    with pytest.warns(DeprecationWarning, match="status_array"):
        kili.update_properties_in_assets(asset_ids=["a"], status_array=["LABELED"])
    assert updates_sent(gateway) == [AssetUpdate(AssetId("a"))]


def test_update_of_an_empty_list_warns_and_sends_nothing(kili: Kili, gateway: Any) -> None:
    with pytest.warns(UserWarning, match="did nothing.*asset_ids"):
        assert kili.update_properties_in_assets(asset_ids=[]) == []
    assert gateway.method_calls == []


# --- change_asset_external_ids ----------------------------------------------------------


def test_new_external_ids_are_sent_as_updates(kili: Kili, gateway: Any) -> None:
    gateway.asset_ids_by_external_id.return_value = {"old1": ["a1"], "old2": ["a2"]}
    gateway.update_properties_in_assets.side_effect = lambda updates: [u.asset_id for u in updates]
    result = kili.change_asset_external_ids(
        ["new1", "new2"], external_ids=["old1", "old2"], project_id="p1"
    )
    assert result == [{"id": "a1"}, {"id": "a2"}]
    assert [(u.asset_id, u.external_id) for u in updates_sent(gateway)] == [
        ("a1", "new1"),
        ("a2", "new2"),
    ]


def test_new_external_ids_must_match_the_assets(kili: Kili, gateway: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="new_external_ids has 1"):
        kili.change_asset_external_ids(["n"], asset_ids=["a", "b"])
    assert gateway.method_calls == []


# --- delete, review, queue --------------------------------------------------------------


def test_delete_returns_the_project_once_the_last_asset_is_gone(kili: Kili, gateway: Any) -> None:
    gateway.delete_many_from_dataset.return_value = "p1"
    gateway.count_assets.return_value = 0
    assert kili.delete_many_from_dataset(asset_ids=["a", "b"]) == {"id": "p1"}
    gateway.delete_many_from_dataset.assert_called_once_with(["a", "b"])
    gateway.count_assets.assert_called_with(AssetFilters("p1", asset_id_in=("b",)))  # type: ignore[arg-type]


@pytest.mark.parametrize("first_answer", ["p1", None])
def test_delete_sends_every_batch_of_a_long_list(
    kili: Kili, gateway: Any, first_answer: str | None
) -> None:
    gateway.delete_many_from_dataset.side_effect = [first_answer, "p1", "p1"]
    gateway.count_assets.return_value = 0
    asset_ids = [f"a{i}" for i in range(250)]
    assert kili.delete_many_from_dataset(asset_ids=asset_ids) == {"id": "p1"}
    sent = [list(call.args[0]) for call in gateway.delete_many_from_dataset.call_args_list]
    assert sent == [asset_ids[:100], asset_ids[100:200], asset_ids[200:]]


def test_delete_polls_until_the_deletion_is_visible(kili: Kili, gateway: Any) -> None:
    gateway.delete_many_from_dataset.return_value = "p1"
    gateway.count_assets.side_effect = [1, 1, 0]
    kili.delete_many_from_dataset(asset_ids=["a"])
    assert gateway.count_assets.call_count == 3


def test_delete_by_external_ids_without_project_is_refused(kili: Kili, gateway: Any) -> None:
    with pytest.raises(MissingArgumentError):
        kili.delete_many_from_dataset(external_ids=["e"])
    assert gateway.method_calls == []


def test_delete_of_an_empty_list_returns_none(kili: Kili, gateway: Any) -> None:
    with pytest.warns(UserWarning, match="did nothing"):
        assert kili.delete_many_from_dataset(asset_ids=[]) is None
    assert gateway.method_calls == []


def test_add_to_review_lists_the_assets_moved(kili: Kili, gateway: Any) -> None:
    gateway.add_to_review.return_value = "p1"
    gateway.list_assets.side_effect = lambda *_: iter([{"id": "a"}])
    assert kili.add_to_review(asset_ids=["a", "b"]) == {"id": "p1", "asset_ids": ["a"]}
    filters = gateway.list_assets.call_args.args[0]
    assert filters.status_in == ("TO_REVIEW",)
    assert filters.asset_id_in == ("a", "b")


def test_add_to_review_returns_none_when_nothing_moved(kili: Kili, gateway: Any) -> None:
    gateway.add_to_review.return_value = None
    assert kili.add_to_review(asset_ids=["a"]) is None
    gateway.list_assets.assert_not_called()


def test_add_to_review_reads_what_moved_when_a_retry_answers_null(kili: Kili, gateway: Any) -> None:
    """A retried request already applied answers null; the statuses still tell the truth."""
    gateway.add_to_review.return_value = None
    gateway.list_assets.side_effect = lambda *_: iter([{"id": "a"}])
    result = kili.add_to_review(asset_ids=["a"], project_id="p1")
    assert result == {"id": "p1", "asset_ids": ["a"]}


def test_send_back_to_queue_lists_the_assets_back_in_the_queue(kili: Kili, gateway: Any) -> None:
    gateway.send_back_to_queue.return_value = "p1"
    gateway.list_assets.side_effect = lambda *_: iter([{"id": "a"}, {"id": "b"}])
    result = kili.send_back_to_queue(asset_ids=["a", "b"])
    assert result == {"id": "p1", "asset_ids": ["a", "b"]}
    assert set(gateway.list_assets.call_args.args[0].status_in) == {"ONGOING", "TODO"}


@pytest.mark.parametrize("method", ["add_to_review", "send_back_to_queue"])
def test_queue_moves_send_every_batch(kili: Kili, gateway: Any, method: str) -> None:
    getattr(gateway, method).return_value = "p1"
    gateway.list_assets.side_effect = lambda *_: iter([{"id": "x"}])
    asset_ids = [f"a{i}" for i in range(250)]
    getattr(kili, method)(asset_ids=asset_ids)
    sent = [list(call.args[0]) for call in getattr(gateway, method).call_args_list]
    assert sent == [asset_ids[:100], asset_ids[100:200], asset_ids[200:]]


def test_both_designations_are_refused_for_queue_moves(kili: Kili, gateway: Any) -> None:
    with pytest.raises(IncompatibleArgumentsError):
        kili.add_to_review(asset_ids=["a"], external_ids=["e"], project_id="p1")
    assert gateway.method_calls == []


def test_json_metadata_of_updates_is_sent_as_json(kili: Kili, gateway: Any) -> None:
    gateway.update_properties_in_assets.side_effect = lambda updates: [u.asset_id for u in updates]
    kili.update_properties_in_assets(asset_ids=["a"], json_metadatas=[{"x": [1, 2]}])
    assert json.loads(updates_sent(gateway)[0].json_metadata or "") == {"x": [1, 2]}


@pytest.mark.parametrize(
    ("method", "arguments", "named"),
    [
        ("delete_many_from_dataset", {"asset_ids": "a1"}, "asset_ids"),
        ("add_to_review", {"asset_ids": [1, 2]}, "asset_ids"),
        ("update_properties_in_assets", {"asset_ids": ["a"], "priorities": ["high"]}, "priorities"),
        ("append_many_to_dataset", {"project_id": "p", "content_array": "x"}, "content_array"),
        (
            "append_many_to_dataset",
            {"project_id": "p", "content_array": ["x"], "is_honeypot_array": [1]},
            "is_honeypot_array",
        ),
        ("change_asset_external_ids", {"new_external_ids": "n", "asset_ids": ["a"]}, "new_"),
    ],
)
def test_wrong_argument_types_are_refused_before_any_request(
    kili: Kili, gateway: Any, method: str, arguments: dict[str, Any], named: str
) -> None:
    with pytest.raises(ArgumentTypeError, match=named):
        getattr(kili, method)(**arguments)
    assert gateway.method_calls == []
