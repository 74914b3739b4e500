"""Organization, tag, issue and project version methods keep the official 26.2.4 signatures.

Parameter names, order and defaults, as the official SDK 26.2.4 declares them: code that
passes arguments by position keeps working.
"""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from kili.client import Kili

EMPTY = inspect.Parameter.empty

OFFICIAL: dict[str, list[tuple[str, Any]]] = {
    "organizations": [
        ("email", None),
        ("organization_id", None),
        ("fields", ("id", "name")),
        ("first", None),
        ("skip", 0),
        ("disable_tqdm", None),
        ("as_generator", False),
    ],
    "count_organizations": [("email", None), ("organization_id", None)],
    "organization_metrics": [
        ("organization_id", EMPTY),
        ("start_date", None),
        ("end_date", None),
        ("fields", ("numberOfAnnotations", "numberOfHours", "numberOfLabeledAssets")),
    ],
    "tags": [
        ("project_id", None),
        ("fields", ("id", "organizationId", "label", "checkedForProjects")),
    ],
    "create_tag": [("name", EMPTY), ("color", None)],
    "update_tag": [("tag_name", EMPTY), ("new_tag_name", EMPTY)],
    "delete_tag": [("tag_name", None), ("tag_id", None)],
    "tag_project": [
        ("project_id", EMPTY),
        ("tags", None),
        ("tag_ids", None),
        ("disable_tqdm", None),
    ],
    "untag_project": [
        ("project_id", EMPTY),
        ("tags", None),
        ("tag_ids", None),
        ("all", None),
        ("disable_tqdm", None),
    ],
    "issues": [
        ("project_id", EMPTY),
        ("fields", ("id", "createdAt", "status", "type", "assetId")),
        ("first", None),
        ("skip", 0),
        ("disable_tqdm", None),
        ("asset_id", None),
        ("asset_id_in", None),
        ("issue_type", None),
        ("status", None),
        ("as_generator", False),
    ],
    "count_issues": [
        ("project_id", EMPTY),
        ("asset_id", None),
        ("asset_id_in", None),
        ("issue_type", None),
        ("status", None),
    ],
    "create_issues": [
        ("project_id", EMPTY),
        ("label_id_array", EMPTY),
        ("object_mid_array", None),
        ("text_array", None),
    ],
    "update_issue_status": [("issue_id", EMPTY), ("status", EMPTY)],
    "append_to_issues": [
        ("label_id", EMPTY),
        ("project_id", EMPTY),
        ("object_mid", None),
        ("text", None),
        ("type_", "ISSUE"),
    ],
    "project_version": [
        ("project_id", EMPTY),
        ("first", None),
        ("skip", 0),
        ("fields", ("createdAt", "id", "content", "name", "projectId")),
        ("disable_tqdm", None),
        ("as_generator", False),
    ],
    "count_project_versions": [("project_id", EMPTY)],
    "update_properties_in_project_version": [("project_version_id", EMPTY), ("content", EMPTY)],
}


@pytest.mark.parametrize("name", sorted(OFFICIAL))
def test_signature_is_the_official_one(name: str) -> None:
    parameters = list(inspect.signature(getattr(Kili, name)).parameters.values())[1:]
    assert [(p.name, p.default) for p in parameters] == OFFICIAL[name]
    keyword_only = [p.name for p in parameters if p.kind is inspect.Parameter.KEYWORD_ONLY]
    assert keyword_only == (["as_generator"] if OFFICIAL[name][-1][0] == "as_generator" else [])
