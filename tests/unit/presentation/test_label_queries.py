"""Label reads of the client, on a mocked gateway."""

from __future__ import annotations

import sys
from typing import Any

import pytest

from kili.client import Kili
from kili.domain.asset import AssetExternalId, AssetId
from kili.domain.label import LabelFilters, LabelId
from kili.domain.project import ProjectFilters, ProjectId
from kili.domain.query import QueryOptions
from kili.domain.user import UserId
from kili.exceptions import ArgumentTypeError, InvalidArgumentError, MissingExtraError, NotFound

INTERFACE = {
    "jobs": {
        "CLASSIFICATION_JOB": {
            "mlTask": "CLASSIFICATION",
            "required": 1,
            "isChild": False,
            "content": {
                "input": "radio",
                "categories": {"A": {"name": "A"}, "B": {"name": "B"}},
            },
        }
    }
}
PROJECT = ProjectId("project-1")
QUIET = QueryOptions(disable_tqdm=True)


def serve_project(gateway: Any, project: dict[str, Any] | None = None) -> None:
    """Make every project read of the gateway return `project` (none when `None`)."""
    rows = [] if project is None else [project]
    gateway.list_projects.side_effect = lambda *args: iter([dict(row) for row in rows])


def test_labels_turns_every_filter_into_the_label_filters(kili: Kili, gateway: Any) -> None:
    gateway.list_labels.return_value = iter([{"id": "l1"}])
    gateway.list_projects.side_effect = lambda *_: iter(
        [{"id": "project-1", "jsonInterface": {"jobs": {"CLASSIFICATION_JOB": {}}}}]
    )
    result = kili.labels(
        "project-1",
        asset_id="asset-1",
        asset_status_in=["LABELED", "REVIEWED"],
        asset_external_id_in=["ext-1"],
        author_in=["Jane"],
        created_at="2024-01-02",
        created_at_gte="2024-01-01",
        created_at_lte="2024-01-03",
        fields=["id"],
        first=10,
        honeypot_mark_gte=0.25,
        honeypot_mark_lte=1,
        id_contains=["l1", "l2"],
        label_id="l1",
        skip=3,
        type_in=["DEFAULT", "REVIEW"],
        user_id="user-1",
        category_search="CLASSIFICATION_JOB.A.count>0",
    )
    assert result == [{"id": "l1"}]
    gateway.list_labels.assert_called_once_with(
        LabelFilters(
            project_id=PROJECT,
            asset_id=AssetId("asset-1"),
            asset_status_in=("LABELED", "REVIEWED"),
            asset_external_id_in=(AssetExternalId("ext-1"),),
            author_in=("Jane",),
            created_at="2024-01-02",
            created_at_gte="2024-01-01",
            created_at_lte="2024-01-03",
            honeypot_mark_gte=0.25,
            honeypot_mark_lte=1.0,
            id=LabelId("l1"),
            id_in=(LabelId("l1"), LabelId("l2")),
            type_in=("DEFAULT", "REVIEW"),
            user_id=UserId("user-1"),
            search="CLASSIFICATION_JOB.A.count > 0",
        ),
        ["id"],
        QueryOptions(first=10, skip=3, disable_tqdm=True),
    )


def test_labels_asks_for_the_official_default_fields(kili: Kili, gateway: Any) -> None:
    gateway.list_labels.return_value = iter([])
    kili.labels("project-1")
    filters, fields, _ = gateway.list_labels.call_args.args
    assert filters == LabelFilters(project_id=PROJECT)
    assert tuple(fields) == (
        "author.email",
        "author.id",
        "id",
        "jsonResponse",
        "labelType",
        "secondsToLabel",
    )


def test_an_empty_id_contains_does_not_filter(kili: Kili, gateway: Any) -> None:
    gateway.list_labels.return_value = iter([])
    kili.labels("project-1", id_contains=[])
    assert gateway.list_labels.call_args.args[0].id_in is None


def test_labels_as_generator_streams_without_progress(gateway: Any) -> None:
    kili = Kili.from_gateway(gateway, disable_tqdm=False)
    stream = iter([{"id": "l1"}, {"id": "l2"}])
    gateway.list_labels.return_value = stream
    assert kili.labels("project-1", as_generator=True) is stream
    assert gateway.list_labels.call_args.args[2].disable_tqdm is True


def test_a_malformed_category_search_is_refused_before_any_request(
    kili: Kili, gateway: Any
) -> None:
    with pytest.raises(InvalidArgumentError, match=r"position 19") as caught:
        kili.labels("project-1", category_search="JOB.CATEGORY.count = 1")
    assert isinstance(caught.value, ValueError)
    assert str(caught.value).splitlines()[-1].strip() == "^"
    with pytest.raises(InvalidArgumentError):
        kili.count_labels("project-1", category_search="JOB.CATEGORY.count > 1 OR")
    assert gateway.mock_calls == []


def test_category_search_is_sent_normalised(kili: Kili, gateway: Any) -> None:
    gateway.count_labels.return_value = 2
    gateway.list_projects.side_effect = lambda *_: iter(
        [{"id": "project-1", "jsonInterface": {"jobs": {"J": {}, "K": {}}}}]
    )
    query = "(J.A.count>0 OR J.B.count>=2)AND K.C.count==1"
    assert kili.count_labels("project-1", category_search=query) == 2
    sent = gateway.count_labels.call_args.args[0].search
    assert sent == "(J.A.count > 0 OR J.B.count >= 2) AND K.C.count == 1"


