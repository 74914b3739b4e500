"""Layout: SQL lives in the store only; resolvers parse, check, call the store, render."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import kili_emulator

PACKAGE = Path(kili_emulator.__file__).parent
SQL = re.compile(
    r"\b(SELECT\b.+\bFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b"
)
QUERY_METHODS = {"fetch_all", "fetch_one", "scalar", "execute", "insert", "insert_many", "update"}
STORE_OWNED = ("store", "storage.py")


def modules_outside_the_store() -> list[Path]:
    return [
        path
        for path in sorted(PACKAGE.rglob("*.py"))
        if not path.relative_to(PACKAGE).as_posix().startswith(STORE_OWNED)
    ]


def sql_outside_the_store(path: Path) -> list[str]:
    """Return the SQL texts and database query calls written in a module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and SQL.search(node.value)
        ):
            found.append(f"{path.name}:{node.lineno}: {node.value[:40]!r}")
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in QUERY_METHODS
            and isinstance(node.func.value, ast.Attribute)
            and node.func.value.attr == "db"
        ):
            found.append(f"{path.name}:{node.lineno}: db.{node.func.attr}(...)")
    return found


def test_the_guard_sees_sql() -> None:
    sample = PACKAGE / "store" / "users.py"
    assert sql_outside_the_store(sample), "the guard must recognise the store's own SQL"


def test_no_sql_outside_the_store() -> None:
    offenders = [hit for path in modules_outside_the_store() for hit in sql_outside_the_store(path)]
    assert offenders == []


def test_every_store_module_is_documented_in_the_package() -> None:
    listed = (PACKAGE / "store" / "__init__.py").read_text()
    for path in sorted((PACKAGE / "store").glob("*.py")):
        if path.stem != "__init__":
            assert f"`{path.stem}`" in listed, path.stem
