"""Reported positions agree with LibCST's PositionProvider, wherever the node sits.

The engine generates only the innermost statement around a report and looks
its text up in the file (positions.py); a rule here reports every call, name,
return and def, from its own hook and from hooks above it, so that every kind
of nesting, repeated statement and fallback is compared with LibCST's answer.
"""

from __future__ import annotations

import sysconfig
from pathlib import Path

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from pitfall_tutor.rules.engine.engine import lint_text
from pitfall_tutor.rules.engine.rule import Rule

STDLIB = Path(sysconfig.get_paths()["stdlib"])
SAMPLES = [STDLIB / name for name in ("textwrap.py", "argparse.py", "tarfile.py", "enum.py")]


class ReportsEverything(Rule):
    code = "TUT998"
    name = "reports-everything"
    question = 1
    message = "here"
    explanation = "test only"
    valid = ("pass\n",)
    invalid = ("f()\n",)

    def visit_Call(self, node: cst.Call) -> None:
        self.report(node)
        self.report(node.func)  # below the visited node

    def visit_Return(self, node: cst.Return) -> None:
        self.report(node)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.report(node.name)
        self.report(node.params)

    def visit_If(self, node: cst.If) -> None:
        self.report(node.test)  # an `elif` is an If inside an If


def expected(text: str) -> list[tuple[int, int, int, int]]:
    wrapper = MetadataWrapper(cst.parse_module(text), unsafe_skip_copy=True)
    positions = wrapper.resolve(PositionProvider)
    wanted: list[cst.CSTNode] = []
    for node in positions:
        if isinstance(node, cst.Call):
            wanted += [node, node.func]
        elif isinstance(node, cst.Return):
            wanted.append(node)
        elif isinstance(node, cst.FunctionDef):
            wanted += [node.name, node.params]
        elif isinstance(node, cst.If):
            wanted.append(node.test)
    spans = [(positions[node].start, positions[node].end) for node in wanted]
    return sorted((start.line, start.column, end.line, end.column) for start, end in spans)


def reported(text: str) -> list[tuple[int, int, int, int]]:
    return sorted(
        (f.start.line, f.start.column, f.end.line, f.end.column)
        for f in lint_text(text, "m.py", [ReportsEverything])
    )


TRICKY = """\
def f(x):
    if x:
        return g(x)
    elif h(x):
        return g(x)
    else:
        # a comment before the statement
        return g(x)


class C:
    def f(self, x):
        return g(x)

    def f(self, x):
        return g(x)
"""


@pytest.mark.parametrize(
    "text",
    [TRICKY, TRICKY.rstrip("\n"), TRICKY.replace("    ", "\t"), TRICKY.replace("\n", "\r\n")],
    ids=["tricky", "no-final-newline", "tabs", "crlf"],
)
def test_nested_repeated_and_elif(text: str) -> None:
    assert reported(text) == expected(text)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.name)
def test_real_modules(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert reported(text) == expected(text)
