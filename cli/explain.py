"""`tutor rules` and `tutor explain`: the rule catalogue and the question pages."""

from __future__ import annotations

import json
from typing import TextIO

from pitfall_tutor.rules import ALL_RULES, Rule, find_rule
from pitfall_tutor.rules.questions import Question, find_question, question
from pitfall_tutor.rules.rule_page import rule_page


def list_rules(fmt: str, out: TextIO) -> None:
    rows = [
        {
            "code": rule.code,
            "name": rule.name,
            "question": rule.question,
            "severity": rule.severity.value,
            "fixable": rule.fixable is not None,
        }
        for rule in ALL_RULES
    ]
    if fmt == "json":
        json.dump(rows, out, indent=2)
        out.write("\n")
        return
    width = max(len(rule.name) for rule in ALL_RULES) + 2
    out.write(f"{'code':<8}{'name':<{width}}{'question':<10}{'severity':<10}fix\n")
    for rule in ALL_RULES:
        question_label = f"Q{rule.question}"
        fix = rule.fixable or "-"
        out.write(
            f"{rule.code:<8}{rule.name:<{width}}{question_label:<10}{rule.severity.value:<10}{fix}\n"
        )


def rule_markdown(rule: type[Rule]) -> str:
    """A rule's page: what, why, a bad and a good example, and its question."""
    item = question(rule.question)
    fix = {"safe": "a safe fix", "unsafe": "an unsafe fix (opt in with --unsafe-fixes)"}
    fix_line = (
        f"`tutor lint --fix` offers {fix[rule.fixable]}." if rule.fixable else "No automatic fix."
    )
    question_line = (
        f"Interview question Q{item.number}: {item.title} (`tutor explain q{item.number}`)"
    )
    return rule_page(rule, fix_line, question_line)


def explain_topic(topic: str, out: TextIO) -> bool:
    rule = find_rule(topic)
    if rule is not None:
        _print_markdown(rule_markdown(rule), out)
        return True
    item = find_question(topic)
    if item is not None:
        _print_markdown(_question_markdown(item), out)
        return True
    return False


def _question_markdown(item: Question) -> str:
    from pitfall_tutor.cli.question_links import with_links

    return (
        with_links(item, item.text())
        .replace("<!-- tutor:links:start -->\n", "")
        .replace("<!-- tutor:links:end -->", "")
    )


def _print_markdown(text: str, out: TextIO) -> None:
    if out.isatty():
        from rich.console import Console
        from rich.markdown import Markdown

        Console(file=out).print(Markdown(text))
    else:
        out.write(text)
        if not text.endswith("\n"):
            out.write("\n")


def topic_names() -> list[str]:
    """Everything `tutor explain` knows by name: rule names and codes, and q1 to q20."""
    from pitfall_tutor.rules.questions import QUESTIONS

    names = [name for rule in ALL_RULES for name in (rule.name, rule.code)]
    return names + [f"q{item.number}" for item in QUESTIONS]


def suggestions(topic: str) -> str:
    """` Did you mean ...?` for a near miss (`mutable-default`), else an empty string."""
    import difflib

    key = topic.strip()
    names = topic_names()
    found = [name for name in names if key and key.lower() in name.lower() and len(key) >= 3]
    found += difflib.get_close_matches(key.lower(), [n.lower() for n in names], n=3, cutoff=0.6)
    by_lower = {name.lower(): name for name in names}
    unique = list(dict.fromkeys(by_lower.get(name.lower(), name) for name in found))[:3]
    return f" Did you mean {', '.join(unique)}?" if unique else ""
