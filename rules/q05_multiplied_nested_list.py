"""`[[0] * m] * n` repeats one inner list n times: every row is the same object."""

from __future__ import annotations

import functools
from collections.abc import Sequence

import libcst as cst

from .engine.rule import Invalid, Replacement, Rule
from .engine.syntax import MUTABLE_DISPLAYS, contains_comment
from .engine.walker import children


class MultipliedNestedList(Rule):
    code = "TUT051"
    name = "multiplied-nested-list"
    question = 5
    message = "multiplying a list of lists repeats one inner list: all rows are the same object"
    explanation = (
        "`*` on a list copies references, not objects. `[[0] * 3] * 2` builds the inner "
        "list once and puts that same list in the outer list twice, so `grid[0][0] = 1` "
        "changes every row. Build a fresh inner list per row with a comprehension: "
        "`[[0] * 3 for _ in range(2)]`. (`[0] * 3` itself is fine: numbers cannot be "
        "changed in place.) The fix is marked unsafe: the rows stop being shared, which "
        "is the point, but it is still a change in behaviour."
    )
    flagged = "grid = [[0] * 3] * 2\ngrid[0][0] = 1\nprint(grid)\n"
    better = "grid = [[0] * 3 for _ in range(2)]\ngrid[0][0] = 1\nprint(grid)\n"
    references = (
        "https://docs.python.org/3/faq/programming.html#how-do-i-create-a-multidimensional-list",
    )
    card = (
        (
            "After `board = [[None] * 3] * 3` and `board[1][1] = 'X'`, what does `board` "
            "hold, and why?"
        ),
        (
            "Every row shows 'X' in the middle: `* 3` on the outer list repeats a reference "
            "to one inner list, so the three rows are one object. Multiplying `[None] * 3` "
            "is fine because its items are not changed in place. Build a new row per pass: "
            "`[[None] * 3 for _ in range(3)]`."
        ),
    )
    valid = (
        "row = [0] * 8\nblank = [None] * 4\n",
        "grid = [[0] * 3 for _ in range(2)]\n",
        # Near miss: tuples and strings cannot be changed in place.
        "pairs = [(0, 0)] * 4\nlines = ['-' * 10] * 3\n",
        "matrix = [[1, 2], [3, 4]] + [[5, 6]]\n",
    )
    invalid = (
        Invalid(
            "grid = [[0] * width] * height\n",
            fixed="grid = [[0] * width for _ in range(height)]\n",
            unsafe_fixes=True,
        ),
        Invalid(
            "def buckets(n):\n    return n * [[]]  # one per slot\n",
            fixed="def buckets(n):\n    return [[] for _ in range(n)]  # one per slot\n",
            unsafe_fixes=True,
        ),
        Invalid(
            "cube = [[[0] * 2] * 2] * 2\n",
            fixed="cube = [[[0] * 2 for _ in range(2)] for _ in range(2)]\n",
            unsafe_fixes=True,
        ),
        Invalid(
            "rows.extend([[]] * (end - start))\n",
            fixed="rows.extend([[] for _ in range(end - start)])\n",
            unsafe_fixes=True,
        ),
        "table = [{}] * 3\n",
        "class Board:\n    cells = [[' '] * SIZE] * SIZE\n",
    )
    fixable = "unsafe"
    needs_text = ("*",)
    reach = "statement"

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        if not isinstance(node.operator, cst.Multiply):
            return
        for display, count in ((node.left, node.right), (node.right, node.left)):
            if isinstance(display, cst.List) and any(
                isinstance(element, cst.Element) and _is_mutable(element.value)
                for element in display.elements
            ):
                fix = None
                if self._fixable(node, display, count):
                    fix = functools.partial(_comprehension, node, display, count)
                self.report(node, fix=fix, safe=False)
                return

    def _fixable(self, node: cst.BinaryOperation, display: cst.List, count: cst.CSTNode) -> bool:
        ancestors = self.context.ancestors
        return (
            len(display.elements) == 1
            and isinstance(display.elements[0], cst.Element)
            and not display.lpar
            and not _in_class_body(ancestors)
            and not _uses_name(display, "_")
            and not _uses_name(count, "_")
            and not contains_comment(node.operator, display.lbracket, display.rbracket)
            and not contains_comment(display.elements[0].comma)
            and not self.context.bindings.shadows(ancestors, "range")
        )


def _is_mutable(value: cst.BaseExpression) -> bool:
    if isinstance(value, MUTABLE_DISPLAYS):
        return True
    return (
        isinstance(value, cst.BinaryOperation)
        and isinstance(value.operator, cst.Multiply)
        and (isinstance(value.left, cst.List) or isinstance(value.right, cst.List))
    )


def _in_class_body(ancestors: Sequence[cst.CSTNode]) -> bool:
    """A comprehension in a class body cannot see the class's names."""
    for node in reversed(ancestors):
        if isinstance(node, (cst.FunctionDef, cst.Lambda)):
            return False
        if isinstance(node, cst.ClassDef):
            return True
    return False


def _uses_name(node: cst.CSTNode, name: str) -> bool:
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.Name) and current.value == name:
            return True
        stack.extend(children(current))
    return False


def _comprehension(
    node: cst.BinaryOperation, display: cst.List, count: cst.BaseExpression
) -> Replacement:
    element = display.elements[0]
    if count.lpar and not contains_comment(*count.lpar, *count.rpar):
        count = count.with_changes(lpar=[], rpar=[])  # `range(n + 1)`, not `range((n + 1))`
    loop = cst.CompFor(
        target=cst.Name("_"),
        iter=cst.Call(func=cst.Name("range"), args=[cst.Arg(value=count)]),
    )
    return Replacement(
        node,
        cst.ListComp(
            elt=element.value,
            for_in=loop,
            lbracket=display.lbracket,
            rbracket=display.rbracket,
            lpar=node.lpar,
            rpar=node.rpar,
        ),
    )
