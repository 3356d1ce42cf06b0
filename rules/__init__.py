"""The pitfall rules, one module each, named `q<question>_<rule_name>.py`.

Every consumer (the CLI, the language server, the kata runner) takes its rules
from `ALL_RULES` here, so a rule exists in exactly one place. A new module that
follows the naming pattern is picked up without being listed anywhere.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

from .engine.findings import Finding, Severity
from .engine.rule import Invalid, Rule

_RULE_MODULE = re.compile(r"q\d\d_[a-z0-9_]+")


def _discover() -> tuple[type[Rule], ...]:
    found: list[type[Rule]] = []
    for info in pkgutil.iter_modules(__path__):
        if not _RULE_MODULE.fullmatch(info.name):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.extend(
            value
            for value in vars(module).values()
            if isinstance(value, type)
            and issubclass(value, Rule)
            and value.__module__ == module.__name__
        )
    codes = [rule.code for rule in found]
    names = [rule.name for rule in found]
    if len(set(codes)) != len(codes) or len(set(names)) != len(names):
        raise RuntimeError("two rules share a code or a name")
    return tuple(sorted(found, key=lambda rule: rule.code))


ALL_RULES: tuple[type[Rule], ...] = _discover()


def find_rule(key: str) -> type[Rule] | None:
    """A rule by its name or its code (case-insensitive for codes)."""
    for rule in ALL_RULES:
        if key == rule.name or key.upper() == rule.code:
            return rule
    return None


__all__ = ["ALL_RULES", "Finding", "Invalid", "Rule", "Severity", "find_rule"]
