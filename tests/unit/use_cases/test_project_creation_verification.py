"""Project creation under faults, on a fake gateway: a lost answer is read back, not resent."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

import pytest

from kili.domain.project import ProjectFilters, ProjectId, ProjectToCreate
from kili.domain.query import FieldPaths, QueryOptions
from kili.exceptions import UncertainBatchWriteError, UncertainWriteError
from kili.use_cases import verified_write
from kili.use_cases.project import ProjectUseCases

INTERFACE: dict[str, object] = {"jobs": {}}


@pytest.fixture(autouse=True)
def no_resend_pause(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(verified_write, "RESEND_BACKOFF_SECONDS", 0.0)


class FakeProjectServer:
    """Keeps projects in memory; `faults` makes `createProject` lose its answer.

    "after" creates the project and loses the answer, "before" loses the request.
    """

    def __init__(self) -> None:
        self.projects: list[dict[str, Any]] = []
        self.faults: list[str] = []
        self.creations = 0

    def get_current_user(self, fields: FieldPaths) -> dict[str, Any]:
        return {"id": "me"}

    def create_project(self, project: ProjectToCreate) -> ProjectId:
        self.creations += 1
        fault = self.faults.pop(0) if self.faults else None
        if fault == "before":
            raise UncertainWriteError("connection dropped before the server read it")
        project_id = self.add(project.title, project.description, "me")
        if fault == "after":
            raise UncertainWriteError("HTTP 502 after the server committed it")
        return project_id

    def add(self, title: str, description: str, author: str, when: datetime | None = None) -> Any:
        project_id = ProjectId(f"p{len(self.projects)}")
        self.projects.append(
            {
                "id": project_id,
                "title": title,
                "description": description,
                "inputType": "TEXT",
                "author": {"id": author},
                "createdAt": when or datetime.now(timezone.utc),
            }
        )
        return project_id

    def list_projects(
        self, filters: ProjectFilters, fields: FieldPaths, options: QueryOptions
    ) -> Iterator[dict[str, Any]]:
        since = datetime.fromisoformat(filters.created_at_gte) if filters.created_at_gte else None
        return iter(
            [
                dict(row)
                for row in self.projects
                if (filters.id is None or row["id"] == filters.id)
                and (filters.search_query is None or filters.search_query in row["title"])
                and (since is None or row["createdAt"] >= since)
            ]
        )

    def count_projects(self, filters: ProjectFilters) -> int:
        return len(list(self.list_projects(filters, ("id",), QueryOptions())))


def create(server: FakeProjectServer, title: str = "t") -> ProjectId:
    project = ProjectToCreate(title=title, input_type="TEXT", json_interface=INTERFACE)
    return ProjectUseCases(server).create_project(project)  # type: ignore[arg-type]


def test_a_project_created_before_the_answer_was_lost_is_found_not_made_again() -> None:
    server = FakeProjectServer()
    server.faults = ["after"]
    project_id = create(server)
    assert [row["id"] for row in server.projects] == [project_id]
    assert server.creations == 1


def test_a_creation_lost_before_the_server_is_sent_again_once() -> None:
    server = FakeProjectServer()
    server.faults = ["before"]
    project_id = create(server)
    assert [row["id"] for row in server.projects] == [project_id]
    assert server.creations == 2


def test_older_or_foreign_projects_of_the_same_title_are_not_taken_for_it() -> None:
    server = FakeProjectServer()
    server.add("t", "", "me", when=datetime(2020, 1, 1, tzinfo=timezone.utc))
    server.add("t", "", "someone else")
    server.add("t (copy)", "", "me")
    server.faults = ["before"]
    project_id = create(server)
    assert project_id == "p3"
    assert server.creations == 2


def test_a_creation_that_never_lands_ends_in_an_error_saying_it_was_not_made() -> None:
    server = FakeProjectServer()
    server.faults = ["before"] * (verified_write.MAX_RESENDS + 1)
    with pytest.raises(UncertainBatchWriteError) as caught:
        create(server)
    assert caught.value.written_items == []
    assert [project.title for project in caught.value.unwritten_items] == ["t"]
    assert server.projects == []
