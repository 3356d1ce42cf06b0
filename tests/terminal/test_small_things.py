"""The small things a user notices: errors alone, warnings on typos, counts, completion, --dir."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from tests.conftest import TUTOR, run_tutor

BAD = "def add(item, bucket=[]):\n    bucket.append(item)\n    return bucket\n"


def test_a_missing_path_prints_the_error_alone(tmp_path: Path) -> None:
    result = run_tutor("lint", "nonexist.py", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip() == "tutor: error: nonexist.py: no such file or directory"


def test_an_unknown_name_in_an_ignore_comment_warns(tmp_path: Path) -> None:
    (tmp_path / "cart.py").write_text(
        "def add(item, bucket=[]):  # tutor: ignore[mutable-defualt-argument, TUT072]\n"
        "    bucket.append(item)\n",
        encoding="utf-8",
    )
    out = run_tutor("lint", "cart.py", "--format", "json", cwd=tmp_path).stdout
    found = {(d["code"], d["severity"], d["column"]) for d in json.loads(out)["diagnostics"]}
    # The typo hides nothing, so the finding stays, and the typo itself is pointed at.
    assert ("TUT071", "warning", 22) in found
    assert ("TUT905", "warning", 44) in found  # the column where the typo starts
    assert not any(code == "TUT905" and column > 70 for code, _, column in found), "TUT072 is known"


def test_statistics_count_only_and_mark_only_safe_fixes(tmp_path: Path) -> None:
    (tmp_path / "cart.py").write_text(BAD + "\nsquare = lambda x: x * x\n", encoding="utf-8")
    out = run_tutor("lint", "--statistics", cwd=tmp_path).stdout
    rows = out.splitlines()
    assert "     1  TUT071  [*] mutable-default-argument" in rows
    # The lambda fix is unsafe: the main output gives it no [*], so neither do the counts.
    assert "     1  TUT091      lambda-assigned-to-name" in rows
    assert "cart.py:" not in out and "|" not in out, "counts only, as ruff prints them"
    assert "Found 3 problems" in out


def test_explain_says_did_you_mean(tmp_path: Path) -> None:
    result = run_tutor("explain", "mutable-default", cwd=tmp_path)
    assert result.returncode == 2
    assert "Did you mean mutable-default-argument?" in result.stderr


def complete(words: str) -> list[str]:
    env = {
        **os.environ,
        "_TUTOR_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - 1),
    }
    result = subprocess.run(
        [str(TUTOR)], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    return result.stdout.split()


def test_shell_completion_offers_katas_rules_and_formats() -> None:
    assert "scope" in complete("tutor kata sc")
    assert "generators" in complete("tutor kata check gen")
    assert complete("tutor lint --format s") == ["sarif"]
    assert "mutable-default-argument" in complete("tutor explain mutable")
    assert "TUT071" in complete("tutor lint --select TUT07")


def test_options_work_before_the_kata_name_too(tmp_path: Path) -> None:
    result = run_tutor("kata", "--dir", "elsewhere", "scope", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert (tmp_path / "elsewhere" / "scope" / "scope.py").is_file()
    assert not (tmp_path / "tutor-katas").exists()


def test_practice_suggests_a_kata_not_passed_yet(tmp_path: Path) -> None:
    (tmp_path / "cart.py").write_text(BAD, encoding="utf-8")
    env = {"TUTOR_KATA_DIR": ""}
    assert "Practice: tutor kata arguments" in run_tutor("lint", cwd=tmp_path, env=env).stdout
    kata = tmp_path / "tutor-katas" / "arguments" / "arguments.py"
    run_tutor("kata", "arguments", cwd=tmp_path, env=env)
    from pitfall_tutor.katas.catalogue import SOLUTION, find_kata

    arguments = find_kata("arguments")
    assert arguments is not None
    kata.write_text(arguments.text(SOLUTION), encoding="utf-8")
    assert run_tutor("kata", "check", "arguments", cwd=tmp_path, env=env).returncode == 0
    out = run_tutor("lint", "cart.py", cwd=tmp_path, env=env).stdout
    assert "Practice: tutor kata arguments" not in out
