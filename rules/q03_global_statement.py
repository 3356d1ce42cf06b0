"""`global` inside a function: shared mutable state that is hard to follow."""

from __future__ import annotations

import libcst as cst

from .engine.rule import Rule


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
        "object it names works without it."
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
    )
    invalid = (
        "counter = 0\n\ndef bump():\n    global counter\n    counter += 1\n",
        "class Cache:\n    def reset(self):\n        global store, hits\n        store = {}\n",
        "table = {}\n\ndef remember(key, value):\n    global table\n    table[key] = value\n",
    )
    needs_text = ("global",)

    def visit_Global(self, node: cst.Global) -> None:
        function = next(
            (n for n in reversed(self.context.ancestors) if isinstance(n, cst.FunctionDef)), None
        )
        if function is None:
            return
        names = [item.name.value for item in node.names]
        listed = ", ".join(names)
        rebinds = self.context.bindings.of(function)
        if any(
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
