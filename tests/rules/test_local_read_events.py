"""local-read-before-assignment's `_events` sends most nodes straight to their children
by one type lookup (`_SPECIAL`); a branch added for a type missing there would never run."""

from __future__ import annotations

import ast
import inspect

import libcst as cst

from pitfall_tutor.rules import q03_local_read_before_assignment as rule


def _isinstance_types(function: object) -> set[type]:
    """The LibCST types `function` tests with isinstance, outside its `role == "bind"` branch."""
    tree = ast.parse(inspect.getsource(function))  # type: ignore[arg-type]
    for branch in ast.walk(tree):
        if isinstance(branch, ast.If) and "bind" in ast.unparse(branch.test):
            branch.body = []  # bindings are handled before the type lookup
    found: set[type] = set()
    for call in ast.walk(tree):
        if isinstance(call, ast.Call) and getattr(call.func, "id", None) == "isinstance":
            for name in ast.walk(call.args[1]):
                if isinstance(name, ast.Attribute) and getattr(name.value, "id", None) == "cst":
                    found.add(getattr(cst, name.attr))
                elif isinstance(name, ast.Name) and name.id == "_COMPREHENSIONS":
                    found.update(rule._COMPREHENSIONS)
    return found


def test_every_type_events_treats_apart_is_special() -> None:
    kinds = _isinstance_types(rule._events)
    assert cst.Name in kinds and cst.MatchKeywordElement in kinds  # the scan sees the chain
    # Types checked inside a special branch (an ImportStar within ImportFrom) need no entry.
    inner = {cst.ImportStar}
    assert kinds - inner <= rule._SPECIAL
