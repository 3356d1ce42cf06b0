"""The engine on real code: crash isolation, positions, suppression, fix loop."""

from __future__ import annotations

import libcst as cst

from pitfall_tutor.rules import ALL_RULES, find_rule
from pitfall_tutor.rules.engine.engine import lint_text
from pitfall_tutor.rules.engine.findings import Position
from pitfall_tutor.rules.engine.fixes import fix_text
from pitfall_tutor.rules.engine.rule import Rule


class Exploding(Rule):
    """A rule that crashes on every function, to prove the others keep going."""

    code = "TUT999"
    name = "exploding"
    question = 1
    message = "boom"
    explanation = "test only"
    valid = ("x = 1\n",)
    invalid = ("def f(): pass\n",)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        raise ValueError("kaboom")


def test_a_crashing_rule_becomes_one_internal_error_and_others_still_run() -> None:
    code = "x = 1\n\ndef f(a=[]):\n    pass\n\ndef g(b={}):\n    pass\n"
    findings = lint_text(code, "m.py", [Exploding, *ALL_RULES])
    internal = [f for f in findings if f.rule == "internal-error"]
    assert len(internal) == 1
    assert "exploding (TUT999)" in internal[0].message and "kaboom" in internal[0].message
    assert internal[0].start == Position(3, 0)
    assert [f.start.line for f in findings if f.rule == "mutable-default-argument"] == [3, 6]


def test_positions_for_repeated_statements_and_nested_nodes() -> None:
    # Two identical top-level statements force the whole-module fallback.
    code = "def f(a=[]):\n    pass\ndef f(a=[]):\n    pass\nclass C:\n    def m(self, x={}):\n        pass\n"
    rule = find_rule("mutable-default-argument")
    assert rule is not None
    found = [(f.start, f.end) for f in lint_text(code, "m.py", [rule])]
    assert found == [
        (Position(1, 8), Position(1, 10)),
        (Position(3, 8), Position(3, 10)),
        (Position(6, 18), Position(6, 20)),
    ]


def test_positions_when_only_the_whole_statement_is_found_once() -> None:
    """A statement is generated up to its last reported node; when that part is in
    the text twice, the whole statement decides (here, the different last line)."""
    block = "class A:\n    def f(self, x=[]):\n        pass\n    y = {}\n"
    code = "\n" + block.format(1) + "\n" + block.format(2)
    rule = find_rule("mutable-default-argument")
    assert rule is not None
    found = [(f.start, f.end) for f in lint_text(code, "m.py", [rule])]
    assert found == [(Position(3, 18), Position(3, 20)), (Position(8, 18), Position(8, 20))]


def test_file_without_trailing_newline() -> None:
    rule = find_rule("mutable-default-argument")
    assert rule is not None
    [finding] = lint_text("def f(a=[]): pass", "m.py", [rule])
    assert (finding.start, finding.end) == (Position(1, 8), Position(1, 10))


def test_fix_loop_applies_overlapping_fixes_over_rounds() -> None:
    rule = find_rule("mutable-default-argument")
    assert rule is not None
    code = "class C:\n    def m(self, a=[], b={}):\n        # keep\n        return a, b\n"
    fixed, applied, remaining = fix_text(code, lambda t: lint_text(t, "m.py", [rule]), unsafe=True)
    assert applied == 2 and remaining == []
    assert fixed == (
        "class C:\n    def m(self, a=None, b=None):\n        if a is None:\n            a = []\n"
        "        if b is None:\n            b = {}\n        # keep\n        return a, b\n"
    )


def test_newer_syntax_than_this_python_still_gets_linted() -> None:
    rule = find_rule("mutable-default-argument")
    assert rule is not None
    code = "type Pairs = list[int]\n\ndef first[T](xs: list[T] = []) -> T:\n    return xs[0]\n"
    assert [f.rule for f in lint_text(code, "m.py", [rule])] == ["mutable-default-argument"]


def test_a_moved_finding_moves_its_related_places_and_fix_too() -> None:
    from pitfall_tutor.rules.engine.findings import Edit, Finding, Fix, Position, Related, Severity

    finding = Finding(
        "a.py",
        Position(3, 4),
        Position(3, 9),
        "TUT041",
        "list-membership-in-loop",
        4,
        Severity.WARNING,
        "message",
        Fix(True, (Edit(Position(2, 0), Position(2, 5), "{1}"),)),
        related=(Related(Position(5, 8), Position(5, 12), "also here"),),
    )
    moved = finding.moved_down(10)
    assert (moved.start, moved.end) == (Position(13, 4), Position(13, 9))
    assert moved.related == (Related(Position(15, 8), Position(15, 12), "also here"),)
    assert moved.fix is not None and moved.fix.edits[0].start == Position(12, 0)
    assert finding.moved_down(-1, keep_fix=False).fix is None
