"""`global` inside a function: shared mutable state that is hard to follow."""

from __future__ import annotations

import libcst as cst

from .engine.context import FileContext, Report
from .engine.rule import Rule
from .engine.syntax import nodes_in


class GlobalStatement(Rule):
    code = "TUT031"
    name = "global-statement"
    question = 3
    message = "`global` makes this function rebind a module variable; pass it in and return it"
    explanation = (
        "A `global` statement lets a function rebind a module-level name. Any function "
        "may then change that value, so reading the code no longer tells you where a "
        "value came from, and tests start to depend on the order they run in. Pass the "
        "value in as an argument and return the new one, or keep the state on an object. "
        "`global` is only needed to *rebind* a module name; reading it or mutating the "
        "object it names works without it. A module-level cache filled on first use "
        "(`if _table is None: _table = build()`) is better written as a function "
        "decorated with `@functools.cache` that builds and returns the value: callers "
        "ask for it, and nothing rebinds module state."
    )
    flagged = (
        "total = 0\n"
        "\n"
        "\n"
        "def add(amount):\n"
        "    global total\n"
        "    total += amount\n"
        "\n"
        "\n"
        "add(5)\n"
        "print(total)\n"
    )
    better = (
        "def add(total, amount):\n    return total + amount\n\n\ntotal = add(0, 5)\nprint(total)\n"
    )
    fine_when = (
        "A module-level cache or registry that one small function fills lazily (say, a "
        "compiled pattern or a connection made on first use) is a common, deliberate "
        "use; so is a script's tiny `main` setting a flag read at exit."
    )
    references = ("https://docs.python.org/3/reference/simple_stmts.html#the-global-statement",)
    card = (
        "When do you need `global` in a function, and what do you write instead?",
        (
            "Only to rebind a module-level name; reading it, or mutating the object it "
            "names, needs no declaration. Rebinding shared state from functions makes every "
            "caller depend on call order, so prefer a parameter and a return value, or an "
            "object that owns the state. `nonlocal` is the same idea one level up, for an "
            "enclosing function's variable."
        ),
    )
    valid = (
        "counter = 0\n\ndef bump(count):\n    return count + 1\n",
        "global ready  # at module level it does nothing, and is not flagged\n",
        "settings = {}\n\ndef configure(key, value):\n    settings[key] = value\n",
        "def outer():\n    total = 0\n    def add(n):\n        nonlocal total\n        total += n\n",
        "def _init():\n    global __doc__\n    __doc__ = (__doc__ or '') + 'codes'\n",
    )
    invalid = (
        "counter = 0\n\ndef bump():\n    global counter\n    counter += 1\n",
        "class Cache:\n    def reset(self):\n        global store, hits\n        store = {}\n",
        "table = {}\n\ndef remember(key, value):\n    global table\n    table[key] = value\n",
        "_table = None\n\ndef table():\n    global _table\n    if _table is None:\n"
        "        _table = build()\n    return _table\n",
    )
    needs_text = ("global",)
    reach = "statement"

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        # One finding per function: its other `global` lines become related places.
        self.reported: dict[cst.FunctionDef, Report] = {}

    def visit_Global(self, node: cst.Global) -> None:
        function = next(
            (n for n in reversed(self.context.ancestors) if isinstance(n, cst.FunctionDef)), None
        )
        if function is None:
            return
        names = [item.name.value for item in node.names]
        if all(name.startswith("__") and name.endswith("__") for name in names):
            return  # `global __doc__`, `__all__`: the module's own metadata, set on purpose
        listed = ", ".join(names)
        earlier = self.reported.get(function)
        if earlier is not None:
            earlier.related += ((node, f"`global {listed}` in the same function"),)
            return
        rebinds = self.context.bindings.of(function)
        cached = [name for name in names if _fills_lazily(function, name)]
        if cached and len(cached) == len(names):
            message = (
                f"`global {listed}` fills a module-level cache on first use; a function "
                "decorated with `@functools.cache` that builds the value says the same "
                "without `global`"
            )
        elif any(
            not isinstance(binding.node, cst.Global)
            for name in names
            for binding in rebinds.get(name, [])
        ):
            message = (
                f"`global {listed}` makes this function rebind module state; "
                "pass the value in and return the new one"
            )
        else:
            message = (
                f"`global {listed}` is not needed: this function never rebinds it, and "
                "reading or mutating a module variable works without `global`"
            )
        self.report(node, message)
        self.reported[function] = self.context.reports[-1]


def m_is_none(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Name) and node.value == "None"


def _fills_lazily(function: cst.FunctionDef, name: str) -> bool:
    """`if NAME is None: NAME = ...` (or `if not NAME:`) somewhere in `function`."""
    ifs = nodes_in(function.body, _IF)
    return any(isinstance(node, cst.If) and _fills(node, name) for node in ifs)


_IF = frozenset({cst.If})


def _fills(node: cst.If, name: str) -> bool:
    test = node.test
    tested = None
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
        target = test.comparisons[0]
        comparator = target.comparator
        if isinstance(target.operator, cst.Is) and m_is_none(comparator):
            tested = test.left
    elif isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        tested = test.expression
    if not (isinstance(tested, cst.Name) and tested.value == name):
        return False
    for statement in node.body.body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if isinstance(small, cst.Assign) and any(
                    isinstance(t.target, cst.Name) and t.target.value == name for t in small.targets
                ):
                    return True
    return False
