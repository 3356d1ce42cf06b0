"""`tutor --version` and typer's shell completion, through the installed command."""

from __future__ import annotations

import os
import shutil
import subprocess
from importlib.metadata import version
from pathlib import Path

import pytest

from pitfall_tutor import __version__
from tests.conftest import TUTOR, run_tutor


def test_version_matches_the_package_metadata() -> None:
    result = run_tutor("--version")
    assert result.returncode == 0
    assert result.stdout == f"tutor {__version__}\n"
    # pyproject.toml and pitfall_tutor.__version__ must not drift apart.
    assert version("pitfall-tutor") == __version__


def complete(words: str, cword: int) -> list[str]:
    """What bash completion offers, asked the way the generated script asks."""
    result = run_tutor(
        env={"_TUTOR_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)}
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_completion_offers_commands_and_options() -> None:
    assert complete("tutor ex", 1) == ["explain"]
    assert {"docs", "init", "kata", "lint"} <= set(complete("tutor ", 1))
    assert complete("tutor lint --form", 2) == ["--format"]
    assert complete("tutor docs b", 2) == ["build"]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_install_completion_makes_bash_complete(tmp_path: Path) -> None:
    """`--install-completion bash` writes a script that a real bash then uses."""
    home = tmp_path / "home"
    home.mkdir()
    result = run_tutor("--install-completion", "bash", env={"HOME": str(home)})
    assert result.returncode == 0, result.stderr
    script = home / ".bash_completions" / "tutor.sh"
    assert script.is_file()
    assert str(script) in (home / ".bashrc").read_text(encoding="utf-8")

    check = (
        f'source "{script}"\n'
        "COMP_WORDS=(tutor ini)\nCOMP_CWORD=1\n"
        f'_tutor_completion "{TUTOR}"\n'
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    env = {**os.environ, "HOME": str(home), "NO_COLOR": "1"}
    done = subprocess.run(
        ["bash", "--norc", "-c", check], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["init"]
