"""`x = x + [item]` in a loop copies the whole list on every pass."""

from __future__ import annotations

import functools
from collections.abc import Sequence

import libcst as cst

from .engine.context import FileContext
from .engine.rule import Invalid, Replacement, Rule
from .engine.syntax import (
    Binding,
    contains_comment,
    enclosing_scope,
    in_loop,
    is_call_to,
    is_list_display,
    is_list_valued,
)
from .engine.walker import children

# Calls that read a list without keeping a reference to it.
_READERS = frozenset(
    {"len", "sum", "min", "max", "any", "all", "sorted", "tuple", "list", "set", "frozenset"}
    | {"str", "repr", "print", "bool", "enumerate", "reversed", "zip"}
)


# What the right operand of `x = x + <right>` must look like for a closer look.
_LIST_SHAPES = (cst.List, cst.ListComp, cst.Call, cst.BinaryOperation, cst.Name)


class ListConcatInLoop(Rule):
    code = "TUT021"
    name = "list-concat-in-loop"
    question = 2
    message = "`x = x + [...]` builds a new list on every pass; `x.append(...)` grows it in place"
    explanation = (
        "`x = x + [item]` does not change the list `x` names: it builds a brand-new list "
        "holding every old element plus the new one, then rebinds `x` to it. Inside a "
        "loop that copies the whole list on every pass, so the loop does quadratic work. "
        "`x.append(item)`, `x.extend(more)` or `x += more` mutate the one list in place. "
        "The fix is marked unsafe: any other name that refers to the same list would "
        "now see the new items too."
    )
    flagged = "squares = []\nfor n in range(5):\n    squares = squares + [n * n]\nprint(squares)\n"
    better = "squares = []\nfor n in range(5):\n    squares.append(n * n)\nprint(squares)\n"
    fine_when = (
        "When the loop is tiny and fixed (three or four passes), or when you need a new "
        "list on purpose because another name still holds the old one and must not see "
        "the new items."
    )
    references = (
        "https://docs.python.org/3/tutorial/datastructures.html#more-on-lists",
        "https://docs.python.org/3/reference/datamodel.html#object.__iadd__",
    )
    card = (
        ("Inside a loop, why is `result = result + [item]` slower than `result.append(item)`?"),
        (
            "The `+` builds a brand-new list each pass, copying every element so far, so "
            "the loop does work proportional to the square of the length. `append` (or "
            "`+=`, which calls `__iadd__`) grows the one list in place. The difference is "
            "also visible to other names: after `+` they still hold the old list; after "
            "`append` they see the new item."
        ),
    )
    valid = (
        "names = []\nfor row in rows:\n    names.append(row.name)\n",
        # Near miss: a path that must be a new list each time, because it is kept.
        "path = []\nfor node in nodes:\n    path = path + [node]\n    paths.append(path)\n",
        "def grow(items):\n    for n in range(3):\n        items = items + [n]\n    return items\n",
        "total = 0\nfor n in numbers:\n    total = total + n\n",
        "import numpy as np\narr = np.zeros(3)\nfor k in range(3):\n    arr = arr + [1, 2, 3]\n",
        "parts = []\nparts = parts + [1]\n",
    )
    invalid = (
        Invalid(
            "squares = []\nfor n in range(10):\n    squares = squares + [n * n]  # grow\n",
            fixed="squares = []\nfor n in range(10):\n    squares.append(n * n)  # grow\n",
            unsafe_fixes=True,
        ),
        Invalid(
            "def flatten(rows):\n    out = []\n    for row in rows:\n        out = out + list(row)\n"
            "    return out\n",
            fixed="def flatten(rows):\n    out = []\n    for row in rows:\n        out += list(row)\n"
            "    return out\n",
            unsafe_fixes=True,
        ),
        Invalid(
            "words = []\nextra = ['a', 'b']\nwhile len(words) < 10:\n    words = words + extra\n",
            fixed="words = []\nextra = ['a', 'b']\nwhile len(words) < 10:\n    words += extra\n",
            unsafe_fixes=True,
        ),
        Invalid(
            "counts = []\nfor level in levels:\n    if level >= len(counts):\n"
            "        counts = counts + [0] * (level - len(counts) + 1)\n    counts[level] += 1\n",
            fixed="counts = []\nfor level in levels:\n    if level >= len(counts):\n"
            "        counts += [0] * (level - len(counts) + 1)\n    counts[level] += 1\n",
            unsafe_fixes=True,
        ),
        "log = list()\nfor event in events:\n    if event:\n        log = log + [event, len(log)]\n"
        "print(len(log), log)\n",
    )
    fixable = "unsafe"
    needs_text = ("+",)
    reach = "statement"

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.bindings = context.bindings
        self.list_builtin: dict[cst.CSTNode, bool] = {}  # per scope: `list` is the builtin

    def visit_Assign(self, node: cst.Assign) -> None:
        value = node.value
        if (
            len(node.targets) != 1
            or not isinstance(node.targets[0].target, cst.Name)
            or not isinstance(value, cst.BinaryOperation)
            or not isinstance(value.operator, cst.Add)
            or not isinstance(value.left, cst.Name)
            or value.left.value != node.targets[0].target.value
            or not isinstance(value.right, _LIST_SHAPES)
        ):
            return
        ancestors = self.context.ancestors
        if not in_loop(ancestors, node):
            return
        name = value.left.value
        scope = enclosing_scope(ancestors, self.context.module)
        bindings = self.bindings.of(scope)
        if not self._is_list(value.right, name, bindings, scope):
            return
        if not self._list_valued(name, bindings, scope):
            return
        if _may_be_shared(scope, name, _outermost_loop(ancestors, scope)):
            return
        self.report(
            node,
            f"`{name} = {name} + ...` builds a new list on every pass of the loop; "
            f"`{name}.append(...)` or `{name} += ...` grows the same list in place",
            fix=functools.partial(_in_place, node, name, value.right),
            safe=False,
        )

    def _list_valued(
        self, name: str, bindings: dict[str, list[Binding]], scope: cst.CSTNode
    ) -> bool:
        found = bindings.get(name, [])
        if is_list_valued(name, found, list_call_ok=False):
            return True
        return is_list_valued(name, found, list_call_ok=True) and self._list_is_builtin(scope)

    def _list_is_builtin(self, scope: cst.CSTNode) -> bool:
        if scope not in self.list_builtin:
            shadowed = self.context.bindings.shadows(self.context.ancestors, "list")
            self.list_builtin[scope] = not shadowed
        return self.list_builtin[scope]

    def _is_list(
        self,
        value: cst.BaseExpression,
        name: str,
        bindings: dict[str, list[Binding]],
        scope: cst.CSTNode,
    ) -> bool:
        if is_list_display(value):
            return True
        if is_call_to(value, "list"):
            return self._list_is_builtin(scope)
        if isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.Multiply):
            return isinstance(value.left, cst.List) or isinstance(value.right, cst.List)
        if isinstance(value, cst.Name) and value.value != name and value.value in bindings:
            return self._list_valued(value.value, bindings, scope)
        return False


