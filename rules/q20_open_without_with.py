"""A file opened outside `with` stays open until the garbage collector says so."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import libcst as cst

from .engine.context import FileContext
from .engine.rule import Rule
from .engine.walker import children


class OpenWithoutWith(Rule):
    code = "TUT201"
    name = "open-without-with"
    question = 20
    message = (
        "file opened without `with`: an error skips the close, and the collector closes it later"
    )
    explanation = (
        "A file object holds an operating-system handle until it is closed. Opened "
        "outside a `with` block, it is closed only when you remember to call `close()` "
        "and no exception skips that call; otherwise it is closed when the file object is "
        "garbage collected, which in CPython is usually soon but is guaranteed at no "
        "particular time (a reference cycle, a stored traceback or another Python can "
        "delay it), and Python then warns with `ResourceWarning`. Until then written data "
        "may sit in a buffer, and on Windows the file stays locked. "
        "`with open(path, encoding='utf-8') as f:` closes it on every path out of the block."
    )
    flagged = (
        "from pathlib import Path\n"
        "\n"
        "Path('notes.txt').write_text('hello', encoding='utf-8')\n"
        "text = open('notes.txt', encoding='utf-8').read()\n"
        "print(text)\n"
    )
    better = (
        "from pathlib import Path\n"
        "\n"
        "Path('notes.txt').write_text('hello', encoding='utf-8')\n"
        "with open('notes.txt', encoding='utf-8') as file:\n"
        "    text = file.read()\n"
        "print(text)\n"
    )
    fine_when = (
        "A file handed to an object that takes over closing it (a logging handler, a "
        "class with its own `close` and context manager); for one-shot reads, "
        "`Path.read_text` opens and closes for you."
    )
    references = (
        "https://docs.python.org/3/tutorial/inputoutput.html#reading-and-writing-files",
        "https://docs.python.org/3/reference/compound_stmts.html#the-with-statement",
    )
    card = (
        "If you open a file without `with` and never call `close()`, when is it closed?",
        (
            "When the file object is garbage collected: in CPython usually as soon as the "
            "last reference goes, but nothing guarantees when (a reference cycle, a "
            "traceback or PyPy can delay it), and until then buffered writes may not be on "
            "disk and Windows keeps the file locked. Python warns with ResourceWarning. "
            "`with` closes it on every way out."
        ),
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
        "def load(path):\n    f = open(path)\n    try:\n        return f.read()\n    finally:\n        f.close()\n",
        "class Box:\n    def __init__(self, path):\n        f = open(path, 'rb')\n        self._file = f\n",
        "def start(path):\n    global log\n    log = open(path, 'a')\n",
        "from os import *\nfd = open('x', O_RDONLY)\n",
        "def get(path):\n    f = open(path, 'rb')\n    return Proxy(f)\n",
        "def find(path):\n    f = open(path)\n    return f, path\n",
        "open('marker.txt', 'w').close()\n",
        "import sys\n\nwith (sys.stdin if name == '-' else open(name)) as f:\n    pass\n",
        "import io\n\ndef text(path):\n    return io.TextIOWrapper(open(path, 'rb'), encoding='utf-8')\n",
        "def pair(name):\n    return (name, open(name))\n",
        "import os, sys\n\ndef quiet():\n    sys.stdout = open(os.devnull, 'w')\n"
        "    try:\n        work()\n    finally:\n        sys.stdout.close()\n"
        "        sys.stdout = sys.__stdout__\n",
        "import os\n\ndef writable(folder):\n    try:\n        f = open(os.path.join(folder, 'x'), 'w')\n"
        "    except OSError:\n        return False\n    f.close()\n    return True\n",
        "stale = open(1, 'w', closefd=False)\n",
        "def size(path):\n    f = open(path, 'rb')\n    try:\n        data = f.read()\n"
        "    except OSError:\n        f.close()\n        raise\n    f.close()\n    return len(data)\n",
    )
    invalid = (
        "text = open('notes.txt').read()\n",
        "for line in open('big.log'):\n    print(line)\n",
        "import json\nconfig = json.load(open('config.json'))\n",
        "from pathlib import Path\n\ndata = Path('x.txt').open().read()\n",
        "import io\n\ndef load(path):\n    f = io.open(path)\n    return f.read()\n",
        "import builtins\n\ndef load(path):\n    return builtins.open(path).read()\n",
        "import csv\n\nrows = list(csv.reader(open('table.csv', newline='')))\n",
        "import json\n\ndef settings(path):\n    f = open(path)\n    return json.load(f)\n",
        "def load(path):\n    f = open(path, encoding='utf-8')\n    data = f.read()\n"
        "    f.close()\n    return data\n",
        "import os, sys\n\ndef quiet():\n    sys.stdout = open(os.devnull, 'w')\n",
    )
    needs_text = ("open(",)
    reach = "statement"

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        # `from os import *` (or any star import) may rebind `open`: stay silent.
        self._star_import = any(
            isinstance(small, cst.ImportFrom) and isinstance(small.names, cst.ImportStar)
            for line in context.module.body
            if isinstance(line, cst.SimpleStatementLine)
            for small in line.body
        )
        # Opens bound to a name: (call, name, scope, statement), judged at the end.
        self.pending: list[tuple[cst.Call, str, cst.CSTNode, cst.CSTNode]] = []

    def visit_Call(self, node: cst.Call) -> None:
        if not self._opens_file(node):
            return
        if any(
            arg.keyword is not None
            and arg.keyword.value == "closefd"
            and isinstance(arg.value, cst.Name)
            and arg.value.value == "False"
            for arg in node.args
        ):
            return  # closing would not close the descriptor: nothing leaks
        ancestors = self.context.ancestors
        parent = ancestors[-1] if ancestors else None
        if _managed(ancestors, node):
            return
        if isinstance(parent, cst.Assign):
            targets = [item.target for item in parent.targets]
            stream = _standard_stream(targets[0]) if len(targets) == 1 else None
            if stream is not None:
                scope = _scope_of(ancestors) or self.context.module
                if not _stream_closed(scope, stream):
                    self.report(
                        node,
                        f"`sys.{stream}` gets a file that nothing closes: use "
                        f"`with open(...) as f, contextlib.redirect_{stream}(f):` instead",
                    )
                return
            if len(targets) > 1 or any(
                isinstance(target, (cst.Attribute, cst.Subscript)) for target in targets
            ):
                return  # an owner object or aliases: somebody else closes it
            target = targets[0]
            if len(targets) == 1 and isinstance(target, cst.Name):
                scope = _scope_of(ancestors) or self.context.module
                self.pending.append((node, target.value, scope, self.context.top()))
                return
        self.report(node)

    def finish(self) -> None:
        for call, name, scope, top in self.pending:
            care = _closed_later(scope, name)
            if care is True:
                continue
            if care is None:
                self.report(call, top=top)
            elif _work_between(scope, call, care):
                self.report(
                    call,
                    f"`{name}.close()` runs only if nothing before it raises: the file leaks "
                    f"on an error; `with open(...) as {name}:` closes it on every path",
                    top=top,
                    related=[(care, "closed here, but not in a `finally`")],
                )
            # else: nothing runs between the open and the close that could raise

    def _opens_file(self, node: cst.Call) -> bool:
        func = node.func
        if isinstance(func, cst.Name):
            return (
                func.value == "open"
                and not self._star_import
                and not self.context.bindings.shadows(self.context.ancestors, "open")
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
    or given to any function that is not a known reader: `TextIOWrapper(...)`,
    `enter_context(...)` or a library's own wrapper may well close it, while
    `json.load(open(p))` certainly does not.
    """
    child: cst.CSTNode = call
    parent_of_call = ancestors[-1] if ancestors else None
    if isinstance(parent_of_call, cst.Attribute) and parent_of_call.attr.value == "close":
        return True  # `open(path, "w").close()`: touching a file
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
            if name == "closing":
                child = parent
                continue
            return name not in CONSUMERS
        return False
    return False


