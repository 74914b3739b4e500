"""`create_project`: from scratch, as a copy, from a demo template, with tags."""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from kili.client import Kili
from kili.domain.project import ProjectFilters, ProjectId, ProjectToCreate
from kili.domain.tag import TagId
from kili.exceptions import InvalidArgumentError, MissingArgumentError, NotFound

INTERFACE = {"jobs": {"CLASSIF": {"mlTask": "CLASSIFICATION"}}}
SOURCE_INTERFACE = {"jobs": {"NER": {"mlTask": "NAMED_ENTITIES_RECOGNITION"}}}


@pytest.fixture
def created(gateway: Any) -> Any:
    """Let the gateway create projects with id `new`, listed at once."""
    gateway.create_project.return_value = ProjectId("new")
    gateway.count_projects.return_value = 1
    gateway.check_tag.side_effect = lambda _project_id, tag_id: tag_id
    return gateway


@pytest.fixture
def organization_tags(gateway: Any) -> Any:
    gateway.list_tags_of_organization.return_value = [
        {"id": "t-cats", "label": "cats"},
        {"id": "t-dogs", "label": "dogs"},
    ]
    return gateway


def test_the_parameters_are_the_official_ones_in_order() -> None:
    parameters = list(inspect.signature(Kili.create_project).parameters)
    assert parameters == [
        "self",
        "title",
        "description",
        "input_type",
        "json_interface",
        "project_id",
        "tags",
        "compliance_tags",
        "from_demo_project",
        "pixel_labeling",
    ]


def test_a_new_project_is_created_then_awaited(kili: Kili, created: Any) -> None:
    result = kili.create_project(title="T", input_type="IMAGE", json_interface=INTERFACE)
    assert result == {"id": "new"}
    created.create_project.assert_called_once_with(
        ProjectToCreate(title="T", input_type="IMAGE", json_interface=INTERFACE)
    )
    created.count_projects.assert_called_with(ProjectFilters(id=ProjectId("new")))
    created.check_tag.assert_not_called()
    created.update_project_instructions.assert_not_called()


def test_positional_arguments_follow_the_official_order(kili: Kili, created: Any) -> None:
    kili.create_project("T", "about", "TEXT", INTERFACE, None, None, ["PII"], None)
    created.create_project.assert_called_once_with(
        ProjectToCreate(
            title="T",
            description="about",
            input_type="TEXT",
            json_interface=INTERFACE,
            compliance_tags=("PII",),
        )
    )


@pytest.mark.parametrize(
    "arguments",
    [{}, {"input_type": "IMAGE"}, {"json_interface": INTERFACE}],
    ids=["nothing", "no-interface", "no-input-type"],
)
def test_a_project_from_scratch_needs_input_type_and_interface(
    kili: Kili, gateway: Any, arguments: dict[str, Any]
) -> None:
    with pytest.raises(MissingArgumentError, match=r"input_type.*json_interface"):
        kili.create_project(title="T", **arguments)
    gateway.create_project.assert_not_called()


def test_a_demo_project_needs_neither_input_type_nor_interface(kili: Kili, created: Any) -> None:
    kili.create_project(title="Demo", from_demo_project="DEMO_NER")
    created.create_project.assert_called_once_with(
        ProjectToCreate(title="Demo", from_demo_project="DEMO_NER")
    )


def test_an_unknown_demo_project_is_refused(kili: Kili, gateway: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="from_demo_project"):
        kili.create_project(title="Demo", from_demo_project="DEMO_UNICORNS")  # type: ignore[arg-type]
    gateway.create_project.assert_not_called()


def test_tags_are_resolved_by_label_and_attached(
    kili: Kili, created: Any, organization_tags: Any
) -> None:
    kili.create_project(
        title="T", input_type="IMAGE", json_interface=INTERFACE, tags=["dogs", "cats", "dogs"]
    )
    attached = [call.args for call in created.check_tag.call_args_list]
    assert attached == [(ProjectId("new"), TagId("t-dogs")), (ProjectId("new"), TagId("t-cats"))]


