"""Steps of `official_client.py` beyond the first slice: assets and labels, then the
administration surface (organizations, tags, issues, project versions, projects,
members and users), each through the official SDK's own methods.

Executed in the official SDK's environment; `run` receives the step decorator and the
state (client, project, assets) of the steps before.
"""

from __future__ import annotations

import tempfile
import uuid
import warnings
import zipfile
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

Check = Callable[[str], Callable[[Callable[[], None]], None]]


def run(check: Check, state: dict[str, Any]) -> None:
    """Run every step in order; each records whether it passed."""
    kili = state["kili"]
    project_id = state["project_id"]

    @check("assets: add to review, send back to queue")
    def review() -> None:
        labeled = state["asset_ids"][:2]
        kili.add_to_review(asset_ids=labeled)
        assert kili.count_assets(project_id=project_id, status_in=["TO_REVIEW"]) == 2
        kili.send_back_to_queue(asset_ids=labeled)
        assert kili.count_assets(project_id=project_id, status_in=["TO_REVIEW"]) == 0

    @check("assets: priorities, metadata and assignment")
    def asset_properties() -> None:
        me = kili.get_current_user(fields=["id"])["id"]
        kili.update_properties_in_assets(
            asset_ids=state["asset_ids"], priorities=[1, 2, 3], json_metadatas=[{"k": 1}] * 3
        )
        assets = kili.assets(project_id=project_id, fields=["id", "priority", "jsonMetadata"])
        assert sorted(asset["priority"] for asset in assets) == [1, 2, 3], assets
        kili.assign_assets_to_labelers(
            asset_ids=state["asset_ids"][:1], to_be_labeled_by_array=[[me]]
        )
        (assigned,) = kili.assets(
            project_id=project_id,
            asset_id=state["asset_ids"][0],
            fields=["toBeLabeledBy.user.id"],
        )
        assert assigned["toBeLabeledBy"] == [{"user": {"id": me}}], assigned

    @check("assets: skip and unskip")
    def skip() -> None:
        asset_id = state["asset_ids"][2]
        kili.skip_or_unskip("skip", asset_id, project_id, reason="blurry")
        (asset,) = kili.assets(project_id=project_id, asset_id=asset_id, fields=["skipped"])
        assert asset == {"skipped": True}, asset
        kili.skip_or_unskip("unskip", asset_id, project_id)
        (asset,) = kili.assets(project_id=project_id, asset_id=asset_id, fields=["skipped"])
        assert asset == {"skipped": False}, asset

    @check("labels: count, update, delete")
    def labels() -> None:
        assert kili.count_labels(project_id=project_id) == 2
        label_ids = [label["id"] for label in kili.labels(project_id=project_id, fields=["id"])]
        state["label_ids"] = label_ids
        extra = kili.append_labels(
            asset_id_array=[state["asset_ids"][2]],
            json_response_array=[{"CLASSIFICATION_JOB": {"categories": [{"name": "DOG"}]}}],
            label_type="PREDICTION",
            model_name="interop-model",
        )
        kili.delete_labels(ids=[extra[0]["id"]])
        assert kili.count_labels(project_id=project_id) == 2

    @check("organizations and their metrics")
    def organizations() -> None:
        (organization,) = kili.organizations()
        assert kili.count_organizations() == 1
        now = datetime.now(timezone.utc)
        metrics = kili.organization_metrics(
            organization["id"], start_date=now - timedelta(hours=1), end_date=now
        )
        assert metrics["numberOfLabeledAssets"] >= 2, metrics
        assert set(metrics) == {"numberOfAnnotations", "numberOfHours", "numberOfLabeledAssets"}

    @check("tags: create, tag, rename, untag, delete")
    def tags() -> None:
        name = f"interop-{uuid.uuid4().hex[:6]}"
        created = kili.create_tag(name, color="#00ff00")
        assert created["label"] == name, created
        assert kili.tag_project(project_id, tags=[name]) == [{"id": created["id"]}]
        assert [tag["id"] for tag in kili.tags(project_id=project_id)] == [created["id"]]
        kili.update_tag(name, f"{name}-2")
        assert kili.untag_project(project_id, all=True) == [{"id": created["id"]}]
        assert kili.delete_tag(tag_id=created["id"]) is True
        assert created["id"] not in [tag["id"] for tag in kili.tags()]

    @check("issues: create, list, count, solve, append (deprecated)")
    def issues() -> None:
        label_ids = state["label_ids"]
        created = kili.create_issues(project_id, label_ids, text_array=["one", "two"])
        assert len(created) == 2
        assert len(kili.issues(project_id)) == 2
        kili.update_issue_status(created[0]["id"], "SOLVED")
        assert kili.count_issues(project_id, status="SOLVED") == 1
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            kili.append_to_issues(label_ids[0], project_id, text="three")
        assert kili.count_issues(project_id) == 3

    @check("project versions: list and count")
    def versions() -> None:
        assert kili.project_version(project_id) == []
        assert kili.count_project_versions(project_id) == 0

    @check("users and members: create, add, change role, remove")
    def members() -> None:
        email = f"interop-{uuid.uuid4().hex[:6]}@example.com"
        kili.create_user(email=email, password="not-used-1", organization_role="USER")
        assert kili.count_users(email=email) == 1
        kili.append_to_roles(project_id, email, role="LABELER")
        (member,) = kili.project_users(project_id=project_id, email=email)
        assert member["role"] == "LABELER", member
        kili.update_properties_in_role(member["id"], project_id, member["user"]["id"], "REVIEWER")
        assert kili.count_project_users(project_id=project_id) == 2
        kili.delete_from_roles(member["id"])

    @check("projects: update, archive, unarchive, delete")
    def projects() -> None:
        kili.update_properties_in_project(project_id, description="changed")
        (project,) = kili.projects(project_id=project_id, fields=["description"])
        assert project["description"] == "changed"
        other_id = kili.create_project(
            title="interop other", input_type="TEXT", json_interface={"jobs": {}}
        )["id"]
        kili.archive_project(other_id)
        assert kili.count_projects(project_id=other_id, archived=True) == 1
        kili.unarchive_project(other_id)
        kili.delete_project(other_id)
        assert kili.count_projects(project_id=other_id) == 0

    @check("projects: quality marks")
    def marks() -> None:
        kili.update_properties_in_project(project_id, consensus_mark=0.5, honeypot_mark=0.75)
        (project,) = kili.projects(project_id=project_id, fields=["consensusMark", "honeypotMark"])
        assert project == {"consensusMark": 0.5, "honeypotMark": 0.75}, project

    @check("projects: copy with members, assets and labels")
    def copy_with_labels() -> None:
        def answers(of: str) -> dict[str, Any]:
            labels = kili.labels(project_id=of, fields=["labelOf.externalId", "jsonResponse"])
            return {label["labelOf"]["externalId"]: label["jsonResponse"] for label in labels}

        with warnings.catch_warnings():
            warnings.simplefilter("error", DeprecationWarning)  # the legacy-workflow path warns
            copy_id = kili.copy_project(
                project_id, title="interop copy", copy_assets=True, copy_labels=True
            )
        assert kili.count_assets(project_id=copy_id) == kili.count_assets(project_id=project_id)
        assert kili.count_labels(project_id=copy_id) == 2
        assert answers(copy_id) == answers(project_id)

    @check("projects: a copy keeps pixel labeling")
    def pixel_copy() -> None:
        source_id = kili.create_project(
            title="interop pixels",
            input_type="GEOSPATIAL",
            json_interface={"jobs": {}},
            pixel_labeling=True,
        )["id"]
        copy_id = kili.create_project(title="interop pixels copy", project_id=source_id)["id"]
        (copy,) = kili.projects(project_id=copy_id, fields=["geospatialSettings"])
        assert copy == {"geospatialSettings": {"labelingCRSCode": "PIXEL"}}, copy

    @check("projects: from a demo project")
    def demo() -> None:
        demo_id = kili.create_project(title="demo", from_demo_project="DEMO_NER")["id"]
        assert kili.count_assets(project_id=demo_id) == 3
        assert kili.count_labels(project_id=demo_id) == 2

    @check("labels: export a demo project and copy it")
    def export_and_copy() -> None:
        demo_id = kili.create_project(
            title="interop vision", from_demo_project="DEMO_COMPUTER_VISION_TUTORIAL"
        )["id"]
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / "export.zip"
            kili.export_labels(
                project_id=demo_id, filename=str(target), fmt="kili", with_assets=False
            )
            with zipfile.ZipFile(target) as archive:
                assert any(name.endswith(".json") for name in archive.namelist())
        copy_id = kili.create_project(title="interop vision copy", project_id=demo_id)["id"]
        (copy,) = kili.projects(project_id=copy_id, fields=["inputType", "jsonInterface"])
        assert set(copy["jsonInterface"]["jobs"]) == {"CLASSIFICATION_JOB", "OBJECT_DETECTION_JOB"}

    @check("assets: a video import, made in the background by Kili")
    def video() -> None:
        video_id = kili.create_project(
            title="interop video", input_type="VIDEO", json_interface={"jobs": {}}
        )["id"]
        kili.append_many_to_dataset(
            project_id=video_id,
            content_array=["https://example.com/clip.mp4"],
            external_id_array=["clip"],
        )
        (asset,) = kili.assets(project_id=video_id, fields=["externalId", "content"])
        assert asset == {"externalId": "clip", "content": "https://example.com/clip.mp4"}, asset

    @check("assets: delete")
    def delete_assets() -> None:
        kili.delete_many_from_dataset(asset_ids=state["asset_ids"][2:])
        assert kili.count_assets(project_id=project_id) == 2
