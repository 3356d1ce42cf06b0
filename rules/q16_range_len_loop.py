"""`for i in range(len(seq))` when `i` only serves `seq[i]`: loop over `seq` itself."""

from __future__ import annotations

import re
from collections.abc import Sequence

import libcst as cst

from .engine.context import FileContext, Report
from .engine.rule import Rule
from .engine.syntax import (
    SCOPE_BOUNDARIES,
    enclosing_scope,
    is_variable,
    walk_with_ancestors,
)
from .engine.walker import children

COMPREHENSION_NODES = (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp)


def _binds_in_comprehension(node: cst.CSTNode, index: str) -> bool:
    """A comprehension whose own `for` binds `index` (its variable is local to it)."""
    clause = getattr(node, "for_in", None)
    while isinstance(clause, cst.CompFor):
        if index in _names_bound(clause.target):
            return True
        clause = clause.inner_for_in
    return False


class RangeLenLoop(Rule):
    code = "TUT162"
    name = "range-len-loop"
    question = 11  # an iteration idiom: taught with iterators (Q11)
    message = "`i` only indexes the sequence: loop over the items (`enumerate` if you need `i`)"
    explanation = (
        "`for i in range(len(items)):` followed by `items[i]` makes Python count, then "
        "look every element up again by position. A `for` loop can hand you the elements "
        "directly: `for item in items:`. When you also need the position, for example to "
        "write back with `items[i] = ...`, `for i, item in enumerate(items):` gives both. "
        "The result is shorter, cannot go out of range, and works for any iterable, not "
        "only for sequences."
    )
    flagged = "names = ['ann', 'bob']\nfor i in range(len(names)):\n    print(names[i].title())\n"
    better = "names = ['ann', 'bob']\nfor name in names:\n    print(name.title())\n"
    fine_when = (
        "When the loop changes the list's length or steps through it in a pattern other "
        "than one by one, or indexes two sequences in ways `zip` cannot express."
    )
    references = (
        "https://docs.python.org/3/tutorial/datastructures.html#looping-techniques",
        "https://docs.python.org/3/library/functions.html#enumerate",
    )
    card = (
        "How do you loop over a list when you need each item and also its position?",
        (
            "`for i, item in enumerate(items):`. Looping over the items directly is the "
            "default; `enumerate` adds the index (and takes a `start=`), `zip` walks two "
            "sequences side by side. `range(len(items))` with `items[i]` does the same job "
            "more slowly, can go out of range, and works only for sequences, not for any "
            "iterable."
        ),
    )
    valid = (
        "for item in items:\n    print(item)\n",
        "for i, item in enumerate(items):\n    print(i, item)\n",
        "for i in range(len(items)):\n    print(i, items[i])  # the index itself is used\n",
        "for i in range(len(a)):\n    total += a[i] * b[i]  # two sequences: zip\n",
        "for i in range(len(items) - 1):\n    print(items[i])\n",
        "for i in range(len(queue)):\n    queue.append(queue[i])  # the list grows\n",
        "for i in range(len(items)):\n    print(items[i + 1])\n",
        "for i in range(len(grid)):\n    for j in range(len(grid[i])):\n"
        "        print(i, j, grid[i][j])  # both indexes are used\n",
        "for i in range(len(items)):\n    print(items[i])\nprint(i)  # the last index is used\n",
    )
    invalid = (
        "for i in range(len(names)):\n    print(names[i].title())\n",
        "def double(values):\n    for i in range(len(values)):\n        values[i] = values[i] * 2\n",
        "for j in range(len(rows)):\n    if rows[j]:\n        print(rows[j][0])\n",
        # The same name bound again by another loop or a comprehension.
        "def show(a, b):\n    for i in range(len(a)):\n        print(a[i])\n"
        "    for i in range(3):\n        print(i)\n    return [i * 2 for i in b]\n",
        "def total(grid):\n    s = 0\n    for r in range(len(grid)):\n"
        "        for c in range(len(grid[r])):\n            s += grid[r][c]\n    return s\n",
    )
    needs_text = ("range(len(",)
    reach = "statement"

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.bindings = context.bindings
        # Reported loops by their index name's For node: a 2-D inner loop joins them.
        self.reported: dict[cst.For, Report] = {}

    def visit_For(self, node: cst.For) -> None:
        index, seq = node.target, _range_len_of(node.iter)
        if not isinstance(index, cst.Name) or seq is None or node.asynchronous:
            return
        if "[" in seq:
            self._row_loop(node, index, seq)
            return
        ancestors = self.context.ancestors
        if not all(self.bindings.is_builtin(ancestors, name) for name in ("range", "len")):
            return
        writes = reads = 0
        for part in (node.body, node.orelse):
            if part is None:
                continue
            for mention, above in walk_with_ancestors(part):
                if not isinstance(mention, cst.Name) or mention.value not in {index.value, seq}:
                    continue
                parent = above[-1] if above else None
                if not is_variable(mention, parent):
                    continue
                use = _element_use(mention, above, index.value, seq)
                if use is None or part is node.orelse:
                    return
                if any(isinstance(scope, SCOPE_BOUNDARIES) for scope in above):
                    return
                if use == "write":
                    writes += 1
                else:
                    reads += 1
        if not reads or _iterates_itself(ancestors, seq):
            return
        scope = enclosing_scope(ancestors, self.context.module)
        if _used_outside(scope, node, index.value):
            return  # the last index matters after the loop
        if writes:
            advice = f"use `for {index.value}, item in enumerate({seq}):` and read `item`"
        else:
            advice = f"loop over the items: `for item in {seq}:`"
        self.report(node.iter, f"`{index.value}` is only used for `{seq}[{index.value}]`: {advice}")
        self.reported[node] = self.context.reports[-1]

    def _row_loop(self, node: cst.For, index: cst.Name, seq: str) -> None:
        """`for j in range(len(grid[i])):` where `j` only serves `grid[i][j]`."""
        ancestors = self.context.ancestors
        if not all(self.bindings.is_builtin(ancestors, name) for name in ("range", "len")):
            return
        if node.orelse is not None:
            return
        reads = writes = 0
        for mention, above in walk_with_ancestors(node.body):
            if isinstance(mention, (cst.AssignTarget, cst.AugAssign)) and (
                _names_bound(mention.target) & _plain_names(seq)
            ):
                return  # the row itself changes inside the loop
            if not isinstance(mention, cst.Name) or mention.value != index.value:
                continue
            if not is_variable(mention, above[-1] if above else None):
                continue
            if any(isinstance(scope, SCOPE_BOUNDARIES) for scope in above):
                return
            if len(above) < 3 or not isinstance(above[-1], cst.Index):
                return
            subscript = above[-3]
            if not (
                isinstance(subscript, cst.Subscript)
                and len(subscript.slice) == 1
                and _code(subscript.value) == seq
            ):
                return
            holder = above[above.index(subscript) - 1]
            if isinstance(holder, cst.Del):
                return
            if isinstance(holder, (cst.AssignTarget, cst.AugAssign)) and holder.target is subscript:
                writes += 1
            else:
                reads += 1
        if not reads:
            return
        scope = enclosing_scope(ancestors, self.context.module)
        if _used_outside(scope, node, index.value):
            return
        name = index.value
        outer = next(
            (
                loop
                for loop in reversed(ancestors)
                if isinstance(loop, cst.For)
                and isinstance(loop.target, cst.Name)
                and loop.target.value in _plain_names(seq)
            ),
            None,
        )
        if outer is not None and outer in self.reported:
            note = f"and `{name}` only serves `{seq}[{name}]`: loop over the row's items too"
            self.reported[outer].related += ((node.iter, note),)
            return  # one nested loop, one finding
        if writes:
            advice = f"use `for {name}, item in enumerate({seq}):` and read `item`"
        else:
            advice = f"loop over the row itself: `for item in {seq}:`"
        self.report(node.iter, f"`{name}` is only used for `{seq}[{name}]`: {advice}")


