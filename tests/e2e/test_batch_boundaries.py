"""Every batched method over more than two full batches plus a partial one.

Writes go in batches of 100 (`IMPORT_BATCH_SIZE`, `MUTATION_BATCH_SIZE`,
`LABELS_PER_BATCH`) and reads in pages of 500 (`PAGE_SIZE`): each test sends 350 items, or
reads 1,750, and checks the whole end state read back, item by item, so that a batch
skipped, sent twice or cut at the wrong place shows.
"""

from __future__ import annotations

from collections import Counter
from typing import Any
from uuid import uuid4

import pytest

from kili.adapters.kili_api_gateway.pagination import PAGE_SIZE
from kili.client import Kili
from kili.use_cases.asset import MUTATION_BATCH_SIZE
from kili.use_cases.asset_import import EXISTENCE_CHECK_BATCH_SIZE, IMPORT_BATCH_SIZE
from kili.use_cases.asset_resolution import EXTERNAL_IDS_PER_REQUEST
from kili.use_cases.label import LABEL_IDS_PER_DELETION
from kili.use_cases.label_checks import ASSET_IDS_PER_READ
from kili.use_cases.label_import import LABELS_PER_BATCH

WRITES = 350
READS = 1750
RERUN = 3250
"""Assets in an import re-run over `READS` existing ones: their existence is checked in chunks."""
CATEGORIES = ("A", "B")


def classified(index: int) -> dict[str, Any]:
    """The annotation of item `index`: category A or B, alternately."""
    return {"CLASSIFICATION_JOB": {"categories": [{"name": CATEGORIES[index % 2]}]}}


def names(count: int, prefix: str = "e") -> list[str]:
    """Return `count` external ids that sort in the order they are made."""
    return [f"{prefix}{index:05d}" for index in range(count)]


def import_assets(kili: Kili, project_id: str, count: int) -> list[str]:
    """Import `count` assets named by `names(count)` and return their ids in that order."""
    result = kili.append_many_to_dataset(
        project_id,
        content_array=[f"https://example.com/{name}.png" for name in names(count)],
        external_id_array=names(count),
    )
    asset_ids = result["asset_ids"]
    assert isinstance(asset_ids, list)
    return asset_ids


def column(kili: Kili, project_id: str, field: str) -> dict[str, Any]:
    """Return `field` of every asset of the project, by external id."""
    rows = kili.assets(project_id, fields=["externalId", field])
    assert len(rows) == len({row["externalId"] for row in rows}), "an asset is listed twice"
    top = field.split(".", maxsplit=1)[0]
    return {row["externalId"]: row[top] for row in rows}


