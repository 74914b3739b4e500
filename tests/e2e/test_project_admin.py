"""Project administration end to end: settings, archiving, copies, anonymization, deletion."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest

from kili.client import Kili
from kili.exceptions import (
    IncompatibleArgumentsError,
    InvalidArgumentError,
    NotFound,
)

INTERFACE = {
    "jobs": {
        "CLASSIFICATION_JOB": {
            "mlTask": "CLASSIFICATION",
            "content": {"categories": {"A": {"name": "A"}, "B": {"name": "B"}}, "input": "radio"},
            "instruction": "Class",
            "required": 1,
            "isChild": False,
        }
    }
}


def _labeled_project(kili: Kili, make_project: Callable[..., str], assets: int) -> str:
    """A project with `assets` assets, each labeled once, A or B alternately."""
    project_id = make_project(json_interface=INTERFACE)
    names = [f"a{index:03d}" for index in range(assets)]
    kili.append_many_to_dataset(
        project_id,
        content_array=[f"https://example.com/{name}.png" for name in names],
        external_id_array=names,
    )
    kili.append_labels(
        project_id=project_id,
        asset_external_id_array=names,
        json_response_array=[
            {"CLASSIFICATION_JOB": {"categories": [{"name": "AB"[index % 2]}]}}
            for index in range(assets)
        ],
    )
    return project_id


def test_update_properties_in_project_sets_and_returns_what_changed(
    kili: Kili, project_id: str
) -> None:
    changed = kili.update_properties_in_project(
        project_id,
        title="renamed",
        description="described",
        instructions="https://example.com/guide",
        review_coverage=30,
        consensus_tot_coverage=20,
        min_consensus_size=2,
        can_skip_asset=False,
        can_navigate_between_assets=False,
        use_honeypot=True,
        should_auto_assign=False,
        compliance_tags=["PII"],
        json_interface=INTERFACE,
        metadata_properties={"site": {"type": "number"}},
    )
    assert changed == {
        "id": project_id,
        "title": "renamed",
        "description": "described",
        "instructions": "https://example.com/guide",
        "reviewCoverage": 30,
        "consensusTotCoverage": 20,
        "minConsensusSize": 2,
        "canSkipAsset": False,
        "canNavigateBetweenAssets": False,
        "useHoneyPot": True,
        "shouldAutoAssign": False,
        "complianceTags": ["PII"],
        "jsonInterface": INTERFACE,
        "metadataProperties": {
            "site": {
                "type": "number",
                "filterable": True,
                "visibleByLabeler": True,
                "visibleByReviewer": True,
            }
        },
    }
    (read,) = kili.projects(project_id=project_id, fields=["title", "reviewCoverage"])
    assert read == {"title": "renamed", "reviewCoverage": 30}


def test_deprecated_update_arguments_warn_and_convert(kili: Kili, project_id: str) -> None:
    with pytest.warns(DeprecationWarning, match="metadata_types"):
        changed = kili.update_properties_in_project(project_id, metadata_types={"day": "date"})
    assert changed["metadataProperties"]["day"]["type"] == "date"
    with pytest.warns(DeprecationWarning, match="seconds_to_label_before_auto_assign"):
        changed = kili.update_properties_in_project(
            project_id, seconds_to_label_before_auto_assign=30
        )
    assert changed["shouldAutoAssign"] is True


def test_an_out_of_range_setting_changes_nothing(kili: Kili, project_id: str) -> None:
    (before,) = kili.projects(project_id=project_id, fields=["title", "reviewCoverage"])
    with pytest.raises(InvalidArgumentError, match="review_coverage"):
        kili.update_properties_in_project(project_id, title="never", review_coverage=101)
    (after,) = kili.projects(project_id=project_id, fields=["title", "reviewCoverage"])
    assert after == before


def test_archive_and_unarchive(kili: Kili, project_id: str) -> None:
    assert kili.archive_project(project_id) == {"id": project_id}
    assert kili.count_projects(project_id=project_id, archived=True) == 1
    assert kili.archive_project(project_id) == {"id": project_id}
    assert kili.unarchive_project(project_id) == {"id": project_id}
    assert kili.count_projects(project_id=project_id, archived=False) == 1


def test_update_project_anonymization(kili: Kili, project_id: str) -> None:
    assert kili.update_project_anonymization(project_id) == {"id": project_id}
    assert kili.update_project_anonymization(project_id, should_anonymize=False) == {
        "id": project_id
    }
    with pytest.raises(NotFound):
        kili.update_project_anonymization("no-such-project")


def test_delete_project_then_again_is_not_found(kili: Kili, project_id: str) -> None:
    assert kili.delete_project(project_id) == project_id
    assert kili.count_projects(project_id=project_id) == 0
    with pytest.raises(NotFound):
        kili.delete_project(project_id)


def test_copy_project_takes_settings_and_names_the_copy(kili: Kili, project_id: str) -> None:
    (source,) = kili.projects(project_id=project_id, fields=["title"])
    kili.update_properties_in_project(project_id, review_coverage=40, instructions="Guide")
    first = kili.copy_project(project_id)
    second = kili.copy_project(project_id, description="again")
    fields = ["title", "description", "reviewCoverage", "instructions", "jsonInterface"]
    (copy,) = kili.projects(project_id=first, fields=fields)
    (original,) = kili.projects(project_id=project_id, fields=["jsonInterface"])
    assert copy == {
        "title": f"{source['title']} (copy)",
        "description": "",
        "reviewCoverage": 40,
        "instructions": "Guide",
        "jsonInterface": original["jsonInterface"],
    }
    (again,) = kili.projects(project_id=second, fields=["title", "description"])
    assert again == {"title": f"{source['title']} (copy 1)", "description": "again"}


def test_copy_flags_are_checked_before_anything_is_made(kili: Kili, project_id: str) -> None:
    before = kili.count_projects()
    with pytest.raises(IncompatibleArgumentsError, match="copy_assets"):
        kili.copy_project(project_id, copy_labels=True)
    with pytest.raises(InvalidArgumentError, match="copy_json_interface"):
        kili.copy_project(project_id, copy_json_interface=False)
    with pytest.raises(NotFound):
        kili.copy_project("no-such-project")
    assert kili.count_projects() == before


def test_copy_with_assets_and_labels_copies_every_labeled_asset(
    kili: Kili, make_project: Callable[..., str]
) -> None:
    # Labels are copied one asset per request: 7 assets make more than two full
    # batches and then some, each checked one by one.
    source = _labeled_project(kili, make_project, assets=7)
    copy = kili.copy_project(source, title="with labels", copy_assets=True, copy_labels=True)

    def answers(project_id: str) -> dict[str, Any]:
        labels = kili.labels(project_id, fields=["jsonResponse", "labelOf.externalId"])
        return {label["labelOf"]["externalId"]: label["jsonResponse"] for label in labels}

    assert kili.count_labels(copy) == 7
    assert answers(copy) == answers(source)


def test_copy_without_labels_copies_assets_only(
    kili: Kili, make_project: Callable[..., str]
) -> None:
    source = _labeled_project(kili, make_project, assets=3)
    copy = kili.copy_project(source, copy_assets=True, copy_members=False)
    assert kili.count_assets(copy) == 3
    assert kili.count_labels(copy) == 0


def test_pixel_labeling_is_for_geospatial_projects_only(kili: Kili, project_id: str) -> None:
    before = kili.count_projects()
    with pytest.raises(InvalidArgumentError, match="GEOSPATIAL"):
        kili.create_project(
            title="pixels", input_type="IMAGE", json_interface=INTERFACE, pixel_labeling=True
        )
    with pytest.raises(IncompatibleArgumentsError, match="copy"):
        kili.create_project(title="pixels", project_id=project_id, pixel_labeling=True)
    assert kili.count_projects() == before
    created = kili.create_project(
        title=f"pixels {uuid.uuid4().hex[:6]}",
        input_type="GEOSPATIAL",
        json_interface={"jobs": {}},
        pixel_labeling=True,
    )
    assert kili.count_projects(project_id=created["id"]) == 1


def test_a_copy_keeps_the_labeling_mode_of_its_source(kili: Kili) -> None:
    def settings(project_id: str) -> object:
        (project,) = kili.projects(project_id, fields=["geospatialSettings"])
        return project["geospatialSettings"]

    def geospatial(pixel_labeling: bool) -> str:
        return kili.create_project(
            title=f"map {uuid.uuid4().hex[:6]}",
            input_type="GEOSPATIAL",
            json_interface={"jobs": {}},
            pixel_labeling=pixel_labeling,
        )["id"]

    in_pixels, in_map_coordinates = geospatial(True), geospatial(False)
    assert settings(in_pixels) == {"labelingCRSCode": "PIXEL"}
    copy = kili.create_project(title="copy in pixels", project_id=in_pixels)["id"]
    assert settings(copy) == {"labelingCRSCode": "PIXEL"}
    (copied,) = kili.projects(copy, fields=["inputType"])
    assert copied == {"inputType": "GEOSPATIAL"}
    plain_copy = kili.create_project(title="plain copy", project_id=in_map_coordinates)["id"]
    assert settings(plain_copy) is None
