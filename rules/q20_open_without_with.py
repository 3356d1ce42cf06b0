"""A file opened outside `with` stays open until the garbage collector says so."""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from .engine.context import FileContext
from .engine.rule import Rule
from .engine.walker import children


class OpenWithoutWith(Rule):
    code = "TUT201"
    name = "open-without-with"
    question = 20
    message = "file opened without `with`: it is not closed if an error happens, or at all"
    explanation = (
        "A file object holds an operating-system handle until it is closed. Opened "
        "outside a `with` block, it is closed only when you remember to call `close()` "
        "and no exception skips that call, or whenever the garbage collector gets to it. "
        "Written data may sit in a buffer, and on Windows the file stays locked. "
        "`with open(path, encoding='utf-8') as f:` closes it on every path out of the block."
    )
    valid = (
        "with open('notes.txt', encoding='utf-8') as f:\n    text = f.read()\n",
        "def read(open):\n    return open('x').read()\n",
        "import zipfile\n\nwith zipfile.ZipFile('a.zip') as z:\n    data = z.open('x').read()\n",
        "from contextlib import closing, ExitStack\n\nwith ExitStack() as stack:\n"
        "    f = stack.enter_context(open('a'))\n",
        "def opener(path):\n    return open(path, encoding='utf-8')\n",
        "class Log:\n    def __init__(self, path):\n        self.stream = open(path, 'a')\n",
        "f = open('data.csv')\nwith f:\n    rows = f.readlines()\n",
        "import sys\n\nwith (sys.stdin if name == '-' else open(name)) as f:\n    pass\n",
        "import io\n\ndef text(path):\n    return io.TextIOWrapper(open(path, 'rb'), encoding='utf-8')\n",
        "def pair(name):\n    return (name, open(name))\n",
    )
    invalid = (
        "text = open('notes.txt').read()\n",
        "for line in open('big.log'):\n    print(line)\n",
        "import json\nconfig = json.load(open('config.json'))\n",
        "from pathlib import Path\n\ndata = Path('x.txt').open().read()\n",
        "import io\n\ndef load(path):\n    f = io.open(path)\n    return f.read()\n",
        "import builtins\n\ndef load(path):\n    return builtins.open(path).read()\n",
        "import csv\n\nrows = list(csv.reader(open('table.csv', newline='')))\n",
    )
    needs_text = ("open(",)

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        # Opens bound to a name: (call, name, scope, statement), judged at the end.
        self.pending: list[tuple[cst.Call, str, cst.CSTNode, cst.CSTNode]] = []

    def visit_Call(self, node: cst.Call) -> None:
        if not self._opens_file(node):
            return
        ancestors = self.context.ancestors
        parent = ancestors[-1] if ancestors else None
        if _managed(ancestors, node):
            return
        if isinstance(parent, cst.Assign) and len(parent.targets) == 1:
            target = parent.targets[0].target
            if isinstance(target, (cst.Attribute, cst.Subscript)):
                return  # an object that owns the file closes it later
            if isinstance(target, cst.Name):
                scope = _scope_of(ancestors) or self.context.module
                self.pending.append((node, target.value, scope, self.context.top()))
                return
        self.report(node)

    def finish(self) -> None:
        for call, name, scope, top in self.pending:
            if not _closed_later(scope, name):
                self.report(call, top=top)

    def _opens_file(self, node: cst.Call) -> bool:
        func = node.func
        if isinstance(func, cst.Name):
            return func.value == "open" and not self.context.bindings.shadows(
                self.context.ancestors, "open"
            )
        if not isinstance(func, cst.Attribute) or func.attr.value != "open":
            return False
        owner = func.value
        if isinstance(owner, cst.Name):
            return owner.value in ("io", "builtins")
        if isinstance(owner, cst.Call):
            made = owner.func
            return (isinstance(made, cst.Name) and made.value == "Path") or (
                isinstance(made, cst.Attribute) and made.attr.value == "Path"
            )
        return False


def _managed(ancestors: Sequence[cst.CSTNode], call: cst.Call) -> bool:
    """Whether something other than the garbage collector will close the file.

    True inside a `with` item (also through `closing(...)`, a conditional or an
    `or`), when returned or yielded (the caller owns it, even inside a tuple),
    given to `enter_context`, or wrapped by a class (`TextIOWrapper(open(...))`
    hands ownership to the wrapper).
    """
    child: cst.CSTNode = call
    for parent in reversed(ancestors):
        if isinstance(parent, cst.WithItem):
            return child is parent.item
        if isinstance(parent, (cst.Return, cst.Yield)):
            return True
        if isinstance(parent, (cst.Arg, cst.IfExp, cst.BooleanOperation, cst.Element)):
            child = parent
            continue
        if isinstance(parent, (cst.Tuple, cst.List)) and _returned(ancestors, parent):
            return True
        if isinstance(parent, cst.Call) and child is not parent.func:
            name = _callee_name(parent.func)
            if name == "enter_context" or name[:1].isupper():
                return True
            if name == "closing":
                child = parent
                continue
        return False
    return False


def _returned(ancestors: Sequence[cst.CSTNode], node: cst.CSTNode) -> bool:
    index = ancestors.index(node)
    return index > 0 and isinstance(ancestors[index - 1], (cst.Return, cst.Yield))


def _callee_name(func: cst.BaseExpression) -> str:
    if isinstance(func, cst.Name):
        return func.value
    if isinstance(func, cst.Attribute):
        return func.attr.value
    return ""


def _scope_of(ancestors: Sequence[cst.CSTNode]) -> cst.CSTNode | None:
    for node in reversed(ancestors):
        if isinstance(node, (cst.FunctionDef, cst.Lambda)):
            return node
    return None


def _closed_later(scope: cst.CSTNode, name: str) -> bool:
    """`with f:`, `closing(f)`, `return f`, or `f.close()` inside a `finally`."""
    stack: list[tuple[cst.CSTNode, bool]] = [(scope, False)]
    while stack:
        node, in_finally = stack.pop()
        if isinstance(node, cst.WithItem) and _is_name(node.item, name):
            return True
        if isinstance(node, cst.Return) and _is_name(node.value, name):
            return True
        if isinstance(node, cst.Call):
            func = node.func
            if (
                in_finally
                and isinstance(func, cst.Attribute)
                and func.attr.value == "close"
                and _is_name(func.value, name)
            ):
                return True
            if (
                isinstance(func, cst.Name)
                and func.value == "closing"
                and any(_is_name(arg.value, name) for arg in node.args)
            ):
                return True
        inside = in_finally or isinstance(node, cst.Finally)
        stack.extend((child, inside) for child in children(node))
    return False


def _is_name(node: cst.CSTNode | None, name: str) -> bool:
    return isinstance(node, cst.Name) and node.value == name
