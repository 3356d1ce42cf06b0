"""Every rule teaches with a pair that is right: its flagged example is flagged, its
better one is clean under every rule and runs, and it says where to read on."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pitfall_tutor.rules import ALL_RULES
from pitfall_tutor.rules.engine.engine import lint_bytes
from pitfall_tutor.rules.rule_page import rule_page

REFERENCE_SITES = (
    "https://docs.python.org/3/",
    "https://peps.python.org/pep-",
    "https://pandas.pydata.org/docs/",
)


def names(rule) -> str:
    return rule.name


@pytest.mark.parametrize("rule", ALL_RULES, ids=names)
def test_the_flagged_example_is_flagged(rule) -> None:
    assert rule.flagged, f"{rule.name} needs a flagged example"
    findings = lint_bytes(rule.flagged.encode(), "example.py", [rule]).findings
    assert findings, f"{rule.name} does not flag its own flagged example"


@pytest.mark.parametrize("rule", ALL_RULES, ids=names)
def test_the_better_example_is_clean_under_every_rule(rule) -> None:
    assert rule.better, f"{rule.name} needs a better example"
    findings = lint_bytes(rule.better.encode(), "example.py", list(ALL_RULES)).findings
    assert not findings, [(finding.rule, finding.message) for finding in findings]


@pytest.mark.parametrize("rule", ALL_RULES, ids=names)
def test_the_better_example_runs(rule, tmp_path) -> None:
    if "import pandas" in rule.better:
        pytest.importorskip("pandas")
    (tmp_path / "example.py").write_text(rule.better, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-X", "warn_default_encoding", "-W", "error", "example.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip(), "a better example shows its result"


@pytest.mark.parametrize("rule", ALL_RULES, ids=names)
def test_references_and_card(rule) -> None:
    assert 1 <= len(rule.references) <= 2, rule.name
    for address in rule.references:
        assert address.startswith(REFERENCE_SITES), address
    assert rule.card is not None, f"{rule.name} needs a flashcard"
    front, back = rule.card
    assert front.endswith("?") and 100 < len(back) < 600, rule.name


def test_the_page_shows_every_part() -> None:
    rule = next(rule for rule in ALL_RULES if rule.name == "mutable-default-argument")
    page = rule_page(rule, "FIX", "QUESTION")
    for part in ("## Flagged", rule.flagged.strip(), "## Better", rule.better.strip()):
        assert part in page
    assert "## When it is fine" in page and rule.fine_when in page
    assert "## Read more" in page and all(address in page for address in rule.references)
    assert page.index("## Better") < page.index("## When it is fine") < page.index("FIX")
