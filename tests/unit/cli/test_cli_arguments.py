"""The command line's parsing, usage errors and help, without any server."""

from __future__ import annotations

from pathlib import Path

import pytest

from kili.cli import build_parser, main, project
from kili.exceptions import KiliConnectionError
from kili.version import __version__

# A port nothing listens on: a command that reached the network would fail with status 1.
NO_SERVER = ["--api-key", "key", "--endpoint", "http://127.0.0.1:9/api/label/v2/graphql"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_version_is_printed_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--version") == (0, f"kili, version {__version__}\n", "")


def test_help_names_the_emulator_and_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert "kili-emulator" in out
    code, out, _ = run(capsys, "project", "--help")
    assert code == 0
    for command in ("list", "create", "copy", "describe", "export", "import", "label", "member"):
        assert f"    {command} " in out


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["project"],
        ["project", "member"],
        ["project", "nope"],
        ["project", "list", "--max", "ten"],
        ["project", "create", "--title", "t"],
        ["project", "create", "--title", "t", "--input-type", "AUDIO"],
        ["project", "import", "--project-id", "p"],
        ["project", "import", "a.png", "--from-csv", "a.csv", "--project-id", "p"],
        ["project", "label", "--project-id", "p"],
        ["project", "label", "l/", "--project-id", "p", "--prediction"],
        ["project", "label", "l/", "--project-id", "p", "--input-format", "yolo_v5"],
        ["project", "label", "l/", "--project-id", "p", "--input-format", "coco"],
        ["project", "copy"],
        ["project", "copy", "p", "--with-assets", "--without-assets"],
        ["project", "export", "--project-id", "p", "--output-file", "x"],
        ["project", "member", "add", "--project-id", "p"],
        ["project", "member", "add", "a@b.co", "--from-project", "q", "--project-id", "p"],
        ["project", "member", "add", "--from-project", "q", "--role", "ADMIN", "--project-id", "p"],
        ["project", "member", "add", "a@b.co", "--role", "OWNER", "--project-id", "p"],
        ["project", "member", "rm", "a@b.co", "--all", "--project-id", "p"],
        ["project", "member", "list"],
    ],
)
def test_usage_errors_exit_2_before_any_request(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, out, err = run(capsys, *argv, *NO_SERVER)
    assert code == 2, err
    assert out == ""
    assert "usage: kili" in err


def test_label_with_missing_yolo_options_names_them(capsys: pytest.CaptureFixture[str]) -> None:
    _, _, err = run(capsys, "project", "label", "l/", "--project-id", "p",
                    "--input-format", "yolo_v7", "--target-job", "JOB", *NO_SERVER)  # fmt: skip
    assert "--input-format yolo_v7 needs --metadata-file" in err


def test_defaults_are_the_official_ones() -> None:
    parser = build_parser()
    listed = parser.parse_args(["project", "list"])
    assert (listed.first, listed.tablefmt, listed.api_key, listed.endpoint) == (
        100, "plain", None, None,
    )  # fmt: skip
    copied = parser.parse_args(["project", "copy", "p"])
    assert (
        copied.with_json_interface, copied.with_quality_settings, copied.with_members,
        copied.with_assets, copied.with_labels, copied.title, copied.description,
    ) == (True, True, True, False, False, None, None)  # fmt: skip
    labeled = parser.parse_args(["project", "label", "f", "--project-id", "p"])
    assert (labeled.input_format, labeled.is_prediction, labeled.overwrite) == (
        "kili", False, False,
    )  # fmt: skip
    exported = parser.parse_args(
        ["project", "export", "--project-id", "p", "--output-format", "kili", "--output-file", "o"]
    )
    assert (exported.layout, exported.with_assets, exported.normalized_coordinates) == (
        "merged", True, None,
    )  # fmt: skip
    created = parser.parse_args(["project", "create", "--title", "t", "--input-type", "TEXT"])
    assert created.description == ""
    added = parser.parse_args(["project", "member", "add", "a@b.co", "--project-id", "p"])
    assert added.role is None


def test_a_kili_error_exits_1_with_its_message_only(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(args: object) -> None:
        raise KiliConnectionError("Cannot reach http://127.0.0.1:9")

    monkeypatch.setattr(project, "open_client", refuse)
    code, out, err = run(capsys, "project", "list", *NO_SERVER)
    assert (code, out, err) == (1, "", "Error: Cannot reach http://127.0.0.1:9\n")
    code, out, err = run(capsys, "project", "list", "--verbose", *NO_SERVER)
    assert code == 2  # list has no --verbose, as in the official command line


def test_a_missing_csv_file_exits_1_before_connecting(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "missing.csv"
    code, _, err = run(capsys, "project", "import", "--from-csv", str(missing),
                       "--project-id", "p", *NO_SERVER)  # fmt: skip
    assert code == 1
    assert f"Cannot read the CSV file {missing}" in err


def test_a_csv_file_without_the_columns_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    csv_path = tmp_path / "assets.csv"
    csv_path.write_text("name,url\na,https://example.com/a.png\n", encoding="utf-8")
    code, _, err = run(capsys, "project", "import", "--from-csv", str(csv_path),
                       "--project-id", "p", *NO_SERVER)  # fmt: skip
    assert code == 1
    assert "lacks the column(s) external_id, content" in err
