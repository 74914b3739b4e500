"""The pytest plugin in an install without the emulator extra.

`kili` registers its pytest plugin for every install, so pytest loads it in every project
of the environment. These tests run pytest in a subprocess on a throwaway project, with the
packages of the extras made unimportable, as in a plain `pip install kili pytest`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

EXTRAS = ("starlette", "uvicorn", "ariadne", "websockets", "pandas")

BLOCKER = f"""
import sys

BLOCKED = {EXTRAS!r}


class BlockExtras:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {{name!r}} (blocked)", name=name)
        return None


sys.meta_path.insert(0, BlockExtras())
"""


def run_pytest(tmp_path: Path, test_source: str) -> subprocess.CompletedProcess[str]:
    blocker = tmp_path / "blocker"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text(BLOCKER)
    project = tmp_path / "project"
    project.mkdir()
    (project / "test_user_code.py").write_text(textwrap.dedent(test_source))
    environment = {**os.environ, "PYTHONPATH": str(blocker)}
    environment.pop("PYTEST_ADDOPTS", None)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(project)],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_an_unrelated_project_runs_with_the_plugin_loaded_and_no_extra(tmp_path: Path) -> None:
    result = run_pytest(
        tmp_path,
        f"""
        import sys

        import pytest


        def test_the_extras_are_unimportable():
            for name in {EXTRAS!r}:
                with pytest.raises(ImportError):
                    __import__(name)


        def test_the_plugin_is_loaded_without_them(pytestconfig):
            assert pytestconfig.pluginmanager.hasplugin("kili_emulator")
            assert "kili_emulator.pytest_plugin" in sys.modules
            assert not any(name.split(".")[0] in {EXTRAS!r} for name in sys.modules)


        def test_user_code():
            assert sum([1, 2, 3]) == 6
        """,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 passed" in result.stdout


def test_tests_using_the_emulator_fixtures_fail_naming_the_extra(tmp_path: Path) -> None:
    result = run_pytest(
        tmp_path,
        """
        def test_needs_a_client(kili):
            pass


        def test_needs_a_project(project_id):
            pass


        def test_user_code():
            pass
        """,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 passed, 2 errors" in result.stdout
    assert result.stdout.count("pip install 'kili[emulator]'") >= 2
    assert "Error while loading plugin" not in result.stdout + result.stderr