def _plain_names(code: str) -> set[str]:
    """Plain names in a short expression's code, such as `grid[i]`."""
    return set(re.findall(r"[A-Za-z_][A-Za-z_0-9]*", code))


def _code(node: cst.CSTNode) -> str:
    return cst.Module(body=[]).code_for_node(node)


def _names_bound(target: cst.BaseExpression) -> set[str]:
    if isinstance(target, cst.Name):
        return {target.value}
    if isinstance(target, (cst.Tuple, cst.List)):
        return {name for element in target.elements for name in _names_bound(element.value)}
    return set()


def _range_len_of(iterable: cst.BaseExpression) -> str | None:
    """`seq` in `range(len(seq))`, for a plain name or a row `grid[i]` (as code)."""
    if not (
        isinstance(iterable, cst.Call)
        and isinstance(iterable.func, cst.Name)
        and iterable.func.value == "range"
        and len(iterable.args) == 1
        and iterable.args[0].keyword is None
        and not iterable.args[0].star
    ):
        return None
    inner = iterable.args[0].value
    if not (
        isinstance(inner, cst.Call)
        and isinstance(inner.func, cst.Name)
        and inner.func.value == "len"
        and len(inner.args) == 1
        and not inner.args[0].star
    ):
        return None
    sized = inner.args[0].value
    if isinstance(sized, cst.Name):
        return sized.value
    if (
        isinstance(sized, cst.Subscript)
        and isinstance(sized.value, cst.Name)
        and len(sized.slice) == 1
        and isinstance(sized.slice[0].slice, cst.Index)
        and isinstance(sized.slice[0].slice.value, cst.Name)
    ):
        return _code(sized)
    return None


