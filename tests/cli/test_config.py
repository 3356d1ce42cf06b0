"""`[tool.tutor]`: found by walking up, validated, overridden by flags."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_tutor

SOURCE = "def add(x=[]):\n    global y\n    y = x\n"


def diagnostics(folder: Path, *args: str) -> list[dict]:
    result = run_tutor("lint", "--format", "json", *args, cwd=folder)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)["diagnostics"]


def test_nearest_pyproject_applies(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.tutor]\nignore = ['TUT031']\n")
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "a.py").write_text(SOURCE)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pyproject.toml").write_text(
        "[tool.tutor]\nselect = ['global-statement']\n"
    )
    (tmp_path / "sub" / "b.py").write_text(SOURCE)
    found = {(d["path"], d["rule"]) for d in diagnostics(tmp_path)}
    assert found == {("pkg/a.py", "mutable-default-argument"), ("sub/b.py", "global-statement")}


def test_severity_docs_url_and_per_file_ignores(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.tutor]\n"
        "severity = { mutable-default-argument = 'error' }\n"
        "docs-url = 'https://tutor.example/{slug}.html#{rule}'\n"
        "per-file-ignores = { 'tests/*.py' = ['global-statement'] }\n"
    )
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "t.py").write_text(SOURCE)
    found = diagnostics(tmp_path)
    assert [d["rule"] for d in found] == ["mutable-default-argument"]
    assert found[0]["severity"] == "error"
    assert found[0]["url"] == "https://tutor.example/q07-arguments.html#mutable-default-argument"


def test_cli_select_overrides_config(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.tutor]\nselect = ['TUT071']\n")
    (tmp_path / "a.py").write_text(SOURCE)
    assert {d["rule"] for d in diagnostics(tmp_path, "--select", "TUT031")} == {"global-statement"}


def test_suppression_comments(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(
        "def f(x=[]):  # tutor: ignore[mutable-default-argument]\n"
        "    global y  # tutor: ignore[TUT071]\n"
        "    y = 1\n"
        "def g(x={}):  # tutor: ignore\n"
        "    pass\n"
    )
    (tmp_path / "b.py").write_text("# tutor: ignore-file\ndef f(x=[]):\n    pass\n")
    found = diagnostics(tmp_path)
    assert [(d["path"], d["line"], d["rule"]) for d in found] == [("a.py", 2, "global-statement")]


def test_bad_values_are_clear_errors(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(SOURCE)
    for table, expected in [
        ("select = 'TUT999'", "unknown rule 'TUT999'"),
        ("severity = { global-statement = 'loud' }", "severity 'loud'"),
        ("docs-url = 'https://x/{page}'", "docs-url"),
    ]:
        (tmp_path / "pyproject.toml").write_text(f"[tool.tutor]\n{table}\n")
        result = run_tutor("lint", cwd=tmp_path)
        assert result.returncode == 2
        assert expected in result.stderr