# Functions that read or write a file object they are given and never close it.
CONSUMERS = frozenset(
    {"load", "reader", "writer", "DictReader", "DictWriter", "print", "list", "tuple"}
    | {"sorted", "enumerate", "iter", "next", "zip", "set", "dict", "len", "sum", "copyfileobj"}
)


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


def _closed_later(scope: cst.CSTNode, name: str) -> Literal[True] | cst.Call | None:
    """Whether the code takes care of the file bound to `name` some other way.

    True for `with f:`, `closing(f)`, `f.close()` in a `finally` or an `except`,
    returning or yielding `f`, or storing it on an object (`self.stream = f`)
    that will close it later. A `global f` means a long-lived module handle.
    Silence is the safer guess for all of these. A plain `f.close()` after other
    statements is returned (the file leaks if they raise); None: nobody closes it.
    """
    unguarded: cst.Call | None = None
    stack: list[tuple[cst.CSTNode, bool]] = [(scope, False)]
    while stack:
        node, guarded = stack.pop()
        if isinstance(node, cst.WithItem) and _is_name(node.item, name):
            return True
        if isinstance(node, (cst.Return, cst.Yield)) and _mentions(node.value, name):
            return True
        if isinstance(node, cst.Global) and any(item.name.value == name for item in node.names):
            return True
        if isinstance(node, cst.Assign) and _is_name(node.value, name):
            return True  # an alias or an owner: no longer ours to follow
        if isinstance(node, cst.Call):
            func = node.func
            if (
                isinstance(func, cst.Attribute)
                and func.attr.value == "close"
                and _is_name(func.value, name)
            ):
                if guarded:
                    return True
                unguarded = unguarded or node
                continue
            if _callee_name(func) not in CONSUMERS and any(
                _is_name(arg.value, name) for arg in node.args
            ):
                return True  # handed to code that may own and close it
            if (
                isinstance(func, cst.Name)
                and func.value == "closing"
                and any(_is_name(arg.value, name) for arg in node.args)
            ):
                return True
        inner = guarded or isinstance(node, (cst.Finally, cst.ExceptHandler, cst.If))
        stack.extend((child, inner) for child in children(node))
    return unguarded


