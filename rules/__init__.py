"""The pitfall rules, one module each, named `q<question>_<rule_name>.py`.

Every consumer (the CLI, the language server, the kata runner) takes its rules
from `ALL_RULES` here, so a rule exists in exactly one place. A new module that
follows the naming pattern is picked up without being listed anywhere.

The rules (and LibCST under them) load on first use of `ALL_RULES`, `Rule`,
`Invalid` or `find_rule`: a `tutor lint` whose files are all unchanged since
the last run answers from its cache without them.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .engine.findings import Finding, Severity

if TYPE_CHECKING:
    from .engine.rule import Invalid, Rule

    ALL_RULES: tuple[type[Rule], ...]

_RULE_MODULE = re.compile(r"q\d\d_[a-z0-9_]+")


@lru_cache(maxsize=1)
def _discover() -> tuple[type[Rule], ...]:
    from .engine.rule import Rule

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


def __getattr__(name: str) -> Any:
    """PEP 562: the rule registry and the base classes, built when first asked for."""
    if name == "ALL_RULES":
        return _discover()
    if name in ("Rule", "Invalid"):
        from .engine import rule

        return getattr(rule, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def find_rule(key: str) -> type[Rule] | None:
    """A rule by its name or its code (case-insensitive for codes)."""
    for rule in _discover():
        if key == rule.name or key.upper() == rule.code:
            return rule
    return None


__all__ = ["ALL_RULES", "Finding", "Invalid", "Rule", "Severity", "find_rule"]
