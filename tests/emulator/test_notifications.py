"""Notifications: admins create them for users, who alone read and update their own."""

from __future__ import annotations

from typing import Any

import pytest

from kili_emulator.storage import new_id
from tests.emulator.helpers import Client, new_member

FIELDS = "id message status url progress hasBeenSeen userID createdAt"
CREATE = f"mutation($data: NotificationData!) {{ createNotification(data: $data) {{ {FIELDS} }} }}"
UPDATE = (
    "mutation($data: NotificationData!, $where: NotificationWhere!) {"
    f" updatePropertiesInNotification(data: $data, where: $where) {{ {FIELDS} }} }}"
)
LIST = (
    "query($where: NotificationWhere!, $first: PageSize!, $skip: Int!) {"
    " notifications(where: $where, first: $first, skip: $skip) { id message } }"
)


@pytest.fixture
def org_admin(admin: Client) -> Client:
    """A fresh organization admin, whose own notifications start empty."""
    suffix = new_id()[-10:]
    email = f"org-admin-{suffix}@example.com"
    admin.create_user(email, role="ADMIN")
    admin.create_api_key(email, f"key-{suffix}")
    return admin.as_key(f"key-{suffix}")


def notify(client: Client, user_id: str | None, message: str, **extra: Any) -> dict[str, Any]:
    data = {"message": message, "status": "PENDING", "url": "/tasks", "userID": user_id, **extra}
    created: dict[str, Any] = client.execute(CREATE, {"data": data})["createNotification"]
    return created


def messages(client: Client, where: dict[str, Any], first: int = 500, skip: int = 0) -> list[str]:
    data = client.execute(LIST, {"where": where, "first": first, "skip": skip})
    return [item["message"] for item in data["notifications"]]


def count(client: Client, where: dict[str, Any]) -> int:
    value: int = client.execute(
        "query($w: NotificationWhere!) { countNotifications(where: $w) }", {"w": where}
    )["countNotifications"]
    return value


def code_of(errors: list[dict[str, Any]]) -> str:
    code: str = errors[0]["extensions"]["code"]
    return code


def test_each_user_sees_and_updates_only_its_own(org_admin: Client, admin: Client) -> None:
    user, user_id = new_member(admin, None, "LABELER")
    theirs = notify(org_admin, user_id, "import done", progress=100)
    assert (theirs["userID"], theirs["status"], theirs["progress"]) == (user_id, "PENDING", 100)
    assert theirs["hasBeenSeen"] is False
    mine = notify(org_admin, None, "for me")
    assert messages(user, {}) == ["import done"]
    assert messages(org_admin, {}) == ["for me"]
    assert messages(org_admin, {"user": {"id": user_id}}) == ["import done"]
    assert count(user, {"id": mine["id"]}) == 0

    seen = user.execute(UPDATE, {"data": {"hasBeenSeen": True}, "where": {"id": theirs["id"]}})
    assert seen["updatePropertiesInNotification"]["hasBeenSeen"] is True
    assert count(user, {"hasBeenSeen": True}) == 1
    assert count(user, {"hasBeenSeen": False}) == 0
    errors = user.errors(UPDATE, {"data": {"hasBeenSeen": True}, "where": {"id": mine["id"]}})
    assert code_of(errors) == "NOT_FOUND"
    errors = user.errors(
        UPDATE, {"data": {"userID": admin_id(org_admin)}, "where": {"id": theirs["id"]}}
    )
    assert code_of(errors) == "FORBIDDEN"
    assert count(org_admin, {"hasBeenSeen": False}) == 1


def admin_id(client: Client) -> str:
    user_id: str = client.execute("{ viewer { id } }")["viewer"]["id"]
    return user_id


def test_admins_report_progress_on_users_notifications(org_admin: Client, admin: Client) -> None:
    user, user_id = new_member(admin, None, "LABELER")
    created = notify(org_admin, user_id, "export")
    updated = org_admin.execute(
        UPDATE,
        {
            "data": {"progress": 40, "status": "SUCCESS", "url": "/done"},
            "where": {"id": created["id"], "taskId": None},
        },
    )["updatePropertiesInNotification"]
    assert (updated["progress"], updated["status"], updated["url"]) == (40, "SUCCESS", "/done")
    errors = org_admin.errors(UPDATE, {"data": {"progress": 150}, "where": {"id": created["id"]}})
    assert code_of(errors) == "BAD_USER_INPUT"
    listed = user.execute(
        "query($w: NotificationWhere!) {"
        " notifications(where: $w, first: 1, skip: 0) { progress status } }",
        {"w": {"id": created["id"]}},
    )
    assert listed["notifications"] == [{"progress": 40, "status": "SUCCESS"}]


def test_only_admins_create_notifications(org_admin: Client, admin: Client) -> None:
    user, user_id = new_member(admin, None, "LABELER")
    errors = user.errors(CREATE, {"data": {"message": "spam", "status": "PENDING", "url": ""}})
    assert code_of(errors) == "FORBIDDEN"
    assert count(user, {}) == 0
    errors = org_admin.errors(CREATE, {"data": {"message": "x", "userID": "nobody"}})
    assert code_of(errors) == "NOT_FOUND"
    errors = org_admin.errors(CREATE, {"data": {"status": "PENDING", "userID": user_id}})
    assert code_of(errors) == "BAD_USER_INPUT"
    assert count(org_admin, {"user": {"id": user_id}}) == 0


def test_notifications_page_in_creation_order(org_admin: Client) -> None:
    for number in range(5):
        notify(org_admin, None, f"n{number}")
    pages = [messages(org_admin, {}, first=2, skip=skip) for skip in (0, 2, 4)]
    assert pages == [["n0", "n1"], ["n2", "n3"], ["n4"]]
    errors = org_admin.errors(LIST, {"where": {}, "first": 501, "skip": 0})
    assert "PageSize" in errors[0]["message"]
