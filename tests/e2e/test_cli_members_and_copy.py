"""`kili project member ...` and `kili project copy` against the emulator."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from kili.cli import main
from kili.client import Kili
from kili_emulator.server import EmulatorServer


@pytest.fixture
def cli(emulator_server: EmulatorServer, capsys: pytest.CaptureFixture[str]):
    """Run `kili ARGS` in-process against the emulator; return (status, stdout, stderr)."""

    def run(*argv: str) -> tuple[int, str, str]:
        capsys.readouterr()
        connection = ["--api-key", emulator_server.api_key, "--endpoint", emulator_server.endpoint]
        code = main([*argv, *connection])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def _emails(n: int) -> list[str]:
    tag = uuid.uuid4().hex[:8]
    return [f"user{index}.{tag}@example.com" for index in range(n)]


def _members(cli, project_id: str) -> dict[str, str]:
    code, out, err = cli("project", "member", "list", project_id, "--json")
    assert code == 0, err
    return {member["user"]["email"]: member["role"] for member in json.loads(out)}


def test_add_list_update_and_remove_members(cli, project_id: str) -> None:
    first, second = _emails(2)
    code, out, err = cli("project", "member", "add", "--project-id", project_id,
                         "--role", "REVIEWER", first, second)  # fmt: skip
    assert code == 0, err
    assert out == f"2 member(s) have been successfully added to project: {project_id}\n"
    members = _members(cli, project_id)
    assert (members[first], members[second]) == ("REVIEWER", "REVIEWER")

    code, out, err = cli("project", "member", "add", "--project-id", project_id, first)
    assert code == 0
    assert out.startswith("0 member(s)")
    assert f"{first} is already an active member" in err

    code, out, _ = cli("project", "member", "update", "--project-id", project_id,
                       "--role", "TEAM_MANAGER", first)  # fmt: skip
    assert out == f"1 member's role(s) have been successfully updated in project: {project_id}\n"
    assert _members(cli, project_id)[first] == "TEAM_MANAGER"

    code, out, _ = cli("project", "member", "rm", "--project-id", project_id, second)
    assert out == f"1 member(s) have been successfully removed from project: {project_id}\n"
    assert second not in _members(cli, project_id)

    code, out, err = cli("project", "member", "list", project_id)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split() == ["ROLE", "NAME", "EMAIL", "ID", "ORGANIZATION"]
    assert lines[1].startswith("ADMIN")
    assert any(line.startswith("TEAM_MANAGER") and first in line for line in lines)


def test_members_from_csv_and_from_another_project(cli, make_project, tmp_path: Path) -> None:
    source, target = make_project(), make_project()
    first, second = _emails(2)
    csv_path = tmp_path / "members.csv"
    csv_path.write_text(f"email,role\n{first},ADMIN\n{second},LABELER\n", encoding="utf-8")
    code, out, err = cli("project", "member", "add", "--project-id", source,
                         "--from-csv", str(csv_path))  # fmt: skip
    assert code == 0, err
    assert out.startswith("2 member(s)")

    code, out, err = cli("project", "member", "add", "--project-id", target,
                         "--from-project", source)  # fmt: skip
    assert code == 0, err
    members = _members(cli, target)
    assert (members[first], members[second]) == ("ADMIN", "LABELER")

    code, out, _ = cli("project", "member", "rm", "--project-id", target, "--all")
    assert code == 0
    assert not {first, second} & set(_members(cli, target))


def test_invalid_emails_are_refused_before_anything_is_sent(cli, project_id: str) -> None:
    (valid,) = _emails(1)
    code, out, err = cli("project", "member", "add", "--project-id", project_id,
                         valid, "not-an-email")  # fmt: skip
    assert (code, out) == (1, "")
    assert "'not-an-email' is not a valid e-mail address" in err
    assert valid not in _members(cli, project_id)


def test_copy_project_with_its_assets(cli, kili: Kili, project_id: str) -> None:
    kili.append_many_to_dataset(
        project_id, content_array=["https://example.com/a.png"], external_id_array=["a"]
    )
    code, out, err = cli("project", "copy", project_id, "--title", "copied by the CLI",
                         "--with-assets", "--without-members")  # fmt: skip
    assert code == 0, err
    assert out.startswith('Project copied successfully. New project id: "')
    assert out.endswith('", with title: "copied by the CLI"\n')
    new_id = out.split('"')[1]
    assert new_id != project_id
    assert kili.count_assets(new_id) == 1
