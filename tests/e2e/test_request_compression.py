"""Large requests travel gzipped to the emulator, as the official SDK sends them to Kili."""

from __future__ import annotations

import logging

import pytest

from kili.client import Kili
from kili_emulator.server import EmulatorServer

ROWS = 120
"""More than one batch of the import, each asset with metadata of about 12 kB."""


def import_with_large_metadata(kili: Kili, project_id: str) -> list[dict[str, object]]:
    metadata = [{"notes": f"{index}:" + "lorem ipsum " * 1000} for index in range(ROWS)]
    kili.append_many_to_dataset(
        project_id,
        content_array=[f"https://x/{index}.png" for index in range(ROWS)],
        external_id_array=[f"m{index}" for index in range(ROWS)],
        json_metadata_array=metadata,
    )
    rows = kili.assets(project_id, fields=["externalId", "jsonMetadata"])
    return sorted(rows, key=lambda row: int(str(row["externalId"])[1:]))


def test_large_bodies_are_gzipped_and_arrive_whole(
    kili: Kili, project_id: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="kili"):
        rows = import_with_large_metadata(kili, project_id)
    assert [row["externalId"] for row in rows] == [f"m{index}" for index in range(ROWS)]
    assert rows[7]["jsonMetadata"] == {"notes": "7:" + "lorem ipsum " * 1000}
    gzipped = [r for r in caplog.records if "gzipped body" in r.getMessage()]
    assert gzipped, "the import batches of about 1.2 MB were sent uncompressed"


def test_compression_can_be_turned_off_by_the_environment(
    emulator_server: EmulatorServer,
    project_id: str,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KILI_DISABLE_REQUEST_COMPRESSION", "true")
    with (
        Kili(
            api_key=emulator_server.api_key,
            api_endpoint=emulator_server.endpoint,
            disable_tqdm=True,
            rate_limit=None,
        ) as plain,
        caplog.at_level(logging.DEBUG, logger="kili"),
    ):
        rows = import_with_large_metadata(plain, project_id)
    assert len(rows) == ROWS
    assert not [r for r in caplog.records if "gzipped body" in r.getMessage()]
