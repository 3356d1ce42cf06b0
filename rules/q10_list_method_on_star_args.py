"""`args.append(...)` inside `def f(*args)`: `*args` arrives as a tuple."""

from __future__ import annotations

import libcst as cst

from .engine.context import FileContext
from .engine.rule import Rule

_LIST_ONLY = frozenset({"append", "extend", "insert", "remove", "pop", "clear", "sort", "reverse"})


class ListMethodOnStarArgs(Rule):
    code = "TUT101"
    name = "list-method-on-star-args"
    question = 10
    message = "`*args` is a tuple, which has no list methods: this call raises AttributeError"
    explanation = (
        "The extra positional arguments collected by `*args` arrive as a tuple, not a "
        "list. A tuple cannot change, so it has no `append`, `extend`, `remove`, `sort` "
        "or `pop`, and calling one raises `AttributeError` the first time the line runs. "
        "If you need to change the arguments, copy them first: `items = list(args)`. "
        "Reading methods such as `count` and `index` work on the tuple as it is."
    )
    flagged = (
        "def total(*numbers):\n"
        "    numbers.append(0)\n"
        "    return sum(numbers)\n"
        "\n"
        "\n"
        "try:\n"
        "    total(1, 2)\n"
        "except AttributeError as error:\n"
        "    print(error)\n"
    )
    better = (
        "def total(*numbers):\n"
        "    values = list(numbers)\n"
        "    values.append(0)\n"
        "    return sum(values)\n"
        "\n"
        "\n"
        "print(total(1, 2))\n"
    )
    references = ("https://docs.python.org/3/tutorial/controlflow.html#arbitrary-argument-lists",)
    card = (
        "What type is `args` in `def f(*args)`, and `kwargs` in `def f(**kwargs)`?",
        (
            "`args` is a tuple of the extra positional arguments (empty when there are "
            "none), so it has no `append` or `sort`; copy it with `list(args)` to change "
            "it. `kwargs` is a new dict of the extra keyword arguments, owned by that call. "
            "Parameters after `*args` can only be passed by keyword."
        ),
    )
    valid = (
        "def collect(*args):\n    items = list(args)\n    items.append(0)\n    return items\n",
        "def collect(*args):\n    args = list(args)\n    args.sort()\n    return args\n",
        "def collect(args):\n    args.append(0)  # a plain parameter may be a list\n",
        "def where(*args):\n    return args.count(None), args.index(1)\n",
        "def outer(*args):\n    def inner(args):\n        args.pop()\n    return inner\n",
    )
    invalid = (
        "def total(*numbers):\n    numbers.append(0)\n    return sum(numbers)\n",
        "def ordered(*args, **kwargs):\n    args.sort()\n    return args\n",
        "def log(*parts):\n    def flush():\n        parts.clear()\n    return flush\n",
        "class Stack:\n    def push_all(self, *items):\n        return items.pop()\n",
    )
    needs_text = tuple(f".{method}(" for method in sorted(_LIST_ONLY))
    reach = "statement"

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.bindings = context.bindings

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if not (
            isinstance(func, cst.Attribute)
            and func.attr.value in _LIST_ONLY
            and isinstance(func.value, cst.Name)
        ):
            return
        name = func.value.value
        between: list[cst.FunctionDef | cst.Lambda] = []
        for scope in reversed(self.context.ancestors):
            if not isinstance(scope, (cst.FunctionDef, cst.Lambda)):
                continue
            star = scope.params.star_arg
            if isinstance(star, cst.Param) and star.name.value == name:
                if len(self.bindings.of(scope)[name]) == 1 and not any(
                    name in self.bindings.of(inner) for inner in between
                ):
                    self.report(
                        node,
                        f"`{name}` collects `*{name}` as a tuple, which has no "
                        f"`.{func.attr.value}()`: copy it with `list({name})` first",
                    )
                return
            between.append(scope)
