"""Uploads to signed URLs and media downloads, over a mocked HTTP layer."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from kili.adapters.kili_api_gateway import KiliAPIGateway
from kili.adapters.transport import GraphQLTransport
from kili.config import ApiKey, RetryPolicy
from kili.domain.project import ProjectId
from kili.exceptions import InvalidArgumentError, ServerError

ENDPOINT = "https://kili.example/api/label/v2/graphql"
API_KEY = "secret-key"


class FakeWeb:
    """The API (GraphQL and its file route) and two foreign hosts, recording requests."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self.files = {
            "https://cdn.example/cat": (b"meow", "image/png"),
            "https://cdn.example/dog.jpg": (b"woof", "image/jpeg"),
            "https://kili.example/api/label/v2/files/projects/p/assets/x/content": (
                b"own",
                "image/png",
            ),
        }
        self.failures_left = 0
        self.failure_status = 503

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        url = str(request.url)
        if request.method == "POST" and url == ENDPOINT:
            paths = json.loads(request.content)["variables"]["filePaths"]
            urls = [f"https://bucket.example/{p}?X-Sig=abc&id={p}" for p in paths]
            return httpx.Response(200, json={"data": {"data": urls}})
        if request.method == "PUT":
            if self.failures_left:
                self.failures_left -= 1
                return httpx.Response(self.failure_status)
            return httpx.Response(200)
        if url in self.files:
            body, media_type = self.files[url]
            content = b"" if request.method == "HEAD" else body
            return httpx.Response(200, content=content, headers={"content-type": media_type})
        return httpx.Response(404)

    def sent_to(self, host: str) -> list[httpx.Request]:
        return [request for request in self.requests if request.url.host == host]


@pytest.fixture
def web() -> FakeWeb:
    return FakeWeb()


FAST = RetryPolicy(max_attempts=4, initial_backoff=0.001, max_backoff=0.01)


@pytest.fixture
def gateway(web: FakeWeb) -> KiliAPIGateway:
    client = httpx.Client(transport=httpx.MockTransport(web.handle))
    transport = GraphQLTransport(ENDPOINT, ApiKey(API_KEY), retry=FAST, http_client=client)
    return KiliAPIGateway(transport)


def test_local_files_are_put_to_signed_urls_without_the_api_key(
    gateway: KiliAPIGateway, web: FakeWeb, tmp_path: Path
) -> None:
    text = tmp_path / "doc.txt"
    text.write_text("hello")
    image = tmp_path / "cat.png"
    image.write_bytes(b"\x89PNG")
    urls = gateway.upload_local_files(ProjectId("p"), [text, image])

    puts = [request for request in web.requests if request.method == "PUT"]
    assert sorted((put.content, put.headers["content-type"]) for put in puts) == sorted(
        [(b"\x89PNG", "image/png"), (b"hello", "text/plain; charset=utf-8")]
    )
    assert all("authorization" not in put.headers for put in puts)
    assert all("&id=" not in str(put.url) and "X-Sig=abc" in str(put.url) for put in puts)
    # the URL stored as content keeps the `id` part, as the API expects
    assert all(url.startswith("https://bucket.example/projects/p/assets/") for url in urls)
    assert all(url.endswith("/content") and "&id=projects/p/assets/" in url for url in urls)


def test_signed_urls_are_asked_for_in_chunks_of_thirty(
    gateway: KiliAPIGateway, web: FakeWeb, tmp_path: Path
) -> None:
    paths = []
    for index in range(31):
        path = tmp_path / f"{index}.png"
        path.write_bytes(b"x")
        paths.append(path)
    assert len(gateway.upload_local_files(ProjectId("p"), paths)) == 31
    posts = [json.loads(r.content) for r in web.requests if r.method == "POST"]
    assert [len(post["variables"]["filePaths"]) for post in posts] == [30, 1]
    assert all(
        post["query"].lstrip().startswith("query createUploadBucketSignedUrls") for post in posts
    )


