"""Member and user methods on a mocked gateway: signatures, checks, mapping, verification."""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from kili.client import Kili
from kili.domain.project_user import MemberDesignation, ProjectUserFilters
from kili.domain.user import UserFilters, UserId, UserToCreate, UserUpdate
from kili.exceptions import (
    InternalError,
    InvalidArgumentError,
    MissingArgumentError,
    NotFound,
    UncertainWriteError,
)


@pytest.mark.parametrize(
    ("method", "parameters"),
    [
        (
            "users",
            [
                "self",
                "email",
                "organization_id",
                "fields",
                "first",
                "skip",
                "disable_tqdm",
                "as_generator",
            ],
        ),
        ("count_users", ["self", "organization_id", "email"]),
        (
            "create_user",
            ["self", "email", "password", "organization_role", "firstname", "lastname"],
        ),
        (
            "update_properties_in_user",
            [
                "self",
                "email",
                "firstname",
                "lastname",
                "organization_id",
                "organization_role",
                "activated",
            ],
        ),
        ("update_password", ["self", "email", "old_password", "new_password_1", "new_password_2"]),
        (
            "project_users",
            [
                "self",
                "project_id",
                "email",
                "id",
                "organization_id",
                "status_in",
                "fields",
                "first",
                "skip",
                "disable_tqdm",
                "as_generator",
            ],
        ),
        (
            "count_project_users",
            ["self", "project_id", "email", "id", "organization_id", "status_in"],
        ),
        ("append_to_roles", ["self", "project_id", "user_email", "role"]),
        ("update_properties_in_project_user", ["self", "project_id", "user_email", "role"]),
        ("update_properties_in_role", ["self", "role_id", "project_id", "user_id", "role"]),
        ("delete_from_roles", ["self", "role_id", "user_email", "project_id"]),
    ],
)
def test_parameters_are_the_official_ones_in_order(method: str, parameters: list[str]) -> None:
    assert list(inspect.signature(getattr(Kili, method)).parameters) == parameters


def test_a_positional_email_filters_users_by_email(kili: Kili, gateway: Any) -> None:
    gateway.list_users.return_value = iter([])
    kili.users("A@B.com")
    assert gateway.list_users.call_args.args[0] == UserFilters(email="a@b.com")
    gateway.count_users.return_value = 1
    assert kili.count_users(None, "a@b.com") == 1
    assert gateway.count_users.call_args.args[0] == UserFilters(email="a@b.com")


def test_project_users_filters_on_status_and_returns_it(kili: Kili, gateway: Any) -> None:
    gateway.list_project_users.return_value = iter(
        [{"id": "m1", "status": "ACTIVATED"}, {"id": "m2", "status": "ORG_ADMIN"}]
    )
    rows = kili.project_users("p", email="X@Y.z", fields=["id"], status_in=["ORG_ADMIN"])
    assert rows == [{"id": "m2", "status": "ORG_ADMIN"}]
    filters, fields, _ = gateway.list_project_users.call_args.args
    assert filters == ProjectUserFilters(project_id="p", email="x@y.z")  # type: ignore[arg-type]
    assert tuple(fields) == ("id", "status")


def test_count_project_users_sums_the_statuses(kili: Kili, gateway: Any) -> None:
    gateway.count_project_users.side_effect = lambda filters: {"ACTIVATED": 3, "ORG_ADMIN": 1}.get(
        filters.status, 0
    )
    assert kili.count_project_users("p") == 4
    assert kili.count_project_users("p", status_in=["ORG_ADMIN"]) == 1


def test_append_to_roles_returns_the_membership(kili: Kili, gateway: Any) -> None:
    gateway.find_member.return_value = {"id": "m1", "role": "REVIEWER"}
    member = kili.append_to_roles("p", " New@X.y ", "REVIEWER")
    assert member["id"] == "m1"
    gateway.append_to_roles.assert_called_once_with("p", "new@x.y", "REVIEWER")
    assert gateway.find_member.call_args.args[0] == MemberDesignation(
        project_id="p",  # type: ignore[arg-type]
        email="new@x.y",
    )


def test_append_to_roles_answered_without_the_member_is_an_error(kili: Kili, gateway: Any) -> None:
    gateway.find_member.return_value = {"id": "m1", "role": "LABELER"}
    with pytest.raises(InternalError, match=r"new@x\.y"):
        kili.append_to_roles("p", "new@x.y", "ADMIN")


