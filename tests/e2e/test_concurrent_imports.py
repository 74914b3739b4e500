"""Several processes importing overlapping external ids into one project at once.

An import checks which external ids exist before sending, but another import may
create some of them in between; the API then refuses the whole batch with a
conflict. Each import must still finish, skipping what the others created.
"""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from kili.client import Kili
from kili_emulator.server import EmulatorServer

IMPORTERS = 4
PER_IMPORTER = 300
SHIFT = 100


def test_concurrent_imports_with_overlapping_external_ids_all_finish(
    emulator_server: EmulatorServer, kili: Kili, project_id: str
) -> None:
    def import_slice(importer: int) -> list[str]:
        external_ids = [f"e{i}" for i in range(importer * SHIFT, importer * SHIFT + PER_IMPORTER)]
        with Kili(
            api_key=emulator_server.api_key,
            api_endpoint=emulator_server.endpoint,
            disable_tqdm=True,
        ) as client:
            result = client.append_many_to_dataset(
                project_id,
                content_array=[f"https://x/{e}.png" for e in external_ids],
                external_id_array=external_ids,
            )
        return list(result["asset_ids"])

    with ThreadPoolExecutor(IMPORTERS) as pool:
        created = list(pool.map(import_slice, range(IMPORTERS)))
    expected = {f"e{i}" for i in range((IMPORTERS - 1) * SHIFT + PER_IMPORTER)}
    rows = kili.assets(project_id, fields=["id", "externalId"])
    assert Counter(row["externalId"] for row in rows) == dict.fromkeys(expected, 1)
    all_created = [asset_id for ids in created for asset_id in ids]
    assert sorted(all_created) == sorted(row["id"] for row in rows)
