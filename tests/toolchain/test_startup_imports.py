"""Lazy imports keep `tutor` quick to start (timings: benchmarks/startup.py).

No timing here: the tests check which modules a start imports, through the
installed entry point with `python -X importtime`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CACHE, TUTOR


def imported(*args: str, cwd: Path) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", str(TUTOR), *args],
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1", "TUTOR_CACHE_DIR": CACHE},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode in (0, 1), done.stderr
    return {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:")
    }


def top_level(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def test_lint_never_imports_the_language_server(tmp_path: Path) -> None:
    (tmp_path / "cart.py").write_text("def add(item, bucket=[]):\n    return bucket\n")
    modules = imported("lint", "--no-cache", "cart.py", cwd=tmp_path)
    assert "libcst" in modules  # a control: the lint really ran
    assert not top_level(modules) & {"pygls", "lsprotocol"}
    assert not {name for name in modules if name.startswith("pitfall_tutor.server")}


@pytest.mark.parametrize(
    "args", [["--help"], ["--version"], ["docs", "--help"], ["init", "--help"]]
)
def test_help_imports_no_engine(tmp_path: Path, args: list[str]) -> None:
    modules = imported(*args, cwd=tmp_path)
    assert "typer" in modules
    heavy = {"libcst", "pygls", "lsprotocol", "pathspec", "markdown_it"}
    assert not top_level(modules) & heavy
    assert "pitfall_tutor.rules" not in modules
