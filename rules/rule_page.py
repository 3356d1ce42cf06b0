"""A rule's teaching page in Markdown, shared by `tutor explain` and the editor hover.

The page is built from the rule's own attributes (message, explanation and its
first invalid and valid examples), so the terminal and the editor always teach
the same thing. Each caller adds its closing lines: how to fix, where to read on.
"""

from __future__ import annotations

from .engine.rule import Invalid, Rule


def examples(rule: type[Rule]) -> tuple[str, str]:
    """A flagged example and a better one: the first invalid case and its fix,
    or the first valid case when that case has no fix."""
    bad = rule.invalid[0]
    bad_code = bad.code if isinstance(bad, Invalid) else bad
    good = bad.fixed if isinstance(bad, Invalid) and bad.fixed else rule.valid[0]
    return bad_code, good


def rule_page(rule: type[Rule], fix_line: str, question_line: str) -> str:
    """What the rule flags, why it matters, a bad and a good example, then the caller's lines."""
    bad, good = examples(rule)
    return "\n".join(
        [
            f"# {rule.code} {rule.name}",
            "",
            f"*{rule.message}* (severity: {rule.severity.value})",
            "",
            "## Why it matters",
            "",
            rule.explanation,
            "",
            "## Flagged",
            "",
            "```python",
            bad.rstrip(),
            "```",
            "",
            "## Better",
            "",
            "```python",
            good.rstrip(),
            "```",
            "",
            fix_line,
            "",
            question_line,
            "",
        ]
    )
