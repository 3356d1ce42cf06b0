"""Every kata is sound: its starter fails and its solution passes, through the real runner."""

from __future__ import annotations

import json

import pytest

from pitfall_tutor.katas.catalogue import KATAS
from tests.conftest import run_tutor


@pytest.fixture(scope="module")
def verdicts() -> dict[str, dict]:
    result = run_tutor("kata", "verify", "--format", "json")
    rows = json.loads(result.stdout)
    assert result.returncode == 0, [row for row in rows if not row["ok"]]
    return {row["kata"]: row for row in rows}


def test_every_kata_is_verified_and_none_skipped(verdicts) -> None:
    assert list(verdicts) == [kata.slug for kata in KATAS]
    skipped = {slug: row["skipped"] for slug, row in verdicts.items() if row["skipped"]}
    assert not skipped, f"install the dev extra (pandas) to verify these: {skipped}"


@pytest.mark.parametrize("kata", KATAS, ids=lambda kata: kata.slug)
def test_starter_fails_its_tests(verdicts, kata) -> None:
    starter = verdicts[kata.slug]["starter"]
    assert starter["status"] == "fail"
    assert starter["problem"] is None, "a starter must run, and fail on its own merits"
    failing = [test for test in starter["tests"] if test["status"] != "pass"]
    assert failing, "the starter must fail at least one test, not only the rules"
    for test in failing:
        assert test["message"], f"{test['name']} fails without saying why"
        assert "Traceback" not in test["message"]


@pytest.mark.parametrize("kata", KATAS, ids=lambda kata: kata.slug)
def test_solution_passes_tests_and_its_rules_are_quiet(verdicts, kata) -> None:
    solution = verdicts[kata.slug]["solution"]
    assert solution["status"] == "pass"
    assert solution["tests"] and all(test["status"] == "pass" for test in solution["tests"])
    assert solution["diagnostics"] == []


def test_starters_trip_the_rules_they_teach(verdicts) -> None:
    """Where a kata names rules, its starter shows at least one of them firing."""
    quiet = []
    for kata in KATAS:
        fired = {item["rule"] for item in verdicts[kata.slug]["starter"]["diagnostics"]}
        assert fired <= set(kata.rule_names)
        if kata.rule_names and not fired:
            quiet.append(kata.slug)
    # Some katas name rules only as guard rails; most starters show a rule firing.
    assert len(quiet) <= len(KATAS) // 2, quiet


@pytest.mark.parametrize("kata", KATAS, ids=lambda kata: kata.slug)
def test_every_misconception_fails_a_test(verdicts, kata) -> None:
    """A kata proves its idea only if the wrong ideas fail: each by a test, not only a rule."""
    found = verdicts[kata.slug]["misconceptions"]
    assert len(found) >= 2, f"{kata.slug} keeps {len(found)} misconceptions; it needs two"
    for item in found:
        assert item["why"].startswith("Wrong: "), (item["name"], "first line says why")
        assert item["failed"] and item["caught_by"], f"{item['name']} was not caught by a test"
        assert item["status"] == "fail", f"{item['name']} should fail on its merits"


def test_the_report_names_what_caught_each_misconception() -> None:
    result = run_tutor("kata", "verify", "generators")
    assert result.returncode == 0, result.stdout
    assert "starter fails, solution passes, 5 of 5 misconceptions fail" in result.stdout
    assert "caught list-first: by test_low_high_keeps_only_what_it_needs" in result.stdout
