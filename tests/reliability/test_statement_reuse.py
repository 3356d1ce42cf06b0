"""Keeping statement-local findings across edits finds exactly what a full lint finds.

An editor's document keeps the findings of unchanged top-level defs and classes
(rules/engine/reuse.py). Random edit sequences on real files, including edits to
the module facts (imports, module-level bindings, `global`, a generator def,
suppression comments), syntax errors and their repair, must give, version after
version, the same findings as a lint from scratch: same positions, messages,
fixes and related places.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

import libcst as cst
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pitfall_tutor.rules import ALL_RULES
from pitfall_tutor.rules.engine.engine import lint_text
from pitfall_tutor.rules.engine.incremental import IncrementalParser
from pitfall_tutor.rules.engine.notebook import lint_cells
from pitfall_tutor.rules.engine.rule import Invalid

from .fuzzing import fuzz
from .programs import EXAMPLES, KEYSTROKES

pytestmark = pytest.mark.filterwarnings("ignore::SyntaxWarning")

ARGPARSE = Path(argparse.__file__).read_text(encoding="utf-8")
# Every rule's invalid examples in a row: a file with many findings, fixes and related places.
PITFALLS = "".join(
    f"{example.code if isinstance(example, Invalid) else example}\n\n"
    for rule in ALL_RULES
    for example in rule.invalid
)
# Lines that change the module facts, or a finding's fate, wherever they land.
FACT_LINES = (
    "import copy\n",
    "from collections import *\n",
    "from os import *\n",
    "list = tuple\n",
    "open = print\n",
    "range = len\n",
    "gc = None\n",
    "count = []\n",
    "seen = []\n",
    "global count, seen\n",
    "def gen():\n    yield 1\n",
    "async def gen():\n    yield 1\n",
    "class list:\n    pass\n",
    "x = (\n",  # a syntax error, until undone
    "if __name__ == '__main__':\n    main()\n",
)
# Lines that change what a function does, typed inside one.
BODY_LINES = (
    "time.sleep(1)\n",
    "yield n\n",
    "break\n",
    "return n\n",
    "print(n)\n",
    "global total, found\n",
    "pass\n",
    "n = list(n)\n",
)
SUPPRESSIONS = ("  # tutor: ignore", "  # tutor: ignore[mutable-default-argument]", "  # noqa")


KINDS = ("fact", "example", "body", "keystroke", "delete", "comment", "undo")
# One edit: its kind, where (a fraction of the lines), which snippet, a flag and a length.
Edit = tuple[str, float, int, bool, int]


def edit_plans() -> st.SearchStrategy[list[Edit]]:
    """A few edits, drawn small so that a failing case prints short."""
    one = st.tuples(
        st.sampled_from(KINDS),
        st.floats(0, 1),
        st.integers(0, 10_000),
        st.booleans(),
        st.integers(0, 6),
    )
    return st.lists(one, min_size=2, max_size=6)


def versions_of(text: str, plan: list[Edit]) -> list[str]:
    """Successive versions of `text`, each a small edit of the one before (or an undo)."""
    versions = [text]
    for kind, where, which, flag, span in plan:
        current = versions[-1]
        lines = current.splitlines(keepends=True)
        at = min(int(where * len(lines)), max(len(lines) - 1, 0))
        if kind == "undo" and len(versions) > 1:
            new = versions[which % (len(versions) - 1)]
        elif kind in ("fact", "example", "body"):
            pool = {"fact": FACT_LINES, "example": EXAMPLES, "body": BODY_LINES}[kind]
            snippet = pool[which % len(pool)]
            if (flag or kind == "body") and at < len(lines):  # at the next line's indentation
                line = lines[at]
                indent = line[: len(line) - len(line.lstrip(" \t"))]
                snippet = "".join(indent + part for part in snippet.splitlines(keepends=True))
            if not snippet.endswith("\n"):
                snippet += "\n"
            new = "".join([*lines[:at], snippet, *lines[at:]])
        elif kind == "keystroke" and lines:
            start = sum(len(line) for line in lines[:at]) + which % (len(lines[at]) + 1)
            end = min(len(current), start + span)
            new = current[:start] + KEYSTROKES[which % len(KEYSTROKES)] + current[end:]
        elif kind == "delete" and lines:
            new = "".join([*lines[:at], *lines[at + span % 2 + 1 :]])
        elif kind == "comment" and lines:
            line = lines[at].rstrip("\r\n") + SUPPRESSIONS[which % len(SUPPRESSIONS)] + "\n"
            new = "".join([*lines[:at], line, *lines[at + 1 :]])
        else:
            new = current
        versions.append(new)
    return versions


def assert_same_as_full(versions: Sequence[str], path: str, fixes: bool = True) -> None:
    parser = IncrementalParser()
    for text in versions:
        kept = lint_text(text, path, ALL_RULES, parse=parser.parse, fixes=fixes)
        assert kept == lint_text(text, path, ALL_RULES, fixes=fixes)


@fuzz(5)
@given(edit_plans())
def test_editing_argparse_keeps_exactly_the_findings_of_a_full_lint(plan: list[Edit]) -> None:
    assert_same_as_full(versions_of(ARGPARSE, plan), "argparse.py")


@fuzz(25)
@given(edit_plans(), st.booleans())
def test_editing_a_file_of_pitfalls_keeps_exactly_the_findings_of_a_full_lint(
    plan: list[Edit], fixes: bool
) -> None:
    assert_same_as_full(versions_of(PITFALLS, plan), "pitfalls.py", fixes)


@fuzz(6)
@given(edit_plans(), st.sampled_from(("tests/test_gc.py", "app.py")))
def test_a_path_that_changes_a_verdict_is_part_of_the_key(plan: list[Edit], path: str) -> None:
    parser = IncrementalParser()
    for text in versions_of(PITFALLS, plan):
        for shown in (path, "other.py"):
            kept = lint_text(text, shown, ALL_RULES, parse=parser.parse)
            assert kept == lint_text(text, shown, ALL_RULES)


def spaced(code: str) -> str:
    """`code` with a small def before and after each top-level statement, so that an edit
    in one leaves the others to be kept (the parser re-parses an edit's neighbours)."""
    module = cst.parse_module(code)
    pads = (f"\n\ndef _pad{index}():\n    pass\n\n\n" for index in range(len(module.body) + 1))
    parts = [module.code_for_node(line) for line in module.header]
    for statement in module.body:
        parts += [next(pads), module.code_for_node(statement)]
    return "".join(parts) + next(pads)


def _defs(code: str) -> int:
    return sum(isinstance(s, (cst.FunctionDef, cst.ClassDef)) for s in cst.parse_module(code).body)


# Rule examples with two defs or classes or more: a finding in one may depend on another.
SEVERAL = tuple(spaced(code) for code in EXAMPLES if _defs(code) > 1)


@fuzz(200)
@given(st.sampled_from(SEVERAL), edit_plans())
def test_editing_small_programs_keeps_exactly_the_findings_of_a_full_lint(
    code: str, plan: list[Edit]
) -> None:
    """Small files, so that random edits often land in the statement another one depends on."""
    assert_same_as_full(versions_of(code, plan), "small.py")


def notebook_cells(text: str, size: int = 40) -> list[tuple[int, str]]:
    lines = text.splitlines(keepends=True)
    starts = range(0, len(lines), size)
    return [(index, "".join(lines[at : at + size])) for index, at in enumerate(starts)]


@fuzz(12)
@given(st.lists(st.tuples(st.integers(0, 10_000), edit_plans()), min_size=2, max_size=4))
def test_editing_notebook_cells_keeps_exactly_the_findings_of_a_full_lint(
    plans: list[tuple[int, list[Edit]]],
) -> None:
    """A notebook made of the pitfalls, edited one cell at a time."""
    cells = notebook_cells(PITFALLS)
    versions = [cells]
    for which, plan in plans:
        current = list(versions[-1])
        index = which % len(current)
        current[index] = (current[index][0], versions_of(current[index][1], plan)[-1])
        versions.append(current)
    parser = IncrementalParser()
    for cells in versions:
        kept = lint_cells(cells, "book.ipynb", ALL_RULES, None, parser.parse)
        assert kept == lint_cells(cells, "book.ipynb", ALL_RULES, None)


def test_an_edit_inside_one_function_walks_only_that_function() -> None:
    parser = IncrementalParser()
    lint_text(ARGPARSE, "argparse.py", ALL_RULES, parse=parser.parse)
    at = ARGPARSE.index("def _get_values(")
    at = ARGPARSE.index("\n", at) + 1
    edited = ARGPARSE[:at] + "        unused = []\n" + ARGPARSE[at:]
    found = lint_text(edited, "argparse.py", ALL_RULES, parse=parser.parse)
    memo = parser.findings
    assert parser.module is not None
    kinds = (cst.FunctionDef, cst.ClassDef)
    module_level = sum(1 for s in parser.module.body if not isinstance(s, kinds))
    # The edited class, its neighbours the parser re-parsed, and the module-level code.
    assert memo.walked <= module_level + 3
    assert memo.kept >= 20
    assert found == lint_text(edited, "argparse.py", ALL_RULES)


def test_a_new_import_drops_what_was_kept() -> None:
    parser = IncrementalParser()
    lint_text(PITFALLS, "pitfalls.py", ALL_RULES, parse=parser.parse)
    at = PITFALLS.index("\ndef ", len(PITFALLS) // 2) + 1
    edited = PITFALLS[:at] + "from os import *\n" + PITFALLS[at:]
    found = lint_text(edited, "pitfalls.py", ALL_RULES, parse=parser.parse)
    assert parser.findings.kept == 0
    assert found == lint_text(edited, "pitfalls.py", ALL_RULES)
