"""Incremental re-parsing gives exactly the tree a full parse gives."""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

import libcst as cst

from pitfall_tutor.rules.engine.incremental import IncrementalParser

SOURCE = Path(argparse.__file__).read_text(encoding="utf-8")  # a real 2,600-line module


def _edit(lines: list[str], rng: random.Random) -> list[str]:
    edited = list(lines)
    i = rng.randrange(len(edited))
    indent = re.match(r"\s*", edited[i]).group()  # type: ignore[union-attr]
    kind = rng.randrange(6)
    if kind == 0:
        edited[i] += "  # note"
    elif kind == 1:
        edited.insert(i, "")
    elif kind == 2:
        edited.insert(i, indent + "# comment")
    elif kind == 3:
        edited.insert(i, indent + "x = [1, 2]")
    elif kind == 4:
        del edited[i]
    else:
        edited[i] = edited[i][: len(edited[i]) // 2]
    return edited


def test_random_edits_match_a_full_parse() -> None:
    rng = random.Random(7)
    parser = IncrementalParser()
    parser.parse(SOURCE)
    lines = SOURCE.split("\n")
    checked = reused = 0
    while checked < 20:
        candidate = _edit(lines, rng)
        text = "\n".join(candidate)
        try:
            full = cst.parse_module(text)
        except cst.ParserSyntaxError:
            continue  # the editor would show a syntax error; not this test's concern
        lines = candidate
        module = parser.parse(text)
        assert module.code == text
        assert module.deep_equals(full)
        checked += 1
        reused += parser.reused > 0
    assert reused > 15  # most edits really reused statements


def test_edit_that_joins_statements_falls_back_correctly() -> None:
    parser = IncrementalParser()
    text = "import os\n\n\nif os.sep:\n    a = 1\n\n\nb = 2\n\n\nc = 3\n"
    parser.parse(text)
    joined = text.replace("\n\n\nb = 2", "\nelse:\n    b = 2")
    assert parser.parse(joined).deep_equals(cst.parse_module(joined))
