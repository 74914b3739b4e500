"""Durability: committed data survives restarts and `kill -9`, never half a batch."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import httpx

import kili_emulator
from kili_emulator import DEFAULT_API_KEY, EmulatorServer
from tests.emulator.helpers import Client, new_member

BATCH = 400


def test_everything_committed_survives_a_restart(tmp_path: Path) -> None:
    db = tmp_path / "restart.db"
    with EmulatorServer(db=db) as server:
        admin = Client(server.endpoint, server.api_key)
        project_id = admin.create_project("durable")
        admin.import_assets(project_id, contentArray=["a", "b"], externalIDArray=["a", "b"])
        member, _ = new_member(admin, project_id, "REVIEWER")
        url = admin.execute(
            "query($p: [String!]) { createUploadBucketSignedUrls(filePaths: $p) }",
            {"p": [f"projects/{project_id}/assets/x/content"]},
        )["createUploadBucketSignedUrls"][0]
    with EmulatorServer(db=db) as server:
        admin = Client(server.endpoint, server.api_key)
        assert admin.external_ids({"project": {"id": project_id}}) == ["a", "b"]
        member_on_new_port = Client(server.endpoint, member.api_key)
        assert member_on_new_port.count_assets({"project": {"id": project_id}}) == 2
        new_port_url = url.replace(url.split("/api/")[0], server.base_url)
        assert httpx.put(new_port_url.split("&id=")[0], content=b"x").status_code == 200
        assert admin.execute("{ countUsers(where: {}) }")["countUsers"] == 2


def start_cli(db: Path) -> tuple[subprocess.Popen[str], str]:
    """Start ``kili-emulator serve`` in a child process; return it and its endpoint."""
    source = Path(kili_emulator.__file__).resolve().parents[1]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(source), os.environ.get("PYTHONPATH", "")]),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kili_emulator.cli",
            "serve",
            "--port",
            "0",
            "--db",
            str(db),
            "--log-level",
            "warning",
        ],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    banner = [process.stdout.readline() for _ in range(3)]
    assert banner[1].strip() == f"API key: {DEFAULT_API_KEY}", banner
    endpoint = banner[0].split(" listening on ")[1].strip()
    assert endpoint.startswith("http://127.0.0.1:")
    assert endpoint.endswith("/api/label/v2/graphql")
    return process, endpoint


def import_until_killed(client: Client, project_id: str, acknowledged: list[int]) -> None:
    for batch in range(1000):
        names = [f"b{batch:03d}-{index:04d}" for index in range(BATCH)]
        try:
            client.import_assets(project_id, contentArray=names, externalIDArray=names)
        except httpx.TransportError:
            return
        acknowledged.append(batch)


def test_kill_9_mid_import_keeps_whole_batches(tmp_path: Path) -> None:
    db = tmp_path / "killed.db"
    process, endpoint = start_cli(db)
    try:
        client = Client(endpoint, DEFAULT_API_KEY)
        project_id = client.create_project("killed")
        acknowledged: list[int] = []
        importer = threading.Thread(
            target=import_until_killed, args=(client, project_id, acknowledged)
        )
        importer.start()
        while len(acknowledged) < 3 and importer.is_alive():
            threading.Event().wait(0.01)
        process.send_signal(signal.SIGKILL)
        importer.join(timeout=30)
    finally:
        process.kill()
        process.wait(timeout=10)
    assert acknowledged, "no batch completed before the kill"
    with EmulatorServer(db=db) as server:
        admin = Client(server.endpoint, server.api_key)
        total = admin.count_assets({"project": {"id": project_id}})
        assert total % BATCH == 0
        for batch in range(total // BATCH + 2):
            count = admin.count_assets(
                {"project": {"id": project_id}, "externalIdIn": [f"b{batch:03d}-"]}
            )
            expected = BATCH if batch < total // BATCH else 0
            assert count == expected, (batch, count)
        assert max(acknowledged) < total // BATCH
