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

from tests.conftest import CACHE, REPO, TUTOR


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


SLOW_TO_IMPORT = {"typer", "pydantic", "pydantic_core", "click", "rich"}
# What only later requests need: hovers (rule pages) and huge documents (a process pool).
SERVE_LATER = {
    "pitfall_tutor.server.hover",
    "pitfall_tutor.rules.rule_page",
    "concurrent.futures.process",
    "multiprocessing",
}


def bundled_launcher(root: Path) -> Path:
    """The VS Code extension's `bundled/tool/serve.py` in an extension layout of its own
    (empty library folders: this interpreter's packages stand in for the bundled ones)."""
    tool = root / "bundled" / "tool"
    tool.mkdir(parents=True)
    for name in (f"cp{sys.version_info[0]}{sys.version_info[1]}", "common"):
        (root / "bundled" / "libs" / name).mkdir(parents=True)
    launcher = tool / "serve.py"
    launcher.write_text((REPO / "editors/vscode/bundled/tool/serve.py").read_text())
    return launcher


def test_serve_imports_no_command_line_library(tmp_path: Path) -> None:
    """An editor starts `tutor serve` (or `python -m pitfall_tutor serve`, or the VS Code
    extension its bundled launcher, `python -I bundled/tool/serve.py serve`) on every launch."""
    bundled = bundled_launcher(tmp_path / "extension")
    for command in (
        [str(TUTOR), "serve"],
        [sys.executable, "-m", "pitfall_tutor", "serve"],
        [sys.executable, "-I", str(bundled), "serve"],
    ):
        if command[0] == str(TUTOR):
            command = [sys.executable, *command]
        done = subprocess.run(
            [command[0], "-X", "importtime", *command[1:]],
            cwd=tmp_path,
            input="",  # the client is gone at once: the server starts, then leaves
            capture_output=True,
            text=True,
            timeout=120,
        )
        modules = {
            line.rsplit("|", 1)[1].strip()
            for line in done.stderr.splitlines()
            if line.startswith("import time:")
        }
        assert "pygls" in modules  # a control: the server really started
        assert not top_level(modules) & SLOW_TO_IMPORT
        assert "pitfall_tutor.cli.app" not in modules
        assert not modules & SERVE_LATER


def test_lint_imports_no_command_line_library(tmp_path: Path) -> None:
    (tmp_path / "cart.py").write_text("def add(item, bucket=[]):\n    return bucket\n")
    modules = imported("lint", "--no-cache", "--format", "json", "cart.py", cwd=tmp_path)
    assert "libcst" in modules
    assert not top_level(modules) & SLOW_TO_IMPORT
    assert "concurrent.futures.process" not in modules  # one file needs no process pool


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["cart.py"],
        ["a.py", "b", "-"],
        ["--select", "TUT071,TUT072", "--select", "global-statement", "--ignore", "TUT1"],
        ["--format", "sarif", "--fix", "--unsafe-fixes", "--diff", "-q", "--statistics", "x.py"],
        ["--no-cache", "-j", "3", "--config", "sub/pyproject.toml", "--stdin-filename", "s.py"],
        ["--jobs=2", "--format=json", "--", "-odd.py"],
        ["--quiet", "--fix", "src", "tests"],
    ],
)
def test_the_fast_reader_reads_lint_as_typer_does(argv: list[str]) -> None:
    import typer

    from pitfall_tutor.cli.app import app
    from pitfall_tutor.cli.entry import lint_arguments

    command = typer.main.get_command(app).commands["lint"]  # type: ignore[attr-defined]
    with command.make_context("lint", list(argv)) as context:
        expected = {key: _as_typer_passes(value) for key, value in context.params.items()}
    assert lint_arguments(argv) == expected


def _as_typer_passes(value: object) -> object:
    """click keeps repeated options as a tuple; typer gives the command a list, or None."""
    if isinstance(value, tuple):
        return list(value) or None
    return value


@pytest.mark.parametrize(
    "argv", [["--bogus"], ["-j", "0"], ["--format"], ["--help"], ["--select"], ["-x"]]
)
def test_what_the_fast_reader_is_unsure_of_goes_to_typer(argv: list[str]) -> None:
    from pitfall_tutor.cli.entry import Unsure, lint_arguments

    with pytest.raises(Unsure):
        lint_arguments(argv)
