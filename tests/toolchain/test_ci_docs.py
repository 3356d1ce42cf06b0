"""docs/ci.md's GitHub workflow: its `tutor` steps really run and produce what it uploads."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import CACHE, REPO
from tests.toolchain.conftest import BIN, sarif_errors

BAD = "def add(item, bucket=[]):\n    bucket.append(item)\n    print(bucket)\n"


def yaml_blocks(name: str) -> list[Any]:
    text = (REPO / "docs" / name).read_text(encoding="utf-8")
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", text, re.S)]


def workflow() -> dict[str, Any]:
    found: dict[str, Any] = next(block for block in yaml_blocks("ci.md") if "jobs" in block)
    return found


def test_the_workflow_can_upload_sarif() -> None:
    job = workflow()["jobs"]["tutor"]
    assert job["permissions"]["security-events"] == "write"
    uses = [step.get("uses", "") for step in job["steps"]]
    assert any(use.startswith("github/codeql-action/upload-sarif@") for use in uses)


def test_the_workflow_steps_run_on_a_project_with_a_pitfall(tmp_path: Path) -> None:
    """Run each `tutor` step as Actions would (bash -e) on a checkout with a finding."""
    (tmp_path / "cart.py").write_text(BAD, encoding="utf-8")
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "NO_COLOR": "1",
        "TUTOR_CACHE_DIR": CACHE,
    }
    steps = workflow()["jobs"]["tutor"]["steps"]
    exits = {}
    for step in steps:
        command = step.get("run", "")
        if not command.startswith("tutor "):
            continue
        done = subprocess.run(
            ["bash", "-e", "-c", command],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        exits[step["name"]] = done.returncode
        if "--format github" in command:
            assert "::warning file=cart.py,line=1,col=22" in done.stdout
    # The SARIF step tolerates findings; the annotation step fails the job on them.
    assert exits == {"tutor lint (SARIF)": 0, "tutor lint": 1}

    upload = next(step for step in steps if "upload-sarif" in step.get("uses", ""))
    document = json.loads((tmp_path / upload["with"]["sarif_file"]).read_text(encoding="utf-8"))
    assert sarif_errors(document) == []
    assert [result["ruleId"] for result in document["runs"][0]["results"]] == ["TUT071"]


def test_the_sarif_step_still_fails_on_a_usage_error(tmp_path: Path) -> None:
    command = next(
        step["run"]
        for step in workflow()["jobs"]["tutor"]["steps"]
        if "sarif" in step.get("run", "")
    )
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        ["bash", "-e", "-c", command.replace("tutor lint", "tutor lint missing-folder/")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0


def test_the_pre_commit_snippet_names_our_hooks() -> None:
    hooks = {hook["id"] for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    assert hooks == {"tutor-lint", "tutor-fix"}
    configs = [block for block in yaml_blocks("ci.md") if "repos" in block]
    assert configs
    for config in configs:
        for hook in config["repos"][0]["hooks"]:
            assert hook["id"] in hooks
