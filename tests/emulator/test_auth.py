"""Authentication: every GraphQL request needs an active API key, else 401."""

from __future__ import annotations

import httpx
import pytest

from kili_emulator import DEFAULT_ADMIN_EMAIL, EmulatorServer
from tests.emulator.helpers import Client, new_member

VIEWER = "{ viewer { id email } }"


def assert_unauthenticated(response: httpx.Response) -> None:
    assert response.status_code == 401
    errors = response.json()["errors"]
    assert errors[0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert errors[0]["message"]


def test_the_sdk_auth_check_answers_the_admin(admin: Client) -> None:
    viewer = admin.execute(VIEWER)["viewer"]
    assert viewer["email"] == DEFAULT_ADMIN_EMAIL
    assert viewer["id"]


def test_me_is_the_viewer(admin: Client) -> None:
    data = admin.execute("{ me { id } viewer { id } }")
    assert data["me"] == data["viewer"]


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "X-API-Key: not-a-key"},
        {"Authorization": "Bearer kili-emulator-dev-key"},
        {"Authorization": "X-API-Key:"},
    ],
    ids=["missing", "wrong", "other-scheme", "empty"],
)
def test_requests_without_a_valid_key_get_401(
    server: EmulatorServer, headers: dict[str, str]
) -> None:
    response = httpx.post(server.endpoint, json={"query": VIEWER}, headers=headers)
    assert_unauthenticated(response)


def test_a_revoked_key_gets_401(admin: Client) -> None:
    member, _ = new_member(admin, None, "LABELER")
    assert member.execute(VIEWER)["viewer"]["email"].startswith("labeler-")
    key_id = admin.execute(
        "query($w: ApiKeyWhere!) { apiKeys(where: $w, first: 10, skip: 0) { id } }",
        {"w": {"key": member.api_key}},
    )["apiKeys"][0]["id"]
    admin.execute(
        "mutation($w: ApiKeyWhere!) {"
        " updatePropertiesInApiKey(data: {revoked: true}, where: $w) { revoked } }",
        {"w": {"id": key_id}},
    )
    assert_unauthenticated(member.post(VIEWER))


def test_a_deactivated_user_gets_401(admin: Client) -> None:
    member, user_id = new_member(admin, None, "LABELER")
    admin.execute(
        "mutation($w: UserWhere!) {"
        " updatePropertiesInUser(data: {activated: false}, where: $w) { activated } }",
        {"w": {"id": user_id}},
    )
    assert_unauthenticated(member.post(VIEWER))


def test_users_manage_their_own_keys_only(admin: Client) -> None:
    member, _ = new_member(admin, None, "LABELER")
    own = member.execute("{ countApiKeys(where: {}) }")["countApiKeys"]
    assert own == 1
    assert admin.execute("{ countApiKeys(where: {}) }")["countApiKeys"] >= 2
    errors = member.errors(
        'mutation { appendToApiKeys(data: {key: "x-other", name: "n"},'
        f' where: {{email: "{DEFAULT_ADMIN_EMAIL}"}}) {{ id }} }}'
    )
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"


def test_a_generated_key_works(admin: Client) -> None:
    member, _ = new_member(admin, None, "LABELER")
    email = member.execute(VIEWER)["viewer"]["email"]
    key = member.execute(
        "mutation($w: UserWhere!) {"
        ' appendToApiKeys(data: {key: "", name: "generated"}, where: $w) { key } }',
        {"w": {"email": email}},
    )["appendToApiKeys"]["key"]
    assert key
    assert member.as_key(key).execute(VIEWER)["viewer"]["email"].startswith("labeler-")


def test_version_and_introspection(server: EmulatorServer, admin: Client) -> None:
    version = httpx.get(server.base_url + "/api/label/v2/version").json()
    assert version["version"]
    names = admin.execute("{ __schema { queryType { fields { name } } } }")
    assert "assets" in {field["name"] for field in names["__schema"]["queryType"]["fields"]}