def test_a_wrong_status_or_type_is_refused(kili: Kili, gateway: Any) -> None:
    with pytest.raises((InvalidArgumentError, ArgumentTypeError), match="asset_status_in"):
        kili.labels("project-1", asset_status_in=["DONE"])  # type: ignore[list-item]
    with pytest.raises((InvalidArgumentError, ArgumentTypeError), match="type_in"):
        kili.count_labels("project-1", type_in=["GOLD"])  # type: ignore[list-item]
    assert gateway.mock_calls == []


@pytest.mark.parametrize(
    ("method", "label_type"), [("predictions", "PREDICTION"), ("inferences", "INFERENCE")]
)
def test_model_label_reads_fix_the_type_and_ask_for_the_model(
    kili: Kili, gateway: Any, method: str, label_type: str
) -> None:
    gateway.list_labels.return_value = iter([{"id": "p1", "modelName": "m"}])
    rows = getattr(kili, method)("project-1", asset_id="asset-1")
    assert rows == [{"id": "p1", "modelName": "m"}]
    filters, fields, _ = gateway.list_labels.call_args.args
    assert filters.type_in == (label_type,)
    assert filters.asset_id == "asset-1"
    assert "modelName" in fields
    assert "secondsToLabel" not in fields


def test_model_label_reads_keep_the_fields_asked_for(kili: Kili, gateway: Any) -> None:
    gateway.list_labels.return_value = iter([])
    kili.predictions("project-1", fields=["id"], as_generator=True)
    assert gateway.list_labels.call_args.args[1] == ["id"]


def test_count_labels_maps_its_filters(kili: Kili, gateway: Any) -> None:
    gateway.count_labels.return_value = 7
    assert kili.count_labels("project-1", type_in=["DEFAULT"], user_id="u", id_contains=["x"]) == 7
    gateway.count_labels.assert_called_once_with(
        LabelFilters(
            project_id=PROJECT,
            type_in=("DEFAULT",),
            user_id=UserId("u"),
            id_in=(LabelId("x"),),
        )
    )


def test_parsed_labels_are_read_against_the_project_interface(kili: Kili, gateway: Any) -> None:
    serve_project(gateway, {"inputType": "IMAGE", "jsonInterface": INTERFACE})
    answer = {"CLASSIFICATION_JOB": {"categories": [{"name": "B"}]}}
    gateway.list_labels.return_value = iter([{"id": "l1", "jsonResponse": answer}])
    (label,) = kili.labels("project-1", output_format="parsed_label")
    assert label["id"] == "l1"
    assert label.jobs["CLASSIFICATION_JOB"].category.name == "B"
    assert gateway.list_projects.call_args.args[0] == ProjectFilters(id=PROJECT)


def test_parsed_labels_stream_lazily(kili: Kili, gateway: Any) -> None:
    serve_project(gateway, {"inputType": "IMAGE", "jsonInterface": INTERFACE})
    answer = {"CLASSIFICATION_JOB": {"categories": [{"name": "A"}]}}
    gateway.list_labels.return_value = iter(
        [{"id": f"l{i}", "jsonResponse": answer} for i in range(3)]
    )
    labels = kili.predictions("project-1", output_format="parsed_label", as_generator=True)
    assert next(labels)["id"] == "l0"
    assert [label["id"] for label in labels] == ["l1", "l2"]


def test_parsed_labels_need_the_json_response(kili: Kili, gateway: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="jsonResponse"):
        kili.labels("project-1", fields=["id"], output_format="parsed_label")
    assert gateway.mock_calls == []


def test_parsed_labels_of_a_missing_project(kili: Kili, gateway: Any) -> None:
    serve_project(gateway, None)
    with pytest.raises(NotFound, match="project-1"):
        kili.labels("project-1", output_format="parsed_label")
    gateway.list_labels.assert_not_called()


def test_export_labels_as_df_has_label_then_asset_columns(kili: Kili, gateway: Any) -> None:
    serve_project(gateway, {"id": "project-1"})
    gateway.list_labels.return_value = iter(
        [
            {"id": "l1", "labelType": "DEFAULT", "labelOf": {"externalId": "e1"}},
            {"id": "l2", "labelType": "REVIEW", "labelOf": {"externalId": "e2"}},
        ]
    )
    frame = kili.export_labels_as_df("project-1", fields=["id", "labelType"])
    assert list(frame.columns) == ["id", "labelType", "asset_externalId"]
    assert frame.to_dict("records") == [
        {"id": "l1", "labelType": "DEFAULT", "asset_externalId": "e1"},
        {"id": "l2", "labelType": "REVIEW", "asset_externalId": "e2"},
    ]
    filters, fields, _ = gateway.list_labels.call_args.args
    assert filters == LabelFilters(project_id=PROJECT)
    assert fields == ("id", "labelType", "labelOf.externalId")


def test_export_labels_as_df_of_a_missing_project(kili: Kili, gateway: Any) -> None:
    serve_project(gateway, None)
    with pytest.raises(NotFound):
        kili.export_labels_as_df("project-1")
    gateway.list_labels.assert_not_called()


def test_export_labels_as_df_without_pandas(
    kili: Kili, gateway: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingExtraError, match=r"kili\[pandas\]") as caught:
        kili.export_labels_as_df("project-1")
    assert isinstance(caught.value, ImportError)
    assert gateway.mock_calls == []
