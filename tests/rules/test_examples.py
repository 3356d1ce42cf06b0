"""Every rule's valid and invalid examples are its tests (as in Fixit)."""

from __future__ import annotations

import pytest

from pitfall_tutor.rules import ALL_RULES, Invalid, Rule
from pitfall_tutor.rules.engine.engine import lint_text
from pitfall_tutor.rules.engine.fixes import fix_text

VALID = [
    pytest.param(rule, code, id=f"{rule.name}-valid-{i}")
    for rule in ALL_RULES
    for i, code in enumerate(rule.valid)
]
INVALID = [
    pytest.param(
        rule, case if isinstance(case, Invalid) else Invalid(case), id=f"{rule.name}-invalid-{i}"
    )
    for rule in ALL_RULES
    for i, case in enumerate(rule.invalid)
]


def _lint(rule: type[Rule], code: str):
    return lint_text(code, "example.py", [rule])


@pytest.mark.parametrize(("rule", "code"), VALID)
def test_valid_example_is_quiet(rule: type[Rule], code: str) -> None:
    assert _lint(rule, code) == []


@pytest.mark.parametrize(("rule", "case"), INVALID)
def test_invalid_example_is_flagged(rule: type[Rule], case: Invalid) -> None:
    findings = _lint(rule, case.code)
    assert findings, "expected a finding"
    assert {finding.rule for finding in findings} == {rule.name}


@pytest.mark.parametrize(("rule", "case"), [p for p in INVALID if p.values[1].fixed is not None])
def test_fix_gives_expected_code(rule: type[Rule], case: Invalid) -> None:
    fixed, applied, remaining = fix_text(
        case.code, lambda text: _lint(rule, text), unsafe=case.unsafe_fixes
    )
    assert applied >= 1
    assert fixed == case.fixed
    compile(fixed, "fixed.py", "exec")
    assert [f for f in remaining if f.fix is not None and (f.fix.safe or case.unsafe_fixes)] == []


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.name)
def test_rule_metadata_is_complete(rule: type[Rule]) -> None:
    assert 1 <= rule.question <= 20
    assert rule.message and rule.explanation
    assert rule.fixable in (None, "safe", "unsafe")
    if rule.fixable is not None:
        assert any(isinstance(c, Invalid) and c.fixed for c in rule.invalid), "show the fix"
