"""Each rule's reach (rules/engine/reuse.py): what the engine may keep between edits."""

from __future__ import annotations

import argparse
from pathlib import Path

import libcst as cst

from pitfall_tutor.rules import ALL_RULES
from pitfall_tutor.rules.engine.reuse import StatementFindings

MODULE_WIDE = {
    "cpu-bound-thread",
    "unguarded-process-start",
    "iterrows-column-loop",
    "merge-without-how",
}


def test_only_the_rules_that_look_across_statements_are_module_wide() -> None:
    assert {rule.name for rule in ALL_RULES if rule.reach == "module"} == MODULE_WIDE
    assert all(rule.reach in ("statement", "module") for rule in ALL_RULES)


def test_statement_rules_never_hook_the_module() -> None:
    # The engine walks them statement by statement: a Module hook would never run.
    for rule in ALL_RULES:
        if rule.reach == "statement":
            hooks = rule.hooks()
            assert "Module" not in hooks["visit"] and "Module" not in hooks["leave"], rule.name


def test_first_lines_are_where_the_statements_start() -> None:
    text = Path(argparse.__file__).read_text(encoding="utf-8")
    module = cst.parse_module(text)
    starts = StatementFindings().first_lines(module)
    lines = text.splitlines(keepends=True)
    for statement in module.body:
        at = sum(len(line) for line in lines[: starts[statement] - 1])
        assert text.startswith(module.code_for_node(statement), at), statement
