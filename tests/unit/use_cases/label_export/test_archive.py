"""The export archive: members by path, moved in place on success, gone on failure."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from kili.exceptions import InternalError
from kili.use_cases.label_export.archive import Spool, ZipArchive, archive_path


def test_a_complete_archive_replaces_the_target(tmp_path: Path) -> None:
    target = tmp_path / "out.zip"
    target.write_bytes(b"old")
    media = tmp_path / "image.png"
    media.write_bytes(b"\x89PNG")
    spool = Spool()
    spool.write(b"[1, ")
    spool.write(b"2]")
    with ZipArchive(target) as archive:
        archive.add_bytes("README.kili.txt", b"hello")
        archive.add_file("data/image 1.png", media)
        archive.add_directory("labels")
        with archive.open_member("data.json") as member:
            spool.copy_to(member)
    spool.close()
    with zipfile.ZipFile(target) as written:
        assert written.namelist() == ["README.kili.txt", "data/image 1.png", "labels/", "data.json"]
        assert written.read("data.json") == b"[1, 2]"
        assert written.read("data/image 1.png") == b"\x89PNG"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["image.png", "out.zip"]


def test_a_failed_archive_leaves_the_target_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "out.zip"
    target.write_bytes(b"old")

    def interrupted() -> None:
        with ZipArchive(target) as archive:
            archive.add_bytes("a.json", b"{}")
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        interrupted()
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.zip"]


@pytest.mark.parametrize("parts", [("..", "x"), ("/etc/passwd",), ("labels", "../../x")])
def test_paths_outside_the_root_are_refused(parts: tuple[str, ...]) -> None:
    with pytest.raises(InternalError):
        archive_path(*parts)


def test_a_member_is_written_once(tmp_path: Path) -> None:

    def twice() -> None:
        with ZipArchive(tmp_path / "o.zip") as archive:
            archive.add_bytes("x.json", b"1")
            archive.add_bytes("x.json", b"2")

    with pytest.raises(InternalError, match="written twice"):
        twice()
    assert list(tmp_path.iterdir()) == []
