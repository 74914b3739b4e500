"""Run the official `kili` command and ours with the same arguments; compare the results.

Each command runs once per command line, on a project of its own, against the emulator
named by `KILI_API_ENDPOINT`. What is compared is what the official command documents:
its printed messages (with project ids replaced), its exit status, and what it writes
(assets, labels, members), read back with this project's SDK.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kili.client import Kili

INTERFACE: dict[str, Any] = {
    "jobs": {
        "CLASSIFICATION_JOB": {
            "mlTask": "CLASSIFICATION",
            "content": {"categories": {"A": {"name": "A"}, "B": {"name": "B"}}, "input": "radio"},
            "instruction": "Class",
            "required": 1,
            "isChild": False,
        },
        "OBJECT_DETECTION_JOB": {
            "mlTask": "OBJECT_DETECTION",
            "tools": ["rectangle"],
            "content": {
                "categories": {"CAR": {"name": "Car"}, "PERSON": {"name": "Person"}},
                "input": "radio",
            },
            "instruction": "Objects",
            "required": 0,
            "isChild": False,
        },
    }
}  # fmt: skip


class Comparison:
    """Run both command lines and record the differences."""

    def __init__(self, official: Path, ours: Path, kili: Kili, folder: Path) -> None:
        self.commands = {"official": official, "ours": ours}
        self.kili = kili
        self.folder = folder
        self.failures: list[str] = []

    def run(self, which: str, *argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.commands[which]), *argv],
            capture_output=True, text=True, check=False, timeout=120,
        )  # fmt: skip

    def project(self, input_type: str) -> str:
        return self.kili.create_project(
            title=f"cli interop {uuid.uuid4().hex[:6]}", input_type=input_type,  # type: ignore[arg-type]
            json_interface=INTERFACE if input_type == "IMAGE" else {"jobs": {}},
        )["id"]  # fmt: skip

    def same(
        self,
        name: str,
        argv: Callable[[str], list[str]],
        read_back: Callable[[str], Any] | None = None,
        setup: Callable[[str], None] | None = None,
        input_type: str = "IMAGE",
    ) -> None:
        """Run `argv(project_id)` with both commands on two projects; compare the outcomes."""
        outcomes = {}
        for which in self.commands:
            project_id = self.project(input_type)
            if setup:
                setup(project_id)
            done = self.run(which, *argv(project_id))
            outcomes[which] = (
                done.returncode,
                done.stdout.replace(project_id, "<project_id>").strip(),
                read_back(project_id) if read_back else None,
            )
        if outcomes["official"] != outcomes["ours"]:
            self.failures.append(
                f"{name}: official {outcomes['official']} != ours {outcomes['ours']}"
            )
        print(f"{'ok  ' if outcomes['official'] == outcomes['ours'] else 'DIFF'} {name}")


def _boxes(kili: Kili, project_id: str) -> list[Any]:
    """The boxes of a project's labels: categories and rounded vertices."""
    labels = kili.labels(project_id, fields=["jsonResponse"])
    return [
        (
            annotation["categories"],
            [
                (round(v["x"], 6), round(v["y"], 6))
                for v in annotation["boundingPoly"][0]["normalizedVertices"]
            ],
        )
        for label in labels
        for annotation in label["jsonResponse"]["OBJECT_DETECTION_JOB"]["annotations"]
    ]  # fmt: skip