def labels_by_external_id(kili: Kili, project_id: str) -> dict[str, list[dict[str, Any]]]:
    """Return the labels of the project, grouped by the external id of their asset."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    fields = ["id", "jsonResponse", "labelType", "modelName", "labelOf.externalId"]
    for label in kili.labels(project_id, fields=fields):
        grouped.setdefault(label["labelOf"]["externalId"], []).append(label)
    return grouped


def test_the_sizes_make_more_than_two_full_batches_and_a_partial_one() -> None:
    for batch_size in (
        IMPORT_BATCH_SIZE,
        MUTATION_BATCH_SIZE,
        LABELS_PER_BATCH,
        LABEL_IDS_PER_DELETION,
    ):
        assert WRITES // batch_size > 2
        assert WRITES % batch_size != 0
    # `many_labeled` labels READS assets given by id: their projects are read in chunks
    for page_size in (PAGE_SIZE, EXTERNAL_IDS_PER_REQUEST, ASSET_IDS_PER_READ):
        assert READS // page_size > 2
        assert READS % page_size != 0
    assert RERUN // EXISTENCE_CHECK_BATCH_SIZE > 2
    assert RERUN % EXISTENCE_CHECK_BATCH_SIZE != 0


def test_append_many_to_dataset_imports_every_asset_once_in_order(
    kili: Kili, project_id: str
) -> None:
    asset_ids = import_assets(kili, project_id, WRITES)
    rows = kili.assets(project_id, fields=["id", "externalId", "content"])
    # batches in flight together may be created in any order; ids come in the order given
    assert sorted(row["externalId"] for row in rows) == names(WRITES)
    by_name = {row["externalId"]: row["id"] for row in rows}
    assert [by_name[name] for name in names(WRITES)] == asset_ids
    assert all(row["content"] == f"https://example.com/{row['externalId']}.png" for row in rows)


def test_update_properties_in_assets_changes_every_asset_once(kili: Kili, project_id: str) -> None:
    import_assets(kili, project_id, WRITES)
    updated = kili.update_properties_in_assets(
        external_ids=names(WRITES),
        project_id=project_id,
        priorities=list(range(1, WRITES + 1)),
        json_metadatas=[{"index": index} for index in range(WRITES)],
    )
    assert len(updated) == WRITES
    assert column(kili, project_id, "priority") == dict(
        zip(names(WRITES), range(1, WRITES + 1), strict=True)
    )
    assert column(kili, project_id, "jsonMetadata") == {
        name: {"index": index} for index, name in enumerate(names(WRITES))
    }


def test_change_asset_external_ids_renames_every_asset(kili: Kili, project_id: str) -> None:
    asset_ids = import_assets(kili, project_id, WRITES)
    renamed = kili.change_asset_external_ids(names(WRITES, "renamed"), asset_ids=asset_ids)
    assert [one["id"] for one in renamed] == asset_ids
    rows = kili.assets(project_id, fields=["id", "externalId"])
    assert {row["id"]: row["externalId"] for row in rows} == dict(
        zip(asset_ids, names(WRITES, "renamed"), strict=True)
    )


def test_delete_many_from_dataset_deletes_every_asset_given_and_no_other(
    kili: Kili, project_id: str
) -> None:
    kept = 30
    asset_ids = import_assets(kili, project_id, WRITES + kept)
    result = kili.delete_many_from_dataset(asset_ids=asset_ids[:WRITES])
    assert result == {"id": project_id}
    assert list(column(kili, project_id, "id")) == names(WRITES + kept)[WRITES:]
    assert kili.count_assets(project_id) == kept


def test_add_and_set_metadata_change_every_asset_once(kili: Kili, project_id: str) -> None:
    import_assets(kili, project_id, WRITES)
    kili.add_metadata(
        [{"index": index} for index in range(WRITES)], project_id, external_ids=names(WRITES)
    )
    kili.add_metadata(
        [{"half": index // 2} for index in range(WRITES)], project_id, external_ids=names(WRITES)
    )
    assert column(kili, project_id, "jsonMetadata") == {
        name: {"index": index, "half": index // 2} for index, name in enumerate(names(WRITES))
    }
    kili.set_metadata(
        [{"set": index} for index in range(WRITES)], project_id, external_ids=names(WRITES)
    )
    assert column(kili, project_id, "jsonMetadata") == {
        name: {"set": index} for index, name in enumerate(names(WRITES))
    }


def test_assign_assets_to_labelers_assigns_every_asset_as_asked(
    kili: Kili, project_id: str
) -> None:
    asset_ids = import_assets(kili, project_id, WRITES)
    emails = [f"batch-{uuid4().hex[:10]}@example.com" for _ in range(2)]
    for email in emails:
        kili.create_user(email=email, password="pass-word", organization_role="USER")
        kili.append_to_roles(project_id, email, "LABELER")
    labelers = [[emails[index % 2]] if index % 3 else [] for index in range(WRITES)]
    outcome = kili.assign_assets_to_labelers(labelers, asset_ids=asset_ids)
    assert [item["assetId"] for item in outcome["succeeded"]] == asset_ids
    assert outcome["declined"] == []
    assigned = column(kili, project_id, "toBeLabeledBy.user.email")
    assert assigned == {
        name: [{"user": {"email": email}} for email in labelers[index]]
        for index, name in enumerate(names(WRITES))
    }


def test_set_assets_priority_changes_every_asset_given_and_no_other(
    kili: Kili, project_id: str
) -> None:
    kept = 30
    asset_ids = import_assets(kili, project_id, WRITES + kept)
    outcome = kili.set_assets_priority(5, asset_ids=asset_ids[:WRITES])
    assert [item["externalId"] for item in outcome["succeeded"]] == names(WRITES)
    assert column(kili, project_id, "priority") == {
        name: 5 if index < WRITES else 0 for index, name in enumerate(names(WRITES + kept))
    }


@pytest.fixture
def half_labeled(kili: Kili, project_id: str) -> list[str]:
    """Import `WRITES` assets and label those of even index; return the asset ids."""
    asset_ids = import_assets(kili, project_id, WRITES)
    kili.append_labels(
        asset_id_array=asset_ids[::2], json_response_array=[classified(0)] * len(asset_ids[::2])
    )
    return asset_ids


def test_add_to_review_moves_every_labeled_asset(
    kili: Kili, project_id: str, half_labeled: list[str]
) -> None:
    result = kili.add_to_review(asset_ids=half_labeled)
    assert result is not None
    assert sorted(result["asset_ids"]) == sorted(half_labeled[::2])
    assert column(kili, project_id, "status") == {
        name: "TO_REVIEW" if index % 2 == 0 else "TODO" for index, name in enumerate(names(WRITES))
    }


def test_send_back_to_queue_returns_every_asset(
    kili: Kili, project_id: str, half_labeled: list[str]
) -> None:
    kili.add_to_review(asset_ids=half_labeled)
    result = kili.send_back_to_queue(external_ids=names(WRITES), project_id=project_id)
    assert result is not None
    assert result["id"] == project_id
    assert sorted(result["asset_ids"]) == sorted(half_labeled)
    assert column(kili, project_id, "status") == {
        name: "ONGOING" if index % 2 == 0 else "TODO" for index, name in enumerate(names(WRITES))
    }


def test_append_labels_writes_every_label_once(kili: Kili, project_id: str) -> None:
    asset_ids = import_assets(kili, project_id, WRITES)
    created = kili.append_labels(
        asset_id_array=asset_ids, json_response_array=[classified(i) for i in range(WRITES)]
    )
    labels = labels_by_external_id(kili, project_id)
    assert sorted(labels) == names(WRITES)
    assert all(len(found) == 1 for found in labels.values())
    assert {name: found[0]["jsonResponse"] for name, found in labels.items()} == {
        name: classified(index) for index, name in enumerate(names(WRITES))
    }
    assert [one["id"] for one in created] == [labels[name][0]["id"] for name in names(WRITES)]


def test_create_predictions_writes_every_prediction_once(kili: Kili, project_id: str) -> None:
    import_assets(kili, project_id, WRITES)
    result = kili.create_predictions(
        project_id,
        external_id_array=names(WRITES),
        json_response_array=[classified(i) for i in range(WRITES)],
        model_name="model-1",
    )
    assert result == {"id": project_id}
    labels = labels_by_external_id(kili, project_id)
    assert sorted(labels) == names(WRITES)
    assert all(len(found) == 1 for found in labels.values())
    assert {
        name: (found[0]["labelType"], found[0]["modelName"], found[0]["jsonResponse"])
        for name, found in labels.items()
    } == {
        name: ("PREDICTION", "model-1", classified(index))
        for index, name in enumerate(names(WRITES))
    }


def test_delete_labels_deletes_every_label_given_and_no_other(kili: Kili, project_id: str) -> None:
    kept = 30
    import_assets(kili, project_id, WRITES + kept)
    kili.create_predictions(
        project_id,
        external_id_array=names(WRITES + kept),
        json_response_array=[classified(i) for i in range(WRITES + kept)],
        model_name="model-1",
    )
    labels = labels_by_external_id(kili, project_id)
    doomed = [labels[name][0]["id"] for name in names(WRITES)]
    deleted = kili.delete_labels(doomed)
    assert sorted(deleted) == sorted(doomed)
    assert sorted(labels_by_external_id(kili, project_id)) == names(WRITES + kept)[WRITES:]


@pytest.fixture
def many_labeled(kili: Kili, project_id: str) -> list[str]:
    """Import `READS` assets, label each once, and return the ids of the labels."""
    asset_ids = import_assets(kili, project_id, READS)
    created = kili.append_labels(
        asset_id_array=asset_ids, json_response_array=[classified(i) for i in range(READS)]
    )
    return [one["id"] for one in created]


def test_asset_listings_cross_page_boundaries(
    kili: Kili, project_id: str, many_labeled: list[str]
) -> None:
    rows = kili.assets(project_id, fields=["id", "externalId"])
    assert sorted(row["externalId"] for row in rows) == names(READS)
    assert len({row["id"] for row in rows}) == READS
    streamed = kili.assets(project_id, fields=["id", "externalId"], as_generator=True)
    assert list(streamed) == rows
    window = kili.assets(project_id, fields=["id", "externalId"], skip=450, first=1100)
    assert window == rows[450:1550]
    assert kili.assets(project_id, fields=["id", "externalId"], skip=999) == rows[999:]
    assert kili.count_assets(project_id) == READS
    strictly_in = names(READS)[490:1510]
    assert kili.count_assets(project_id, external_id_strictly_in=strictly_in) == 1020


def test_label_listings_cross_page_boundaries(
    kili: Kili, project_id: str, many_labeled: list[str]
) -> None:
    labels = kili.labels(project_id, fields=["id", "labelOf.externalId"])
    assert Counter(label["id"] for label in labels) == Counter(set(many_labeled))
    assert sorted(label["labelOf"]["externalId"] for label in labels) == names(READS)
    streamed = kili.labels(project_id, fields=["id", "labelOf.externalId"], as_generator=True)
    assert list(streamed) == labels
    window = kili.labels(project_id, fields=["id", "labelOf.externalId"], skip=450, first=1100)
    assert window == labels[450:1550]
    assert kili.count_labels(project_id) == READS


def test_assets_designated_by_external_id_are_resolved_across_pages(
    kili: Kili, project_id: str, many_labeled: list[str]
) -> None:
    kili.update_properties_in_assets(
        external_ids=names(READS), project_id=project_id, priorities=list(range(READS))
    )
    assert column(kili, project_id, "priority") == dict(
        zip(names(READS), range(READS), strict=True)
    )


def test_a_rerun_import_skips_every_existing_asset_and_adds_the_rest(
    kili: Kili, project_id: str
) -> None:
    first = import_assets(kili, project_id, READS)
    with pytest.warns(UserWarning, match="already used"):
        second = import_assets(kili, project_id, RERUN)
    rows = kili.assets(project_id, fields=["id", "externalId"])
    by_name = {row["externalId"]: row["id"] for row in rows}
    assert sorted(by_name) == names(RERUN)
    assert [by_name[name] for name in names(RERUN)] == first + second
