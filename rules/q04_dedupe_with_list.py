"""`if x not in out: out.append(x)` in a loop: quadratic de-duplication."""

from __future__ import annotations

import libcst as cst

from .engine.context import FileContext
from .engine.rule import Rule
from .engine.syntax import (
    Binding,
    dedupe_append_target,
    enclosing_scope,
    in_loop,
    is_list_valued,
)
from .q04_list_membership_in_loop import unhashable_fallback


class DedupeWithList(Rule):
    code = "TUT042"
    name = "dedupe-with-list"
    question = 4
    message = "removing duplicates with a list scans it for every item; use dict.fromkeys or a set"
    explanation = (
        "`if item not in out: out.append(item)` looks for `item` by comparing it with "
        "every element already in `out`, so de-duplicating n items costs about n*n/2 "
        "comparisons. A set or dict finds an element by its hash instead. "
        "`list(dict.fromkeys(items))` removes duplicates in one pass and keeps the first "
        "occurrence of each item in order; when you need more work per item, keep a "
        "`seen = set()` beside the list and test `item not in seen`. Both need hashable "
        "items; for lists of lists, convert each to a tuple first."
    )
    flagged = (
        "def unique(items):\n"
        "    out = []\n"
        "    for item in items:\n"
        "        if item not in out:\n"
        "            out.append(item)\n"
        "    return out\n"
        "\n"
        "\n"
        "print(unique([3, 1, 3, 2, 1]))\n"
    )
    better = (
        "def unique(items):\n"
        "    return list(dict.fromkeys(items))\n"
        "\n"
        "\n"
        "print(unique([3, 1, 3, 2, 1]))\n"
    )
    fine_when = (
        "When the items are unhashable (lists, dicts) and few, the list scan is the "
        "simple thing that works; for many, convert each to a hashable key first."
    )
    references = ("https://docs.python.org/3/library/stdtypes.html#dict.fromkeys",)
    card = (
        "How do you remove duplicates from a list but keep the first-seen order?",
        (
            "`list(dict.fromkeys(items))`: dicts keep insertion order (guaranteed since "
            "Python 3.7) and keep a key's first position, so one pass does it. "
            "`list(set(items))` also removes duplicates but loses the order. For more work "
            "per item, keep a `seen` set beside the output list. All need hashable items."
        ),
    )
    valid = (
        # The list holds the unhashable items a set cannot take.
        "from collections.abc import Hashable\n\nseen, rest = set(), []\nfor item in items:\n"
        "    if isinstance(item, Hashable):\n        seen.add(item)\n    else:\n"
        "        if item not in rest:\n            rest.append(item)\n",
        "unique = list(dict.fromkeys(items))\n",
        "seen = set()\nout = []\nfor item in items:\n    if item not in seen:\n"
        "        seen.add(item)\n        out.append(item)\n",
        # Near miss: the appended value is not the one tested.
        "out = []\nfor item in items:\n    if item not in out:\n        out.append(item.upper())\n",
        "def merge(out, items):\n    for item in items:\n        if item not in out:\n"
        "            out.append(item)\n",
        "out = []\nif first not in out:\n    out.append(first)\n",
        "def keep(out: set[str], items):\n    for item in items:\n        if item not in out:\n"
        "            out.append(item)\n",
    )
    invalid = (
        "def unique(items):\n    out = []\n    for item in items:\n        if item not in out:\n"
        "            out.append(item)\n    return out\n",
        "names = list()\nfor row in rows:\n    if row.name not in names:\n        names.append(row.name)\n"
        "        print('new', row.name)\n",
        "def merge(out: list[int], more: list[int]) -> None:\n    for n in more:\n"
        "        if n not in out:\n            out.append(n)\n",
        "tags: list[str] = []\nwhile queue:\n    tag = queue.pop()\n    if tag not in tags:"
        " tags.append(tag)\n",
    )
    needs_text = ("not in",)
    reach = "statement"

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.bindings = context.bindings

    def visit_If(self, node: cst.If) -> None:
        seen = dedupe_append_target(node)
        ancestors = self.context.ancestors
        if seen is None or not in_loop(ancestors, node) or unhashable_fallback(ancestors):
            return
        scope = enclosing_scope(ancestors, self.context.module)
        bindings = self.bindings.of(scope).get(seen.value, [])
        list_ok = not self.context.bindings.shadows(ancestors, "list")
        if not (is_list_valued(seen.value, bindings, list_ok) or _list_param(bindings)):
            return
        self.report(
            node.test,
            f"de-duplicating with the list `{seen.value}` scans it for every item; "
            f"use `list(dict.fromkeys(...))`, or test membership in a `set` kept beside it",
        )


def _list_param(bindings: list[Binding]) -> bool:
    """A parameter annotated `list[...]` (or `List[...]`) and never rebound."""
    if len(bindings) != 1 or not isinstance(bindings[0].node, cst.Param):
        return False
    annotation = bindings[0].node.annotation
    if annotation is None:
        return False
    kind = annotation.annotation
    if isinstance(kind, cst.Subscript):
        kind = kind.value
    if isinstance(kind, cst.Attribute):
        kind = kind.attr
    return isinstance(kind, cst.Name) and kind.value in {"list", "List"}
