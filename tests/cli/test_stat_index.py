"""The stat index: a warm `tutor lint` answers unchanged files from one file.

Each test tampers with the index's stored findings (empties them) so that its
use shows: where the index must not answer (a changed file, config, or tutor),
the real finding comes back.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import run_tutor

BAD = "def add(item, bucket=[]):\n    bucket.append(item)\n    print(bucket)\n"


def lint(folder: Path, cache: Path) -> list[str]:
    result = run_tutor(
        "lint", "--format", "json", ".", cwd=folder, env={"TUTOR_CACHE_DIR": str(cache)}
    )
    assert result.returncode in (0, 1), result.stderr
    return [finding["rule"] for finding in json.loads(result.stdout)["diagnostics"]]


def index_file(cache: Path) -> Path:
    (found,) = cache.rglob("*.index")
    return found


def tamper(cache: Path, fingerprint: str | None = None) -> None:
    """Empty every stored finding list (and change the fingerprint, if given)."""
    path = index_file(cache)
    index = json.loads(path.read_bytes())
    for entry in index["files"].values():
        entry[4] = []
    if fingerprint is not None:
        index["fingerprint"] = fingerprint
    path.write_text(json.dumps(index))


def backdate(path: Path, seconds: int = 60) -> None:
    """As if written a while ago: the index keeps no file written just before a lint."""
    before = path.stat()
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns - seconds * 1_000_000_000))


def project(tmp_path: Path) -> tuple[Path, Path]:
    folder, cache = tmp_path / "p", tmp_path / "cache"
    folder.mkdir()
    (folder / "a.py").write_text(BAD)
    (folder / "b.py").write_text("x = 1\n")
    backdate(folder / "a.py")
    backdate(folder / "b.py")
    assert lint(folder, cache) == ["mutable-default-argument"]
    return folder, cache


def test_an_unchanged_tree_is_answered_from_the_index(tmp_path: Path) -> None:
    folder, cache = project(tmp_path)
    for entry in cache.rglob("*.json"):
        entry.unlink()  # the per-file entries are not needed any more
    assert lint(folder, cache) == ["mutable-default-argument"]
    tamper(cache)
    assert lint(folder, cache) == []  # a control: the tampered index answered


def test_a_changed_file_is_linted_again(tmp_path: Path) -> None:
    folder, cache = project(tmp_path)
    tamper(cache)
    target = folder / "a.py"
    before = target.stat()
    target.write_text(BAD.replace("print", "print"))  # same bytes, new mtime
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))
    assert lint(folder, cache) == ["mutable-default-argument"]


def test_a_changed_config_is_not_answered_from_the_index(tmp_path: Path) -> None:
    folder, cache = project(tmp_path)
    tamper(cache)
    (folder / "pyproject.toml").write_text('[tool.tutor]\nignore = ["global-statement"]\n')
    assert lint(folder, cache) == ["mutable-default-argument"]


def test_another_tutor_or_rules_version_ignores_the_index(tmp_path: Path) -> None:
    folder, cache = project(tmp_path)
    tamper(cache, fingerprint="an older tutor")
    assert lint(folder, cache) == ["mutable-default-argument"]


def test_fix_runs_never_use_the_index(tmp_path: Path) -> None:
    folder, cache = project(tmp_path)
    tamper(cache)
    fixed = run_tutor("lint", "--fix", ".", cwd=folder, env={"TUTOR_CACHE_DIR": str(cache)})
    assert fixed.returncode == 1 and "TUT071" in fixed.stdout  # its fix is unsafe: still there


def test_a_corrupt_index_is_ignored_and_replaced(tmp_path: Path) -> None:
    folder, cache = project(tmp_path)
    index_file(cache).write_text('{"fingerprint": ')
    assert lint(folder, cache) == ["mutable-default-argument"]
    assert json.loads(index_file(cache).read_bytes())["files"]  # written whole again


def test_a_file_written_just_before_the_lint_is_not_indexed(tmp_path: Path) -> None:
    """An edit in the same mtime tick as the read keeps size and mtime: such a file
    must be checked by its bytes next time, not answered from the index."""
    folder, cache = tmp_path / "p", tmp_path / "cache"
    folder.mkdir()
    target = folder / "a.py"
    target.write_text(BAD)
    assert lint(folder, cache) == ["mutable-default-argument"]
    before = target.stat()
    target.write_text(BAD.replace("[]", "()"))  # same size
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the same tick
    assert lint(folder, cache) == []


def test_a_run_of_unchanged_files_loads_neither_the_rules_nor_libcst(tmp_path: Path) -> None:
    folder, cache = project(tmp_path)
    probe = (
        "import sys\n"
        "from pitfall_tutor.cli.lint import Options, run_lint\n"
        "run = run_lint(['.'], Options(fix_edits=False, jobs=1))\n"
        "assert [f.rule for _, f in run.findings] == ['mutable-default-argument'], run.findings\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'libcst'))\n"
        "print('pitfall_tutor.rules.q07_mutable_default_argument' in sys.modules)\n"
    )

    def loaded() -> list[str]:
        env = {**os.environ, "TUTOR_CACHE_DIR": str(cache)}
        run = [sys.executable, "-c", probe]
        done = subprocess.run(run, cwd=folder, env=env, capture_output=True, text=True, check=True)
        return done.stdout.splitlines()

    assert loaded() == ["[]", "False"]
    (folder / "c.py").write_text("y = 2\n")  # a control: a new file needs the rules
    assert loaded() != ["[]", "False"]


def test_files_named_one_by_one_make_no_index(tmp_path: Path) -> None:
    """pre-commit names the changed files, a different list each time: an index per
    list would pile up in the cache folder; their content-hash entries suffice."""
    folder, cache = tmp_path / "p", tmp_path / "cache"
    folder.mkdir()
    (folder / "a.py").write_text(BAD)
    backdate(folder / "a.py")
    env = {"TUTOR_CACHE_DIR": str(cache)}
    result = run_tutor("lint", "--format", "json", "a.py", cwd=folder, env=env)
    assert result.returncode == 1, result.stderr
    assert list(cache.rglob("*.json")) and not list(cache.rglob("*.index"))
