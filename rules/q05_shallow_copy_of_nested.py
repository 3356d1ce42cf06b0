"""A shallow copy of nested lists or dicts shares the inner ones with the original."""

from __future__ import annotations

import functools

import libcst as cst

from .engine.context import FileContext
from .engine.rule import Invalid, Replacement, Rule
from .engine.syntax import (
    MUTABLE_DISPLAYS,
    MUTATING_METHODS,
    Binding,
    enclosing_scope,
)
from .engine.walker import children


class ShallowCopyOfNested(Rule):
    code = "TUT052"
    name = "shallow-copy-of-nested"
    question = 5
    message = "shallow copy of nested data, then an inner item is changed: the original changes too"
    explanation = (
        "`copy.copy(x)`, `x.copy()`, `x[:]`, `list(x)` and `dict(x)` copy only the outer "
        "container: the new list holds the very same inner lists (or dicts) as the old "
        "one. Changing an inner item in place through the copy, as in `backup[0][0] = 1` "
        "or `backup[0].append(1)`, therefore changes the original as well. Use "
        "`copy.deepcopy(x)` when the inner objects must be independent, or build new "
        "inner objects yourself (`[row[:] for row in grid]`). The fix is marked unsafe: "
        "a deep copy also copies objects you may have meant to share."
    )
    flagged = (
        "import copy\n"
        "\n"
        "teams = {'red': ['ann'], 'blue': ['bob']}\n"
        "draft = copy.copy(teams)\n"
        "draft['red'].append('cy')\n"
        "print(teams)\n"
    )
    better = (
        "import copy\n"
        "\n"
        "teams = {'red': ['ann'], 'blue': ['bob']}\n"
        "draft = copy.deepcopy(teams)\n"
        "draft['red'].append('cy')\n"
        "print(teams)\n"
    )
    fine_when = (
        "When sharing the inner objects is the point, for example a new list of the "
        "same records that you only reorder or filter."
    )
    references = ("https://docs.python.org/3/library/copy.html",)
    card = (
        "What is shared between a list of lists and its shallow copy?",
        (
            "The inner lists. `copy.copy`, `x.copy()`, `x[:]` and `list(x)` make a new "
            "outer container that points at the very same inner objects, so appending to "
            "`copy[0]` changes the original's first row too. Replacing an element of the "
            "copy does not. `copy.deepcopy` copies recursively, or build the inner copies "
            "yourself."
        ),
    )
    valid = (
        "import copy\ngrid = [[0, 0], [0, 0]]\nbackup = copy.deepcopy(grid)\nbackup[0][0] = 1\n",
        "grid = [[0, 0], [0, 0]]\nbackup = [row[:] for row in grid]\nbackup[0][0] = 1\n",
        # Near miss: replacing a whole row does not touch the original's rows.
        "grid = [[0, 0], [0, 0]]\nbackup = grid.copy()\nbackup[0] = [1, 1]\nbackup.append([2])\n",
        "scores = [1, 2, 3]\nmine = scores[:]\nmine[0] = 9\n",
        "def f(grid):\n    backup = list(grid)\n    backup[0].append(1)\n",
    )
    invalid = (
        Invalid(
            "import copy\n\ngrid = [[0, 0], [0, 0]]\nbackup = copy.copy(grid)\nbackup[0][0] = 1\n",
            fixed="import copy\n\ngrid = [[0, 0], [0, 0]]\nbackup = copy.deepcopy(grid)\n"
            "backup[0][0] = 1\n",
            unsafe_fixes=True,
        ),
        Invalid(
            "import copy\n\ndef plan():\n    week = {'mon': [], 'tue': []}\n    draft = week.copy()\n"
            "    draft['mon'].append('gym')  # oops\n    return week, draft\n",
            fixed="import copy\n\ndef plan():\n    week = {'mon': [], 'tue': []}\n"
            "    draft = copy.deepcopy(week)\n"
            "    draft['mon'].append('gym')  # oops\n    return week, draft\n",
            unsafe_fixes=True,
        ),
        "board = [[' '] * 3 for _ in range(3)]\nnext_board = board[:]\nnext_board[1][1] = 'X'\n",
        "rows = [[1], [2]]\nclone = list(rows)\nclone[0] += [3]\n",
        "layers = [{'a': 1}, {'b': 2}]\nmine = layers.copy()\ndel mine[0]['a']\n",
    )
    fixable = "unsafe"
    needs_text = ("copy", "[:]", "list(", "dict(")
    reach = "statement"

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.bindings = context.bindings

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) != 1 or not isinstance(node.targets[0].target, cst.Name):
            return
        kind = self._copied(node.value)
        if kind is None:
            return
        source, shape = kind
        ancestors = self.context.ancestors
        scope = enclosing_scope(ancestors, self.context.module)
        bindings = self.bindings.of(scope)
        copy_name = node.targets[0].target.value
        if len(bindings.get(copy_name, [])) != 1 or copy_name == source:
            return
        originals = bindings.get(source, [])
        if not originals or not all(_nested_value(b, shape) for b in originals):
            return
        if not _inner_changed_after(scope, node, copy_name):
            return
        builtin = _builtin_called(node.value)
        if builtin and self.context.bindings.shadows(ancestors, builtin):
            return
        fix = None
        if self._copy_module_ready(ancestors):
            fix = functools.partial(_deep_copy, node.value, source)
        self.report(
            node.value,
            f"`{copy_name}` is a shallow copy: it shares its inner objects with `{source}`, "
            f"so changing `{copy_name}[...]` in place below changes `{source}` too; "
            f"use `copy.deepcopy({source})`",
            fix=fix,
            safe=False,
        )

    def _copied(self, value: cst.BaseExpression) -> tuple[str, str] | None:
        """The copied name and the shape it must have, for the five shallow copies."""
        if isinstance(value, cst.Subscript) and isinstance(value.value, cst.Name):
            if len(value.slice) == 1 and _whole_slice(value.slice[0].slice):
                return value.value.value, "sequence"
            return None
        if not isinstance(value, cst.Call) or len(value.args) not in (0, 1):
            return None
        func = value.func
        if not value.args:
            if (
                isinstance(func, cst.Attribute)
                and func.attr.value == "copy"
                and isinstance(func.value, cst.Name)
            ):
                return func.value.value, "any"
            return None
        arg = value.args[0]
        if arg.star or arg.keyword is not None or not isinstance(arg.value, cst.Name):
            return None
        if (
            isinstance(func, cst.Attribute)
            and func.attr.value == "copy"
            and isinstance(func.value, cst.Name)
            and func.value.value == "copy"
        ):
            return arg.value.value, "any"
        if isinstance(func, cst.Name) and func.value in ("list", "dict"):
            return arg.value.value, "sequence" if func.value == "list" else "mapping"
        return None

    def _copy_module_ready(self, ancestors: list[cst.CSTNode]) -> bool:
        """`import copy` at module level, and nothing else named `copy`."""
        module = self.context.module
        found = self.bindings.of(module).get("copy", [])
        if not found or not all(
            isinstance(b.node, cst.ImportAlias) and b.node.evaluated_name == "copy" for b in found
        ):
            return False
        return not any(
            "copy" in self.bindings.of(node)
            for node in ancestors
            if isinstance(node, (cst.FunctionDef, cst.Lambda))
        )


