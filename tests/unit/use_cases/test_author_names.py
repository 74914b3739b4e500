"""The export format's `author.name`: asked as a field, built from first and last names."""

from __future__ import annotations

from typing import Any

from kili.client import Kili


def test_labels_give_author_name_from_first_and_last_names(kili: Kili, gateway: Any) -> None:
    gateway.list_labels.return_value = iter(
        [
            {"id": "l1", "author": {"email": "a@x", "firstname": "Ada", "lastname": "Lovelace"}},
            {"id": "l2", "author": {"email": "b@x", "firstname": "Alan", "lastname": None}},
        ]
    )

    labels = kili.labels("project-1", fields=["id", "author.email", "author.name"])

    (_, fields, _), _ = gateway.list_labels.call_args
    assert sorted(fields) == ["author.email", "author.firstname", "author.lastname", "id"]
    assert labels == [
        {"id": "l1", "author": {"email": "a@x", "name": "Ada Lovelace"}},
        {"id": "l2", "author": {"email": "b@x", "name": "Alan"}},
    ]


def test_asset_labels_keep_the_name_parts_asked_for(kili: Kili, gateway: Any) -> None:
    gateway.list_assets.return_value = iter(
        [{"id": "a1", "labels": [{"author": {"firstname": "Ada", "lastname": "Lovelace"}}]}]
    )

    assets = kili.assets(
        "project-1", fields=["id", "labels.author.firstname", "labels.author.name"]
    )

    assert assets == [
        {"id": "a1", "labels": [{"author": {"firstname": "Ada", "name": "Ada Lovelace"}}]}
    ]
