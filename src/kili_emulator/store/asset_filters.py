"""Translation of the API's AssetWhere and LabelWhere inputs into SQL.

Every filter field of the contract is either translated or refused by name: a
filter the emulator ignored would return wrong data silently.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from kili_emulator import category_search
from kili_emulator.metadata_filter import check_metadata_filter, metadata_matches
from kili_emulator.storage import Database
from kili_emulator.store.conditions import (
    Conditions,
    add_date_range,
    add_range,
    date_bound,
    is_empty,
    reject_unsupported,
    user_matches,
)
from kili_emulator.store.scope import Scope
from kili_emulator.store.step_filters import STEP_WHERE_FIELDS, add_step_conditions
from kili_emulator.store.visibility import in_visible_projects

TRUSTED_LABEL_TYPES = ("DEFAULT", "REVIEW")
"""Label types that can be an asset's `latestLabel`: human submissions, not drafts."""


ASSET_WHERE_FIELDS = (
    "project",
    "id",
    "idIn",
    "idNotIn",
    "externalId",
    "externalIdIn",
    "externalIdStrictlyIn",
    "statusIn",
    "consensusMarkGte",
    "consensusMarkLte",
    "honeypotMarkGte",
    "honeypotMarkLte",
    "inferenceMarkGte",
    "inferenceMarkLte",
    "createdAtGte",
    "createdAtLte",
    "updatedAtGte",
    "updatedAtLte",
    "metadata",
    "skipped",
    "label",
    "latestLabel",
    "issue",
    "assigneeIn",
    "assigneeNotIn",
    *STEP_WHERE_FIELDS,
)


def asset_conditions(scope: Scope, where: Mapping[str, Any], alias: str = "a") -> Conditions:
    """Build the conditions on an `assets` row aliased `alias` for an AssetWhere.

    Only assets of projects visible to the viewer ever match.

    Raises:
        UnsupportedError: A set field of the filter is not implemented.
        BadUserInputError: A value cannot be interpreted (dates, metadata shape).
    """
    reject_unsupported(where, "AssetWhere", ASSET_WHERE_FIELDS)
    conds = Conditions()
    visible, params = in_visible_projects(scope, f"{alias}.project_id")
    conds.add(visible, *params)
    _add_asset_identity(conds, where, alias)
    if where.get("statusIn") is not None:
        conds.add_in(f"{alias}.status", where["statusIn"])
    for prefix in ("consensusMark", "honeypotMark", "inferenceMark"):
        add_range(conds, where, prefix, f"{alias}.{_snake(prefix)}")
    add_date_range(conds, where, "createdAt", f"{alias}.created_at")
    add_date_range(conds, where, "updatedAt", f"{alias}.updated_at")
    if where.get("metadata") is not None:
        check_metadata_filter(where["metadata"])
        conds.add(f"kili_metadata_matches({alias}.json_metadata, ?)", json.dumps(where["metadata"]))
    if where.get("skipped") is not None:
        conds.add(f"{alias}.skipped = ?", int(where["skipped"]))
    _add_asset_relations(scope, conds, where, alias)
    add_step_conditions(conds, where, alias)
    return conds


def _add_asset_identity(conds: Conditions, where: Mapping[str, Any], alias: str) -> None:
    project = where.get("project") or {}
    reject_unsupported(project, "ProjectWhere", ("id",))
    if project.get("id") is not None:
        conds.add(f"{alias}.project_id = ?", project["id"])
    if where.get("id") is not None:
        conds.add(f"{alias}.id = ?", where["id"])
    if where.get("idIn") is not None:
        conds.add_in(f"{alias}.id", where["idIn"])
    if where.get("idNotIn") is not None:
        conds.add_in(f"{alias}.id", where["idNotIn"], negate=True)
    if where.get("externalId") is not None:
        conds.add(f"{alias}.external_id = ?", where["externalId"])
    if where.get("externalIdStrictlyIn") is not None:
        conds.add_in(f"{alias}.external_id", where["externalIdStrictlyIn"])
    parts = where.get("externalIdIn")
    if parts is not None:
        # Partial match: any of the given strings contained in the external id.
        tests = " OR ".join(f"instr({alias}.external_id, ?) > 0" for _ in parts) or "0"
        conds.add(tests, *parts)