def _outermost_loop(ancestors: Sequence[cst.CSTNode], scope: cst.CSTNode) -> cst.CSTNode:
    inside = ancestors[ancestors.index(scope) + 1 :] if scope in ancestors else ancestors
    return next(node for node in inside if isinstance(node, (cst.For, cst.While)))


def _may_be_shared(scope: cst.CSTNode, name: str, loop: cst.CSTNode) -> bool:
    """Whether `name`'s list could be referred to elsewhere before `loop` ends.

    If it is stored, passed on, returned or captured, growing it in place
    would change what those other references see.
    """
    end = cst.Pass()  # marks the end of the loop's subtree on the stack
    stack: list[tuple[cst.CSTNode, tuple[cst.CSTNode, ...], bool]] = [(scope, (), False)]
    while stack:
        node, parents, nested = stack.pop()
        if node is end:
            return False
        if (
            isinstance(node, cst.Name)
            and node.value == name
            and parents
            and (nested or not _harmless_use(node, parents))
        ):
            return True
        if node is loop:
            stack.append((end, (), nested))
        inner = nested or (
            node is not scope and isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda))
        )
        lineage = (node, *parents[:1])
        stack.extend((child, lineage, inner) for child in reversed(children(node)))
    return False


def _harmless_use(name: cst.Name, parents: tuple[cst.CSTNode, ...]) -> bool:
    """Uses that read the list, or rebind the name, without keeping the list."""
    parent = parents[0]
    if isinstance(parent, (cst.Attribute, cst.Subscript)):
        return parent.value is name
    if isinstance(parent, (cst.AssignTarget, cst.AugAssign, cst.Del)):
        return parent.target is name
    if isinstance(parent, cst.BinaryOperation):
        return isinstance(parent.operator, cst.Add)  # makes a new list
    if isinstance(parent, (cst.Comparison, cst.ComparisonTarget, cst.FormattedStringExpression)):
        return True
    if isinstance(parent, (cst.For, cst.CompFor)):
        return parent.iter is name
    if isinstance(parent, cst.Arg) and len(parents) > 1:
        call = parents[1]
        return isinstance(call, cst.Call) and any(is_call_to(call, f) for f in _READERS)
    return False


def _in_place(node: cst.Assign, name: str, right: cst.BaseExpression) -> Replacement:
    target = cst.Name(name)
    single = (
        isinstance(right, cst.List)
        and len(right.elements) == 1
        and isinstance(right.elements[0], cst.Element)
        and not right.lpar
        and not contains_comment(right.lbracket, right.rbracket, right.elements[0])
    )
    if single:
        assert isinstance(right, cst.List)
        call = cst.Call(
            func=cst.Attribute(value=target, attr=cst.Name("append")),
            args=[cst.Arg(value=right.elements[0].value)],
        )
        return Replacement(node, cst.Expr(value=call))
    return Replacement(node, cst.AugAssign(target=target, operator=cst.AddAssign(), value=right))
