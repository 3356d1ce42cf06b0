"""`len(list(gen))` and `list(gen)[0]` store every value to use one number or item."""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from .engine.context import FileContext
from .engine.rule import Invalid, Replacement, Rule
from .engine.syntax import contains_comment, is_generator_function

_ITERATOR_BUILTINS = frozenset({"map", "filter", "zip", "reversed", "enumerate"})
_COUNT = "`len(list(...))` stores every value only to count them: count with `sum(1 for _ in ...)`"
_PEEK = "`list(...)[0]` stores every value only to take the first: use `next(...)`"


class ListToCountOrPeek(Rule):
    code = "TUT113"
    name = "list-to-count-or-peek"
    question = 11
    message = "a whole list is built from a generator only to count it or take its first item"
    explanation = (
        "`list(gen)` runs the generator to the end and keeps every value in memory. "
        "When you want the first value, `next(gen)` stops right there instead of "
        "computing the rest; it raises `StopIteration` rather than `IndexError` when there "
        "is none, and `next(gen, default)` avoids both. When you want how many there are, "
        "`sum(1 for _ in gen)` counts while holding one value at a time: a memory "
        "trade-off, not a speed-up. On a fast C iterator such as `filter(None, rows)` it "
        "took about twice as long as `len(list(...))` (measured on 3.11); it pays off when "
        "the values are too many or too big to keep."
    )
    flagged = "rows = ['a', '', 'b', '']\nfilled = len(list(filter(None, rows)))\nprint(filled)\n"
    better = (
        "rows = ['a', '', 'b', '']\nfilled = sum(1 for _ in filter(None, rows))\nprint(filled)\n"
    )
    fine_when = (
        "When the values fit in memory comfortably, `len(list(...))` is simpler and "
        "usually faster; keep it, and reach for the counting loop only for big or "
        "endless streams."
    )
    references = (
        "https://docs.python.org/3/library/functions.html#next",
        "https://docs.python.org/3/library/itertools.html#itertools.islice",
    )
    card = (
        (
            "How do you get the first item of a generator, or count its items, without "
            "building a list?"
        ),
        (
            "`next(gen)` stops after the first value (it raises StopIteration when there is "
            "none; `next(gen, default)` avoids that). `sum(1 for _ in gen)` counts while "
            "holding one value at a time. Counting that way trades speed for memory: on a "
            "fast C iterator it can take about twice as long as `len(list(gen))`."
        ),
    )
    valid = (
        "count = len(names)\n",
        "first = sorted(x for x in data)[0]\n",
        "rows = list(x for x in data)\nprint(len(rows), rows[0])  # the list is used twice\n",
        "last = list(map(str, values))[-1]  # the last item needs them all\n",
        "size = len(list(records))  # what records is, we cannot tell\n",
        "def f(list):\n    return list(x for x in y)[0]\n",
    )
    invalid = (
        "matches = len(list(filter(is_valid, rows)))\n",
        "def pages():\n    yield 1\n\nhow_many = len(list(pages()))\n",
        Invalid(
            "first = list(line for line in lines if line.strip())[0]\n",
            fixed="first = next(line for line in lines if line.strip())\n",
            unsafe_fixes=True,
        ),
        Invalid(
            "head = list(map(int, fields))[0]  # the id\n",
            fixed="head = next(map(int, fields))  # the id\n",
            unsafe_fixes=True,
        ),
    )
    fixable = "unsafe"
    needs_text = ("list(",)
    reach = "statement"

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.bindings = context.bindings
        # node, message, generator def, top-level statement
        self.waiting: list[tuple[cst.CSTNode, str, str, cst.CSTNode]] = []
        self.fixes: dict[cst.CSTNode, Replacement] = {}

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if not isinstance(func, cst.Name) or func.value != "len" or len(node.args) != 1:
            return
        inner = node.args[0].value
        if _plain_arg(node.args) and isinstance(inner, cst.Call):
            self._check(node, inner, _COUNT, ("len", "list"))

    def visit_Subscript(self, node: cst.Subscript) -> None:
        if not isinstance(node.value, cst.Call) or len(node.slice) != 1:
            return
        index = node.slice[0].slice
        if not isinstance(index, cst.Index) or index.star:
            return
        if isinstance(index.value, cst.Integer) and index.value.value == "0":
            self._check(node, node.value, _PEEK, ("list",))

    def _check(
        self, node: cst.CSTNode, listed: cst.Call, message: str, builtins: tuple[str, ...]
    ) -> None:
        func = listed.func
        if not isinstance(func, cst.Name) or func.value != "list" or len(listed.args) != 1:
            return
        if not _plain_arg(listed.args):
            return
        source = listed.args[0].value
        ancestors = self.context.ancestors
        if not all(self.bindings.is_builtin(ancestors, name) for name in builtins):
            return
        fix = None
        if (
            isinstance(node, cst.Subscript)
            and self.bindings.is_builtin(ancestors, "next")
            and not contains_comment(node.lbracket, node.rbracket, *node.slice)
        ):
            new = listed.with_changes(func=cst.Name("next"), lpar=node.lpar, rpar=node.rpar)
            fix = Replacement(node, new)
        if isinstance(source, cst.GeneratorExp) and not _is_async(source):
            self._report(node, message, fix)
        elif isinstance(source, cst.Call) and isinstance(source.func, cst.Name):
            name = source.func.value
            if name in _ITERATOR_BUILTINS and self.bindings.is_builtin(ancestors, name):
                self._report(node, message, fix)
            elif not any(
                isinstance(scope, (cst.FunctionDef, cst.Lambda, cst.ClassDef))
                and name in self.bindings.of(scope)
                for scope in ancestors
            ):
                self.waiting.append((node, message, name, self.context.top()))
                if fix is not None:
                    self.fixes[node] = fix

    def _report(
        self,
        node: cst.CSTNode,
        message: str,
        fix: Replacement | None,
        top: cst.CSTNode | None = None,
    ) -> None:
        if fix is None:
            self.report(node, message, top=top)
        else:
            # Unsafe: `next` stops early and raises StopIteration, not IndexError.
            self.report(node, message, fix=lambda: fix, safe=False, top=top)

    def finish(self) -> None:
        if not self.waiting:
            return
        for node, message, name, top in self.waiting:
            if is_generator_function(self.bindings, name):
                self._report(node, message, self.fixes.get(node), top)


def _plain_arg(args: Sequence[cst.Arg]) -> bool:
    return not args[0].star and args[0].keyword is None


def _is_async(generator: cst.GeneratorExp) -> bool:
    part: cst.CompFor | None = generator.for_in
    while isinstance(part, cst.CompFor):
        if part.asynchronous is not None:
            return True
        part = part.inner_for_in
    return False
