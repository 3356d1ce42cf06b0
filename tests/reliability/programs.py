"""Hypothesis strategies for the code learners type: whole, nested and half-typed.

hypothesmith writes arbitrary valid programs, but those rarely hold a pitfall,
so the rules' fixes would seldom run. The other strategies build programs from
every rule's own `valid` and `invalid` examples, nest them in blocks, and then
break them the way typing does (a deleted span, a stray bracket or colon).
"""

from __future__ import annotations

import textwrap

import hypothesmith
from hypothesis import strategies as st

from pitfall_tutor.rules import ALL_RULES
from pitfall_tutor.rules.engine.rule import Invalid


def _examples() -> list[str]:
    found: list[str] = []
    for rule in ALL_RULES:
        for example in (*rule.invalid, *rule.valid):
            code = example.code if isinstance(example, Invalid) else example
            found.append(code if code.endswith("\n") else code + "\n")
    return found


EXAMPLES = _examples()
BLOCKS = (
    "def outer(a, b=None):\n",
    "async def run(*args):\n",
    "class Box:\n",
    "for item in range(3):\n",
    "while ready:\n",
    "if flag:\n",
    "with open('f.txt', encoding='utf-8') as handle:\n",
)
INDENTS = ("    ", "  ", "\t")
KEYSTROKES = ("", "(", ")", "[", "]", ":", "\n", " ", "\t", "x", "=", ",", '"', "lambda", "def ")


@st.composite
def pitfall_programs(draw: st.DrawFn) -> str:
    """A few rule examples in a row, some nested one level inside a block."""
    parts = []
    for _ in range(draw(st.integers(1, 5))):
        code = draw(st.sampled_from(EXAMPLES))
        if draw(st.booleans()):
            code = draw(st.sampled_from(BLOCKS)) + textwrap.indent(
                code, draw(st.sampled_from(INDENTS))
            )
        parts.append(code)
    newline = draw(st.sampled_from(("\n", "\r\n")))
    return "".join(parts).replace("\n", newline)


def typed(text: str, draw: st.DrawFn, edits: int) -> str:
    """`text` after `edits` keystroke-sized changes at random places."""
    for _ in range(edits):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 8)))
        text = text[:start] + draw(st.sampled_from(KEYSTROKES)) + text[end:]
    return text


@st.composite
def half_typed_programs(draw: st.DrawFn) -> str:
    """Pitfall programs caught mid-edit: usually no longer valid Python."""
    return typed(draw(pitfall_programs()), draw, draw(st.integers(1, 3)))


def any_programs() -> st.SearchStrategy[str]:
    """Everything a learner might feed the linter."""
    return st.one_of(
        hypothesmith.from_node(),
        hypothesmith.from_grammar(),
        pitfall_programs(),
        half_typed_programs(),
    )


@st.composite
def edited_programs(draw: st.DrawFn) -> tuple[str, str]:
    """A program and the same program a few keystrokes later (the editor's case)."""
    before = "".join(draw(st.lists(st.sampled_from(EXAMPLES), min_size=3, max_size=8)))
    return before, typed(before, draw, draw(st.integers(1, 3)))