def compare(comparison: Comparison) -> None:
    """Compare the commands whose outcome the official command line documents."""
    kili, folder = comparison.kili, comparison.folder
    # Local text files: the official command fetches URLs before importing them, and
    # reads local images only with an extra.
    for name in ("t0", "t1"):
        (folder / f"{name}.txt").write_text(f"text of {name}", encoding="utf-8")
    (folder / "assets.csv").write_text(
        f"external_id,content\nt0,{folder / 't0.txt'}\nt1,{folder / 't1.txt'}\n", encoding="utf-8"
    )
    (folder / "labels").mkdir()
    (folder / "labels" / "img0.json").write_text(
        json.dumps({"CLASSIFICATION_JOB": {"categories": [{"name": "A"}]}}), encoding="utf-8"
    )
    (folder / "yolo").mkdir()
    (folder / "yolo" / "img1.txt").write_text("0 0.5 0.5 0.2 0.4\n1 0.2 0.2 0.1 0.1 0.5\n")
    (folder / "classes.txt").write_text("0 CAR\n1 PERSON\n", encoding="utf-8")

    def with_assets(project_id: str) -> None:
        kili.append_many_to_dataset(
            project_id, content_array=["https://example.com/0.png", "https://example.com/1.png"],
            external_id_array=["img0", "img1"],
        )  # fmt: skip

    comparison.same(
        "project import --from-csv",
        lambda p: ["project", "import", "--from-csv", str(folder / "assets.csv"),
                   "--project-id", p],
        lambda p: sorted(a["externalId"] for a in kili.assets(p, fields=["externalId"])),
        input_type="TEXT",
    )  # fmt: skip
    comparison.same(
        "project label (kili json)",
        lambda p: ["project", "label", str(folder / "labels"), "--project-id", p],
        lambda p: [label["jsonResponse"] for label in kili.labels(p, fields=["jsonResponse"])],
        setup=with_assets,
    )  # fmt: skip
    comparison.same(
        "project label --input-format yolo_v4 --prediction",
        lambda p: ["project", "label", str(folder / "yolo"), "--project-id", p,
                   "--input-format", "yolo_v4", "--metadata-file", str(folder / "classes.txt"),
                   "--target-job", "OBJECT_DETECTION_JOB", "--prediction", "--model-name", "m"],
        lambda p: _boxes(kili, p),
        setup=with_assets,
    )  # fmt: skip
    email = f"cli.interop.{uuid.uuid4().hex[:6]}@example.com"

    def with_member(project_id: str) -> None:
        kili.append_to_roles(project_id=project_id, user_email=email, role="LABELER")

    def roles(project_id: str) -> dict[str, str]:
        users = kili.project_users(
            project_id=project_id, fields=["role", "user.email", "activated"]
        )
        return {u["user"]["email"]: u["role"] for u in users if u["activated"]}

    comparison.same(
        "project member add",
        lambda p: ["project", "member", "add", "--project-id", p, "--role", "REVIEWER", email],
        roles,
    )  # fmt: skip
    comparison.same(
        "project member update",
        lambda p: ["project", "member", "update", "--project-id", p, "--role", "ADMIN", email],
        roles, setup=with_member,
    )  # fmt: skip
    comparison.same(
        "project member rm",
        lambda p: ["project", "member", "rm", "--project-id", p, email],
        roles, setup=with_member,
    )  # fmt: skip
    comparison.same("usage error: no --project-id", lambda p: ["project", "import", "a.png"])
    versions = [comparison.run(which, "--version").stdout for which in comparison.commands]
    if not all(re.fullmatch(r"kili, version \S+\n", version) for version in versions):
        comparison.failures.append(f"--version: {versions}")


def main() -> int:
    """Compare the two command lines; return 1 if they differ."""
    official = Path(sys.argv[1])
    ours = Path(sys.executable).with_name("kili")
    with Kili(disable_tqdm=True, rate_limit=None) as kili, tempfile.TemporaryDirectory() as tmp:
        comparison = Comparison(official, ours, kili, Path(tmp))
        compare(comparison)
    for failure in comparison.failures:
        print(failure, file=sys.stderr)
    print(f"command line: {len(comparison.failures)} difference(s)", file=sys.stderr)
    return 1 if comparison.failures else 0


if __name__ == "__main__":
    os.environ.setdefault("KILI_DISABLE_TQDM", "1")
    sys.exit(main())