def _builtin_called(value: cst.BaseExpression) -> str | None:
    """`list` or `dict` for `list(x)` / `dict(x)`: they copy only if they are the builtins."""
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Name):
        return value.func.value
    return None


def _whole_slice(part: cst.BaseSlice) -> bool:
    return (
        isinstance(part, cst.Slice)
        and part.lower is None
        and part.upper is None
        and part.step is None
    )


def _nested_value(binding: Binding, shape: str) -> bool:
    """A literal list (or dict) whose items are themselves lists, dicts or sets."""
    value = binding.value
    if not isinstance(binding.node, (cst.Assign, cst.AnnAssign)) or value is None:
        return False
    if shape in ("sequence", "any"):
        if isinstance(value, cst.List) and value.elements:
            return all(
                isinstance(element, cst.Element) and _is_mutable(element.value)
                for element in value.elements
            )
        if isinstance(value, cst.ListComp):
            return _is_mutable(value.elt)
    if shape in ("mapping", "any"):
        if isinstance(value, cst.Dict) and value.elements:
            return all(
                isinstance(element, cst.DictElement) and _is_mutable(element.value)
                for element in value.elements
            )
        if isinstance(value, cst.DictComp):
            return _is_mutable(value.value)
    return False


def _is_mutable(value: cst.BaseExpression) -> bool:
    if isinstance(value, MUTABLE_DISPLAYS):
        return True
    return (
        isinstance(value, cst.BinaryOperation)
        and isinstance(value.operator, cst.Multiply)
        and isinstance(value.left, cst.List)
    )


def _inner_changed_after(scope: cst.CSTNode, copy: cst.Assign, name: str) -> bool:
    """Whether, after `copy`, the scope changes an inner item of `name` in place."""
    seen_copy = False
    stack: list[cst.CSTNode] = [scope]
    while stack:
        node = stack.pop()
        if node is copy:
            seen_copy = True
            continue
        if seen_copy and _changes_inner(node, name):
            return True
        if node is not scope and isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            continue
        stack.extend(reversed(children(node)))
    return False


def _changes_inner(node: cst.CSTNode, name: str) -> bool:
    if isinstance(node, cst.AssignTarget):
        return _is_inner(node.target, name, depth=2)
    if isinstance(node, cst.AugAssign):
        return _is_inner(node.target, name, depth=1)
    if isinstance(node, cst.Del):
        return _is_inner(node.target, name, depth=2)
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
        return node.func.attr.value in MUTATING_METHODS and _is_inner(
            node.func.value, name, depth=1
        )
    return False


def _is_inner(target: cst.BaseExpression, name: str, depth: int) -> bool:
    """`name[i]` (depth 1) or `name[i][j]` (depth 2) or deeper."""
    levels = 0
    while isinstance(target, cst.Subscript):
        target = target.value
        levels += 1
    return levels >= depth and isinstance(target, cst.Name) and target.value == name


def _deep_copy(value: cst.BaseExpression, source: str) -> Replacement:
    return Replacement(
        value,
        cst.Call(
            func=cst.Attribute(value=cst.Name("copy"), attr=cst.Name("deepcopy")),
            args=[cst.Arg(value=cst.Name(source))],
            lpar=value.lpar,
            rpar=value.rpar,
        ),
    )
