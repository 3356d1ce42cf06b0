"""A comprehension with three or more `for` clauses, or another one in its `if`."""

from __future__ import annotations

import libcst as cst

from .engine.findings import Severity
from .engine.rule import Rule
from .engine.syntax import names_read
from .engine.walker import children

_COMPREHENSIONS = (cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)


class ComplexComprehension(Rule):
    code = "TUT083"
    name = "complex-comprehension"
    question = 8
    severity = Severity.INFO
    message = "this comprehension packs too much into one expression; a plain loop reads better"
    explanation = (
        "Comprehensions are great for one loop, and fine for two. With three `for` "
        "clauses, or with another comprehension inside the `if` condition, the reader has "
        "to untangle the order of the loops and which names belong to which, and the "
        "inner comprehension runs again for every item. Write the outer part as a plain "
        "`for` loop, give the inner part a name (a helper function or a set built once "
        "before the loop), and keep the comprehension for the simple step."
    )
    flagged = (
        "cube = [[[1, 2], [3]], [[4], [5, 6]]]\n"
        "cells = [c for plane in cube for row in plane for c in row]\n"
        "print(cells)\n"
    )
    better = (
        "cube = [[[1, 2], [3]], [[4], [5, 6]]]\n"
        "cells = []\n"
        "for plane in cube:\n"
        "    for row in plane:\n"
        "        cells.extend(row)\n"
        "print(cells)\n"
    )
    fine_when = (
        "Two `for` clauses over short, well-named iterables (`[(x, y) for x in xs for y "
        "in ys]`) read fine; the rule speaks only from three clauses, or a "
        "comprehension nested in a condition."
    )
    references = (
        "https://docs.python.org/3/tutorial/datastructures.html#nested-list-comprehensions",
    )
    card = (
        (
            "In what order do the `for` clauses of a comprehension run, and when should you "
            "stop using one?"
        ),
        (
            "Left to right, as if they were nested `for` statements written top to bottom: "
            "`[c for row in grid for c in row]` loops over rows first. One clause is ideal, "
            "two are fine; with three, or another comprehension inside the filter, readers "
            "lose track, so write loops and name the parts."
        ),
    )
    valid = (
        "pairs = [(a, b) for a in xs for b in ys]\n",
        "evens = {n for n in numbers if n % 2 == 0}\n",
        # Near miss: independent ranges, a product that reads plainly.
        "cells = {(x, y, z) for x in xs for y in ys for z in zs}\n",
        # Near miss: a nested comprehension as the element, not in the condition.
        "grid = [[0 for _ in range(w)] for _ in range(h)]\n",
        "flat = [cell for row in grid for cell in row if cell]\n",
        # Near miss: any() over the item's own parts is plain idiom.
        "blank = [row for row in rows if all(cell == '' for cell in row)]\n",
    )
    invalid = (
        "cells = [c for plane in cube for row in plane for c in row]\n",
        "kept = [x for x in xs if x in [y * 2 for y in ys]]\n",
        "table = {k: v for k, v in items if v not in {w for w in banned}}\n",
        "busy = [d for d in days if len([e for e in d.events if e.long]) > 2]\n",
    )
    needs_text = ("for",)
    reach = "statement"

    def visit_ListComp(self, node: cst.ListComp) -> None:
        self._check(node)

    def visit_SetComp(self, node: cst.SetComp) -> None:
        self._check(node)

    def visit_DictComp(self, node: cst.DictComp) -> None:
        self._check(node)

    def visit_GeneratorExp(self, node: cst.GeneratorExp) -> None:
        self._check(node)

    def _check(self, node: cst.ListComp | cst.SetComp | cst.DictComp | cst.GeneratorExp) -> None:
        clauses: list[cst.CompFor] = []
        clause: cst.CompFor | None = node.for_in
        while clause is not None:
            clauses.append(clause)
            clause = clause.inner_for_in
        if len(clauses) > 2 and not _is_product(clauses):
            self.report(
                node,
                f"{len(clauses)} `for` clauses in one comprehension are hard to follow; "
                "write the outer loops as plain `for` statements",
            )
            return
        loop_names = {name for item in clauses for name in names_read(item.target)}
        for item in clauses:
            for condition in item.ifs:
                message = _nested_problem(condition.test, loop_names)
                if message is not None:
                    self.report(node, message)
                    return


def _is_product(clauses: list[cst.CompFor]) -> bool:
    """`for x in xs for y in ys for z in zs` with no `if` and no clause reading an
    earlier target: a grid of independent ranges, which reads plainly as it is."""
    bound: set[str] = set()
    for clause in clauses:
        if clause.ifs or clause.asynchronous or names_read(clause.iter) & bound:
            return False
        bound |= names_read(clause.target)
    return True


def _nested_problem(test: cst.CSTNode, loop_names: set[str]) -> str | None:
    """What is wrong with a comprehension nested in a condition, if anything.

    `any(...)`/`all(...)` over a generator that depends on the item is plain
    idiom; a comprehension that ignores the item is rebuilt for nothing, and a
    whole list, set or dict built per item is a loop in disguise.
    """
    stack = [test]
    while stack:
        node = stack.pop()
        if isinstance(node, _COMPREHENSIONS):
            if not names_read(node) & loop_names:
                return (
                    "the comprehension in this condition ignores the item, yet it is "
                    "rebuilt for every item; build it once before"
                )
            if not isinstance(node, cst.GeneratorExp):
                return (
                    "this condition builds a whole collection for every item; "
                    "a plain loop or a named helper reads better"
                )
            continue
        stack.extend(children(node))
    return None
