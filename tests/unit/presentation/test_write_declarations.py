"""Every write of the client says whether it is idempotent or how it is verified.

A write that is neither would be retried blindly, or not at all; the declaration in the
docstring and the row in the errors page keep each new write honest about it. The same
page draws the exception tree, which must name every public exception.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from kili.client import Kili

WRITE_PREFIXES = (
    "add_",
    "append_",
    "archive_",
    "assign_",
    "change_",
    "copy_",
    "create_",
    "delete_",
    "import_",
    "invalidate_",
    "move_",
    "remove_",
    "send_",
    "set_",
    "skip_",
    "tag_",
    "unarchive_",
    "unassign_",
    "untag_",
    "update_",
)
"""How the names of writes begin, in this client as in the official one."""
ERRORS_PAGE = Path(__file__).parents[3] / "docs" / "errors.md"


def write_methods() -> list[str]:
    return sorted(
        name
        for name, _ in inspect.getmembers(Kili, inspect.isfunction)
        if name.startswith(WRITE_PREFIXES)
    )


def test_the_client_has_the_writes_this_guard_expects() -> None:
    assert {"append_labels", "create_project", "delete_labels"} <= set(write_methods())


@pytest.mark.parametrize("name", write_methods())
def test_each_write_declares_how_it_is_made_safe_to_retry(name: str) -> None:
    docstring = inspect.getdoc(getattr(Kili, name)) or ""
    assert re.search(r"^(Idempotent|Verified, not idempotent)\b", docstring, re.M), (
        f"{name}: say in its docstring 'Idempotent: ...' (then it is retried) or"
        " 'Verified, not idempotent: ...' (how it is read back)"
    )


@pytest.mark.parametrize("name", write_methods())
def test_each_write_is_listed_in_the_errors_page(name: str) -> None:
    rows = re.findall(r"^\| `(\w+)` \| (idempotent|verified) \|", ERRORS_PAGE.read_text(), re.M)
    kinds = dict(rows)
    assert name in kinds, f"{name}: add a row to the table of writes in docs/errors.md"
    docstring = inspect.getdoc(getattr(Kili, name)) or ""
    declared = "verified" if "Verified, not idempotent" in docstring else "idempotent"
    assert kinds[name] == declared


def test_the_errors_page_shows_every_exception_of_the_tree() -> None:
    from kili import exceptions

    tree = ERRORS_PAGE.read_text().split("## The exception tree", 1)[1].split("##", 1)[0]
    missing = [name for name in exceptions.__all__ if not re.search(rf"\b{name}\b", tree)]
    assert missing == [], f"add {missing} to the exception tree of docs/errors.md"
