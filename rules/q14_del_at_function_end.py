"""`del name` as a function's last statement frees nothing that returning would not."""

from __future__ import annotations

import functools

import libcst as cst

from .engine.paths import is_test_path
from .engine.rule import Invalid, Replacement, Rule
from .engine.syntax import contains_comment
from .engine.walker import children

# Names whose values keep frames alive after the return (traceback -> frame cycles).
_FRAME_HOLDERS = frozenset(
    {"exc_info", "exception", "__traceback__", "_getframe", "currentframe", "tb_frame"}
    | {"f_back", "stack", "trace", "extract_stack", "walk_stack", "walk_tb"}
)


class DelAtFunctionEnd(Rule):
    code = "TUT141"
    name = "del-at-function-end"
    question = 14
    message = "`del` of a local as the last statement frees nothing: returning drops it anyway"
    explanation = (
        "`del name` removes a name, not an object: the object's reference count drops "
        "by one, and it is freed only if no other reference is left. When a function "
        "returns, all of its local names go away at once, so a `del` of locals on the "
        "last line does nothing the return would not do a moment later. If memory matters, "
        "drop the reference early, where the function would otherwise keep a large object "
        "alive through slow work that follows. The fix deletes the line; it is marked "
        "unsafe because `del` of a name that was never assigned raises an error."
    )
    flagged = (
        "def report(rows):\n"
        "    total = sum(rows)\n"
        "    print(total)\n"
        "    del rows, total\n"
        "\n"
        "\n"
        "report([1, 2, 3])\n"
    )
    better = "def report(rows):\n    total = sum(rows)\n    print(total)\n\n\nreport([1, 2, 3])\n"
    fine_when = (
        "Early in a long function, to drop the last reference to a large object before "
        "slow work that no longer needs it; or in a generator, which keeps its locals "
        "while it is suspended."
    )
    references = ("https://docs.python.org/3/reference/simple_stmts.html#the-del-statement",)
    card = (
        "What does `del x` do to the object `x` refers to?",
        (
            "Nothing directly: it removes the name `x`, which drops one reference. The "
            "object is freed only when no references are left, which may be at once "
            "(CPython's reference counting) or never, if a list or a cache still holds it. "
            "Locals disappear anyway when a function returns, so a `del` on the last line "
            "is noise."
        ),
    )
    valid = (
        "def load(path):\n    data = read(path)\n    del data\n    slow_work()\n",
        "def reset(self):\n    del self.cache\n",
        # Near miss: this `del` changes a module variable, or a dict.
        "def forget():\n    global cache\n    del cache\n",
        "def drop(table, key):\n    del table[key]\n",
        "def outer():\n    big = make()\n    def use():\n        return big\n    del big\n",
        "import sys\n\ndef report():\n    kind, value, tb = sys.exc_info()\n    show(tb)\n"
        "    del tb  # breaks the frame <-> traceback cycle\n",
        "def run():\n    try:\n        work()\n    except Exception as exc:\n        err = exc\n"
        "    log(err)\n    del err\n",
    )
    invalid = (
        Invalid(
            "def total(path):\n    rows = load(path)\n    result = sum(rows)\n    print(result)\n"
            "    del rows, result\n",
            fixed="def total(path):\n    rows = load(path)\n    result = sum(rows)\n"
            "    print(result)\n",
            unsafe_fixes=True,
        ),
        Invalid(
            "class Job:\n    def run(self, item):\n        buffer = bytearray(10)\n"
            "        self.send(buffer)\n        del buffer\n\n    def stop(self):\n        pass\n",
            fixed="class Job:\n    def run(self, item):\n        buffer = bytearray(10)\n"
            "        self.send(buffer)\n\n    def stop(self):\n        pass\n",
            unsafe_fixes=True,
        ),
        "def f(item):\n    del item\n",
        "def clean():\n    tmp = [0] * 10**6\n    use(tmp)\n    del tmp  # free the memory\n",
    )
    fixable = "unsafe"
    needs_text = ("del ",)
    reach = "statement"

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if is_test_path(self.context.path):
            return  # a test may `del` to check when a destructor runs
        body = node.body
        lines = list(body.body) if isinstance(body, cst.IndentedBlock) else [body]
        last_line = lines[-1]
        if not isinstance(last_line, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
            return
        last = last_line.body[-1]
        if not isinstance(last, cst.Del):
            return
        names = _plain_names(last.target)
        if not names or _declared_or_captured(node, set(names)):
            return
        fix = None
        if (
            isinstance(body, cst.IndentedBlock)
            and len(lines) > 1
            and len(last_line.body) == 1
            and not contains_comment(last_line)
        ):
            fix = functools.partial(_drop_last, body)
        shown = ", ".join(names)
        self.report(
            last,
            f"`del {shown}` at the end of the function frees nothing: its locals go "
            "away when it returns anyway",
            fix=fix,
            safe=False,
        )


def _plain_names(target: cst.BaseDelTargetExpression) -> list[str]:
    """The names deleted, or nothing if any target is an attribute or an item."""
    if isinstance(target, cst.Name):
        return [target.value]
    if isinstance(target, (cst.Tuple, cst.List)):
        found: list[str] = []
        for element in target.elements:
            inner = _plain_names(element.value)  # type: ignore[arg-type]
            if not inner:
                return []
            found.extend(inner)
        return found
    return []


def _declared_or_captured(function: cst.FunctionDef, names: set[str]) -> bool:
    """`global`/`nonlocal` names, names a nested function or class may still use,
    and functions that may hold a traceback or frame, where `del` breaks a cycle."""
    stack = list(children(function.body))
    while stack:
        node = stack.pop()
        if isinstance(node, (cst.Try, cst.TryStar)) and node.handlers:
            return True  # a caught exception's traceback refers back to this frame
        if isinstance(node, cst.Name) and node.value in _FRAME_HOLDERS:
            return True
        if isinstance(node, (cst.Global, cst.Nonlocal)):
            if any(item.name.value in names for item in node.names):
                return True
        elif isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            if _mentions(node, names):
                return True
            continue
        stack.extend(children(node))
    return False


def _mentions(node: cst.CSTNode, names: set[str]) -> bool:
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.Name) and current.value in names:
            return True
        stack.extend(children(current))
    return False


def _drop_last(body: cst.IndentedBlock) -> Replacement:
    return Replacement(body, body.with_changes(body=list(body.body)[:-1]))
