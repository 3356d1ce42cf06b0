"""The stat index: a warm `tutor lint` answers unchanged files from one file.

Each test tampers with the index's stored findings (empties them) so that its
use shows: where the index must not answer (a changed file, config, or tutor),
the real finding comes back.
"""

from __future__ import annotations

import json
import os
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


def project(tmp_path: Path) -> tuple[Path, Path]:
    folder, cache = tmp_path / "p", tmp_path / "cache"
    folder.mkdir()
    (folder / "a.py").write_text(BAD)
    (folder / "b.py").write_text("x = 1\n")
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
