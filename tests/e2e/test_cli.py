"""The `kili` command line against the emulator: stdout, stderr and exit statuses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from kili.cli import main
from kili.client import Kili
from kili_emulator.pytest_plugin import DEFAULT_JSON_INTERFACE
from kili_emulator.server import EmulatorServer


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


CliRunner = Callable[..., Run]


@pytest.fixture
def cli(emulator_server: EmulatorServer, capsys: pytest.CaptureFixture[str]) -> CliRunner:
    """Run `kili ARGS` in-process, connected to the emulator by its options."""

    def run(*argv: str) -> Run:
        capsys.readouterr()
        connection = ["--api-key", emulator_server.api_key, "--endpoint", emulator_server.endpoint]
        code = main([*argv, *connection])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture
def interface_file(tmp_path: Path) -> Path:
    path = tmp_path / "interface.json"
    path.write_text(json.dumps(DEFAULT_JSON_INTERFACE), encoding="utf-8")
    return path


def _create(cli: CliRunner, interface_file: Path, title: str | None = None) -> str:
    title = title or f"cli {uuid.uuid4().hex[:8]}"
    run = cli("project", "create", str(interface_file), "--input-type", "IMAGE", "--title", title)
    assert run.code == 0, run.stderr
    header, row = run.stdout.splitlines()
    assert header.split() == ["ID", "URL"]
    project_id, url = row.split()
    assert url.endswith(f"/label/projects/{project_id}/")
    return project_id


def _import_assets(cli: CliRunner, tmp_path: Path, project_id: str, count: int) -> None:
    csv_path = tmp_path / "assets.csv"
    rows = [f"img{index},https://example.com/{index}.png" for index in range(count)]
    csv_path.write_text("external_id,content\n" + "\n".join(rows) + "\n", encoding="utf-8")
    run = cli("project", "import", "--from-csv", str(csv_path), "--project-id", project_id)
    assert run.code == 0, run.stderr
    assert run.stdout == ""
    assert f"{count} asset(s) imported" in run.stderr


def test_create_import_and_list(
    cli: CliRunner, kili: Kili, interface_file: Path, tmp_path: Path
) -> None:
    title = f"listed {uuid.uuid4().hex[:8]}"
    project_id = _create(cli, interface_file, title)
    (created,) = kili.projects(project_id=project_id, fields=["title", "inputType"])
    assert created == {"title": title, "inputType": "IMAGE"}

    _import_assets(cli, tmp_path, project_id, 3)
    assert sorted(a["externalId"] for a in kili.assets(project_id, fields=["externalId"])) == [
        "img0",
        "img1",
        "img2",
    ]

    listed = cli("project", "list", "--max", "1000")
    assert listed.code == 0
    lines = listed.stdout.splitlines()
    assert lines[0].split() == ["TITLE", "ID", "PROGRESS", "DESCRIPTION"]
    (row,) = [line for line in lines if project_id in line]
    assert row.startswith(title)
    assert "0.0%" in row

    as_json = cli("project", "list", "--max", "1000", "--json")
    projects = {p["id"]: p for p in json.loads(as_json.stdout)}
    assert projects[project_id]["numberOfAssets"] == 3
    assert cli("project", "list", "--max", "1", "--json").stdout.count('"id"') == 1


def test_create_from_another_project_reuses_its_interface(
    cli: CliRunner, kili: Kili, interface_file: Path
) -> None:
    source = _create(cli, interface_file)
    run = cli("project", "create", "--from-project", source, "--input-type", "IMAGE",
              "--title", "copy of interface")  # fmt: skip
    assert run.code == 0, run.stderr
    new_id = run.stdout.splitlines()[1].split()[0]
    (project,) = kili.projects(project_id=new_id, fields=["jsonInterface"])
    assert project["jsonInterface"]["jobs"].keys() == DEFAULT_JSON_INTERFACE["jobs"].keys()


def test_labels_from_kili_json_files(
    cli: CliRunner, kili: Kili, interface_file: Path, tmp_path: Path
) -> None:
    project_id = _create(cli, interface_file)
    _import_assets(cli, tmp_path, project_id, 2)
    labels = tmp_path / "labels"
    labels.mkdir()
    for external_id, category in (("img0", "A"), ("img1", "B")):
        response = {"CLASSIFICATION_JOB": {"categories": [{"name": category}]}}
        (labels / f"{external_id}.json").write_text(json.dumps(response), encoding="utf-8")
    (labels / "notes.txt").write_text("not a label", encoding="utf-8")

    run = cli("project", "label", str(labels), "--project-id", project_id)
    assert run.code == 0, run.stderr
    assert "2 labels have been successfully imported" in run.stderr
    found = kili.labels(project_id, fields=["jsonResponse", "labelOf.externalId", "labelType"])
    by_asset = {label["labelOf"]["externalId"]: label for label in found}
    assert by_asset["img1"]["jsonResponse"]["CLASSIFICATION_JOB"]["categories"][0]["name"] == "B"
    assert {label["labelType"] for label in found} == {"DEFAULT"}


def test_predictions_from_yolo_files(
    cli: CliRunner, kili: Kili, interface_file: Path, tmp_path: Path
) -> None:
    project_id = _create(cli, interface_file)
    _import_assets(cli, tmp_path, project_id, 1)
    (tmp_path / "yolo").mkdir()
    (tmp_path / "yolo" / "img0.txt").write_text(
        "0 0.5 0.5 0.2 0.4\n1 0.25 0.25 0.1 0.1 0.9\n", encoding="utf-8"
    )
    (tmp_path / "data.yaml").write_text("names:\n  0: Car\n  1: PERSON\n", encoding="utf-8")

    run = cli("project", "label", str(tmp_path / "yolo"), "--project-id", project_id,
              "--input-format", "yolo_v5", "--metadata-file", str(tmp_path / "data.yaml"),
              "--target-job", "OBJECT_DETECTION_JOB",
              "--prediction", "--model-name", "yolo")  # fmt: skip
    assert run.code == 0, run.stderr
    (label,) = kili.labels(project_id, fields=["jsonResponse", "labelType", "modelName"])
    assert (label["labelType"], label["modelName"]) == ("PREDICTION", "yolo")
    car, person = label["jsonResponse"]["OBJECT_DETECTION_JOB"]["annotations"]
    assert car["categories"] == [{"name": "CAR", "confidence": 100}]
    assert person["categories"] == [{"name": "PERSON", "confidence": 90}]
    xs = [vertex["x"] for vertex in car["boundingPoly"][0]["normalizedVertices"]]
    ys = [vertex["y"] for vertex in car["boundingPoly"][0]["normalizedVertices"]]
    assert (min(xs), max(xs), min(ys), max(ys)) == pytest.approx((0.4, 0.6, 0.3, 0.7))


def test_yolo_class_that_is_no_category_is_refused_before_any_write(
    cli: CliRunner, kili: Kili, interface_file: Path, tmp_path: Path
) -> None:
    project_id = _create(cli, interface_file)
    _import_assets(cli, tmp_path, project_id, 1)
    (tmp_path / "img0.txt").write_text("0 0.5 0.5 0.2 0.4\n", encoding="utf-8")
    (tmp_path / "classes.txt").write_text("BICYCLE\n", encoding="utf-8")
    run = cli("project", "label", str(tmp_path / "img0.txt"), "--project-id", project_id,
              "--input-format", "yolo_v4", "--metadata-file", str(tmp_path / "classes.txt"),
              "--target-job", "OBJECT_DETECTION_JOB")  # fmt: skip
    assert run.code == 1
    assert "'BICYCLE'" in run.stderr
    assert "CAR, PERSON" in run.stderr
    assert "Traceback" not in run.stderr
    assert kili.count_labels(project_id) == 0


def test_describe_shows_counts_members_and_labels(
    cli: CliRunner, interface_file: Path, tmp_path: Path
) -> None:
    project_id = _create(cli, interface_file, "described")
    _import_assets(cli, tmp_path, project_id, 2)
    run = cli("project", "describe", project_id)
    assert run.code == 0, run.stderr
    assert "Title        described" in run.stdout
    assert f"Id           {project_id}" in run.stdout
    assert "Total number of assets      2" in run.stdout
    assert "TODO       2" in run.stdout
    assert "ADMIN  admin@kili-emulator.local" in run.stdout

    as_json = json.loads(cli("project", "describe", project_id, "--json").stdout)
    assert as_json["assetsPerStatus"] == {
        "TODO": 2, "ONGOING": 0, "LABELED": 0, "TO_REVIEW": 0, "REVIEWED": 0,
    }  # fmt: skip
    assert as_json["labelsPerType"]["DEFAULT"] == 0
    assert as_json["inputType"] == "IMAGE"


def test_unknown_project_exits_1_with_the_message_only(cli: CliRunner) -> None:
    run = cli("project", "describe", "no-such-project")
    assert (run.code, run.stdout) == (1, "")
    assert run.stderr.startswith("Error: ")
    assert "no-such-project" in run.stderr
    assert "Traceback" not in run.stderr


def test_verbose_adds_the_traceback(cli: CliRunner, tmp_path: Path) -> None:
    run = cli("project", "label", str(tmp_path), "--project-id", "p", "--verbose")
    assert run.code == 1
    assert "Traceback" in run.stderr
    assert "No label files to import" in run.stderr


def test_export_writes_the_archive_and_names_it(
    cli: CliRunner, kili: Kili, project_id: str, tmp_path: Path
) -> None:
    kili.append_many_to_dataset(
        project_id, content_array=["https://example.com/a.jpg"], external_id_array=["a"]
    )
    (asset,) = kili.assets(project_id, fields=["id"])
    kili.append_labels(
        asset_id_array=[asset["id"]],
        json_response_array=[{"CLASSIFICATION_JOB": {"categories": [{"name": "A"}]}}],
    )
    target = tmp_path / "out.zip"
    run = cli("project", "export", "--project-id", project_id, "--output-format", "kili",
              "--output-file", str(target), "--without-assets", "--single-file")  # fmt: skip
    assert (run.code, run.stdout, run.stderr.strip()) == (0, "", str(target))
    with zipfile.ZipFile(target) as archive:
        (exported,) = json.loads(archive.read("data.json"))
    assert exported["externalId"] == "a"
    assert exported["latestLabel"]["jsonResponse"]["CLASSIFICATION_JOB"]["categories"] == [
        {"name": "A"}
    ]


def test_export_refusal_exits_1_and_writes_nothing(
    cli: CliRunner, project_id: str, tmp_path: Path
) -> None:
    target = tmp_path / "out.zip"
    run = cli("project", "export", "--project-id", project_id, "--output-format", "coco",
              "--output-file", str(target), "--normalized-coordinates")  # fmt: skip
    assert (run.code, run.stdout) == (1, "")
    assert "does not support normalized coordinates" in run.stderr
    assert list(tmp_path.iterdir()) == []


def test_wrong_key_exits_1(
    emulator_server: EmulatorServer, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["project", "list", "--api-key", "wrong", "--endpoint", emulator_server.endpoint])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.out == ""
    assert "wrong" not in captured.err


def test_installed_script_reads_the_environment(
    emulator_server: EmulatorServer, interface_file: Path
) -> None:
    script = Path(sys.executable).parent / "kili"
    env = {
        **os.environ,
        "KILI_API_KEY": emulator_server.api_key,
        "KILI_API_ENDPOINT": emulator_server.endpoint,
    }
    created = subprocess.run(
        [str(script), "project", "create", str(interface_file), "--input-type", "IMAGE",
         "--title", "from the script", "--stdout-format", "github"],
        capture_output=True, text=True, env=env, check=False, timeout=60,
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    header, rule, row = created.stdout.splitlines()
    assert header.startswith("| ID ")
    assert set(rule) <= {"|", "-"}
    project_id = row.split("|")[1].strip()
    listed = subprocess.run(
        [str(script), "project", "list", "--max", "1000", "--json"],
        capture_output=True, text=True, env=env, check=False, timeout=60,
    )  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    assert project_id in {p["id"] for p in json.loads(listed.stdout)}
    usage = subprocess.run(
        [str(script), "project", "create", "--title", "t"],
        capture_output=True, text=True, env=env, check=False, timeout=60,
    )  # fmt: skip
    assert usage.returncode == 2
    assert "--input-type" in usage.stderr