def _element_use(
    mention: cst.Name, above: tuple[cst.CSTNode, ...], index: str, seq: str
) -> str | None:
    """'read' or 'write' when `mention` is part of a plain `seq[index]`, else None."""
    if mention.value == seq:
        subscript = above[-1] if above else None
    else:
        if len(above) < 3 or not isinstance(above[-1], cst.Index):
            return None
        subscript = above[-3]
    if not isinstance(subscript, cst.Subscript) or len(subscript.slice) != 1:
        return None
    element = subscript.slice[0].slice
    if not (
        isinstance(subscript.value, cst.Name)
        and subscript.value.value == seq
        and isinstance(element, cst.Index)
        and isinstance(element.value, cst.Name)
        and element.value.value == index
        and element.star is None
    ):
        return None
    at = above.index(subscript) if subscript in above else -1
    holder = above[at - 1] if at > 0 else None
    if isinstance(holder, cst.Del):
        return None
    if (
        isinstance(holder, (cst.AssignTarget, cst.AugAssign))
        and getattr(holder, "target", None) is subscript
    ):
        return "write"
    return "read"


def _iterates_itself(ancestors: Sequence[cst.CSTNode], seq: str) -> bool:
    """`range(len(self))` in a method: looping over `self` may be what `__iter__` is."""
    for at in range(len(ancestors) - 1, 1, -1):
        function = ancestors[at]
        if isinstance(function, cst.FunctionDef):
            params = [*function.params.posonly_params, *function.params.params]
            in_class = isinstance(ancestors[at - 2], cst.ClassDef)
            return in_class and bool(params) and params[0].name.value == seq
    return False


def _used_outside(scope: cst.CSTNode, loop: cst.For, index: str) -> bool:
    """Whether `index` is mentioned in its scope, outside this loop and nested scopes.

    Another loop or comprehension that binds the same name as its own loop
    variable does not count: it reads its own value, not this loop's last one.
    """
    stack: list[tuple[cst.CSTNode, cst.CSTNode | None]] = [
        (child, scope) for child in children(scope)
    ]
    while stack:
        node, parent = stack.pop()
        if node is loop or isinstance(node, SCOPE_BOUNDARIES):
            continue
        if isinstance(node, (cst.For, cst.CompFor)) and index in _names_bound(node.target):
            if isinstance(node, cst.For):
                stack.append((node.iter, node))  # its iterable still reads the old value
            continue
        if isinstance(node, COMPREHENSION_NODES) and _binds_in_comprehension(node, index):
            continue
        if isinstance(node, cst.Name) and node.value == index and is_variable(node, parent):
            return True
        stack.extend((child, node) for child in children(node))
    return False
