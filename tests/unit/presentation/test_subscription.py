"""`Kili.label_created_or_updated`: arguments checked, then handed to the gateway."""

from __future__ import annotations

from typing import Any

import pytest

from kili.client import Kili
from kili.domain.project import ProjectId
from kili.exceptions import ArgumentTypeError, InvalidArgumentError


def on_label(asset_id: str, label: dict[str, Any]) -> None:
    del asset_id, label


def test_subscribes_through_the_gateway_which_owns_the_tls_setting(
    kili: Kili, gateway: Any
) -> None:
    subscription = kili.label_created_or_updated("project-1", on_label)

    gateway.subscribe_to_labels.assert_called_once_with(ProjectId("project-1"), on_label)
    assert subscription is gateway.subscribe_to_labels.return_value


def test_arguments_are_positional_in_the_official_order(kili: Kili, gateway: Any) -> None:
    kili.label_created_or_updated(project_id="project-2", callback=on_label)

    assert gateway.subscribe_to_labels.call_args.args == (ProjectId("project-2"), on_label)


@pytest.mark.parametrize(
    ("project_id", "callback", "error"),
    [
        (123, on_label, ArgumentTypeError),
        ("project-1", "not callable", ArgumentTypeError),
        ("", on_label, InvalidArgumentError),
    ],
)
def test_bad_arguments_are_refused_before_connecting(
    kili: Kili, gateway: Any, project_id: Any, callback: Any, error: type[Exception]
) -> None:
    with pytest.raises(error, match="label_created_or_updated"):
        kili.label_created_or_updated(project_id, callback)

    gateway.subscribe_to_labels.assert_not_called()
