"""The real pre-commit, using this repository's hooks, refuses a commit with a pitfall.

pre-commit clones the hook repository (a committed copy of the working tree,
see conftest.py) and pip-installs it into an environment of its own, exactly
as it would from GitHub. Installing that environment is the slow part.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.conftest import CACHE, REPO
from tests.toolchain.conftest import BIN, run

pytestmark = pytest.mark.slow

BAD = "def add(item, bucket=[]):\n    print(item, bucket)\n"  # read only: a safe fix
GOOD = "def add(item, bucket=None):\n    print([item] if bucket is None else [*bucket, item])\n"


def documented_config(repo: Path, rev: str) -> dict[str, object]:
    """docs/ci.md's .pre-commit-config.yaml, aimed at the local copy instead of GitHub."""
    text = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```yaml\n(.*?)```", text, re.S) if "repos:" in b)
    config: dict[str, object] = yaml.safe_load(block)
    hooks_repo = config["repos"][0]  # type: ignore[index]
    hooks_repo["repo"], hooks_repo["rev"] = str(repo), rev
    return config


@pytest.fixture(scope="module")
def project(
    checkout_copy: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, dict[str, str]]:
    """A git project with the documented hook installed: (folder, environment)."""
    repo, rev = checkout_copy
    folder = tmp_path_factory.mktemp("project")
    env = {
        # pre-commit keeps its clones and environments here, not in ~/.cache.
        "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
        "TUTOR_CACHE_DIR": CACHE,
    }
    config = documented_config(repo, rev)
    (folder / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    run(["git", "init", "-q", "-b", "main"], cwd=folder)
    run([BIN / "pre-commit", "install"], cwd=folder, env=env)
    run(["git", "add", ".pre-commit-config.yaml"], cwd=folder)
    run(["git", "commit", "-q", "-m", "configure pre-commit"], cwd=folder, env=env)
    return folder, env


def commits(folder: Path) -> int:
    return int(run(["git", "rev-list", "--count", "HEAD"], cwd=folder).stdout)


def test_a_commit_with_a_mutable_default_is_refused(project: tuple[Path, dict[str, str]]) -> None:
    folder, env = project
    before = commits(folder)
    (folder / "cart.py").write_text(BAD, encoding="utf-8")
    run(["git", "add", "cart.py"], cwd=folder)
    refused = run(["git", "commit", "-m", "add cart"], cwd=folder, env=env, check=False)
    assert refused.returncode != 0
    output = refused.stdout + refused.stderr
    assert re.search(r"tutor lint\.+Failed", output), output
    assert "cart.py:1:22: TUT071 mutable-default-argument" in output
    assert commits(folder) == before

    (folder / "cart.py").write_text(GOOD, encoding="utf-8")
    run(["git", "add", "cart.py"], cwd=folder)
    accepted = run(["git", "commit", "-m", "add cart"], cwd=folder, env=env)
    assert re.search(r"tutor lint\.+Passed", accepted.stdout + accepted.stderr)
    assert commits(folder) == before + 1


def test_the_fix_hook_rewrites_the_file(project: tuple[Path, dict[str, str]]) -> None:
    folder, env = project
    path = folder / "basket.py"
    path.write_text(BAD, encoding="utf-8")
    run(["git", "add", "basket.py"], cwd=folder)  # pre-commit sees changes to staged files
    config = yaml.safe_load((folder / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    config["repos"][0]["hooks"] = [{"id": "tutor-fix"}]
    fix_config = folder / "fix-config.yaml"
    fix_config.write_text(yaml.safe_dump(config), encoding="utf-8")

    command = [BIN / "pre-commit", "run", "--config", fix_config, "--files", "basket.py"]
    first = run(command, cwd=folder, env=env, check=False)
    assert first.returncode == 1  # pre-commit fails a hook that changed files
    assert "files were modified by this hook" in first.stdout
    assert "bucket=None" in path.read_text(encoding="utf-8")
    assert run(command, cwd=folder, env=env).returncode == 0
