"""`for line in f.readlines()` reads the whole file first; the file object streams it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import libcst as cst

from .engine.context import FileContext
from .engine.rule import Invalid, Replacement, Rule
from .engine.syntax import (
    COMPREHENSIONS,
    SCOPE_BOUNDARIES,
    enclosing_scope,
    file_open_mode_index,
    is_variable,
    walk_with_ancestors,
)

# Code that may run many times: a list read there is read more than once.
_REPEATS = (cst.For, cst.While, cst.CompFor, *COMPREHENSIONS, *SCOPE_BOUNDARIES)


@dataclass
class _Named:
    """`lines = f.readlines()`: decided at the end, once every use of `lines` is known."""

    call: cst.Call
    name: str
    scope: cst.CSTNode
    opened_in: cst.With | None
    message: str
    top: cst.CSTNode  # the top-level statement holding the call


class ReadlinesToIterate(Rule):
    code = "TUT203"
    name = "readlines-to-iterate"
    question = 20
    message = "the whole file is read into a list only to loop over it: loop over the file"
    explanation = (
        "A file object is already an iterator over its lines: `for line in f:` reads one "
        "line at a time, so memory stays small however big the file is. `f.readlines()` "
        "and `f.read().splitlines()` first load the whole file and build a list of every "
        "line, which only pays off when you need the lines more than once or out of order. "
        "Note that `splitlines()` drops the line endings while iterating keeps them: use "
        "`line.rstrip('\\n')` where that matters."
    )
    flagged = (
        "from pathlib import Path\n"
        "\n"
        "Path('log.txt').write_text('a\\nb\\n', encoding='utf-8')\n"
        "with open('log.txt', encoding='utf-8') as file:\n"
        "    for line in file.readlines():\n"
        "        print(line.rstrip())\n"
    )
    better = (
        "from pathlib import Path\n"
        "\n"
        "Path('log.txt').write_text('a\\nb\\n', encoding='utf-8')\n"
        "with open('log.txt', encoding='utf-8') as file:\n"
        "    for line in file:\n"
        "        print(line.rstrip())\n"
    )
    fine_when = (
        "When you need the lines more than once, or out of order (sorting them, looking "
        "back), and the file is small enough to hold."
    )
    references = ("https://docs.python.org/3/tutorial/inputoutput.html#methods-of-file-objects",)
    card = (
        ("How do you process a 20 GB text file line by line without running out of memory?"),
        (
            "Loop over the open file object: `for line in file:` reads one buffered line at "
            "a time, so memory stays flat. `read()`, `readlines()` and "
            "`read().splitlines()` load it all. Each line keeps its newline; strip it with "
            "`line.rstrip('\\n')`. Open it with `with` and an explicit encoding."
        ),
    )
    valid = (
        "with open('log.txt', encoding='utf-8') as f:\n    for line in f:\n        print(line)\n",
        "with open('log.txt', encoding='utf-8') as f:\n    lines = f.readlines()\n"
        "print(len(lines), lines[-1])  # used as a list\n",
        "for line in reader.readlines():  # not known to be a file\n    print(line)\n",
        "with open('a.txt', encoding='utf-8') as f:\n    lines = f.readlines()\nfor line in lines:\n"
        "    print(line)  # the file is closed early on purpose\n",
        "with open('a.txt', encoding='utf-8') as f:\n    chunks = f.readlines(1024)\n",
    )
    invalid = (
        Invalid(
            "with open('log.txt', encoding='utf-8') as f:\n    for line in f.readlines():\n"
            "        print(line)\n",
            fixed="with open('log.txt', encoding='utf-8') as f:\n    for line in f:\n"
            "        print(line)\n",
        ),
        Invalid(
            "names = [n.strip() for n in open('names.txt').readlines()]\n",
            fixed="names = [n.strip() for n in open('names.txt')]\n",
        ),
        Invalid(
            "with open('a.txt') as f:\n    for line in f.readlines():\n        f2.write(line)\n"
            "    f.seek(0)\n",
            fixed="with open('a.txt') as f:\n    for line in f:\n        f2.write(line)\n"
            "    f.seek(0)\n",
            unsafe_fixes=True,
        ),
        "with open('words.txt', encoding='utf-8') as f:\n    for word in f.read().splitlines():\n"
        "        print(word)\n",
        "def count(path):\n    with open(path, encoding='utf-8') as f:\n        lines = f.readlines()\n"
        "        return sum(1 for line in lines if line.strip())\n",
    )
    fixable = "safe"
    needs_text = ("readlines", "splitlines")
    reach = "statement"

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.bindings = context.bindings
        self.named: list[_Named] = []

    def visit_Call(self, node: cst.Call) -> None:
        if node.args or not isinstance(node.func, cst.Attribute):
            return
        method = node.func.attr.value
        if method == "readlines":
            source = node.func.value
            message = self.message
        elif method == "splitlines":
            read = node.func.value
            if not (
                isinstance(read, cst.Call)
                and not read.args
                and isinstance(read.func, cst.Attribute)
                and read.func.attr.value == "read"
            ):
                return
            source = read.func.value
            message = (
                "the whole file is read and split only to loop over the lines: loop over "
                "the file (`for line in f:`) and strip each line's ending"
            )
        else:
            return
        ancestors = self.context.ancestors
        opened_in = self._opened_by(source, ancestors)
        if opened_in is None and not (
            isinstance(source, cst.Call)
            and file_open_mode_index(source, ancestors, self.bindings) is not None
        ):
            return
        parent = ancestors[-1] if ancestors else None
        if isinstance(parent, (cst.For, cst.CompFor)) and node is parent.iter:
            if method == "splitlines":
                self.report(node, message)
                return
            safe = opened_in is None or _mentions(opened_in.body, source) == 1
            self.report(node, message, fix=lambda: Replacement(node, source), safe=safe)
        elif (
            isinstance(parent, cst.Assign)
            and len(parent.targets) == 1
            and isinstance(parent.targets[0].target, cst.Name)
        ):
            scope = enclosing_scope(ancestors, self.context.module)
            self.named.append(
                _Named(
                    node,
                    parent.targets[0].target.value,
                    scope,
                    opened_in,
                    message,
                    self.context.top(),
                )
            )

    def finish(self) -> None:
        for named in self.named:
            if named.opened_in is None or len(self.bindings.of(named.scope)[named.name]) != 1:
                continue
            uses = []
            for mention, above in walk_with_ancestors(named.scope):
                parent = above[-1] if above else None
                if (
                    isinstance(mention, cst.Name)
                    and mention.value == named.name
                    and is_variable(mention, parent)
                    and not isinstance(parent, cst.AssignTarget)
                ):
                    uses.append((mention, above))
            if len(uses) != 1:
                continue
            mention, above = uses[0]
            parent = above[-1] if above else None
            body = named.opened_in.body
            if (
                isinstance(parent, (cst.For, cst.CompFor))
                and mention is parent.iter
                and body in above
                and not any(isinstance(node, _REPEATS) for node in _between(above, body, parent))
            ):
                self.report(named.call, named.message, top=named.top)

    def _opened_by(
        self, source: cst.BaseExpression, ancestors: Sequence[cst.CSTNode]
    ) -> cst.With | None:
        """The `with open(...) as source:` around here, if `source` is that file."""
        if not isinstance(source, cst.Name):
            return None
        for node in reversed(ancestors):
            if isinstance(node, SCOPE_BOUNDARIES):
                return None
            if not isinstance(node, cst.With):
                continue
            for item in node.items:
                target = item.asname.name if item.asname is not None else None
                if isinstance(target, cst.Name) and target.value == source.value:
                    opens = isinstance(item.item, cst.Call) and (
                        file_open_mode_index(item.item, ancestors, self.bindings) is not None
                    )
                    scope = enclosing_scope(ancestors, self.context.module)
                    once = len(self.bindings.of(scope).get(source.value, [])) == 1
                    return node if opens and once else None
        return None


def _mentions(body: cst.CSTNode, name: cst.BaseExpression) -> int:
    assert isinstance(name, cst.Name)
    return sum(
        1
        for node, above in walk_with_ancestors(body)
        if isinstance(node, cst.Name)
        and node.value == name.value
        and is_variable(node, above[-1] if above else None)
    )


def _between(
    above: tuple[cst.CSTNode, ...], body: cst.CSTNode, loop: cst.CSTNode
) -> tuple[cst.CSTNode, ...]:
    """The nodes from the `with` body down to the loop that reads the list, both excluded.

    For a comprehension's first `for`, the comprehension itself is left out too:
    that iterable is evaluated once.
    """
    inner = above[above.index(body) + 1 : -1]
    if isinstance(loop, cst.CompFor) and inner and getattr(inner[-1], "for_in", None) is loop:
        inner = inner[:-1]
    return inner
