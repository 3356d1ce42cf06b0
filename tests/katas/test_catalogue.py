"""The kata data: complete, in learning order, linked to rules and question pages."""

from __future__ import annotations

import ast
import re

import pytest

from pitfall_tutor.cli.kata import kata_app
from pitfall_tutor.katas.catalogue import INSTRUCTIONS, KATAS, TESTS, find_kata
from pitfall_tutor.rules import find_rule
from pitfall_tutor.rules.questions import question


def test_at_least_fifteen_katas_in_learning_order() -> None:
    assert len(KATAS) >= 15
    numbers = [kata.question for kata in KATAS]
    assert numbers == sorted(numbers)
    for slug in ("scope", "mutability", "copying", "arguments", "dict-comprehension", "lambdas",
                 "varargs", "generators", "dunder", "concurrency", "memory", "lru-cache",
                 "pandas-merge", "files"):  # fmt: skip
        assert find_kata(slug) is not None, slug


def test_slugs_do_not_clash_with_commands() -> None:
    commands = {command.name for command in kata_app.registered_commands}
    assert commands >= {"list", "check", "hint", "reset", "solution", "progress", "verify"}
    assert not commands & {kata.slug for kata in KATAS}


@pytest.mark.parametrize("kata", KATAS, ids=lambda kata: kata.slug)
def test_kata_metadata_is_complete(kata) -> None:
    assert kata.title
    assert len(kata.hints) >= 3
    for name in kata.rule_names:
        rule = find_rule(name)
        assert rule is not None, f"{kata.slug} names a rule that does not exist: {name}"
    instructions = kata.text(INSTRUCTIONS)
    assert instructions.startswith(f"# {kata.slug}: ")
    assert "## Why interviewers ask" in instructions and "## Your task" in instructions
    assert f"`{kata.file_name}`" in instructions
    assert question(kata.question).page.is_file()


@pytest.mark.parametrize("kata", KATAS, ids=lambda kata: kata.slug)
def test_every_assertion_explains_itself(kata) -> None:
    """Failing tests must speak in plain words, so every assert carries a message."""
    tree = ast.parse(kata.text(TESTS))
    bare = [
        node.lineno for node in ast.walk(tree) if isinstance(node, ast.Assert) and node.msg is None
    ]
    assert not bare, f"asserts without a message on lines {bare}"


@pytest.mark.parametrize("kata", KATAS, ids=lambda kata: kata.slug)
def test_question_page_lists_the_kata(kata) -> None:
    assert f"`tutor kata {kata.slug}`" in question(kata.question).text()


# Code in a hint: a backticked span with an assignment or comparison, a call with
# arguments, a subscript or a block colon. A bare name (`nonlocal`, `len()`, `key=`)
# names a technique, and is allowed in every hint.
_SPAN = re.compile(r"`([^`]+)`")
_CODE = re.compile(r"[^=!<>]=[^=]|==|\([^)]|\[|:\s|:$| is ")


def _code_in(hint: str) -> str | None:
    spans = [span for span in _SPAN.findall(hint) if len(span) > 4]  # `==`, `[]`: names
    return next((span for span in spans if _CODE.search(span)), None)


@pytest.mark.parametrize("kata", KATAS, ids=lambda kata: kata.slug)
def test_hints_go_from_a_question_to_near_code(kata) -> None:
    """Graded hints: first a question, then the technique by name, code only in the last."""
    first, *middle, last = kata.hints
    assert "?" in first, f"{kata.slug}: the first hint should ask a question"
    for hint in (first, *middle):
        code = _code_in(hint)
        assert code is None, f"{kata.slug}: code before the last hint: `{code}`"
    assert "`" in last, f"{kata.slug}: the last hint should come close to the code"