def test_an_upload_is_retried_on_a_transient_status(
    gateway: KiliAPIGateway, web: FakeWeb, tmp_path: Path
) -> None:
    web.failures_left = 1
    path = tmp_path / "a.png"
    path.write_bytes(b"x")
    gateway.upload_local_files(ProjectId("p"), [path])
    assert len([r for r in web.requests if r.method == "PUT"]) == 2


def test_uploads_follow_the_client_retry_policy(
    gateway: KiliAPIGateway, web: FakeWeb, tmp_path: Path
) -> None:
    web.failures_left = 100
    path = tmp_path / "a.png"
    path.write_bytes(b"x")
    with pytest.raises(ServerError, match="503"):
        gateway.upload_local_files(ProjectId("p"), [path])
    assert len([r for r in web.requests if r.method == "PUT"]) == FAST.max_attempts


def test_an_upload_answered_http_500_is_not_retried(
    gateway: KiliAPIGateway, web: FakeWeb, tmp_path: Path
) -> None:
    """HTTP 500 is a server bug, not a transient fault: no retry, as for GraphQL requests."""
    web.failures_left, web.failure_status = 1, 500
    path = tmp_path / "a.png"
    path.write_bytes(b"x")
    with pytest.raises(ServerError, match="500"):
        gateway.upload_local_files(ProjectId("p"), [path])
    assert len([r for r in web.requests if r.method == "PUT"]) == 1


def test_a_download_names_the_file_by_its_media_type_and_skips_it_next_time(
    gateway: KiliAPIGateway, web: FakeWeb, tmp_path: Path
) -> None:
    path = gateway.download_media("https://cdn.example/cat", tmp_path, "cat-1")
    assert path == tmp_path.resolve() / "cat-1.png"
    assert path.read_bytes() == b"meow"
    gets = len([r for r in web.requests if r.method == "GET"])
    assert gateway.download_media("https://cdn.example/cat", tmp_path, "cat-1") == path
    assert len([r for r in web.requests if r.method == "GET"]) == gets
    assert list(tmp_path.iterdir()) == [path], "no partial file is left behind"


def test_a_url_with_a_known_extension_needs_no_head_request(
    gateway: KiliAPIGateway, web: FakeWeb, tmp_path: Path
) -> None:
    path = gateway.download_media("https://cdn.example/dog.jpg", tmp_path, "dog")
    assert path.name == "dog.jpg"
    assert [r.method for r in web.requests] == ["GET"]


def test_the_api_key_goes_only_to_the_api_host(
    gateway: KiliAPIGateway, web: FakeWeb, tmp_path: Path
) -> None:
    gateway.download_media("https://cdn.example/cat", tmp_path, "foreign")
    own = "https://kili.example/api/label/v2/files/projects/p/assets/x/content"
    gateway.download_media(own, tmp_path, "own")
    assert all("authorization" not in r.headers for r in web.sent_to("cdn.example"))
    assert all(
        r.headers["authorization"] == f"X-API-Key: {API_KEY}" for r in web.sent_to("kili.example")
    )


@pytest.mark.parametrize("stem", ["../../etc/passwd", "/etc/passwd", "a/../../b", "sub/dir"])
def test_a_file_name_can_never_leave_the_target_directory(
    gateway: KiliAPIGateway, tmp_path: Path, stem: str
) -> None:
    with pytest.raises(InvalidArgumentError, match="outside"):
        gateway.download_media("https://cdn.example/dog.jpg", tmp_path / "media", stem)
    assert not (tmp_path / "etc").exists()


def test_a_missing_file_is_an_error(gateway: KiliAPIGateway, tmp_path: Path) -> None:
    with pytest.raises(ServerError, match="404"):
        gateway.download_media("https://cdn.example/none.png", tmp_path, "none")
    assert list(tmp_path.iterdir()) == []


def test_many_downloads_come_back_in_order(gateway: KiliAPIGateway, tmp_path: Path) -> None:
    jobs = [
        ("https://cdn.example/dog.jpg", tmp_path, "one"),
        ("https://cdn.example/cat", tmp_path, "two"),
    ]
    assert [p.name for p in gateway.download_many_media(jobs)] == ["one.jpg", "two.png"]
