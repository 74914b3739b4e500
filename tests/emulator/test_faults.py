"""Injected latency and faults: failures before and after the mutation committed."""

from __future__ import annotations

import time
from collections import Counter

import httpx

from kili_emulator import EmulatorServer
from kili_emulator.protocol.faults import Fault, FaultInjector
from tests.emulator.helpers import Client

CREATE = "mutation($d: CreateProjectData!) { createProject(data: $d) { id } }"


def create_project(client: Client, title: str) -> str:
    """Send one createProject and return how it ended: a status code or 'dropped'."""
    variables = {
        "d": {"title": title, "description": "", "inputType": "TEXT", "jsonInterface": "{}"}
    }
    try:
        return str(client.post(CREATE, variables).status_code)
    except httpx.TransportError:
        return "dropped"


def test_every_fault_kind_happens_and_some_after_commit() -> None:
    with EmulatorServer(fault_rate=1.0, seed=7) as server:
        client = Client(server.endpoint, server.api_key)
        outcomes = Counter(create_project(client, f"t{index}") for index in range(60))
        assert set(outcomes) == {"502", "503", "dropped"}
        committed = server.state.db.scalar("SELECT COUNT(*) FROM projects")
    # Every request failed, yet the ones failed after execution did create a project.
    assert 0 < committed < 60
    assert committed <= outcomes["502"] + outcomes["dropped"]


def test_a_partial_fault_rate_exposes_blind_retries() -> None:
    with EmulatorServer(fault_rate=0.5, seed=3) as server:
        client = Client(server.endpoint, server.api_key)
        attempts = 0
        while create_project(client, "only-once") != "200":
            attempts += 1
        titles = []
        while not titles:  # reads are safe to retry
            try:
                response = client.post("{ projects(where: {}, first: 100, skip: 0) { title } }")
            except httpx.TransportError:
                continue
            if response.status_code == 200:
                titles = [project["title"] for project in response.json()["data"]["projects"]]
    assert attempts > 0
    assert titles.count("only-once") > 1  # the retries duplicated the write


def test_the_seed_replays_the_same_faults() -> None:
    first, second = FaultInjector(0.5, seed=11), FaultInjector(0.5, seed=11)
    drawn = [first.draw() for _ in range(100)]
    assert drawn == [second.draw() for _ in range(100)]
    assert None in drawn
    assert {fault for fault in drawn if fault is not None} == set(Fault)
    assert FaultInjector(0.0, seed=1).draw() is None


def test_latency_is_added_to_every_request() -> None:
    with EmulatorServer(latency_ms=150) as server:
        started = time.monotonic()
        response = httpx.get(server.base_url + "/api/label/v2/version")
        assert response.status_code == 200
        assert time.monotonic() - started >= 0.15