def test_unknown_tags_are_all_named_before_anything_is_created(
    kili: Kili, gateway: Any, organization_tags: Any
) -> None:
    with pytest.raises(InvalidArgumentError) as refused:
        kili.create_project(
            title="T", input_type="IMAGE", json_interface=INTERFACE, tags=["cats", "birds", "fish"]
        )
    assert "['birds', 'fish']" in str(refused.value)
    assert "['cats', 'dogs']" in str(refused.value)
    gateway.create_project.assert_not_called()
    gateway.check_tag.assert_not_called()


def test_a_label_shared_by_two_tags_is_ambiguous(kili: Kili, gateway: Any) -> None:
    gateway.list_tags_of_organization.return_value = [
        {"id": "t1", "label": "cats"},
        {"id": "t2", "label": "cats"},
    ]
    with pytest.raises(InvalidArgumentError, match=r"share a label.*t1.*t2"):
        kili.create_project(title="T", input_type="IMAGE", json_interface=INTERFACE, tags=["cats"])
    gateway.create_project.assert_not_called()


def _source_project(gateway: Any, instructions: str | None) -> None:
    gateway.list_projects.return_value = iter(
        [{"inputType": "TEXT", "jsonInterface": SOURCE_INTERFACE, "instructions": instructions}]
    )
    gateway.list_tags_of_project.return_value = [{"id": "t-cats"}]


def test_a_copy_reuses_the_source_interface_instructions_and_tags(
    kili: Kili, created: Any, organization_tags: Any
) -> None:
    _source_project(created, instructions="Be careful")
    kili.create_project(
        title="Copy",
        description="d",
        input_type="IMAGE",
        json_interface=INTERFACE,
        project_id="source",
        tags=["dogs", "cats"],
    )
    source_read = created.list_projects.call_args_list[0]
    assert source_read.args[0] == ProjectFilters(id=ProjectId("source"))
    created.list_tags_of_project.assert_called_once_with(ProjectId("source"), ("id",))
    created.create_project.assert_called_once_with(
        ProjectToCreate(
            title="Copy",
            description="d",
            input_type="TEXT",
            json_interface=SOURCE_INTERFACE,
            copied_from=ProjectId("source"),
            tag_labels=("dogs", "cats"),
        )
    )
    created.update_project_instructions.assert_called_once_with(ProjectId("new"), "Be careful")
    attached = [call.args[1] for call in created.check_tag.call_args_list]
    assert attached == ["t-cats", "t-dogs"]


def test_a_copy_of_a_project_without_instructions_sets_none(kili: Kili, created: Any) -> None:
    _source_project(created, instructions=None)
    created.list_tags_of_project.return_value = []
    kili.create_project(title="Copy", project_id="source")
    created.update_project_instructions.assert_not_called()
    created.check_tag.assert_not_called()
    created.list_tags_of_organization.assert_not_called()


def test_a_copy_of_a_project_labeled_in_pixels_is_labeled_in_pixels(
    kili: Kili, created: Any
) -> None:
    created.list_projects.return_value = iter(
        [
            {
                "inputType": "GEOSPATIAL",
                "jsonInterface": SOURCE_INTERFACE,
                "instructions": None,
                "geospatialSettings": {"labelingCRSCode": "PIXEL"},
            }
        ]
    )
    created.list_tags_of_project.return_value = []
    kili.create_project(title="Copy", project_id="source")
    assert "geospatialSettings" in created.list_projects.call_args_list[0].args[1]
    (sent,) = created.create_project.call_args.args
    assert sent.pixel_labeling is True
    assert sent.input_type == "GEOSPATIAL"


def test_copying_an_unknown_project_creates_nothing(kili: Kili, gateway: Any) -> None:
    gateway.list_projects.return_value = iter([])
    with pytest.raises(NotFound, match="missing"):
        kili.create_project(title="Copy", project_id="missing")
    gateway.create_project.assert_not_called()