STATEMENTS = (cst.SimpleStatementLine, cst.For, cst.While, cst.If, cst.With, cst.Match)


def _work_between(scope: cst.CSTNode, opened: cst.Call, closed: cst.Call) -> bool:
    """Whether a statement runs between the open and the close (outside `except`).

    Walks in source order without recursion: scopes can be deeply nested.
    """
    pending: list[cst.CSTNode] = []
    ancestors: list[cst.CSTNode] = []
    seen_open = False
    # (node, in an except handler) to enter, or None to leave the last ancestor.
    stack: list[tuple[cst.CSTNode, bool] | None] = [(scope, False)]
    while stack:
        item = stack.pop()
        if item is None:
            ancestors.pop()
            continue
        node, in_handler = item
        if node is opened:
            seen_open = True
            continue
        if node is closed:
            return any(statement not in ancestors for statement in pending)
        if seen_open and not in_handler and isinstance(node, STATEMENTS):
            trivial = isinstance(node, cst.SimpleStatementLine) and all(
                isinstance(small, cst.Pass) for small in node.body
            )
            if not trivial:
                pending.append(node)
        inner = in_handler or isinstance(node, cst.ExceptHandler)
        ancestors.append(node)
        stack.append(None)
        stack.extend((child, inner) for child in reversed(list(children(node))))
    return True


def _standard_stream(target: cst.BaseExpression) -> str | None:
    """`sys.stdout` or `sys.stderr` as an assignment target: the stream's name."""
    if (
        isinstance(target, cst.Attribute)
        and isinstance(target.value, cst.Name)
        and target.value.value == "sys"
        and target.attr.value in ("stdout", "stderr")
    ):
        return target.attr.value
    return None


def _stream_closed(scope: cst.CSTNode, stream: str) -> bool:
    """`sys.stdout.close()` somewhere in the scope."""
    stack: list[cst.CSTNode] = [scope]
    while stack:
        node = stack.pop()
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
            owner = node.func.value
            if node.func.attr.value == "close" and _standard_stream(owner) == stream:
                return True
        stack.extend(children(node))
    return False


def _mentions(value: cst.CSTNode | None, name: str) -> bool:
    """`name`, or a tuple or list display holding it."""
    if isinstance(value, (cst.Tuple, cst.List)):
        return any(_is_name(element.value, name) for element in value.elements)
    return _is_name(value, name)


def _is_name(node: cst.CSTNode | None, name: str) -> bool:
    return isinstance(node, cst.Name) and node.value == name
