"""The parse without per-node checks gives LibCST's tree, and only skips them while it runs."""

from __future__ import annotations

import sysconfig
import threading
from pathlib import Path

import libcst as cst
import pytest

from pitfall_tutor.rules.engine.parsing import parse_module

STDLIB = Path(sysconfig.get_paths()["stdlib"])
SAMPLES = sorted(STDLIB.glob("*.py"))[::12]


@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.name)
def test_same_tree_as_libcst(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    ours = parse_module(text)
    assert ours.deep_equals(cst.parse_module(text))
    assert ours.code == text


def test_hand_built_nodes_are_still_checked_after_a_parse() -> None:
    parse_module("x = 1\n")
    with pytest.raises(cst.CSTValidationError):
        cst.SimpleWhitespace("not whitespace")


def test_checks_come_back_when_the_parse_fails() -> None:
    with pytest.raises(cst.ParserSyntaxError):
        parse_module("def (:\n")
    with pytest.raises(cst.CSTValidationError):
        cst.SimpleWhitespace("x")


def test_parses_on_many_threads_restore_the_checks() -> None:
    text = (STDLIB / "textwrap.py").read_text(encoding="utf-8")
    trees: list[cst.Module] = []
    threads = [threading.Thread(target=lambda: trees.append(parse_module(text))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(trees) == 4 and all(tree.code == text for tree in trees)
    with pytest.raises(cst.CSTValidationError):
        cst.SimpleWhitespace("x")
