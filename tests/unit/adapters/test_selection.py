import pytest

from kili.adapters.kili_api_gateway.selection import selection_set


def test_flat_fields_are_sorted_and_deduplicated() -> None:
    assert selection_set("Project", ["title", "id", "title"]) == "{ id title }"


def test_nested_paths_share_their_parents() -> None:
    selection = selection_set("Project", ["roles.user.email", "roles.user.id", "roles.role"])
    assert selection == "{ roles { role user { email id } } }"


def test_unknown_field_names_the_field_and_suggests_close_names() -> None:
    with pytest.raises(ValueError, match=r"Project has no field 'titel'.*'title'"):
        selection_set("Project", ["id", "titel"])


def test_unknown_nested_field_names_its_type() -> None:
    with pytest.raises(ValueError, match=r"roles.user.emial.*User has no field 'emial'"):
        selection_set("Project", ["roles.user.emial"])


def test_object_field_without_subfield_is_refused() -> None:
    with pytest.raises(ValueError, match="choose its sub-fields"):
        selection_set("Project", ["roles"])


def test_path_through_a_scalar_is_refused() -> None:
    with pytest.raises(ValueError, match="'title' is a scalar"):
        selection_set("Project", ["title.length"])


def test_empty_field_list_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one field"):
        selection_set("Project", [])
