"""A minimal GraphQL client over httpx, and seeding through the emulator's store."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx

from kili_emulator import EmulatorServer
from kili_emulator.storage import Database, new_id
from kili_emulator.store import api_keys, assets, issues, labels, organizations, users


class GraphQLResponseError(AssertionError):
    """The server answered GraphQL errors where the test expected data."""

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__(json.dumps(errors, indent=2))
        self.errors = errors

    @property
    def codes(self) -> list[str]:
        return [error.get("extensions", {}).get("code") for error in self.errors]


@dataclass
class Client:
    """Talks to an emulator over HTTP with one API key."""

    endpoint: str
    api_key: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"X-API-Key: {self.api_key}"}

    def post(self, query: str, variables: dict[str, Any] | None = None) -> httpx.Response:
        return httpx.post(
            self.endpoint,
            json={"query": query, "variables": variables or {}},
            headers=self.headers,
            timeout=30,
        )

    def execute(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """Return `data`, raising `GraphQLResponseError` if the response has errors."""
        response = self.post(query, variables)
        body = response.json()
        if body.get("errors"):
            raise GraphQLResponseError(body["errors"])
        assert response.status_code == 200, response.text
        data: dict[str, Any] = body["data"]
        return data

    def errors(self, query: str, variables: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Return the errors of a request expected to fail."""
        body = self.post(query, variables).json()
        assert body.get("errors"), body
        errors: list[dict[str, Any]] = body["errors"]
        return errors

    # ---- shortcuts for the tests' recurring operations

    def create_project(self, title: str = "Project", input_type: str = "IMAGE") -> str:
        data = self.execute(
            "mutation($data: CreateProjectData!) { createProject(data: $data) { id } }",
            {
                "data": {
                    "title": title,
                    "description": "",
                    "inputType": input_type,
                    "jsonInterface": json.dumps({"jobs": {}}),
                }
            },
        )
        project_id: str = data["createProject"]["id"]
        return project_id

    def import_assets(self, project_id: str, **arrays: list[Any]) -> list[dict[str, Any]]:
        data = self.execute(
            "mutation($data: AppendManyAssetsData!, $where: ProjectWhere!) {"
            " appendManyAssets(data: $data, where: $where) { id externalId status } }",
            {"data": arrays, "where": {"id": project_id}},
        )
        assets: list[dict[str, Any]] = data["appendManyAssets"]
        return assets

    def asset_ids(self, where: dict[str, Any]) -> list[str]:
        data = self.execute(
            "query($where: AssetWhere!) { assets(where: $where, first: 500, skip: 0) { id } }",
            {"where": where},
        )
        return [asset["id"] for asset in data["assets"]]

    def external_ids(self, where: dict[str, Any]) -> list[str]:
        data = self.execute(
            "query($where: AssetWhere!) {"
            " assets(where: $where, first: 500, skip: 0) { externalId } }",
            {"where": where},
        )
        return [asset["externalId"] for asset in data["assets"]]

    def count_assets(self, where: dict[str, Any]) -> int:
        data = self.execute(
            "query($where: AssetWhere!) { countAssets(where: $where) }", {"where": where}
        )
        count: int = data["countAssets"]
        return count

    def create_user(self, email: str, role: str = "USER") -> str:
        data = self.execute(
            "mutation($data: CreateUserData!) { createUser(data: $data) { id } }",
            {
                "data": {
                    "email": email,
                    "organizationRole": role,
                    "firstname": email.split("@", 1)[0],
                    "lastname": "Tester",
                }
            },
        )
        user_id: str = data["createUser"]["id"]
        return user_id

    def create_api_key(self, email: str, key: str) -> None:
        self.execute(
            "mutation($data: AppendToApiKeysData!, $where: UserWhere!) {"
            " appendToApiKeys(data: $data, where: $where) { id } }",
            {"data": {"key": key, "name": f"key of {email}"}, "where": {"email": email}},
        )

    def add_member(self, project_id: str, email: str, role: str) -> None:
        self.execute(
            "mutation($data: AppendToRolesData!, $where: ProjectWhere!) {"
            " appendToRoles(data: $data, where: $where) { id } }",
            {"data": {"userEmail": email, "role": role}, "where": {"id": project_id}},
        )

    def as_key(self, api_key: str) -> Client:
        return Client(self.endpoint, api_key)


@contextmanager
def seeding(server: EmulatorServer) -> Iterator[Database]:
    """Hold the running server's database in one transaction, to seed it through the store.

    Tests seed labels, issues and project versions this way when the API's writes
    would obscure what they check; the server sees the rows once the block commits.
    """
    db = server.state.db
    with db.transaction():
        yield db


def _asset(db: Database, asset_id: str) -> dict[str, Any]:
    asset = assets.asset_row(db, asset_id)
    assert asset is not None, asset_id
    return asset


def insert_label(
    db: Database,
    asset_id: str,
    author_id: str,
    label_type: str = "DEFAULT",
    **columns: Any,
) -> str:
    """Insert one label for `asset_id` and return its id."""
    row = labels.label_row(_asset(db, asset_id), author_id, label_type, **columns)
    labels.insert_labels(db, [row])
    return str(row["id"])


def insert_issue(db: Database, asset_id: str, author_id: str, **columns: Any) -> None:
    """Insert one issue for `asset_id`, numbered as the server numbers them."""
    issues.insert_issue(db, _asset(db, asset_id), author_id, **columns)


def set_asset(db: Database, asset_id: str, **values: Any) -> None:
    """Set columns of an asset that no mutation sets (status, marks, dates)."""
    assets.update_asset(db, asset_id, values)


def new_organization(db: Database, name: str) -> tuple[str, str]:
    """Create an organization with an ADMIN who holds an API key; return its id and key."""
    organization_id = organizations.insert_organization(db, name)
    suffix = new_id()[-10:]
    admin_id = users.insert_user(db, organization_id, f"admin-{suffix}@other.example", "ADMIN")
    key = f"key-{suffix}"
    api_keys.insert_api_key(db, admin_id, "seeded", key)
    return organization_id, key


def new_member(admin: Client, project_id: str | None, role: str) -> tuple[Client, str]:
    """Create a user with its own API key, member of `project_id` with `role`."""
    suffix = new_id()[-10:]
    email = f"{role.lower()}-{suffix}@example.com"
    user_id = admin.create_user(email)
    key = f"key-{suffix}"
    admin.create_api_key(email, key)
    if project_id is not None:
        admin.add_member(project_id, email, role)
    return admin.as_key(key), user_id
