"""Shared set-up for the toolchain tests: a committed copy of the checkout.

pre-commit installs hooks from a git repository, and `python -m build` writes
into the source tree it builds; neither should see (or touch) the working
tree, which is uncommitted while we work. So one session-wide fixture copies
the files git would take (tracked and untracked, minus what .gitignore
ignores) into a temporary repository and commits them there.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO

BIN = Path(sys.executable).parent
SCHEMA = REPO / "tests" / "data" / "sarif-schema-2.1.0.json"
# Git without the user's own configuration (hooks paths, signing, templates).
GIT_ENV = {
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "tutor tests",
    "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "tutor tests",
    "GIT_COMMITTER_EMAIL": "tests@example.invalid",
}


def run(
    args: Sequence[str | Path],
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    check: bool = True,
    timeout: float = 600,
) -> subprocess.CompletedProcess[str]:
    """Run a command; on an unexpected failure show everything it printed."""
    done = subprocess.run(
        [str(arg) for arg in args],
        cwd=cwd,
        env={**os.environ, **GIT_ENV, "NO_COLOR": "1", **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if check and done.returncode != 0:
        pytest.fail(
            f"{' '.join(map(str, args))} exited {done.returncode}\n"
            f"--- stdout\n{done.stdout}\n--- stderr\n{done.stderr}"
        )
    return done


def working_tree_files(repo: Path) -> list[str]:
    listed = run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=repo
    ).stdout
    # Deleted but not yet staged files are listed and missing: a commit would drop them.
    return sorted(name for name in set(listed.split("\0")) if name and (repo / name).is_file())


@pytest.fixture(scope="session")
def checkout_copy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A git repository holding the working tree as one commit: (folder, commit)."""
    copy = tmp_path_factory.mktemp("checkout") / "pitfall-tutor"
    for name in working_tree_files(REPO):
        target = copy / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, target)
    run(["git", "init", "-q", "-b", "main"], cwd=copy)
    run(["git", "add", "-A"], cwd=copy)
    run(["git", "commit", "-q", "-m", "snapshot of the working tree"], cwd=copy)
    commit = run(["git", "rev-parse", "HEAD"], cwd=copy).stdout.strip()
    return copy, commit


def sarif_validator() -> Any:
    """A validator for the SARIF 2.1.0 schema shipped in tests/data (never downloaded)."""
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def sarif_errors(document: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in sarif_validator().iter_errors(document)
    ]