def _add_asset_relations(
    scope: Scope, conds: Conditions, where: Mapping[str, Any], alias: str
) -> None:
    label = where.get("label")
    if label is not None and not is_empty(label):
        inner = label_conditions(scope, label, alias=f"{alias}_label")
        conds.add(
            f"EXISTS (SELECT 1 FROM labels {alias}_label "
            f"WHERE {alias}_label.asset_id = {alias}.id AND {inner.sql})",
            *inner.params,
        )
    latest = where.get("latestLabel")
    if latest is not None and not is_empty(latest):
        inner = label_conditions(scope, latest, alias=f"{alias}_latest")
        conds.add(
            f"EXISTS (SELECT 1 FROM labels {alias}_latest WHERE {alias}_latest.id = "
            f"({latest_label_id_sql(alias + '.id')}) AND {inner.sql})",
            *inner.params,
        )
    issue = where.get("issue")
    if issue is not None and not is_empty(issue):
        conds.add(*_issue_exists(issue, alias))
    for key, negate in (("assigneeIn", False), ("assigneeNotIn", True)):
        if where.get(key) is None:
            continue
        user = user_matches(f"{alias}_assignee.user_id", where[key])
        exists = (
            f"EXISTS (SELECT 1 FROM asset_assignees {alias}_assignee "
            f"WHERE {alias}_assignee.asset_id = {alias}.id AND {user.sql})"
        )
        conds.add(f"NOT {exists}" if negate else exists, *user.params)


def latest_label_id_sql(asset_id: str) -> str:
    """SQL subquery: id of the latest trusted label of the asset whose id is `asset_id`.

    Args:
        asset_id: SQL expression of the asset id, a column (``a.id``) or ``?``.
    """
    types = ", ".join(f"'{label_type}'" for label_type in TRUSTED_LABEL_TYPES)
    return (
        f"SELECT x.id FROM labels x WHERE x.asset_id = {asset_id} "
        f"AND x.label_type IN ({types}) ORDER BY x.created_at DESC, x.rowid DESC LIMIT 1"
    )


def _issue_exists(issue: Mapping[str, Any], alias: str) -> tuple[str, ...]:
    reject_unsupported(issue, "IssueWhere", ("type", "status"))
    inner = Conditions()
    if issue.get("type") is not None:
        inner.add(f"{alias}_issue.type = ?", issue["type"])
    if issue.get("status") is not None:
        inner.add(f"{alias}_issue.status = ?", issue["status"])
    return (
        f"EXISTS (SELECT 1 FROM issues {alias}_issue "
        f"WHERE {alias}_issue.asset_id = {alias}.id AND {inner.sql})",
        *inner.params,
    )


LABEL_WHERE_FIELDS = (
    "id",
    "idIn",
    "typeIn",
    "authorIn",
    "labelerIn",
    "labelerNotIn",
    "reviewerIn",
    "reviewerNotIn",
    "consensusMarkGte",
    "consensusMarkLte",
    "honeypotMarkGte",
    "honeypotMarkLte",
    "createdAt",
    "createdAtGte",
    "createdAtLte",
    "jsonResponseContains",
    "skipped",
    "search",
    "user",
    "project",
    "asset",
)


