"""Odd paths and broken config give a finding or a clear exit-2 message, never a block."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import CACHE, TUTOR

PITFALL = "def add(item, bucket=[]):\n    return bucket\n"


# Root reads every folder; without these two capabilities it cannot.
WITHOUT_READ_OVERRIDE = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]


def lint(
    folder: Path, *args: str, prefix: list[str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "TUTOR_CACHE_DIR": CACHE}
    try:
        return subprocess.run(
            [*(prefix or []), str(TUTOR), "lint", "--no-cache", *args],
            cwd=folder,
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"`tutor lint {' '.join(args)}` blocked")


def findings(result: subprocess.CompletedProcess[str]) -> list[dict]:
    return list(json.loads(result.stdout)["diagnostics"])


def test_a_symlink_loop_inside_a_folder_is_an_io_error_finding(tmp_path: Path) -> None:
    (tmp_path / "good.py").write_text(PITFALL, encoding="utf-8")
    (tmp_path / "a.py").symlink_to(tmp_path / "b.py")
    (tmp_path / "b.py").symlink_to(tmp_path / "a.py")
    (tmp_path / "loop").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop")
    result = lint(tmp_path, "--format", "json", ".")
    assert "Traceback" not in result.stderr, result.stderr
    rules = {(item["path"], item["rule"]) for item in findings(result)}
    assert ("good.py", "mutable-default-argument") in rules
    assert any(path == "a.py" and rule == "io-error" for path, rule in rules), rules


@pytest.mark.skipif(shutil.which("setpriv") is None, reason="needs setpriv (util-linux)")
def test_an_unreadable_subfolder_is_reported_not_a_traceback(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "secret").mkdir(parents=True)
    (project / "secret" / "x.py").write_text(PITFALL, encoding="utf-8")
    (project / "good.py").write_text(PITFALL, encoding="utf-8")
    (project / "secret").chmod(0o000)
    prefix = WITHOUT_READ_OVERRIDE if os.geteuid() == 0 else []
    try:
        result = lint(project, "--format", "json", ".", prefix=prefix)
    finally:
        (project / "secret").chmod(0o755)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in {1, 2}
    text = result.stdout + result.stderr
    assert "secret" in text and "good.py" in text


def test_a_fifo_named_explicitly_does_not_block(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo.py")
    result = lint(tmp_path, "fifo.py")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "fifo.py" in result.stderr and "not a regular file" in result.stderr


def test_dev_zero_is_refused_not_read_without_end(tmp_path: Path) -> None:
    result = lint(tmp_path, "/dev/zero")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "/dev/zero" in result.stderr and "not a regular file" in result.stderr


def test_a_link_to_dev_zero_in_a_folder_is_skipped_or_reported(tmp_path: Path) -> None:
    (tmp_path / "zero.py").symlink_to("/dev/zero")
    (tmp_path / "good.py").write_text(PITFALL, encoding="utf-8")
    result = lint(tmp_path, "--format", "json", ".")
    assert result.returncode == 1 and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("pyproject", "words"),
    [
        (b"tool = 5\n", "[tool]"),
        (b"[tool]\ntutor = 5\n", "[tool.tutor]"),
        (b"[tool.tutor]\nselect = ['ALL']\n# caf\xe9\n", "UTF-8"),
        (b"[tool.tutor]\ndocs-url = 'x/{question[0]}'\n", "docs-url"),
        (b"[tool.tutor]\ndocs-url = 'x/{question.real}'\n", "docs-url"),
        (b"[tool.tutor]\ndocs-url = 'x/{question:>99999999999}'\n", "docs-url"),
        (b"[tool.tutor]\ndocs-url = 'x/{question:{slug}}'\n", "docs-url"),
        (b"[tool.tutor]\ndocs-url = 'x/{slug:d}'\n", "docs-url"),
        (b"[tool.tutor]\ndocs-url = 'x/{question!a}'\n", "docs-url"),
    ],
    ids=[
        "tool-int",
        "tutor-int",
        "bad-utf8",
        "index",
        "attribute",
        "huge-width",
        "nested",
        "bad-spec",
        "conversion",
    ],
)
def test_broken_config_is_a_clear_error(tmp_path: Path, pyproject: bytes, words: str) -> None:
    (tmp_path / "pyproject.toml").write_bytes(pyproject)
    (tmp_path / "a.py").write_text(PITFALL, encoding="utf-8")
    result = lint(tmp_path, "a.py")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr
    assert "pyproject.toml" in result.stderr and words in result.stderr, result.stderr


def test_a_reasonable_docs_url_spec_is_still_accepted(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.tutor]\ndocs-url = 'https://x.example/q{question:02d}/{slug}#{rule}'\n",
        encoding="utf-8",
    )
    (tmp_path / "a.py").write_text(PITFALL, encoding="utf-8")
    result = lint(tmp_path, "--format", "json", "a.py")
    assert result.returncode == 1, result.stderr
    assert (
        findings(result)[0]["url"] == "https://x.example/q07/q07-arguments#mutable-default-argument"
    )
