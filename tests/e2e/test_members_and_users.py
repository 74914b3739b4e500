"""Members, roles and users end to end, with what each role may and may not do."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator

import httpx
import pytest

from kili.client import Kili
from kili.exceptions import (
    InvalidArgumentError,
    MissingArgumentError,
    NotFound,
    PermissionDenied,
)
from kili_emulator.server import EmulatorServer

RoleClient = Callable[[str, str], tuple[Kili, str]]


def _email(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}@example.com"


def _give_api_key(server: EmulatorServer, email: str) -> str:
    """Give the user an API key through the admin (the SDK has no method for it)."""
    key = f"key-{uuid.uuid4().hex}"
    response = httpx.post(
        server.endpoint,
        json={
            "query": "mutation($d: AppendToApiKeysData!, $w: UserWhere!) {"
            " appendToApiKeys(data: $d, where: $w) { id } }",
            "variables": {"d": {"key": key, "name": "e2e"}, "w": {"email": email}},
        },
        headers={"Authorization": f"X-API-Key: {server.api_key}"},
        timeout=30,
    )
    assert not response.json().get("errors"), response.json()
    return key


@pytest.fixture
def as_member(kili: Kili, emulator_server: EmulatorServer) -> Iterator[RoleClient]:
    """Make a user with `create_user`, add it with `append_to_roles`, and log in as it."""
    clients: list[Kili] = []

    def make(project_id: str, role: str) -> tuple[Kili, str]:
        email = _email(role.lower())
        kili.create_user(email=email, password="first-pass", organization_role="USER")
        kili.append_to_roles(project_id, email, role)  # type: ignore[arg-type]
        client = Kili(
            api_key=_give_api_key(emulator_server, email),
            api_endpoint=emulator_server.endpoint,
            disable_tqdm=True,
            rate_limit=None,
        )
        clients.append(client)
        return client, email

    yield make
    for client in clients:
        client.close()


def test_append_to_roles_adds_and_changes_a_member(kili: Kili, project_id: str) -> None:
    email = _email("Member").upper()
    added = kili.append_to_roles(project_id, email)
    assert added["role"] == "LABELER"
    assert added["user"]["email"] == email.lower()
    changed = kili.append_to_roles(project_id, email, role="REVIEWER")
    assert changed["id"] == added["id"]
    assert changed["role"] == "REVIEWER"
    assert kili.count_project_users(project_id) == 2


def test_project_users_lists_and_filters(kili: Kili, project_id: str) -> None:
    emails = [_email("list") for _ in range(3)]
    for email in emails:
        kili.append_to_roles(project_id, email, "REVIEWER")
    members = kili.project_users(project_id)
    assert set(members[0]) == {"activated", "id", "role", "starred", "user", "status"}
    assert {m["user"]["email"] for m in members} >= set(emails)
    (one,) = kili.project_users(project_id, email=emails[1], fields=["role", "user.email"])
    assert one == {"role": "REVIEWER", "user": {"email": emails[1]}, "status": "ACTIVATED"}
    by_id = kili.project_users(project_id, id=members[0]["id"], fields=["id"], status_in=None)
    assert by_id == [{"id": members[0]["id"]}]
    assert kili.count_project_users(project_id, status_in=["ORG_ADMIN"]) == 1
    assert kili.count_project_users(project_id, status_in=["ACTIVATED"]) == 3
    assert kili.count_project_users(project_id, status_in=None) == 4
    streamed = kili.project_users(project_id, fields=["id"], as_generator=True, first=2, skip=1)
    assert [m["id"] for m in streamed] == [m["id"] for m in members[1:3]]


def test_role_updates_and_removal(kili: Kili, project_id: str) -> None:
    email = _email("role")
    member = kili.append_to_roles(project_id, email)
    updated = kili.update_properties_in_project_user(project_id, email, "TEAM_MANAGER")
    assert updated["role"] == "TEAM_MANAGER"
    assert updated["user"]["email"] == email
    with pytest.warns(DeprecationWarning, match="update_properties_in_project_user"):
        again = kili.update_properties_in_role(
            member["id"], project_id, member["user"]["id"], "REVIEWER"
        )
    assert again["role"] == "REVIEWER"
    assert kili.delete_from_roles(user_email=email, project_id=project_id) == {"id": project_id}
    assert kili.count_project_users(project_id, email=email) == 0
    with pytest.raises(NotFound):
        kili.delete_from_roles(role_id=member["id"])


def test_delete_from_roles_needs_a_designation(kili: Kili, project_id: str) -> None:
    with pytest.raises(MissingArgumentError, match="role_id"):
        kili.delete_from_roles(user_email="someone@example.com")


def test_create_and_update_users(kili: Kili) -> None:
    email = _email("User")
    created = kili.create_user(
        email=email, password="pw-1", organization_role="USER", firstname="Ada"
    )
    (user,) = kili.users(email.lower(), fields=["id", "firstname", "email"])
    assert user == {"id": created["id"], "firstname": "Ada", "email": email.lower()}
    assert kili.count_users(email=email) == 1
    assert kili.update_properties_in_user(email, lastname="Lovelace", activated=False) == {
        "id": created["id"]
    }
    (user,) = kili.users(email=email, fields=["lastname", "activated"])
    assert user == {"lastname": "Lovelace", "activated": False}
    with pytest.raises(InvalidArgumentError, match="email"):
        kili.create_user(email="not-an-email", password="pw", organization_role="USER")


def test_users_takes_the_email_first(kili: Kili) -> None:
    (admin,) = kili.users("admin@kili-emulator.local", fields=["email"])
    assert admin == {"email": "admin@kili-emulator.local"}
    assert kili.count_users(None, "admin@kili-emulator.local") == 1


def test_update_password_of_ones_own_account(
    as_member: RoleClient, project_id: str, kili: Kili
) -> None:
    labeler, email = as_member(project_id, "LABELER")
    with pytest.raises(InvalidArgumentError, match="differ"):
        labeler.update_password(email, "first-pass", "new-pass", "other-pass")
    with pytest.raises(PermissionDenied, match="old password"):
        labeler.update_password(email, "wrong", "new-pass", "new-pass")
    user_id = labeler.get_current_user(fields=["id"])["id"]
    assert labeler.update_password(email, "first-pass", "new-pass", "new-pass") == {"id": user_id}
    with pytest.raises(PermissionDenied, match="old password"):
        labeler.update_password(email, "first-pass", "third", "third")
    with pytest.raises(PermissionDenied, match="themself"):
        kili.update_password(email, "new-pass", "x", "x")


def test_labeler_may_do_no_administration(as_member: RoleClient, project_id: str) -> None:
    labeler, email = as_member(project_id, "LABELER")
    attempts = [
        lambda: labeler.update_properties_in_project(project_id, title="taken over"),
        lambda: labeler.archive_project(project_id),
        lambda: labeler.update_project_anonymization(project_id),
        lambda: labeler.append_to_roles(project_id, _email("friend"), "ADMIN"),
        lambda: labeler.delete_from_roles(user_email=email, project_id=project_id),
        lambda: labeler.delete_project(project_id),
        lambda: labeler.copy_project(project_id),
        lambda: labeler.create_user(_email("new"), "pw", "USER"),
        lambda: labeler.update_properties_in_user(email, organization_role="ADMIN"),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    assert labeler.update_properties_in_user(email, firstname="Self")["id"]


def test_reviewer_reads_members_but_manages_none(
    as_member: RoleClient, project_id: str, kili: Kili
) -> None:
    reviewer, email = as_member(project_id, "REVIEWER")
    assert kili.count_project_users(project_id) == reviewer.count_project_users(project_id)
    with pytest.raises(PermissionDenied):
        reviewer.update_properties_in_project_user(project_id, email, "ADMIN")
    (member,) = kili.project_users(project_id, email=email, fields=["role"])
    assert member["role"] == "REVIEWER"


def test_team_manager_manages_up_to_its_role(
    as_member: RoleClient, project_id: str, kili: Kili
) -> None:
    manager, _email_of_manager = as_member(project_id, "TEAM_MANAGER")
    labeler = _email("led")
    assert manager.append_to_roles(project_id, labeler, "LABELER")["role"] == "LABELER"
    assert manager.update_properties_in_project(project_id, review_coverage=10)["id"]
    with pytest.raises(PermissionDenied):
        manager.append_to_roles(project_id, labeler, "ADMIN")
    with pytest.raises(PermissionDenied):
        manager.delete_project(project_id)
    admin_email = kili.get_current_user(fields=["email"])["email"]
    with pytest.raises(PermissionDenied):
        manager.delete_from_roles(user_email=admin_email, project_id=project_id)
    assert kili.count_project_users(project_id, email=admin_email) == 1


def test_quality_marks_are_set_by_project_and_organization_admins_only(
    as_member: RoleClient, project_id: str, kili: Kili
) -> None:
    def marks() -> dict[str, object]:
        (project,) = kili.projects(project_id, fields=["consensusMark", "honeypotMark"])
        return project

    assert marks() == {"consensusMark": None, "honeypotMark": None}
    manager, _ = as_member(project_id, "TEAM_MANAGER")
    with pytest.raises(PermissionDenied, match="SET_QUALITY_MARKS"):
        manager.update_properties_in_project(project_id, consensus_mark=0.4, title="kept")
    assert marks() == {"consensusMark": None, "honeypotMark": None}
    assert kili.projects(project_id, fields=["title"])[0]["title"] != "kept"
    admin, _ = as_member(project_id, "ADMIN")
    admin.update_properties_in_project(project_id, consensus_mark=0.4, honeypot_mark=0.7)
    assert marks() == {"consensusMark": 0.4, "honeypotMark": 0.7}
    changed = kili.update_properties_in_project(project_id, honeypot_mark=0.25)
    assert changed == {"id": project_id, "honeypotMark": 0.25}
    assert marks() == {"consensusMark": 0.4, "honeypotMark": 0.25}


def test_project_admin_may_delete_its_project(as_member: RoleClient, project_id: str) -> None:
    admin, _ = as_member(project_id, "ADMIN")
    assert admin.update_project_anonymization(project_id) == {"id": project_id}
    assert admin.delete_project(project_id) == project_id


def test_a_non_member_sees_no_project(as_member: RoleClient, make_project: Callable[..., str]):
    outsider, _ = as_member(make_project(), "LABELER")
    other = make_project()
    with pytest.raises(NotFound):
        outsider.archive_project(other)
    with pytest.raises(NotFound):
        outsider.copy_project(other)


def test_full_lifecycle(kili: Kili, make_project: Callable[..., str]) -> None:
    source = make_project()
    copy = kili.copy_project(source, title="lifecycle copy")
    members = [_email("team") for _ in range(2)]
    for email in members:
        kili.append_to_roles(copy, email, "LABELER")
    assert kili.count_project_users(copy) == 3
    kili.archive_project(copy)
    assert kili.projects(project_id=copy, fields=["archived"]) == [{"archived": True}]
    kili.unarchive_project(copy)
    assert kili.projects(project_id=copy, fields=["archived"]) == [{"archived": False}]
    assert kili.delete_project(copy) == copy
    assert kili.count_projects(project_id=copy) == 0
    assert kili.count_projects(project_id=source) == 1


def test_project_users_cross_page_boundaries(kili: Kili, project_id: str) -> None:
    # Pages hold 500 members: 1,250 make two full pages and a partial one.
    emails = [f"page-{index:04d}-{uuid.uuid4().hex[:6]}@example.com" for index in range(1250)]
    for email in emails:
        kili.append_to_roles(project_id, email)
    listed = kili.project_users(project_id, fields=["user.email"], status_in=None)
    assert [row["user"]["email"] for row in listed[1:]] == emails
    assert kili.count_project_users(project_id) == 1251
    window = kili.project_users(project_id, fields=["id"], first=600, skip=450, status_in=None)
    assert len(window) == 600
    assert len({row["id"] for row in window}) == 600
    assert len(kili.users(fields=["id"])) == kili.count_users()


def test_a_deactivated_user_is_a_suspended_member(kili: Kili, project_id: str) -> None:
    email = _email("suspended")
    kili.create_user(email=email, password="pw", organization_role="USER")
    kili.append_to_roles(project_id, email, "LABELER")
    kili.update_properties_in_user(email, activated=False)
    (member,) = kili.project_users(project_id, email=email, fields=["user.email"])
    assert member["status"] == "ORG_SUSPENDED"
    assert kili.count_project_users(project_id, status_in=["ORG_SUSPENDED"]) == 1
    assert kili.count_project_users(project_id, status_in=["ACTIVATED"]) == 0
