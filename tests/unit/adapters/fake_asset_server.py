"""An in-memory stand-in for the asset part of the API, at the transport level.

It answers the documents the asset gateway sends, keeps the assets it creates, records
every request, and can be told to fail chosen `appendManyAssets` calls the way a network
does: before the server saw them, or after it committed them. It serves the gateway's
own tests, which check the GraphQL operations and variables the gateway sends; the use
cases are tested on `tests.unit.use_cases.fake_asset_gateway`, at the port's level.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from typing import Any

from kili.exceptions import UncertainWriteError
from tests.unit.fakes import InMemoryFiles

_OPERATION = re.compile(r"(?:query|mutation)\s+(\w+)")


class FakeAssetServer(InMemoryFiles):
    """A transport whose `execute` plays the API for assets of one project.

    Attributes:
        assets: The stored assets, in creation order.
        requests: `(operation, variables, idempotent)` of every request received.
        append_faults: Outcomes of the next `appendManyAssets` calls, consumed in order:
            `"after"` commits then fails, `"before"` fails without committing.
        input_type: What the `projects` query answers as the project's input type.
    """

    def __init__(self, project_id: str = "project-1", input_type: str = "IMAGE") -> None:
        super().__init__()
        self.project_id = project_id
        self.input_type = input_type
        self.assets: list[dict[str, Any]] = []
        self.requests: list[tuple[str, dict[str, Any], bool]] = []
        self.append_faults: list[str] = []
        self._ids = itertools.count(1)

    def operations(self) -> list[str]:
        """Names of the operations received, in order."""
        return [name for name, _, _ in self.requests]

    def execute(
        self, document: str, variables: Mapping[str, Any] | None = None, *, idempotent: bool = True
    ) -> dict[str, Any]:
        match = _OPERATION.search(document)
        assert match, document
        name = match.group(1)
        variables = dict(variables or {})
        self.requests.append((name, variables, idempotent))
        handler = getattr(self, f"_{name}")
        return {"data": handler(variables)}

    def _appendManyAssets(self, variables: dict[str, Any]) -> list[dict[str, Any]]:  # noqa: N802
        fault = self.append_faults.pop(0) if self.append_faults else None
        if fault == "before":
            raise UncertainWriteError("connection dropped before the server read the request")
        data = variables["data"]
        created = []
        for index, external_id in enumerate(data["externalIDArray"]):
            asset = {
                "id": f"asset-{next(self._ids)}",
                "externalId": external_id,
                "content": data["contentArray"][index],
                "jsonContent": data["jsonContentArray"][index],
                "jsonMetadata": data["jsonMetadataArray"][index],
                "isHoneypot": data["isHoneypotArray"][index],
                "status": "TODO",
            }
            self.assets.append(asset)
            created.append({"id": asset["id"], "externalId": external_id})
        if fault == "after":
            raise UncertainWriteError("HTTP 502 after the server committed the request")
        return created

    def _assets(self, variables: dict[str, Any]) -> list[dict[str, Any]]:
        rows = self._matching(variables["where"])
        window = rows[variables["skip"] : variables["skip"] + variables["first"]]
        return [dict(row) for row in window]

    def _countAssets(self, variables: dict[str, Any]) -> int:  # noqa: N802
        return len(self._matching(variables["where"]))

    def _filterExistingAssets(self, variables: dict[str, Any]) -> list[str]:  # noqa: N802
        stored = {asset["externalId"] for asset in self.assets}
        return [external_id for external_id in variables["externalIDs"] if external_id in stored]

    def _projects(self, variables: dict[str, Any]) -> list[dict[str, Any]]:
        if variables["where"].get("id") != self.project_id:
            return []
        return [{"id": self.project_id, "inputType": self.input_type}]

    def _updatePropertiesInAssets(self, variables: dict[str, Any]) -> list[dict[str, Any]]:  # noqa: N802
        updated = []
        for where, data in zip(variables["where"], variables["data"], strict=True):
            for asset in self.assets:
                if asset["id"] == where["id"]:
                    asset.update(data)
                    updated.append({"id": asset["id"]})
        return updated

    def _deleteManyFromDataset(self, variables: dict[str, Any]) -> dict[str, Any] | None:  # noqa: N802
        ids = set(variables["where"]["idIn"])
        self.assets = [asset for asset in self.assets if asset["id"] not in ids]
        return {"id": self.project_id}

    def _addAllLabeledAssetsToReview(self, variables: dict[str, Any]) -> dict[str, Any] | None:  # noqa: N802
        moving = [a for a in self._by_ids(variables) if a["status"] in ("LABELED", "REVIEWED")]
        for asset in moving:
            asset["status"] = "TO_REVIEW"
        return {"id": self.project_id} if moving else None

    def _sendBackAssetsToQueue(self, variables: dict[str, Any]) -> dict[str, Any] | None:  # noqa: N802
        for asset in self._by_ids(variables):
            asset["status"] = "ONGOING" if asset["status"] != "TODO" else "TODO"
        return {"id": self.project_id}

    def _createUploadBucketSignedUrls(self, variables: dict[str, Any]) -> list[str]:  # noqa: N802
        return [
            f"https://storage.example/{path}?signature=s&id={path}"
            for path in variables["filePaths"]
        ]

    def _by_ids(self, variables: dict[str, Any]) -> list[dict[str, Any]]:
        ids = set(variables["where"]["idIn"])
        return [asset for asset in self.assets if asset["id"] in ids]

    def _matching(self, where: dict[str, Any]) -> list[dict[str, Any]]:
        rows = self.assets
        if "externalIdStrictlyIn" in where:
            wanted = set(where["externalIdStrictlyIn"])
            rows = [row for row in rows if row["externalId"] in wanted]
        if "idIn" in where:
            ids = set(where["idIn"])
            rows = [row for row in rows if row["id"] in ids]
        if "statusIn" in where:
            rows = [row for row in rows if row["status"] in where["statusIn"]]
        return rows
