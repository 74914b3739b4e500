"""Tag and issue writes under faults, on fake gateways: a lost answer is read back."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime, timezone
from typing import Any

import pytest

from kili.domain.issue import IssueFilters, IssueId, IssueToCreate
from kili.domain.label import LabelFilters, LabelId
from kili.domain.project import ProjectId
from kili.domain.query import FieldPaths, QueryOptions
from kili.domain.tag import TagId
from kili.exceptions import UncertainWriteError
from kili.use_cases import verified_write
from kili.use_cases.issue import IssueUseCases
from kili.use_cases.tag import TagUseCases

PROJECT = ProjectId("p")


@pytest.fixture(autouse=True)
def no_resend_pause(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(verified_write, "RESEND_BACKOFF_SECONDS", 0.0)


class FakeTagServer:
    """Tags in memory; `faults` makes the next writes apply and then lose their answer."""

    def __init__(self) -> None:
        self.tags: dict[str, str] = {"t0": "old"}
        self.attached: list[str] = ["t0"]
        self.faults = 0
        self.sent = 0

    def _lose_answer(self) -> None:
        self.sent += 1
        if self.faults:
            self.faults -= 1
            raise UncertainWriteError("HTTP 502 after the server committed it")

    def list_tags_of_organization(self, fields: FieldPaths) -> list[dict[str, Any]]:
        return [{"id": i, "label": label, "color": "#000"} for i, label in self.tags.items()]

    def list_tags_of_project(self, project_id: ProjectId, fields: FieldPaths) -> list[Any]:
        return [{"id": tag_id} for tag_id in self.attached]

    def create_tag(self, label: str, color: str | None) -> dict[str, Any]:
        tag_id = f"t{len(self.tags)}"
        self.tags[tag_id] = label
        self._lose_answer()
        return {"id": tag_id, "label": label, "color": color}

    def delete_tag(self, tag_id: TagId) -> bool:
        if tag_id not in self.tags:
            raise AssertionError("deleted twice")
        del self.tags[tag_id]
        self._lose_answer()
        return True

    def uncheck_tag(self, project_id: ProjectId, tag_id: TagId) -> TagId:
        self.attached.remove(tag_id)
        self._lose_answer()
        return tag_id


def test_a_tag_whose_creation_answer_is_lost_is_found_not_made_twice() -> None:
    server = FakeTagServer()
    server.faults = 1
    created = TagUseCases(server).create_tag("new", None)  # type: ignore[arg-type]
    assert created["label"] == "new"
    assert list(server.tags.values()) == ["old", "new"]
    assert server.sent == 1


def test_a_tag_whose_deletion_answer_is_lost_is_not_deleted_again() -> None:
    server = FakeTagServer()
    server.faults = 1
    assert TagUseCases(server).delete_tag(TagId("t0"), None) is True  # type: ignore[arg-type]
    assert server.tags == {}
    assert server.sent == 1


def test_an_untag_whose_answer_is_lost_is_read_back() -> None:
    server = FakeTagServer()
    server.faults = 1
    use_cases = TagUseCases(server)  # type: ignore[arg-type]
    assert use_cases.untag_project(PROJECT, tag_ids=None, labels=None, disable_tqdm=True) == ["t0"]
    assert server.attached == []
    assert server.sent == 1


class FakeIssueServer:
    """Issues in memory; `faults` lists, per request, where its answer is lost."""

    def __init__(self) -> None:
        self.issues: list[dict[str, Any]] = []
        self.faults: list[str | None] = []
        self.requests = 0

    def get_current_user(self, fields: FieldPaths) -> dict[str, Any]:
        return {"id": "me"}

    def list_labels(
        self, filters: LabelFilters, fields: FieldPaths, options: QueryOptions
    ) -> Iterator[dict[str, Any]]:
        return iter({"id": i, "labelOf": {"id": f"asset-{i}"}} for i in filters.id_in or ())

    def create_issues(self, project_id: ProjectId, issues: Sequence[IssueToCreate]) -> list[Any]:
        self.requests += 1
        fault = self.faults.pop(0) if self.faults else None
        if fault == "before":
            raise UncertainWriteError("connection dropped before the server read it")
        ids = []
        for issue in issues:
            issue_id = IssueId(f"i{len(self.issues)}")
            self.issues.append(
                {
                    "id": issue_id,
                    "createdAt": datetime.now(timezone.utc).isoformat(),
                    "assetId": issue.asset_id,
                    "objectMid": issue.object_mid,
                    "type": issue.issue_type,
                    "author": {"user": {"id": "me"}},
                    "comments": [{"text": issue.text, "createdAt": "1"}] if issue.text else [],
                }
            )
            ids.append(issue_id)
        if fault == "after":
            raise UncertainWriteError("HTTP 502 after the server committed it")
        return ids

    def list_issues(
        self, filters: IssueFilters, fields: FieldPaths, options: QueryOptions
    ) -> Iterator[dict[str, Any]]:
        assets = set(filters.asset_id_in or ())
        return iter([dict(issue) for issue in self.issues if issue["assetId"] in assets])


def issues(count: int) -> list[IssueToCreate]:
    return [IssueToCreate(LabelId(f"l{i % 3}"), text=f"text {i}") for i in range(count)]


def test_issues_whose_answer_is_lost_are_read_back_not_resent() -> None:
    server = FakeIssueServer()
    server.faults = [None, "after"]
    created = IssueUseCases(server).create_issues(  # type: ignore[arg-type]
        PROJECT, issues(250), disable_tqdm=True
    )
    assert created == [f"i{i}" for i in range(250)]
    assert len(server.issues) == 250
    assert server.requests == 3


def test_issues_lost_before_the_server_read_them_are_sent_again() -> None:
    server = FakeIssueServer()
    server.faults = ["before"]
    created = IssueUseCases(server).create_issues(  # type: ignore[arg-type]
        PROJECT, issues(5), disable_tqdm=True
    )
    assert len(created) == 5
    assert [issue["comments"][0]["text"] for issue in server.issues] == [
        f"text {i}" for i in range(5)
    ]
    assert server.requests == 2
