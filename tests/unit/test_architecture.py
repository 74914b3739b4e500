"""Guards of the layering that import-linter cannot see."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import kili

PACKAGE = Path(kili.__file__).parent
GATEWAY = PACKAGE / "adapters" / "kili_api_gateway"
OPERATION = re.compile(
    r"""(?:^|["'])\s*(query|mutation|subscription)\s*[A-Za-z_]*\s*[({]""", re.MULTILINE
)


def test_graphql_documents_live_only_in_the_gateway() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if GATEWAY not in path.parents and OPERATION.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_guard_itself_spots_an_operation() -> None:
    assert OPERATION.search('X = """\nmutation appendManyAssets($data: D!) {\n  x\n}"""')
    assert OPERATION.search('f"query {field}($where: W!) {{ data }}"'.replace("f", "", 1))


def test_import_kili_loads_no_extra_and_no_emulator() -> None:
    code = (
        "import sys, kili; from kili import Kili; "
        "print(','.join(m for m in ('pandas', 'kili_emulator', 'websockets', 'ariadne') "
        "if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == ""


PRESENTATION = PACKAGE / "presentation"


def _gateway_calls(source: str) -> list[int]:
    """Lines where a module uses an attribute of the client's gateway (`x.kili_api_gateway.y`)."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Attribute)
        and node.value.attr == "kili_api_gateway"
    ]


def test_client_methods_hand_the_gateway_to_use_cases_and_never_call_it() -> None:
    offenders = {
        str(path.relative_to(PACKAGE)): lines
        for path in PRESENTATION.rglob("*.py")
        if (lines := _gateway_calls(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}


def test_the_gateway_guard_spots_a_direct_call() -> None:
    assert _gateway_calls("self.kili_api_gateway.list_assets(f)") == [1]
    assert _gateway_calls("AssetUseCases(self.kili_api_gateway).count_assets(f)") == []


BUILTIN_ERRORS = frozenset({"ValueError", "TypeError", "RuntimeError"})

ALLOWED_BUILTIN_RAISES: dict[tuple[str, str], str] = {}
"""(module path, built-in error) pairs allowed to be raised bare, each with its reason.

Empty: every error the SDK raises on purpose is a `KiliError` (those that replace a
built-in error of the official SDK subclass it too, such as `InvalidArgumentError`).
"""


def _bare_errors(source: str) -> list[tuple[int, str]]:
    """Lines raising a bare built-in error, and `assert` statements, of a module."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assert):
            found.append((node.lineno, "assert"))
        elif isinstance(node, ast.Raise) and node.exc is not None:
            raised = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            if isinstance(raised, ast.Name) and raised.id in BUILTIN_ERRORS:
                found.append((node.lineno, raised.id))
    return found


def test_the_sdk_raises_only_kili_errors_and_asserts_nothing() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}:{line}: {kind}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for line, kind in _bare_errors(path.read_text(encoding="utf-8"))
        if (str(path.relative_to(PACKAGE)), kind) not in ALLOWED_BUILTIN_RAISES
    ]
    assert offenders == []


def test_the_error_guard_spots_bare_raises_and_asserts() -> None:
    source = "raise ValueError('x')\nraise TypeError\nassert x, 'y'\nraise KeyError('k')\n"
    assert _bare_errors(source) == [(1, "ValueError"), (2, "TypeError"), (3, "assert")]
