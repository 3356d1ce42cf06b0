"""A learner's session with `tutor kata`, through the installed entry point."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from pitfall_tutor.katas.catalogue import find_kata
from tests.katas.conftest import Learner, solution, starter


def test_new_user_opens_fails_gets_a_hint_fixes_and_passes(learner: Learner) -> None:
    opened = learner.tutor("kata", "scope")
    assert opened.returncode == 1, opened.stderr
    out = opened.stdout
    assert "Kata 2 of" in out and "(created from the starter)" in out
    assert "## Why interviewers ask" not in out  # the first screen is the task: --verbose has it
    assert "Rules that must be quiet (TUT031, TUT032, TUT033)" in out
    assert "1 of 6 tests pass" in out and "Not done yet" in out
    assert "UnboundLocalError" in out and "at scope.py:11, in step(): count += 1" in out
    assert "the multipliers applied to 10 should give [0, 10, 20], got [20, 20, 20]" in out
    assert "TUT031 global-statement" in out and "why: A `global` statement" in out
    assert "(`tutor explain TUT031`)" in out and out.count("why: A `global`") == 1
    everything = learner.tutor("kata", "scope", "--verbose").stdout
    assert "## Why interviewers ask" in everything and "## Done when" in everything
    assert "`global-statement` (TUT031)" in everything and "q03-scope.html" in everything
    assert "Traceback" not in out + opened.stderr
    assert learner.file("scope").read_text(encoding="utf-8") == starter("scope")
    readme = (learner.workspace / "scope" / "README.md").read_text(encoding="utf-8")
    assert "tutor kata check scope" in readme and "## Done when" in readme
    assert (learner.workspace / "scope" / "test_scope.py").is_file()

    hint = learner.tutor("kata", "hint")
    assert hint.returncode == 0
    assert "Hint 1 of 3 for scope:" in hint.stdout and "Hint 2" not in hint.stdout
    second = learner.tutor("kata", "hint", "scope")
    assert "Hint 1 of 3" in second.stdout and "Hint 2 of 3" in second.stdout

    learner.write("scope", solution("scope"))
    passed = learner.tutor("kata", "check", "scope")
    assert passed.returncode == 0, passed.stdout
    assert "all 6 tests pass and the rules are quiet" in passed.stdout
    assert "Kata passed in" in passed.stdout and "1 attempt and 2 hints" in passed.stdout
    assert "Next kata: `tutor kata mutability`" in passed.stdout
    assert "Progress: [##" in passed.stdout and "1 of 19 katas done." in passed.stdout

    listing = learner.tutor("kata", "list")
    rows = {
        line.split()[1]: line for line in listing.stdout.splitlines() if line[:4].strip().isdigit()
    }
    assert "passed" in rows["scope"] and "not started" in rows["mutability"]
    assert (
        listing.stdout.index("mutability")
        < listing.stdout.index("scope")
        < listing.stdout.index("files")
    )
    assert "Next: `tutor kata mutability`" in listing.stdout

    progress = json.loads((learner.workspace / "progress.json").read_text(encoding="utf-8"))
    entry = progress["katas"]["scope"]
    assert entry["passed"] and entry["attempts"] == 1 and entry["hints"] == 2
    assert entry["best_seconds"] is not None and entry["last_result"] == "pass"


def test_checks_never_change_the_learners_file(learner: Learner) -> None:
    learner.tutor("kata", "files")
    path = learner.file("files")
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    learner.tutor("kata", "check", "files")
    learner.tutor("kata", "check", "files", "--format", "json")
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_json_format_for_ci(learner: Learner) -> None:
    learner.tutor("kata", "mutability")
    failing = learner.tutor("kata", "check", "mutability", "--format", "json")
    assert failing.returncode == 1
    report = json.loads(failing.stdout)
    assert report["status"] == "fail" and report["kata"] == "mutability"
    assert {"name", "status", "message"} <= set(report["tests"][0])
    [diagnostic] = [d for d in report["diagnostics"] if d["rule"] == "mutable-default-argument"]
    assert diagnostic["code"] == "TUT071" and diagnostic["line"] == 10
    assert diagnostic["explanation"] and diagnostic["explain"] == "tutor explain TUT071"
    learner.write("mutability", solution("mutability"))
    passing = learner.tutor("kata", "check", "mutability", "--format", "json")
    assert passing.returncode == 0
    assert json.loads(passing.stdout)["status"] == "pass"


def test_bare_kata_continues_with_the_first_unfinished(learner: Learner) -> None:
    first = learner.tutor("kata")
    assert "Kata 1 of" in first.stdout and "mutability" in first.stdout.splitlines()[0]
    learner.write("mutability", solution("mutability"))
    assert learner.tutor("kata", "check").returncode == 0  # the kata worked on last
    after = learner.tutor("kata")
    assert after.stdout.splitlines()[0].startswith("Kata 2 of") and "scope" in after.stdout


def test_attempts_count_changed_versions_only(learner: Learner) -> None:
    learner.tutor("kata", "scope")  # the untouched starter is no attempt
    learner.tutor("kata", "check", "scope")
    learner.write("scope", starter("scope") + "\n# thinking...\n")
    learner.tutor("kata", "check", "scope")
    learner.tutor("kata", "check", "scope")  # same version again
    progress = json.loads((learner.workspace / "progress.json").read_text(encoding="utf-8"))
    assert progress["katas"]["scope"]["attempts"] == 1


def test_solution_is_hidden_until_passed(learner: Learner) -> None:
    learner.tutor("kata", "lambdas")
    hidden = learner.tutor("kata", "solution", "lambdas")
    assert hidden.returncode == 1 and "def square" not in hidden.stdout
    assert "--force" in hidden.stderr
    forced = learner.tutor("kata", "solution", "lambdas", "--force")
    assert forced.returncode == 0 and "def square" in forced.stdout
    assert "before your kata passes" in forced.stderr
    learner.write("lambdas", solution("lambdas"))
    learner.tutor("kata", "check", "lambdas")
    shown = learner.tutor("kata", "solution", "lambdas")
    assert shown.returncode == 0 and shown.stderr == ""
    progress = json.loads((learner.workspace / "progress.json").read_text(encoding="utf-8"))
    assert progress["katas"]["lambdas"]["solution_viewed"] is True


def test_reset_backs_up_and_restores_the_starter(learner: Learner) -> None:
    learner.tutor("kata", "copying")
    learner.write("copying", "# my attempt\n")
    reset = learner.tutor("kata", "reset", "copying")
    assert reset.returncode == 0 and "Saved your version as" in reset.stdout
    [backup] = (learner.workspace / "copying" / "backups").iterdir()
    assert backup.read_text(encoding="utf-8") == "# my attempt\n"
    assert learner.file("copying").read_text(encoding="utf-8") == starter("copying")


def test_progress_summary(learner: Learner) -> None:
    learner.tutor("kata", "scope")
    learner.tutor("kata", "hint", "scope")
    learner.tutor("kata", "mutability")
    learner.write("mutability", solution("mutability"))
    learner.tutor("kata", "check", "mutability")
    summary = learner.tutor("kata", "progress")
    assert summary.returncode == 0
    assert "passed:      1 of" in summary.stdout and "basics 1/" in summary.stdout
    assert "in progress: scope" in summary.stdout and "hints used: 1" in summary.stdout
    data = json.loads(learner.tutor("kata", "progress", "--format", "json").stdout)
    assert data["passed"] == ["mutability"] and data["next"] == "scope"


def test_workspace_from_dir_option_and_environment(tmp_path: Path, learner: Learner) -> None:
    elsewhere = tmp_path / "practice"
    learner.tutor("kata", "varargs", "--dir", str(elsewhere))
    assert (elsewhere / "varargs" / "varargs.py").is_file()
    from_env = tmp_path / "from-env"
    learner.tutor("kata", "generators", env={"TUTOR_KATA_DIR": str(from_env)})
    assert (from_env / "generators" / "generators.py").is_file()
    assert not learner.workspace.exists()


def test_unknown_kata_suggests_a_name(learner: Learner) -> None:
    result = learner.tutor("kata", "scoop")
    assert result.returncode == 2
    assert "no kata called 'scoop'" in result.stderr and "Did you mean scope?" in result.stderr


def test_check_before_opening_says_how_to_start(learner: Learner) -> None:
    result = learner.tutor("kata", "check", "dunder")
    assert result.returncode == 2
    assert "run `tutor kata dunder` to create it" in result.stderr


def test_edit_opens_the_editor_then_checks(learner: Learner, tmp_path: Path) -> None:
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys\nfrom pathlib import Path\n"
        f"Path(sys.argv[1]).write_text({solution('varargs')!r}, encoding='utf-8')\n",
        encoding="utf-8",
    )
    command = f'"{sys.executable}" "{editor}"'
    result = learner.tutor("kata", "varargs", "--edit", env={"EDITOR": command, "VISUAL": ""})
    assert result.returncode == 0, result.stdout
    tests = find_kata("varargs").text("tests.py").count("\ndef test_")
    assert f"all {tests} tests pass" in result.stdout
    assert os.path.exists(learner.file("varargs"))


def test_pandas_kata_says_how_to_install_pandas(learner: Learner, tmp_path: Path) -> None:
    # An environment where pandas cannot be imported, as on a plain install.
    shim = tmp_path / "shim" / "pandas"
    shim.mkdir(parents=True)
    (shim / "__init__.py").write_text(
        "raise ModuleNotFoundError(\"No module named 'pandas'\", name='pandas')\n", encoding="utf-8"
    )
    result = learner.tutor("kata", "pandas-merge", env={"PYTHONPATH": str(shim.parent)})
    assert result.returncode == 1
    assert "pip install 'pitfall-tutor[pandas]'" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_when_every_kata_has_passed(learner: Learner) -> None:
    from pitfall_tutor.katas.catalogue import KATAS

    learner.workspace.mkdir()
    katas = {kata.slug: {"passed": True} for kata in KATAS}
    (learner.workspace / "progress.json").write_text(
        json.dumps({"version": 1, "current": None, "katas": katas}), encoding="utf-8"
    )
    result = learner.tutor("kata")
    assert result.returncode == 0 and "Every kata has passed" in result.stdout
