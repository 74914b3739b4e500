"""Which media of an asset are downloaded, under which names, and how assets are rewritten."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kili.domain.asset import AssetFilters
from kili.domain.project import ProjectId
from kili.domain.query import QueryOptions
from kili.exceptions import InvalidArgumentError
from kili.use_cases.asset import AssetUseCases
from kili.use_cases.media import MediaDownloader, default_media_dir, safe_file_stem


def download_into_names(gateway: Any) -> None:
    """Make the mocked gateway 'download' each job to `directory/stem.bin`."""
    gateway.download_many_media.side_effect = lambda jobs: [
        directory / f"{stem}.bin" for _, directory, stem in jobs
    ]


@pytest.mark.parametrize(
    "external_id", ["../../etc/passwd", "/etc/passwd", "..", "a/b", "C:\\x", "", "é/ü"]
)
def test_safe_stems_have_no_separator_and_no_leading_dot(external_id: str) -> None:
    stem = safe_file_stem(external_id)
    assert stem
    assert "/" not in stem
    assert "\\" not in stem
    assert not stem.startswith(".")


def test_a_safe_external_id_is_kept_and_changed_ones_do_not_collide() -> None:
    assert safe_file_stem("scan_001.v2") == "scan_001.v2"
    assert safe_file_stem("a/b") != safe_file_stem("a_b")
    assert safe_file_stem("a/b") != safe_file_stem("a?b")


def test_default_directory_is_per_project_under_the_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "/cache")
    monkeypatch.setattr("sys.platform", "linux")
    assert default_media_dir("p1") == Path("/cache/kili/projects/p1/assets")


def test_contents_are_downloaded_and_replaced_by_local_paths(gateway: Any, tmp_path: Path) -> None:
    download_into_names(gateway)
    assets = [
        {"externalId": "../evil", "content": "https://cdn.example/a.png"},
        {"externalId": "text", "content": "just text"},
    ]
    rows = list(MediaDownloader(gateway, tmp_path, "IMAGE").localize(assets))
    (jobs,) = [call.args[0] for call in gateway.download_many_media.call_args_list]
    assert jobs == [("https://cdn.example/a.png", tmp_path, safe_file_stem("../evil"))]
    assert rows[0]["content"] == str(tmp_path / f"{safe_file_stem('../evil')}.bin")
    assert rows[1]["content"] == "just text"


def test_video_frames_listed_in_json_content_are_downloaded_in_order(
    gateway: Any, tmp_path: Path
) -> None:
    download_into_names(gateway)
    frames = {str(i): f"https://cdn.example/f{i}.jpg" for i in range(11)}
    asset = {"externalId": "v", "content": "", "jsonContent": dict(reversed(frames.items()))}
    (row,) = MediaDownloader(gateway, tmp_path, "VIDEO").localize([asset])
    assert row["jsonContent"] == [str(tmp_path / f"v_{i + 1:02d}.bin") for i in range(11)]
    urls = [url for url, _, _ in gateway.download_many_media.call_args.args[0]]
    assert urls == [frames[str(i)] for i in range(11)]


def test_frames_given_by_a_json_file_url_are_read_first(gateway: Any, tmp_path: Path) -> None:
    download_into_names(gateway)
    gateway.read_json_file.return_value = {"0": "https://cdn.example/0.jpg"}
    asset = {"externalId": "v", "content": "", "jsonContent": "https://cdn.example/frames.json"}
    (row,) = MediaDownloader(gateway, tmp_path, "VIDEO").localize([asset])
    gateway.read_json_file.assert_called_once_with("https://cdn.example/frames.json")
    assert row["jsonContent"] == [str(tmp_path / "v_1.bin")]


def test_downloads_happen_a_round_of_assets_at_a_time(gateway: Any, tmp_path: Path) -> None:
    download_into_names(gateway)
    assets = ({"externalId": f"e{i}", "content": f"https://c/{i}"} for i in range(250))
    rows = MediaDownloader(gateway, tmp_path, "IMAGE").localize(assets)
    next(rows)
    assert gateway.download_many_media.call_count == 1
    assert len(list(rows)) == 249
    assert [len(c.args[0]) for c in gateway.download_many_media.call_args_list] == [100, 100, 50]


def test_listing_with_media_needs_content_and_external_id(gateway: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="externalId"):
        AssetUseCases(gateway).list_assets(
            AssetFilters(ProjectId("p")),
            ("id", "content"),
            QueryOptions(disable_tqdm=True),
            download_media=True,
        )
    gateway.list_assets.assert_not_called()


def test_listing_video_media_reads_json_content_and_drops_it_when_empty(
    gateway: Any, tmp_path: Path
) -> None:
    download_into_names(gateway)
    gateway.list_projects.return_value = iter([{"inputType": "VIDEO"}])
    gateway.list_assets.return_value = iter(
        [{"externalId": "v", "content": "https://c/v.mp4", "jsonContent": ""}]
    )
    rows = list(
        AssetUseCases(gateway).list_assets(
            AssetFilters(ProjectId("p")),
            ("content", "externalId"),
            QueryOptions(disable_tqdm=True),
            download_media=True,
            local_media_dir=str(tmp_path),
        )
    )
    assert gateway.list_assets.call_args.args[1] == ("content", "externalId", "jsonContent")
    assert rows == [{"externalId": "v", "content": str(tmp_path / "v.bin")}]
