"""Organizations, tags and issues, end to end against the emulator over real HTTP."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone

import pytest

from kili.client import Kili
from kili.exceptions import (
    IncompatibleArgumentsError,
    InvalidArgumentError,
    InvalidFieldError,
    MissingArgumentError,
    NotFound,
    PermissionDenied,
)
from kili.use_cases.issue import ISSUE_BATCH_SIZE
from kili_emulator.server import EmulatorServer
from tests.emulator.helpers import Client, new_member

INTERFACE = {
    "jobs": {
        "CLASSIFICATION_JOB": {
            "mlTask": "CLASSIFICATION",
            "content": {
                "categories": {"CAT": {"name": "cat"}, "DOG": {"name": "dog"}},
                "input": "checkbox",
            },
            "instruction": "Animal",
            "required": 1,
            "isChild": False,
        }
    }
}
BOTH = {"CLASSIFICATION_JOB": {"categories": [{"name": "CAT"}, {"name": "DOG"}]}}
ONE = {"CLASSIFICATION_JOB": {"categories": [{"name": "CAT"}]}}


@pytest.fixture
def labeled_project(kili: Kili, make_project: Callable[..., str]) -> tuple[str, list[str]]:
    """A project with three assets, each with one label; return its id and the label ids."""
    project_id = make_project(json_interface=INTERFACE)
    kili.append_many_to_dataset(
        project_id,
        content_array=[f"https://example.com/{i}.jpg" for i in range(3)],
        external_id_array=["a", "b", "c"],
    )
    asset_ids = [asset["id"] for asset in kili.assets(project_id, fields=["id"])]
    created = kili.append_labels(
        asset_id_array=asset_ids, json_response_array=[ONE, ONE, ONE], label_type="DEFAULT"
    )
    return project_id, [label["id"] for label in created]


def as_user(server: EmulatorServer, client: Client) -> Kili:
    return Kili(api_key=client.api_key, api_endpoint=server.endpoint, rate_limit=None)


@pytest.fixture
def admin(emulator_server: EmulatorServer) -> Client:
    return Client(emulator_server.endpoint, emulator_server.api_key)


@pytest.fixture
def labeler(
    emulator_server: EmulatorServer, admin: Client, labeled_project: tuple[str, list[str]]
) -> Iterator[Kili]:
    client, _ = new_member(admin, labeled_project[0], "LABELER")
    with as_user(emulator_server, client) as kili:
        yield kili


# Organizations


def test_organizations_list_the_viewers_own(kili: Kili) -> None:
    (organization,) = kili.organizations()
    assert set(organization) == {"id", "name"}
    with_users = kili.organizations(fields=["id", "users.email"], as_generator=True)
    emails = [user["email"] for user in next(with_users)["users"]]
    assert "admin@kili-emulator.local" in emails
    assert kili.count_organizations() == 1
    assert kili.count_organizations(organization_id=organization["id"]) == 1
    assert kili.count_organizations(email="admin@kili-emulator.local") == 1
    assert kili.organizations(email="nobody@example.com") == []
    assert kili.organizations(organization_id=organization["id"], first=1, skip=1) == []


def test_organizations_refuse_unknown_fields_before_sending(kili: Kili) -> None:
    with pytest.raises(InvalidFieldError, match="nmae"):
        kili.organizations(fields=["nmae"])


def test_organization_metrics_count_the_labels_of_the_period(
    kili: Kili, make_project: Callable[..., str]
) -> None:
    (organization,) = kili.organizations(fields=["id"])
    start = datetime.now(timezone.utc) - timedelta(seconds=1)
    project_id = make_project(json_interface=INTERFACE)
    kili.append_many_to_dataset(
        project_id, content_array=["https://example.com/x.jpg", "https://example.com/y.jpg"]
    )
    asset_ids = [asset["id"] for asset in kili.assets(project_id, fields=["id"])]
    kili.append_labels(
        asset_id_array=[asset_ids[0], asset_ids[0], asset_ids[1]],
        json_response_array=[BOTH, ONE, ONE],
        seconds_to_label_array=[1800, 1800, 3600],
        label_type="DEFAULT",
    )
    end = datetime.now(timezone.utc) + timedelta(seconds=1)
    metrics = kili.organization_metrics(organization["id"], start_date=start, end_date=end)
    assert metrics == {
        "numberOfAnnotations": 4,
        "numberOfHours": 2.0,
        "numberOfLabeledAssets": 2,
    }
    before = kili.organization_metrics(
        organization["id"], start_date=start - timedelta(days=2), end_date=start - timedelta(days=1)
    )
    assert before["numberOfLabeledAssets"] == 0
    hours = kili.organization_metrics(organization["id"], start, end, fields=["numberOfHours"])
    assert hours == {"numberOfHours": 2.0}


def test_organization_metrics_refuse_a_period_ending_before_it_starts(kili: Kili) -> None:
    now = datetime.now(timezone.utc)
    with pytest.raises(InvalidArgumentError, match="end_date"):
        kili.organization_metrics("any", start_date=now, end_date=now - timedelta(days=1))


def test_organization_metrics_are_for_admins(labeler: Kili, kili: Kili) -> None:
    (organization,) = kili.organizations(fields=["id"])
    with pytest.raises(PermissionDenied):
        labeler.organization_metrics(organization["id"])
    with pytest.raises(NotFound):
        kili.organization_metrics("another-organization")


# Tags


def test_tag_lifecycle(kili: Kili, project_id: str) -> None:
    name = f"tag-{uuid.uuid4().hex[:8]}"
    created = kili.create_tag(name, color="#ff0000")
    assert created["label"] == name
    assert created["color"] == "#ff0000"
    tag = next(tag for tag in kili.tags() if tag["id"] == created["id"])
    assert tag == {
        "id": created["id"],
        "label": name,
        "organizationId": tag["organizationId"],
        "checkedForProjects": [],
    }

    assert kili.tag_project(project_id, tags=[name]) == [{"id": created["id"]}]
    assert kili.tag_project(project_id, tag_ids=[created["id"]]) == [{"id": created["id"]}]
    assert [t["id"] for t in kili.tags(project_id=project_id)] == [created["id"]]
    assert kili.projects(project_id=project_id, tags_in=[name], fields=["id"]) == [
        {"id": project_id}
    ]

    renamed = f"{name}-renamed"
    assert kili.update_tag(name, renamed) == {"id": created["id"]}
    assert kili.tags(project_id=project_id, fields=["label"]) == [{"label": renamed}]

    assert kili.untag_project(project_id, all=True) == [{"id": created["id"]}]
    assert kili.tags(project_id=project_id) == []
    with pytest.raises(ValueError, match="not attached"):
        kili.untag_project(project_id, tag_ids=[created["id"]])

    assert kili.delete_tag(tag_name=renamed) is True
    assert created["id"] not in {t["id"] for t in kili.tags(fields=["id"])}
    with pytest.raises(NotFound):
        kili.delete_tag(tag_id=created["id"])


def test_untag_by_label_and_by_id(kili: Kili, project_id: str) -> None:
    names = [f"tag-{uuid.uuid4().hex[:8]}" for _ in range(3)]
    ids = [kili.create_tag(name)["id"] for name in names]
    kili.tag_project(project_id, tag_ids=ids)
    assert kili.untag_project(project_id, tags=[names[0]]) == [{"id": ids[0]}]
    assert kili.untag_project(project_id, tag_ids=[ids[2]]) == [{"id": ids[2]}]
    assert [t["id"] for t in kili.tags(project_id=project_id, fields=["id"])] == [ids[1]]
    for tag_id in ids:
        kili.delete_tag(tag_id=tag_id)


def test_tag_arguments_are_checked_before_sending(kili: Kili, project_id: str) -> None:
    with pytest.raises(MissingArgumentError, match="tag_ids"):
        kili.tag_project(project_id)
    with pytest.raises(IncompatibleArgumentsError):
        kili.untag_project(project_id, tags=["a"], all=True)
    with pytest.raises(MissingArgumentError):
        kili.untag_project(project_id)
    with pytest.raises(MissingArgumentError):
        kili.delete_tag()
    with pytest.raises(InvalidArgumentError, match="no-such-tag"):
        kili.tag_project(project_id, tags=["no-such-tag"])
    with pytest.raises(ValueError, match="no-such-id"):
        kili.tag_project(project_id, tag_ids=["no-such-id"])
    assert kili.tags(project_id=project_id) == []


def test_tags_are_managed_by_organization_admins(
    kili: Kili, labeler: Kili, labeled_project: tuple[str, list[str]]
) -> None:
    project_id = labeled_project[0]
    name = f"tag-{uuid.uuid4().hex[:8]}"
    tag = kili.create_tag(name)
    before = kili.tags(fields=["id", "label"])
    with pytest.raises(PermissionDenied):
        labeler.create_tag("from-a-labeler")
    with pytest.raises(PermissionDenied):
        labeler.update_tag(name, "renamed-by-a-labeler")
    with pytest.raises(PermissionDenied):
        labeler.delete_tag(tag_id=tag["id"])
    with pytest.raises(PermissionDenied):
        labeler.tag_project(project_id, tag_ids=[tag["id"]])
    assert kili.tags(fields=["id", "label"]) == before
    assert kili.tags(project_id=project_id) == []
    kili.tag_project(project_id, tag_ids=[tag["id"]])
    assert [t["id"] for t in labeler.tags(project_id=project_id, fields=["id"])] == [tag["id"]]
    with pytest.raises(PermissionDenied):
        labeler.untag_project(project_id, all=True)
    assert [t["id"] for t in kili.tags(project_id=project_id, fields=["id"])] == [tag["id"]]
    kili.delete_tag(tag_id=tag["id"])


# Issues


def test_issues_lifecycle(kili: Kili, labeled_project: tuple[str, list[str]]) -> None:
    project_id, label_ids = labeled_project
    created = kili.create_issues(
        project_id, label_id_array=label_ids[:2], text_array=["wrong", None]
    )
    assert len(created) == 2
    issues = kili.issues(project_id)
    assert [issue["id"] for issue in issues] == [one["id"] for one in created]
    assert set(issues[0]) == {"id", "createdAt", "status", "type", "assetId"}
    assert {issue["status"] for issue in issues} == {"OPEN"}
    first = kili.issues(project_id, fields=["id", "comments.text", "author.user.email"], first=1)
    assert first[0]["comments"] == [{"text": "wrong"}]
    assert first[0]["author"]["user"]["email"] == "admin@kili-emulator.local"

    assert kili.update_issue_status(created[0]["id"], "SOLVED") == {
        "updatePropertiesInIssue": {"id": created[0]["id"]}
    }
    assert kili.count_issues(project_id, status="SOLVED") == 1
    assert kili.count_issues(project_id, status="OPEN", issue_type="ISSUE") == 1
    asset_id = issues[1]["assetId"]
    assert kili.count_issues(project_id, asset_id=asset_id) == 1
    assert kili.count_issues(project_id, asset_id_in=[asset_id, issues[0]["assetId"]]) == 2
    listed = kili.issues(project_id, asset_id=asset_id, as_generator=True)
    assert [issue["id"] for issue in listed] == [created[1]["id"]]


def test_append_to_issues_warns_and_delegates(
    kili: Kili, labeled_project: tuple[str, list[str]]
) -> None:
    project_id, label_ids = labeled_project
    with pytest.warns(DeprecationWarning, match="create_issues"):
        created = kili.append_to_issues(label_ids[0], project_id, text="why?", type_="QUESTION")
    (issue,) = kili.issues(project_id, fields=["id", "type", "comments.text"])
    assert issue == {"id": created["id"], "type": "QUESTION", "comments": [{"text": "why?"}]}


def test_create_issues_crosses_batches(kili: Kili, labeled_project: tuple[str, list[str]]) -> None:
    project_id, label_ids = labeled_project
    count = 2 * ISSUE_BATCH_SIZE + ISSUE_BATCH_SIZE // 2
    label_id_array = [label_ids[i % 3] for i in range(count)]
    texts = [f"issue {i}" for i in range(count)]
    created = kili.create_issues(project_id, label_id_array, text_array=texts)
    assert len({issue["id"] for issue in created}) == count
    issues = kili.issues(project_id, fields=["id", "comments.text"])
    assert [issue["id"] for issue in issues] == [issue["id"] for issue in created]
    assert [issue["comments"][0]["text"] for issue in issues] == texts


def test_create_issues_checks_everything_before_sending(
    kili: Kili, labeled_project: tuple[str, list[str]]
) -> None:
    project_id, label_ids = labeled_project
    with pytest.raises(NotFound, match="no-such-label"):
        kili.create_issues(project_id, [label_ids[0], "no-such-label"])
    with pytest.raises(InvalidArgumentError, match="text_array has 1"):
        kili.create_issues(project_id, label_ids[:2], text_array=["one"])
    with pytest.raises(IncompatibleArgumentsError):
        kili.issues(project_id, asset_id="a", asset_id_in=["b"])
    assert kili.count_issues(project_id) == 0


def test_a_labeler_cannot_solve_an_issue(
    kili: Kili, labeler: Kili, labeled_project: tuple[str, list[str]]
) -> None:
    project_id, label_ids = labeled_project
    (created,) = kili.create_issues(project_id, label_ids[:1])
    with pytest.raises(PermissionDenied):
        labeler.update_issue_status(created["id"], "SOLVED")
    assert kili.issues(project_id, fields=["status"]) == [{"status": "OPEN"}]
