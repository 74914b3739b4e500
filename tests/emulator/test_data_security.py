"""Data-level security: roles never climb, tenants learn nothing of each other, keys rest safe."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from pathlib import Path
from typing import Any

import httpx
import pytest

from kili_emulator import DEFAULT_API_KEY, EmulatorServer
from kili_emulator.store.schema import DDL
from tests.emulator.helpers import Client, new_member, new_organization, seeding

APPEND_ROLE = (
    "mutation($data: AppendToRolesData!, $where: ProjectWhere!) {"
    " appendToRoles(data: $data, where: $where) { id } }"
)
UPDATE_ROLE = (
    "mutation($data: RoleData!, $where: ProjectUserWhere!) {"
    " updatePropertiesInRole(data: $data, where: $where) { id role } }"
)
REMOVE_ROLE = "mutation($where: ProjectUserWhere!) { deleteFromRoles(where: $where) { id } }"
DELETE_PROJECT = "mutation($where: ProjectWhere!) { deleteProject(where: $where) { id } }"
ROLES = (
    "query($w: ProjectUserWhere!) { projectUsers(where: $w, first: 100, skip: 0) {"
    " id role user { id email } } }"
)
CREATE_USER = "mutation($data: CreateUserData!) { createUser(data: $data) { id } }"
UPDATE_USER = (
    "mutation($data: UserData!, $where: UserWhere!) {"
    " updatePropertiesInUser(data: $data, where: $where) { id email } }"
)
SIGNED_URLS = "query($paths: [String!]) { createUploadBucketSignedUrls(filePaths: $paths) }"


def first_error(errors: list[dict[str, Any]]) -> tuple[str, str]:
    error = errors[0]
    return error["extensions"]["code"], error["message"]


def roles(admin: Client, project_id: str) -> dict[str, str]:
    rows = admin.execute(ROLES, {"w": {"project": {"id": project_id}}})["projectUsers"]
    return {row["user"]["email"]: row["role"] for row in rows}


def membership(admin: Client, project_id: str, user_id: str) -> str:
    rows = admin.execute(ROLES, {"w": {"project": {"id": project_id}, "user": {"id": user_id}}})
    member_id: str = rows["projectUsers"][0]["id"]
    return member_id


def email_of(client: Client) -> str:
    email: str = client.execute("{ viewer { email } }")["viewer"]["email"]
    return email


# ---- roles never climb above the role of who grants them


def test_a_team_manager_cannot_make_itself_admin_then_delete(
    admin: Client, project_id: str
) -> None:
    manager, manager_id = new_member(admin, project_id, "TEAM_MANAGER")
    before = roles(admin, project_id)
    own = {"data": {"userEmail": email_of(manager), "role": "ADMIN"}, "where": {"id": project_id}}
    assert first_error(manager.errors(APPEND_ROLE, own))[0] == "FORBIDDEN"
    member_id = membership(admin, project_id, manager_id)
    promote = {"data": {"role": "ADMIN"}, "where": {"id": member_id}}
    assert first_error(manager.errors(UPDATE_ROLE, promote))[0] == "FORBIDDEN"
    assert first_error(manager.errors(DELETE_PROJECT, {"where": {"id": project_id}}))[0] == (
        "FORBIDDEN"
    )
    assert roles(admin, project_id) == before


def test_a_team_manager_cannot_make_anyone_admin(admin: Client, project_id: str) -> None:
    manager, _ = new_member(admin, project_id, "TEAM_MANAGER")
    labeler, labeler_id = new_member(admin, project_id, "LABELER")
    invite = {"data": {"userEmail": "new-admin@example.com", "role": "ADMIN"}}
    errors = manager.errors(APPEND_ROLE, {**invite, "where": {"id": project_id}})
    assert first_error(errors)[0] == "FORBIDDEN"
    promote = {
        "data": {"role": "ADMIN"},
        "where": {"id": membership(admin, project_id, labeler_id)},
    }
    assert first_error(manager.errors(UPDATE_ROLE, promote))[0] == "FORBIDDEN"
    assert roles(admin, project_id)[email_of(labeler)] == "LABELER"
    assert "new-admin@example.com" not in roles(admin, project_id)


def test_a_team_manager_cannot_demote_or_remove_an_admin(admin: Client, project_id: str) -> None:
    manager, _ = new_member(admin, project_id, "TEAM_MANAGER")
    project_admin, admin_id = new_member(admin, project_id, "ADMIN")
    admin_membership = membership(admin, project_id, admin_id)
    demote = {"data": {"role": "LABELER"}, "where": {"id": admin_membership}}
    assert first_error(manager.errors(UPDATE_ROLE, demote))[0] == "FORBIDDEN"
    again = {"data": {"userEmail": email_of(project_admin), "role": "LABELER"}}
    assert first_error(manager.errors(APPEND_ROLE, {**again, "where": {"id": project_id}}))[0] == (
        "FORBIDDEN"
    )
    remove = {"where": {"id": admin_membership}}
    assert first_error(manager.errors(REMOVE_ROLE, remove))[0] == "FORBIDDEN"
    assert roles(admin, project_id)[email_of(project_admin)] == "ADMIN"


def test_a_team_manager_still_grants_roles_up_to_its_own(admin: Client, project_id: str) -> None:
    manager, _ = new_member(admin, project_id, "TEAM_MANAGER")
    _, labeler_id = new_member(admin, project_id, "LABELER")
    manager.execute(
        APPEND_ROLE,
        {
            "data": {"userEmail": "reviewer@example.com", "role": "REVIEWER"},
            "where": {"id": project_id},
        },
    )
    promoted = manager.execute(
        UPDATE_ROLE,
        {
            "data": {"role": "TEAM_MANAGER"},
            "where": {"id": membership(admin, project_id, labeler_id)},
        },
    )
    assert promoted["updatePropertiesInRole"]["role"] == "TEAM_MANAGER"
    assert roles(admin, project_id)["reviewer@example.com"] == "REVIEWER"
    admin.execute(
        APPEND_ROLE,
        {
            "data": {"userEmail": "admin-made@example.com", "role": "ADMIN"},
            "where": {"id": project_id},
        },
    )
    assert roles(admin, project_id)["admin-made@example.com"] == "ADMIN"


# ---- one organization learns nothing of another's users


@pytest.fixture
def other_admin(admin: Client, server: EmulatorServer) -> Client:
    with seeding(server) as db:
        _, key = new_organization(db, "Elsewhere")
    return admin.as_key(key)


def test_user_creation_does_not_reveal_other_organizations(
    admin: Client, other_admin: Client
) -> None:
    foreign_email = email_of(other_admin)
    _, colleague_id = new_member(admin, None, "LABELER")
    own_email = "taken-here@example.com"
    admin.create_user(own_email)
    errors = admin.errors(
        CREATE_USER, {"data": {"email": foreign_email, "organizationRole": "USER"}}
    )
    code, message = first_error(errors)
    assert "organization" not in message
    rename = {"data": {"email": foreign_email}, "where": {"id": colleague_id}}
    assert first_error(admin.errors(UPDATE_USER, rename)) == (
        code,
        message,
    ), "an email change to another organization's email answers as creating it"
    rename_here = {"data": {"email": own_email}, "where": {"id": colleague_id}}
    here_code, here_message = first_error(admin.errors(UPDATE_USER, rename_here))
    assert (here_code, here_message.replace(own_email, foreign_email)) == (code, message)


def test_role_invitations_do_not_reveal_other_organizations(
    admin: Client, other_admin: Client, project_id: str
) -> None:
    invite = {"data": {"userEmail": email_of(other_admin), "role": "LABELER"}}
    _, message = first_error(admin.errors(APPEND_ROLE, {**invite, "where": {"id": project_id}}))
    assert "organization" not in message
    assert email_of(other_admin) not in roles(admin, project_id)


# ---- files live in their organization's namespace


def signed_url(client: Client, path: str) -> str:
    url: str = client.execute(SIGNED_URLS, {"paths": [path]})["createUploadBucketSignedUrls"][0]
    return url


def test_the_same_path_in_two_organizations_names_two_files(
    admin: Client, other_admin: Client
) -> None:
    path = "shared/report.txt"
    mine, theirs = signed_url(admin, path), signed_url(other_admin, path)
    assert httpx.put(mine.split("&id=")[0], content=b"mine").status_code == 200
    assert httpx.put(theirs.split("&id=")[0], content=b"theirs").status_code == 200
    clean = mine.split("?")[0]
    assert httpx.get(clean, headers=admin.headers).content == b"mine"
    assert httpx.get(clean, headers=other_admin.headers).content == b"theirs"


def test_no_organization_reads_or_overwrites_another_ones_files(
    admin: Client, other_admin: Client
) -> None:
    path = "private/notes.txt"
    mine = signed_url(admin, path)
    assert httpx.put(mine.split("&id=")[0], content=b"secret").status_code == 200
    clean = mine.split("?")[0]
    assert httpx.get(clean, headers=other_admin.headers).status_code == 404
    by_id = clean.rsplit("/files/", 1)[0] + "/files"
    assert httpx.get(by_id, params={"id": path}, headers=other_admin.headers).status_code == 404
    theirs = signed_url(other_admin, path).split("&id=")[0]
    their_namespace = theirs.split("namespace=")[1]
    my_namespace = mine.split("namespace=")[1].split("&")[0]
    forged = theirs.replace(f"namespace={their_namespace}", f"namespace={my_namespace}")
    assert httpx.put(forged, content=b"overwritten").status_code == 403
    assert httpx.get(clean, headers=admin.headers).content == b"secret"


# ---- secrets at rest


def test_api_keys_are_stored_hashed_and_shown_once(admin: Client, server: EmulatorServer) -> None:
    _, user_id = new_member(admin, None, "LABELER")
    created = admin.execute(
        'mutation($w: UserWhere!) { appendToApiKeys(data: {key: "", name: "once"}, where: $w)'
        " { id key } }",
        {"w": {"id": user_id}},
    )["appendToApiKeys"]
    key = created["key"]
    assert admin.as_key(key).execute("{ viewer { id } }")["viewer"]["id"] == user_id
    listed = admin.execute(
        "query($w: ApiKeyWhere!) { apiKeys(where: $w, first: 10, skip: 0) { id key } }",
        {"w": {"id": created["id"]}},
    )["apiKeys"]
    assert listed == [{"id": created["id"], "key": "********"}]
    by_key = admin.execute(
        "query($w: ApiKeyWhere!) { countApiKeys(where: $w) }", {"w": {"key": key}}
    )
    assert by_key["countApiKeys"] == 1
    stored = server.state.db.fetch_all("SELECT key_hash FROM api_keys")
    hashes = {row["key_hash"] for row in stored}
    assert hashlib.sha256(key.encode()).hexdigest() in hashes
    assert key not in hashes
    assert DEFAULT_API_KEY not in hashes
    assert server.api_key == DEFAULT_API_KEY
    assert admin.execute("{ viewer { email } }")["viewer"]["email"]


def test_the_database_files_are_private(tmp_path: Path) -> None:
    db = tmp_path / "private.db"
    with EmulatorServer(db=db) as server:
        Client(server.endpoint, server.api_key).create_project("private")
        for name in ("private.db", "private.db-wal", "private.db-shm"):
            mode = stat.S_IMODE((tmp_path / name).stat().st_mode)
            assert mode == 0o600, (name, oct(mode))


def test_an_existing_readable_database_is_made_private(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    with EmulatorServer(db=db):
        pass
    db.chmod(0o644)
    with EmulatorServer(db=db):
        assert stat.S_IMODE(db.stat().st_mode) == 0o600


def test_a_database_with_plain_keys_is_hashed_on_start(tmp_path: Path) -> None:
    db = tmp_path / "legacy.db"
    connection = sqlite3.connect(db)
    for statement in DDL:
        connection.execute(statement.replace("key_hash TEXT", "key TEXT"))
    connection.execute(
        "INSERT INTO organizations (id, name, created_at, updated_at) VALUES ('o', 'O', 't', 't')"
    )
    connection.execute(
        "INSERT INTO users (id, email, organization_id, organization_role, created_at, "
        "updated_at) VALUES ('u', 'old@example.com', 'o', 'ADMIN', 't', 't')"
    )
    connection.execute(
        "INSERT INTO api_keys (id, user_id, name, key, created_at) "
        "VALUES ('k', 'u', 'old', 'legacy-key', 't')"
    )
    connection.commit()
    connection.close()
    with EmulatorServer(db=db) as server:
        old = Client(server.endpoint, "legacy-key")
        assert old.execute("{ viewer { email } }")["viewer"]["email"] == "old@example.com"
        stored = server.state.db.fetch_all("SELECT key_hash FROM api_keys ORDER BY rowid")
        assert stored[0]["key_hash"] == hashlib.sha256(b"legacy-key").hexdigest()
        assert Client(server.endpoint, server.api_key).execute("{ viewer { id } }")
    assert b"legacy-key" not in db.read_bytes()


def test_files_of_an_older_database_move_into_their_namespace(tmp_path: Path) -> None:
    db = tmp_path / "files.db"
    with EmulatorServer(db=db) as server:
        admin = Client(server.endpoint, server.api_key)
        project_id = admin.create_project("files")
        url = signed_url(admin, f"projects/{project_id}/assets/a/content")
        assert httpx.put(url.split("&id=")[0], content=b"old bytes").status_code == 200
        # Write the rows back as an emulator without namespaces stored them.
        server.state.db.execute("UPDATE uploads SET path = substr(path, instr(path, '/') + 1)")
        server.state.db.execute("DELETE FROM meta WHERE key = 'uploads_namespaced'")
        server.state.db.execute(
            "INSERT INTO uploads (path, content_type, data, created_at) "
            "VALUES ('misc/loose.txt', 'text/plain', x'6c6f6f7365', 't')"
        )
    with EmulatorServer(db=db) as server:
        admin = Client(server.endpoint, server.api_key)
        clean = url.split("?")[0].replace(url.split("/api/")[0], server.base_url)
        assert httpx.get(clean, headers=admin.headers).content == b"old bytes"
        loose = clean.rsplit("/files/", 1)[0] + "/files/misc/loose.txt"
        assert httpx.get(loose, headers=admin.headers).content == b"loose"
