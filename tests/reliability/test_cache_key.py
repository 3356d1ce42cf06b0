"""The cache key holds every input of the result, not only the file's bytes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pitfall_tutor.rules import ALL_RULES
from pitfall_tutor.rules.engine.cache import LintCache
from tests.conftest import run_tutor

# gc-collect-call and del-at-function-end stay quiet in test files.
SOURCE = "import gc\n\n\ndef load(items):\n    gc.collect()\n    return items\n"


def codes(folder: Path, path: str, cache: Path) -> list[str]:
    result = run_tutor(
        "lint", "--format", "json", path, cwd=folder, env={"TUTOR_CACHE_DIR": str(cache)}
    )
    assert "Traceback" not in result.stderr
    return sorted(finding["code"] for finding in json.loads(result.stdout)["diagnostics"])


@pytest.mark.parametrize("first", ["app.py", "tests/test_load.py"])
def test_the_same_content_in_a_test_file_and_elsewhere_is_not_confused(
    tmp_path: Path, first: str
) -> None:
    project = tmp_path / "project"
    (project / "tests").mkdir(parents=True)
    for name in ("app.py", "tests/test_load.py"):
        (project / name).write_text(SOURCE, encoding="utf-8")
    fresh = {
        name: codes(project, name, tmp_path / f"fresh-{name.replace('/', '-')}")
        for name in ("app.py", "tests/test_load.py")
    }
    assert fresh["app.py"] != fresh["tests/test_load.py"]  # the premise: the path matters
    shared = tmp_path / "shared-cache"
    second = "app.py" if first != "app.py" else "tests/test_load.py"
    codes(project, first, shared)
    assert codes(project, second, shared) == fresh[second]


def test_the_server_key_and_the_cli_key_see_the_path() -> None:
    rules = list(ALL_RULES)
    data = SOURCE.encode()
    assert LintCache.key(data, rules, {}, "app.py") != LintCache.key(
        data, rules, {}, "tests/test_load.py"
    )
    assert LintCache.key(data, rules, {}, "a/app.py") == LintCache.key(data, rules, {}, "b/app.py")
