"""`tutor serve` with one extra rule that crashes on every file, to show the others still report."""

from __future__ import annotations

import libcst as cst

from pitfall_tutor.rules import ALL_RULES
from pitfall_tutor.rules.engine.rule import Rule
from pitfall_tutor.server.main import run


class AlwaysCrashes(Rule):
    code = "TUT999"
    name = "always-crashes"
    question = 1
    message = "never shown"
    explanation = "A rule with a bug, for the server's tests."
    valid = ("x = 1\n",)
    invalid = ("x = 1\n",)

    def visit_Name(self, node: cst.Name) -> None:
        raise RuntimeError("this rule has a bug")


if __name__ == "__main__":
    run(rules=(*ALL_RULES, AlwaysCrashes))
