"""The asset gateway's queue operations: the documents and variables they send."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kili.adapters.kili_api_gateway import KiliAPIGateway
from kili.domain.asset import AssetId
from kili.domain.project import ProjectId
from kili.domain.user import UserId


class RecordingTransport:
    """Answers every request with `answer` and records what was sent."""

    def __init__(self, answer: Any) -> None:
        self.answer = answer
        self.sent: list[tuple[str, dict[str, Any], bool]] = []

    def execute(
        self, document: str, variables: Mapping[str, Any] | None = None, *, idempotent: bool = True
    ) -> dict[str, Any]:
        self.sent.append((document, dict(variables or {}), idempotent))
        return {"data": self.answer}


def gateway_on(transport: RecordingTransport) -> KiliAPIGateway:
    return KiliAPIGateway(transport)  # type: ignore[arg-type]


def test_assign_assets_replaces_the_assignees_of_each_asset() -> None:
    transport = RecordingTransport([{"id": "a1"}, {"id": "a2"}])
    updated = gateway_on(transport).assign_assets(
        [(AssetId("a1"), [UserId("u1"), UserId("u2")]), (AssetId("a2"), [])]
    )
    assert updated == ["a1", "a2"]
    ((document, variables, idempotent),) = transport.sent
    assert "updatePropertiesInAssets" in document
    assert idempotent
    assert variables == {
        "where": [{"id": "a1"}, {"id": "a2"}],
        "data": [
            {"toBeLabeledBy": ["u1", "u2"], "shouldResetToBeLabeledBy": True},
            {"toBeLabeledBy": [], "shouldResetToBeLabeledBy": True},
        ],
    }


def test_set_asset_consensus_sends_the_asset_and_returns_the_answer() -> None:
    transport = RecordingTransport(False)
    answer = gateway_on(transport).set_asset_consensus(ProjectId("p"), AssetId("a"), False)
    assert answer is False
    ((document, variables, _),) = transport.sent
    assert "setAssetConsensus" in document
    assert variables == {"projectId": "p", "assetId": "a", "isConsensus": False}


def test_skip_and_unskip_name_the_asset_in_its_project() -> None:
    transport = RecordingTransport({"id": "a"})
    assert gateway_on(transport).skip_asset(ProjectId("p"), AssetId("a"), "Blurry") == "a"
    transport.answer = "a"
    assert gateway_on(transport).unskip_asset(ProjectId("p"), AssetId("a")) == "a"
    (skip_document, skip, _), (unskip_document, unskip, _) = transport.sent
    assert "skipAsset" in skip_document
    assert skip == {"reason": "Blurry", "where": {"id": "a", "project": {"id": "p"}}}
    assert "unskipAsset" in unskip_document
    assert unskip == {"projectId": "p", "assetId": "a"}
