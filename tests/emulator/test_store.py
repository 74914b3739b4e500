"""The store on its own: no HTTP, no GraphQL, a database and a viewer."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from kili_emulator.errors import BadUserInputError, NotFoundError
from kili_emulator.storage import Database, utc_now
from kili_emulator.store import assets, organizations, project_users, projects, users
from kili_emulator.store.asset_filters import register_sql_functions


@dataclass(frozen=True)
class Viewer:
    """A `Scope` built by hand, as the request context builds one."""

    db: Database
    viewer_id: str
    organization_id: str
    is_org_admin: bool


@pytest.fixture
def db() -> Iterator[Database]:
    database = Database(":memory:")
    register_sql_functions(database)
    yield database
    database.close()


def organization_with(db: Database, *roles: str) -> list[Viewer]:
    organization_id = organizations.insert_organization(db, "Org")
    viewers = []
    for index, role in enumerate(roles):
        user_id = users.insert_user(db, organization_id, f"u{index}-{organization_id}@x.io", role)
        viewers.append(Viewer(db, user_id, organization_id, role == "ADMIN"))
    return viewers


def import_assets(db: Database, project_id: str, *external_ids: str) -> None:
    rows = [
        {
            "id": f"{project_id}-{external_id}",
            "project_id": project_id,
            "external_id": external_id,
            "created_at": utc_now(),
            "updated_at": utc_now(),
        }
        for external_id in external_ids
    ]
    with db.transaction():
        assets.insert_assets(db, project_id, rows)


def test_a_listing_pages_counts_and_designates(db: Database) -> None:
    (admin,) = organization_with(db, "ADMIN")
    project_id = projects.insert_project(
        db, admin.organization_id, admin.viewer_id, title="p", input_type="IMAGE"
    )
    import_assets(db, project_id, *(f"e{index}" for index in range(5)))
    where = {"project": {"id": project_id}}
    page = assets.ASSETS.rows(admin, where, (2, 2))
    assert [row["external_id"] for row in page] == ["e2", "e3"]
    assert assets.ASSETS.count(admin, where) == 5
    assert assets.ASSETS.single(admin, {"externalId": "e4"})["external_id"] == "e4"
    with pytest.raises(BadUserInputError):
        assets.ASSETS.single(admin, where)
    with pytest.raises(NotFoundError):
        assets.ASSETS.single(admin, {"externalId": "missing"})
    with pytest.raises(BadUserInputError):
        assets.ASSETS.rows(admin, where, (2, -1))


def test_reads_see_only_what_the_viewer_may_see(db: Database) -> None:
    admin, member, outsider = organization_with(db, "ADMIN", "USER", "USER")
    (stranger,) = organization_with(db, "ADMIN")
    project_id = projects.insert_project(
        db, admin.organization_id, admin.viewer_id, title="p", input_type="IMAGE"
    )
    project_users.put_member(db, project_id, member.viewer_id, "LABELER")
    import_assets(db, project_id, "a", "b")
    where = {"project": {"id": project_id}}
    assert assets.ASSETS.count(admin, where) == 2
    assert assets.ASSETS.count(member, where) == 2
    assert assets.ASSETS.count(outsider, where) == 0
    assert assets.ASSETS.count(stranger, where) == 0
    assert projects.PROJECTS.count(stranger, {}) == 0
    assert users.USERS.count(stranger, {}) == 1
    assert project_users.active_role(db, project_id, member.viewer_id) == "LABELER"
