"""Project creation on an in-memory gateway: a lost answer is read back, not resent."""

from __future__ import annotations

import inspect
from datetime import datetime, timezone

import pytest

from kili.adapters.kili_api_gateway import KiliAPIGateway
from kili.domain.project import ProjectId, ProjectToCreate
from kili.domain.tag import TagId
from kili.exceptions import InvalidArgumentError, KiliConnectionError, UncertainBatchWriteError
from kili.use_cases import verified_write
from kili.use_cases.port import ProjectCreationGateway
from kili.use_cases.project_creation import ProjectCreation
from tests.unit.use_cases.fake_project_gateway import InMemoryProjectGateway, as_port
from tests.unit.use_cases.faults import LOST_AFTER, LOST_BEFORE, Fault

INTERFACE: dict[str, object] = {"jobs": {}}
CREATE = "create_project"
PORT_METHODS = sorted(name for name in dir(ProjectCreationGateway) if not name.startswith("_"))


@pytest.fixture(autouse=True)
def no_resend_pause(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(verified_write, "RESEND_BACKOFF_SECONDS", 0.0)


def create(gateway: InMemoryProjectGateway, project: ProjectToCreate | None = None) -> ProjectId:
    project = project or ProjectToCreate(title="t", input_type="TEXT", json_interface=INTERFACE)
    return ProjectCreation(as_port(gateway)).run(project)


@pytest.mark.parametrize("method", PORT_METHODS)
def test_the_fake_and_the_real_gateway_take_the_ports_arguments(method: str) -> None:
    port = inspect.signature(getattr(ProjectCreationGateway, method)).parameters
    for implementation in (KiliAPIGateway, InMemoryProjectGateway):
        assert list(inspect.signature(getattr(implementation, method)).parameters) == list(port)


def test_the_port_lists_every_gateway_method_the_creation_calls() -> None:
    gateway = InMemoryProjectGateway()
    gateway.tags = {TagId("tag-1"): "alpha", TagId("tag-2"): "beta"}
    source = gateway.store("source", json_interface=INTERFACE, instructions="Be careful")
    gateway.project_tags[source] = [TagId("tag-1")]
    gateway.fail(CREATE, LOST_AFTER)
    copy = create(gateway, ProjectToCreate(title="copy", copied_from=source, tag_labels=("beta",)))
    assert sorted(gateway.methods_called()) == PORT_METHODS
    assert gateway.project(copy)["instructions"] == "Be careful"
    assert gateway.project(copy)["jsonInterface"] == INTERFACE
    assert gateway.project_tags[copy] == [TagId("tag-1"), TagId("tag-2")]
    assert len(gateway.sent(CREATE)) == 1


def test_a_project_created_before_the_answer_was_lost_is_found_not_made_again() -> None:
    gateway = InMemoryProjectGateway()
    gateway.fail(CREATE, LOST_AFTER)
    project_id = create(gateway)
    assert [row["id"] for row in gateway.projects] == [project_id]
    assert len(gateway.sent(CREATE)) == 1


def test_a_creation_lost_before_the_server_is_sent_again_once() -> None:
    gateway = InMemoryProjectGateway()
    gateway.fail(CREATE, LOST_BEFORE)
    project_id = create(gateway)
    assert [row["id"] for row in gateway.projects] == [project_id]
    assert len(gateway.sent(CREATE)) == 2


def test_older_or_foreign_projects_of_the_same_title_are_not_taken_for_it() -> None:
    gateway = InMemoryProjectGateway()
    gateway.store("t", when=datetime(2020, 1, 1, tzinfo=timezone.utc))
    gateway.store("t", author="someone else")
    gateway.store("t (copy)")
    gateway.fail(CREATE, LOST_BEFORE)
    project_id = create(gateway)
    assert project_id == "p3"
    assert len(gateway.sent(CREATE)) == 2


def test_a_creation_that_never_lands_ends_in_an_error_saying_it_was_not_made() -> None:
    gateway = InMemoryProjectGateway()
    gateway.fail(CREATE, *[LOST_BEFORE] * (verified_write.MAX_RESENDS + 1))
    with pytest.raises(UncertainBatchWriteError) as caught:
        create(gateway)
    assert caught.value.written_items == []
    assert [project.title for project in caught.value.unwritten_items] == ["t"]
    assert gateway.projects == []


def test_a_server_down_after_the_creation_leaves_it_unknown_not_resent() -> None:
    gateway = InMemoryProjectGateway()
    gateway.fail(CREATE, LOST_AFTER)
    gateway.go_down_after(writes=1)
    with pytest.raises(UncertainBatchWriteError) as caught:
        create(gateway)
    assert isinstance(caught.value.__cause__, KiliConnectionError)
    assert [project.title for project in caught.value.uncertain_items] == ["t"]
    assert len(gateway.projects) == 1
    assert len(gateway.sent(CREATE)) == 1


def test_an_unknown_tag_label_stops_the_creation_before_any_write() -> None:
    gateway = InMemoryProjectGateway()
    gateway.tags = {TagId("tag-1"): "alpha"}
    project = ProjectToCreate(
        title="t", input_type="TEXT", json_interface=INTERFACE, tag_labels=("gamma",)
    )
    with pytest.raises(InvalidArgumentError, match="gamma"):
        create(gateway, project)
    assert gateway.sent(CREATE) == []


@pytest.mark.parametrize("lost", [LOST_BEFORE, LOST_AFTER])
def test_a_project_of_the_same_title_made_seconds_before_is_not_taken_for_it(lost: Fault) -> None:
    gateway = InMemoryProjectGateway()
    earlier = create(gateway)  # same title, same author, inside the clock-skew margin
    gateway.fail(CREATE, lost)
    project_id = create(gateway)
    assert project_id != earlier
    assert [row["id"] for row in gateway.projects] == [earlier, project_id]
    assert len(gateway.sent(CREATE)) == (3 if lost == LOST_BEFORE else 2)
