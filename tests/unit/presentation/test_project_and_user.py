from __future__ import annotations

from typing import Any
from unittest.mock import create_autospec

import pytest

from kili.adapters.kili_api_gateway import KiliAPIGateway
from kili.client import Kili
from kili.domain.project import ProjectFilters, ProjectId
from kili.domain.query import QueryOptions
from kili.domain.tag import TagId
from kili.domain.user import UserFilters
from kili.exceptions import ArgumentTypeError, InvalidArgumentError


def test_get_current_user_asks_the_gateway_for_the_default_fields(kili: Kili, gateway: Any) -> None:
    gateway.get_current_user.return_value = {"id": "u1", "email": "a@b.c"}
    assert kili.get_current_user() == {"id": "u1", "email": "a@b.c"}
    gateway.get_current_user.assert_called_once_with(("email", "id", "firstname", "lastname"))


def test_projects_maps_arguments_to_filters_and_options(kili: Kili, gateway: Any) -> None:
    gateway.list_projects.return_value = iter([{"id": "p1"}])
    result = kili.projects(
        project_id="p1", search_query="%cats%", archived=False, fields=["id"], first=5, skip=2
    )
    assert result == [{"id": "p1"}]
    gateway.list_projects.assert_called_once_with(
        ProjectFilters(id=ProjectId("p1"), search_query="%cats%", archived=False),
        ["id"],
        QueryOptions(first=5, skip=2, disable_tqdm=True),
    )


def test_projects_as_generator_returns_the_stream_without_progress(gateway: Any) -> None:
    kili = Kili.from_gateway(gateway, disable_tqdm=False)
    stream = iter([{"id": "p1"}, {"id": "p2"}])
    gateway.list_projects.return_value = stream
    assert kili.projects(as_generator=True) is stream
    assert gateway.list_projects.call_args.args[2].disable_tqdm is True


def test_projects_show_progress_unless_disabled(gateway: Any) -> None:
    kili = Kili.from_gateway(gateway, disable_tqdm=False)
    gateway.list_projects.return_value = iter([])
    kili.projects()
    assert gateway.list_projects.call_args.args[2].disable_tqdm is False
    kili.projects(disable_tqdm=True)
    assert gateway.list_projects.call_args.args[2].disable_tqdm is True


def test_count_projects(kili: Kili, gateway: Any) -> None:
    gateway.count_projects.return_value = 3
    gateway.list_tags_of_organization.return_value = [{"id": "tag-1", "label": "cats"}]
    assert kili.count_projects(starred=True, tags_in=["cats"]) == 3
    gateway.count_projects.assert_called_once_with(
        ProjectFilters(starred=True, tag_ids=(TagId("tag-1"),))
    )


def test_unknown_tag_label_in_a_filter_is_refused(kili: Kili, gateway: Any) -> None:
    gateway.list_tags_of_organization.return_value = [{"id": "tag-1", "label": "cats"}]
    with pytest.raises(InvalidArgumentError, match="dogs"):
        kili.projects(tags_in=["dogs"])
    gateway.list_projects.assert_not_called()


def test_users_and_count_users(kili: Kili, gateway: Any) -> None:
    gateway.list_users.return_value = iter([{"id": "u"}])
    gateway.count_users.return_value = 1
    assert kili.users(email="a@b.c", first=1) == [{"id": "u"}]
    assert gateway.list_users.call_args.args[0] == UserFilters(email="a@b.c")
    assert kili.count_users(organization_id="o") == 1


def test_wrong_argument_type_is_refused_before_the_gateway(kili: Kili, gateway: Any) -> None:
    with pytest.raises(ArgumentTypeError, match=r"projects\(\).*'first'"):
        kili.projects(first="ten")  # type: ignore[call-overload]
    with pytest.raises(ArgumentTypeError, match="'fields'"):
        kili.projects(fields="id")  # type: ignore[call-overload]
    gateway.list_projects.assert_not_called()


def test_unknown_literal_value_is_an_invalid_argument(kili: Kili, gateway: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="input_type"):
        kili.create_project(title="T", input_type="HOLOGRAM")  # type: ignore[arg-type]
    gateway.create_project.assert_not_called()


def test_negative_first_is_refused(kili: Kili, gateway: Any) -> None:
    with pytest.raises(ValueError, match="first must be a non-negative"):
        kili.projects(first=-1)
    gateway.list_projects.assert_not_called()


def test_a_downstream_test_can_mock_the_gateway() -> None:
    """The documented seam: build the client on an autospec of the gateway."""
    gateway = create_autospec(KiliAPIGateway, instance=True)
    gateway.count_projects.return_value = 42
    assert Kili.from_gateway(gateway).count_projects() == 42
