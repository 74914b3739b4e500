"""Project versions, end to end against the emulator over real HTTP.

The API has no mutation that creates a version (Kili makes them while exporting), so
the versions are seeded through the emulator's store.
"""

from __future__ import annotations

import pytest

from kili.client import Kili
from kili.exceptions import NotFound, PermissionDenied
from kili_emulator.server import EmulatorServer
from kili_emulator.store import project_versions
from tests.emulator.helpers import Client, new_member, seeding


@pytest.fixture
def version_ids(emulator_server: EmulatorServer, project_id: str) -> list[str]:
    with seeding(emulator_server) as db:
        return [
            project_versions.insert_project_version(db, project_id, f"v{i}", f"s3://v{i}")
            for i in range(3)
        ]


def test_versions_are_listed_and_counted(
    kili: Kili, project_id: str, version_ids: list[str]
) -> None:
    versions = kili.project_version(project_id)
    assert [version["id"] for version in versions] == version_ids
    assert set(versions[0]) == {"createdAt", "id", "content", "name", "projectId"}
    assert versions[0]["projectId"] == project_id
    assert kili.count_project_versions(project_id) == 3
    window = kili.project_version(project_id, 1, 1, fields=["name"], as_generator=True)
    assert list(window) == [{"name": "v1"}]


def test_the_link_of_a_version_is_set_and_cleared(
    kili: Kili, project_id: str, version_ids: list[str]
) -> None:
    updated = kili.update_properties_in_project_version(version_ids[0], "https://new")
    assert updated == {
        "content": "https://new",
        "id": version_ids[0],
        "name": "v0",
        "projectId": project_id,
    }
    assert kili.update_properties_in_project_version(version_ids[0], None)["content"] is None
    (first,) = kili.project_version(project_id, first=1, fields=["content"])
    assert first == {"content": None}
    with pytest.raises(NotFound):
        kili.update_properties_in_project_version("no-such-version", "x")


def test_a_labeler_cannot_change_a_version(
    emulator_server: EmulatorServer, kili: Kili, project_id: str, version_ids: list[str]
) -> None:
    admin = Client(emulator_server.endpoint, emulator_server.api_key)
    labeler, _ = new_member(admin, project_id, "LABELER")
    with Kili(api_key=labeler.api_key, api_endpoint=emulator_server.endpoint) as as_labeler:
        assert as_labeler.count_project_versions(project_id) == 3
        with pytest.raises(PermissionDenied):
            as_labeler.update_properties_in_project_version(version_ids[1], "x")
    assert kili.project_version(project_id, fields=["content"])[1] == {"content": "s3://v1"}