def label_conditions(scope: Scope, where: Mapping[str, Any], alias: str = "l") -> Conditions:
    """Build the conditions on a `labels` row aliased `alias` for a LabelWhere.

    A labeler is the author of a DEFAULT label, a reviewer the author of a REVIEW
    label; users are designated by id or email (authors also by name).

    Raises:
        UnsupportedError: A set field of the filter is not implemented.
        BadUserInputError: A value cannot be interpreted.
    """
    reject_unsupported(where, "LabelWhere", LABEL_WHERE_FIELDS)
    conds = Conditions()
    if where.get("id") is not None:
        conds.add(f"{alias}.id = ?", where["id"])
    if where.get("idIn") is not None:
        conds.add_in(f"{alias}.id", where["idIn"])
    if where.get("typeIn") is not None:
        conds.add_in(f"{alias}.label_type", where["typeIn"])
    if where.get("authorIn") is not None:
        _extend(conds, user_matches(f"{alias}.author_id", where["authorIn"], by_name=True))
    _add_label_people(conds, where, alias)
    for prefix in ("consensusMark", "honeypotMark"):
        add_range(conds, where, prefix, f"{alias}.{_snake(prefix)}")
    add_date_range(conds, where, "createdAt", f"{alias}.created_at")
    if where.get("createdAt") is not None:
        start = date_bound(where["createdAt"], "createdAt", upper=False)
        end = date_bound(where["createdAt"], "createdAt", upper=True)
        conds.add(f"{alias}.created_at BETWEEN ? AND ?", start, end)
    for part in where.get("jsonResponseContains") or ():
        conds.add(f"instr({alias}.json_response, ?) > 0", part)
    if where.get("skipped") is not None:
        conds.add(f"{alias}.skipped = ?", int(where["skipped"]))
    if where.get("search") is not None:
        check_category_search(where["search"])
        conds.add(f"kili_category_search_matches({alias}.json_response, ?)", where["search"])
    _add_label_scope(scope, conds, where, alias)
    return conds


def _add_label_people(conds: Conditions, where: Mapping[str, Any], alias: str) -> None:
    for key, label_type, negate in (
        ("labelerIn", "DEFAULT", False),
        ("labelerNotIn", "DEFAULT", True),
        ("reviewerIn", "REVIEW", False),
        ("reviewerNotIn", "REVIEW", True),
    ):
        if where.get(key) is None:
            continue
        user = user_matches(f"{alias}.author_id", where[key])
        conds.add(
            f"{alias}.label_type = ? AND {'NOT ' if negate else ''}({user.sql})",
            label_type,
            *user.params,
        )


def _add_label_scope(scope: Scope, conds: Conditions, where: Mapping[str, Any], alias: str) -> None:
    user = where.get("user") or {}
    reject_unsupported(user, "UserWhere", ("id", "email"))
    if user.get("id") is not None:
        conds.add(f"{alias}.author_id = ?", user["id"])
    if user.get("email") is not None:
        conds.add(
            f"{alias}.author_id IN (SELECT id FROM users WHERE email = ?)", user["email"].lower()
        )
    project = where.get("project") or {}
    reject_unsupported(project, "ProjectWhere", ("id",))
    if project.get("id") is not None:
        conds.add(f"{alias}.project_id = ?", project["id"])
    asset = where.get("asset")
    if asset is not None and not is_empty(asset):
        inner = asset_conditions(scope, asset, alias=f"{alias}_asset")
        conds.add_in_subquery(f"{alias}.asset_id", "assets", f"{alias}_asset", inner)


def _extend(conds: Conditions, other: Conditions) -> None:
    conds.clauses.extend(other.clauses)
    conds.params.extend(other.params)


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name)


def check_category_search(search: str) -> None:
    """Validate a label category search query before it reaches SQL.

    Validating up front makes a bad query fail even when no label is there to
    evaluate it on.

    Raises:
        BadUserInputError: The query does not follow the category search grammar.
    """
    category_search.parse(search)


def category_search_matches(json_response: str, search: str) -> bool:
    """Tell whether a label's `json_response` satisfies a category search query.

    Called from SQL as ``kili_category_search_matches(json_response, search)``.
    """
    return category_search.matches(json_response, search)


def register_sql_functions(db: Database) -> None:
    """Expose the Python predicates the filters call from SQL."""
    db.register_function("kili_metadata_matches", 2, metadata_matches)
    db.register_function("kili_category_search_matches", 2, category_search_matches)
