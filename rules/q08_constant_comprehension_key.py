"""A dict comprehension whose key ignores the loop: one key, the last value wins."""

from __future__ import annotations

import libcst as cst

from .engine.rule import Rule
from .engine.syntax import holds, names_read, target_names

# A key containing any of these may change from one pass to the next.
_MAY_VARY = (
    cst.Call,
    cst.Await,
    cst.Yield,
    cst.NamedExpr,
    cst.Lambda,
    cst.ListComp,
    cst.SetComp,
    cst.DictComp,
    cst.GeneratorExp,
)


class ConstantComprehensionKey(Rule):
    code = "TUT082"
    name = "constant-comprehension-key"
    question = 8
    message = "the key uses none of the loop variables: every item writes the same key"
    explanation = (
        "A dict comprehension evaluates its key once per item. If the key does not "
        "depend on the loop variables (`{'name': row for row in rows}`), every item "
        "writes the same key, each overwriting the last, and the result has a single "
        "entry holding the last value. Usually the key was meant to come from the item, "
        "as in `{row.id: row for row in rows}`; if one value was really wanted, say so "
        "with `rows[-1]` or `next(...)`."
    )
    flagged = (
        "rows = [('ann', 3), ('bob', 5)]\n"
        "latest = {'name': name for name, score in rows}\n"
        "print(latest)\n"
    )
    better = (
        "rows = [('ann', 3), ('bob', 5)]\n"
        "scores = {name: score for name, score in rows}\n"
        "print(scores)\n"
    )
    references = ("https://docs.python.org/3/reference/expressions.html#dictionary-displays",)
    card = (
        "What does a dict comprehension whose key is a constant produce?",
        (
            "A dict with one entry: each item writes the same key and overwrites the last, "
            "so only the final value survives. The key nearly always should come from the "
            "item (`{user.id: user for user in users}`); if you really want the last item, "
            "say `items[-1]`."
        ),
    )
    valid = (
        "by_id = {row.id: row for row in rows}\n",
        "squares = {n: n * n for n in range(10)}\n",
        # Near miss: the key comes from a call, which may differ each time.
        "ids = {next(counter): item for item in items}\n",
        "pairs = {(a, b): 1 for a in xs for b in ys}\n",
    )
    invalid = (
        "latest = {'name': row for row in rows}\n",
        "lookup = {key: value for k, value in pairs}\n",
        "totals = {self.label: sum(x) for x in groups if x}\n",
    )
    needs_text = ("{",)
    reach = "statement"

    def visit_DictComp(self, node: cst.DictComp) -> None:
        loop_names: set[str] = set()
        clause: cst.CompFor | None = node.for_in
        while clause is not None:
            loop_names |= set(target_names(clause.target))
            clause = clause.inner_for_in
        if holds(node.key, _MAY_VARY) or names_read(node.key) & loop_names:
            return
        if holds(node, (cst.NamedExpr,)):
            return
        self.report(node)
