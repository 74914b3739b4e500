"""The administration parts of the gateway: the GraphQL variables they send, decoded answers."""

from __future__ import annotations

from typing import Any

import pytest

from kili.domain.project import ProjectId, ProjectToCreate, ProjectUpdate
from kili.domain.project_user import MemberDesignation, ProjectUserFilters, ProjectUserId
from kili.domain.query import QueryOptions
from kili.domain.user import OrganizationId, UserToCreate, UserUpdate
from tests.unit.adapters.test_project_gateway import Sent, gateway_answering


@pytest.fixture
def sent() -> Sent:
    return []


def test_update_project_sends_project_data_and_decodes_the_interface(sent: Sent) -> None:
    gateway = gateway_answering(sent, lambda _n: {"id": "p", "jsonInterface": '{"jobs": {}}'})
    update = ProjectUpdate(
        title="T", json_interface={"jobs": {}}, compliance_tags=("PII",), use_honeypot=True
    )
    answer = gateway.update_project(ProjectId("p"), update, ("id", "jsonInterface"))
    assert answer == {"id": "p", "jsonInterface": {"jobs": {}}}
    assert sent == [
        (
            "updatePropertiesInProject",
            {
                "data": {
                    "complianceTags": ["PII"],
                    "jsonInterface": '{"jobs": {}}',
                    "title": "T",
                    "useHoneyPot": True,
                },
                "where": {"id": "p"},
            },
        )
    ]


def test_project_writes_send_the_official_variables(sent: Sent) -> None:
    gateway = gateway_answering(
        sent, lambda name: "p2" if name != "updateProjectAnonymization" else {"id": "p"}
    )
    assert gateway.copy_project(ProjectId("p"), copy_members=False, copy_assets=True) == "p2"
    assert gateway.delete_project(ProjectId("p")) == "p2"
    assert gateway.update_project_anonymization(ProjectId("p"), True) == "p"
    gateway.copy_labels("s", "t", ProjectId("p2"))
    assert sent == [
        (
            "copyProject",
            {"data": {"projectId": "p", "shouldCopyUsers": False, "shouldCopyAssets": True}},
        ),
        ("deleteProjectAsynchronously", {"where": {"id": "p"}}),
        ("updateProjectAnonymization", {"input": {"id": "p", "shouldAnonymize": True}}),
        ("copyLabels", {"data": {"srcAssetId": "s", "dstAssetId": "t", "projectId": "p2"}}),
    ]


def test_pixel_labeling_is_sent_only_when_asked(sent: Sent) -> None:
    gateway = gateway_answering(sent, lambda _n: {"id": "p"})
    project = ProjectToCreate(
        title="G", input_type="GEOSPATIAL", json_interface={"jobs": {}}, pixel_labeling=True
    )
    gateway.create_project(project)
    assert sent[0][1]["data"]["pixelLabeling"] is True


def test_member_reads_and_writes(sent: Sent) -> None:
    answers: dict[str, Any] = {
        "projectUsers": [{"id": "m", "role": "LABELER"}],
        "appendToRoles": {"id": "p"},
        "updatePropertiesInRole": {"id": "m", "role": "ADMIN"},
        "deleteFromRoles": {"id": "p"},
    }
    gateway = gateway_answering(sent, lambda name: answers[name])
    filters = ProjectUserFilters(
        project_id=ProjectId("p"), email="a@b.c", organization_id=OrganizationId("o")
    )
    rows = list(
        gateway.list_project_users(filters, ("id", "role"), QueryOptions(disable_tqdm=True))
    )
    assert rows == [{"id": "m", "role": "LABELER"}]
    assert sent[0][1]["where"] == {
        "deleted": False,
        "project": {"id": "p"},
        "user": {"email": "a@b.c", "organization": {"id": "o"}},
    }
    gateway.append_to_roles(ProjectId("p"), "a@b.c", "LABELER")
    by_email = MemberDesignation(project_id=ProjectId("p"), email="a@b.c")
    gateway.update_member_role(by_email, "ADMIN", ("id", "role"))
    by_id = MemberDesignation(project_user_id=ProjectUserId("m"))
    gateway.update_member_role(by_id, "ADMIN", ("id",), deprecated_ids=("p", "u"))
    assert gateway.delete_member(by_id) == "p"
    assert sent[1:] == [
        (
            "appendToRoles",
            {"data": {"role": "LABELER", "userEmail": "a@b.c"}, "where": {"id": "p"}},
        ),
        (
            "updatePropertiesInRole",
            {
                "data": {"role": "ADMIN"},
                "where": {"project": {"id": "p"}, "user": {"email": "a@b.c"}},
            },
        ),
        (
            "updatePropertiesInRole",
            {"data": {"role": "ADMIN", "projectID": "p", "userID": "u"}, "where": {"id": "m"}},
        ),
        ("deleteFromRoles", {"where": {"id": "m"}}),
    ]


def test_user_writes(sent: Sent) -> None:
    gateway = gateway_answering(sent, lambda _name: {"id": "u"})
    gateway.create_user(UserToCreate(email="a@b.c", password="pw", organization_role="USER"))
    gateway.update_user("a@b.c", UserUpdate(lastname="L", activated=False))
    gateway.update_password("a@b.c", "old", "new", "new")
    assert sent == [
        ("createUser", {"data": {"email": "a@b.c", "password": "pw", "organizationRole": "USER"}}),
        (
            "updatePropertiesInUser",
            {"data": {"lastname": "L", "activated": False}, "where": {"email": "a@b.c"}},
        ),
        (
            "updatePassword",
            {
                "data": {"oldPassword": "old", "newPassword1": "new", "newPassword2": "new"},
                "where": {"email": "a@b.c"},
            },
        ),
    ]
