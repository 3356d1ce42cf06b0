"""The pitfall rules, one module each, named `q<question>_<rule_name>.py`.

Every consumer (the CLI, the language server, the kata runner) takes its rules
from `ALL_RULES` here, so a rule exists in exactly one place.
"""

from __future__ import annotations

from .engine.findings import Finding, Severity
from .engine.rule import Invalid, Rule
from .q03_global_statement import GlobalStatement
from .q04_list_membership_in_loop import ListMembershipInLoop
from .q07_mutable_default_argument import MutableDefaultArgument
from .q12_eq_without_hash import EqWithoutHash
from .q20_open_without_with import OpenWithoutWith

ALL_RULES: tuple[type[Rule], ...] = tuple(
    sorted(
        (
            GlobalStatement,
            ListMembershipInLoop,
            MutableDefaultArgument,
            EqWithoutHash,
            OpenWithoutWith,
        ),
        key=lambda rule: rule.code,
    )
)


def find_rule(key: str) -> type[Rule] | None:
    """A rule by its name or its code (case-insensitive for codes)."""
    for rule in ALL_RULES:
        if key == rule.name or key.upper() == rule.code:
            return rule
    return None


__all__ = ["ALL_RULES", "Finding", "Invalid", "Rule", "Severity", "find_rule"]
