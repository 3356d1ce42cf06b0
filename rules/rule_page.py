"""A rule's teaching page in Markdown, shared by `tutor explain` and the editor hover.

The page is built from the rule's own attributes (message, explanation, its flagged
and better examples, when it is fine, references), so the terminal and the editor
always teach the same thing. Each caller adds its closing lines: how to fix, where
to read on.
"""

from __future__ import annotations

from .engine.rule import Invalid, Rule


def examples(rule: type[Rule]) -> tuple[str, str]:
    """A flagged example and its better form: the rule's own pair when it has one,
    else the first invalid case and its fix, else the first valid case."""
    bad = rule.invalid[0]
    bad_code = rule.flagged or (bad.code if isinstance(bad, Invalid) else bad)
    fixed = bad.fixed if isinstance(bad, Invalid) and bad.fixed else None
    good = rule.better or fixed or rule.valid[0]
    return bad_code, good


def rule_page(rule: type[Rule], fix_line: str, question_line: str) -> str:
    """What the rule flags, why it matters, a bad and a good example, then the caller's lines."""
    bad, good = examples(rule)
    lines = [
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
    ]
    if rule.fine_when:
        lines += ["## When it is fine", "", rule.fine_when, ""]
    if rule.references:
        lines += ["## Read more", ""]
        lines += [f"- <{address}>" for address in rule.references]
        lines.append("")
    lines += [fix_line, "", question_line, ""]
    return "\n".join(lines)
