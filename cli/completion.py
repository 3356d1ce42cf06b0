"""Shell completion values: kata names, rule names and codes, formats.

Each function imports only what it lists, so completing stays quick.
"""

from __future__ import annotations

LINT_FORMATS = ("text", "json", "sarif", "github")


def _starting(values: list[str], incomplete: str) -> list[str]:
    return [value for value in values if value.lower().startswith(incomplete.lower())]


def kata_names(incomplete: str) -> list[str]:
    from pitfall_tutor.katas.catalogue import KATAS

    return _starting([kata.slug for kata in KATAS], incomplete)


def rule_names(incomplete: str) -> list[str]:
    from pitfall_tutor.rules import ALL_RULES

    names = [name for rule in ALL_RULES for name in (rule.name, rule.code)]
    return _starting([*names, "ALL"], incomplete.rsplit(",", 1)[-1])


def explain_topics(incomplete: str) -> list[str]:
    from .explain import topic_names

    return _starting(topic_names(), incomplete)


def docs_topics(incomplete: str) -> list[str]:
    return explain_topics(incomplete) + kata_names(incomplete)


def lint_formats(incomplete: str) -> list[str]:
    return _starting(list(LINT_FORMATS), incomplete)


def kata_formats(incomplete: str) -> list[str]:
    return _starting(["text", "json"], incomplete)
