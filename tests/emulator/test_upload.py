"""Signed upload URLs: PUT stores bytes, GET serves them, asset content is the clean URL."""

from __future__ import annotations

import httpx

from kili_emulator import EmulatorServer
from tests.emulator.helpers import Client, new_member

SIGNED_URLS = "query($paths: [String!]) { createUploadBucketSignedUrls(filePaths: $paths) }"


def signed_url(admin: Client, path: str) -> str:
    url: str = admin.execute(SIGNED_URLS, {"paths": [path]})["createUploadBucketSignedUrls"][0]
    return url


def test_upload_then_serve_then_import(admin: Client, project_id: str) -> None:
    path = f"projects/{project_id}/assets/a1/content"
    url = signed_url(admin, path)
    assert url.startswith("http://127.0.0.1:")
    upload_url = url.split("&id=")[0]  # what the SDK PUTs to
    put = httpx.put(upload_url, content=b"\x89PNG-bytes", headers={"Content-Type": "image/png"})
    assert put.status_code == 200
    clean = url.split("?")[0]
    got = httpx.get(clean, headers=admin.headers)
    assert got.status_code == 200
    assert got.content == b"\x89PNG-bytes"
    assert got.headers["content-type"] == "image/png"
    by_id = httpx.get(
        clean.rsplit("/files/", 1)[0] + "/files", params={"id": path}, headers=admin.headers
    )
    assert by_id.content == b"\x89PNG-bytes"
    assets = admin.import_assets(project_id, contentArray=[url], externalIDArray=["uploaded"])
    content = admin.execute(
        "query($w: AssetWhere!) { assets(where: $w, first: 1, skip: 0) { content } }",
        {"w": {"id": assets[0]["id"]}},
    )["assets"][0]["content"]
    assert content == clean


def test_files_need_a_key_and_a_valid_signature(admin: Client, project_id: str) -> None:
    url = signed_url(admin, f"projects/{project_id}/assets/a2/content")
    upload_url, clean = url.split("&id=")[0], url.split("?")[0]
    forged = upload_url.replace("signature=", "signature=0")
    assert httpx.put(forged, content=b"x").status_code == 403
    assert httpx.put(clean, content=b"x").status_code == 403
    assert httpx.put(upload_url, content=b"x").status_code == 200
    assert httpx.get(clean).status_code == 401
    missing = clean.replace("/a2/", "/a3/")
    assert httpx.get(missing, headers=admin.headers).status_code == 404


def test_uploads_into_a_project_need_edit_rights(admin: Client, project_id: str) -> None:
    labeler, _ = new_member(admin, project_id, "LABELER")
    errors = labeler.errors(SIGNED_URLS, {"paths": [f"projects/{project_id}/assets/x/content"]})
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"
    errors = admin.errors(SIGNED_URLS, {"paths": ["../etc/passwd"]})
    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_signed_urls_follow_the_host_the_client_used(server: EmulatorServer, admin: Client) -> None:
    local = Client(server.endpoint.replace("127.0.0.1", "localhost"), admin.api_key)
    assert signed_url(local, "misc/file.txt").startswith(f"http://localhost:{server.port}/")