def test_an_unknown_role_is_refused_before_sending(kili: Kili, gateway: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="role"):
        kili.append_to_roles("p", "a@b.c", "OWNER")  # type: ignore[arg-type]
    assert gateway.method_calls == []


def test_role_updates_designate_the_member(kili: Kili, gateway: Any) -> None:
    gateway.update_member_role.return_value = {"id": "m", "role": "ADMIN"}
    kili.update_properties_in_project_user("p", "A@b.c", "ADMIN")
    member, role, _ = gateway.update_member_role.call_args.args
    assert member == MemberDesignation(project_id="p", email="a@b.c")  # type: ignore[arg-type]
    assert role == "ADMIN"
    with pytest.warns(DeprecationWarning, match="update_properties_in_project_user"):
        kili.update_properties_in_role("m", "p", "u", "LABELER")
    assert gateway.update_member_role.call_args.args[0] == MemberDesignation(
        project_user_id="m"  # type: ignore[arg-type]
    )
    assert gateway.update_member_role.call_args.kwargs["deprecated_ids"] == ("p", "u")


def test_delete_from_roles_needs_a_designation(kili: Kili, gateway: Any) -> None:
    with pytest.raises(MissingArgumentError):
        kili.delete_from_roles(user_email="a@b.c")
    assert gateway.method_calls == []


def test_removing_no_member_sends_nothing(kili: Kili, gateway: Any) -> None:
    gateway.find_member.return_value = None
    with pytest.raises(NotFound):
        kili.delete_from_roles(role_id="m")
    gateway.delete_member.assert_not_called()


def test_a_removal_lost_in_transit_is_read_back(kili: Kili, gateway: Any) -> None:
    gateway.find_member.side_effect = [{"id": "m", "project": {"id": "p"}}, None]
    gateway.delete_member.side_effect = UncertainWriteError("dropped")
    assert kili.delete_from_roles(role_id="m") == {"id": "p"}
    assert gateway.delete_member.call_count == 1


def test_create_user_checks_then_creates(kili: Kili, gateway: Any) -> None:
    gateway.create_user.return_value = UserId("u")
    assert kili.create_user(" A@B.c ", "pw", "USER", firstname="A") == {"id": "u"}
    gateway.create_user.assert_called_once_with(
        UserToCreate(email="a@b.c", password="pw", organization_role="USER", firstname="A")
    )


@pytest.mark.parametrize(
    ("email", "password", "named"),
    [("no-at-sign", "pw", "email"), ("a@b.c", "", "password"), ("@b.c", "pw", "email")],
)
def test_bad_users_are_refused_before_sending(
    kili: Kili, gateway: Any, email: str, password: str, named: str
) -> None:
    with pytest.raises(InvalidArgumentError, match=named):
        kili.create_user(email, password, "USER")
    assert gateway.method_calls == []


def test_a_creation_lost_in_transit_is_looked_up_not_resent(kili: Kili, gateway: Any) -> None:
    gateway.create_user.side_effect = UncertainWriteError("dropped")
    gateway.list_users.return_value = iter([{"id": "u"}])
    assert kili.create_user("a@b.c", "pw", "ADMIN") == {"id": "u"}
    assert gateway.create_user.call_count == 1
    assert gateway.list_users.call_args.args[0] == UserFilters(email="a@b.c")


def test_update_properties_in_user(kili: Kili, gateway: Any) -> None:
    gateway.update_user.return_value = UserId("u")
    assert kili.update_properties_in_user("A@b.c", activated=False) == {"id": "u"}
    gateway.update_user.assert_called_once_with("a@b.c", UserUpdate(activated=False))


def test_update_password_checks_the_confirmation_before_sending(kili: Kili, gateway: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="differ"):
        kili.update_password("a@b.c", "old", "new", "typo")
    with pytest.raises(InvalidArgumentError, match="empty"):
        kili.update_password("a@b.c", "old", "", "")
    assert gateway.method_calls == []
    gateway.update_password.return_value = UserId("u")
    assert kili.update_password("a@b.c", "old", "new", "new") == {"id": "u"}


def test_a_password_change_lost_in_transit_is_not_resent(kili: Kili, gateway: Any) -> None:
    gateway.update_password.side_effect = UncertainWriteError("dropped")
    with pytest.raises(UncertainWriteError):
        kili.update_password("a@b.c", "old", "new", "new")
    assert gateway.update_password.call_count == 1
