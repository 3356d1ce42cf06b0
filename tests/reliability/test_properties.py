"""Properties of the engine on any code: it never raises, and fixes never break code."""

from __future__ import annotations

import ast
import warnings

import hypothesmith
import libcst as cst
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pitfall_tutor.rules import ALL_RULES
from pitfall_tutor.rules.engine.engine import lint_bytes, lint_text
from pitfall_tutor.rules.engine.findings import Finding
from pitfall_tutor.rules.engine.fixes import apply_edits, fix_text
from pitfall_tutor.rules.engine.incremental import IncrementalParser
from pitfall_tutor.rules.engine.results import INTERNAL_ERROR

from .fuzzing import fuzz
from .programs import any_programs, edited_programs, half_typed_programs, pitfall_programs

# Compiling generated code warns ("'int' object is not callable"); that is not a failure.
pytestmark = pytest.mark.filterwarnings("ignore::SyntaxWarning")


def lint(text: str) -> list[Finding]:
    return lint_text(text, "learner.py", ALL_RULES)


def compiles(text: str) -> bool:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "'int' object is not callable" and friends
        try:
            compile(text, "learner.py", "exec", flags=ast.PyCF_ONLY_AST, dont_inherit=True)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return False
    return True


def assert_well_formed(findings: list[Finding], text: str) -> None:
    lines = text.splitlines() or [""]
    for finding in findings:
        assert finding.code != INTERNAL_ERROR[0], finding.message  # a rule crashed
        assert finding.start <= finding.end, finding
        assert 1 <= finding.start.line <= len(lines) + 1, finding
        assert finding.end.line <= len(lines) + 1, finding


@fuzz(120)
@given(any_programs())
def test_linting_any_program_never_raises(text: str) -> None:
    assert_well_formed(lint(text), text)


@fuzz(80)
@given(
    st.one_of(
        st.binary(max_size=200),
        pitfall_programs().map(lambda text: text.encode("utf-8")),
        pitfall_programs().map(lambda text: b"\xef\xbb\xbf" + text.encode("utf-8")),
        pitfall_programs().map(lambda text: b"# coding: latin-1\n" + text.encode("latin-1")),
        pitfall_programs().map(lambda text: text.encode("utf-16")),
    )
)
def test_linting_any_bytes_never_raises(data: bytes) -> None:
    result = lint_bytes(data, "learner.py", ALL_RULES)
    if result.text is None:
        [finding] = result.findings
        assert finding.rule == "decode-error"
    else:
        assert_well_formed(result.findings, result.text)


@fuzz(120)
@given(st.one_of(pitfall_programs(), hypothesmith.from_node()))
def test_every_fix_alone_keeps_the_code_compiling(text: str) -> None:
    if not compiles(text):
        return  # hypothesmith's programs may need a newer Python than this one
    for finding in lint(text):
        if finding.fix is not None:
            fixed = apply_edits(text, finding.fix.edits)
            assert compiles(fixed), (finding.rule, fixed)
            cst.parse_module(fixed)


@fuzz(120)
@given(st.one_of(pitfall_programs(), half_typed_programs()), st.booleans())
def test_the_fix_loop_compiles_and_then_has_nothing_left_to_do(text: str, unsafe: bool) -> None:
    fixed, _, remaining = fix_text(text, lint, unsafe=unsafe)
    if compiles(text):
        assert compiles(fixed), fixed
    assert_well_formed(remaining, fixed)
    again, applied, _ = fix_text(fixed, lint, unsafe=unsafe)
    assert (again, applied) == (fixed, 0)


@fuzz(120)
@given(edited_programs())
def test_reparsing_only_the_edit_finds_what_a_full_parse_finds(pair: tuple[str, str]) -> None:
    before, after = pair
    parser = IncrementalParser()
    parser.parse(before)
    incremental = lint_text(after, "learner.py", ALL_RULES, parse=parser.parse)
    assert incremental == lint(after)
