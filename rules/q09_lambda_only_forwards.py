"""`lambda p: len(p)` is `len` with an extra layer of call in between."""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from .engine.context import FileContext
from .engine.rule import Invalid, Replacement, Rule
from .engine.syntax import contains_comment, scope_bindings


class LambdaOnlyForwards(Rule):
    code = "TUT092"
    name = "lambda-only-forwards"
    question = 9
    message = "this lambda only passes its arguments on: pass the function itself"
    explanation = (
        "`lambda p: len(p)` makes a new function whose only job is to call `len` with "
        "the same arguments. Functions are objects, so you can hand over `len` itself: "
        "`sorted(words, key=len)`. It is shorter, one call cheaper, and the traceback "
        "names the real function. Keep the lambda only when you want the name looked "
        "up later, at call time, for instance a function defined further down the file."
    )
    flagged = "words = ['kiwi', 'fig', 'banana']\nprint(sorted(words, key=lambda w: len(w)))\n"
    better = "words = ['kiwi', 'fig', 'banana']\nprint(sorted(words, key=len))\n"
    fine_when = (
        "When the name must be looked up at call time, for instance a function defined "
        "later in the file, or one a test replaces."
    )
    references = ("https://docs.python.org/3/howto/sorting.html#key-functions",)
    card = (
        "What can you pass instead of `lambda s: s.lower()` as a sort key?",
        (
            "The function itself: `key=str.lower`. Functions and methods are objects, so a "
            "lambda that only forwards its arguments to another callable adds a layer and "
            "hides the real name in tracebacks. `key=len`, `key=str.casefold` and "
            "`operator.itemgetter(1)` are the usual direct keys."
        ),
    )
    valid = (
        "sorted(people, key=lambda p: p[1])\n",
        "scaled = map(lambda x: scale(x, 2), values)  # an extra argument\n",
        "cleaned = map(lambda line: line.strip(), lines)\n",
        "swap = sorted(pairs, key=lambda a: (a, len(a)))\n",
        "atexit.register(lambda: shutdown())\n\ndef shutdown():\n    pass\n",
        "class Box:\n    size = lambda self: len(self)\n",
        "def run(handlers):\n    handler = pick(handlers)\n    return lambda event: handler(event)\n",
    )
    invalid = (
        Invalid(
            "names = sorted(words, key=lambda w: len(w))\n",
            fixed="names = sorted(words, key=len)\n",
            unsafe_fixes=True,
        ),
        Invalid(
            "import os\n\nfiles = filter(lambda p: os.path.isfile(p), paths)  # only files\n",
            fixed="import os\n\nfiles = filter(os.path.isfile, paths)  # only files\n",
            unsafe_fixes=True,
        ),
        Invalid(
            "class App:\n    def build(self, button):\n"
            "        button.bind(lambda *args, **kwargs: self.redraw(*args, **kwargs))\n",
            fixed="class App:\n    def build(self, button):\n        button.bind(self.redraw)\n",
            unsafe_fixes=True,
        ),
        "def process(item):\n    return item\n\ndef run(pool, items):\n"
        "    return pool.map(lambda item: process(item), items)\n",
        "from collections import defaultdict\n\ncounts = defaultdict(lambda: dict())\n",
    )
    fixable = "unsafe"
    needs_text = ("lambda",)
    reach = "statement"

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.bindings = context.bindings

    def visit_Lambda(self, node: cst.Lambda) -> None:
        call = node.body
        if not isinstance(call, cst.Call) or not forwards(node.params, call.args):
            return
        root = _root_name(call.func)
        if root is None or root.value in self.bindings.of(node):
            return  # `lambda f: f(f)`
        if not self._fixed_now(root.value):
            return
        if contains_comment(node):
            self.report(node, _message(call.func))
        else:
            fix = Replacement(node, call.func.with_changes(lpar=node.lpar, rpar=node.rpar))
            # Unsafe: the lambda looks the function up at each call, the fix only once.
            self.report(node, _message(call.func), fix=lambda: fix, safe=False)

    def _fixed_now(self, name: str) -> bool:
        """Whether `name` already means, where the lambda is made, what it means later."""
        ancestors = self.context.ancestors
        in_function = False
        for scope in reversed(ancestors):
            if isinstance(scope, cst.Lambda):
                if name in self.bindings.of(scope):
                    return False
            elif isinstance(scope, cst.ClassDef) and not in_function:
                return False  # a class attribute: a plain function there becomes a method
            elif isinstance(scope, cst.FunctionDef):
                in_function = True
                found = self.bindings.of(scope).get(name)
                if found is not None:
                    return all(isinstance(binding.node, cst.Param) for binding in found)
        module = self.context.module
        found = self.bindings.of(module).get(name)
        if found is None:
            return True  # a builtin
        if len(found) != 1:
            return False
        if in_function:
            return True  # module names are all bound by the time the function runs
        return name in scope_bindings(module.with_changes(body=_before(module, ancestors)))


def forwards(params: cst.Parameters, args: Sequence[cst.Arg]) -> bool:
    """`lambda a, b, *rest, **options: f(a, b, *rest, **options)`, in that order."""
    if params.kwonly_params or not isinstance(params.star_arg, (cst.Param, cst.MaybeSentinel)):
        return False
    expected: list[tuple[str, str]] = []
    for param in (*params.posonly_params, *params.params):
        if param.default is not None:
            return False  # `lambda x=x: f(x)` captures a value on purpose
        expected.append(("", param.name.value))
    if isinstance(params.star_arg, cst.Param):
        expected.append(("*", params.star_arg.name.value))
    if params.star_kwarg is not None:
        expected.append(("**", params.star_kwarg.name.value))
    given = [
        (arg.star, arg.value.value)
        for arg in args
        if arg.keyword is None and isinstance(arg.value, cst.Name)
    ]
    return len(given) == len(args) and given == expected


def _root_name(func: cst.BaseExpression) -> cst.Name | None:
    """`f` in `f`, `a.b.f`: a dotted name without calls or subscripts."""
    while isinstance(func, cst.Attribute):
        func = func.value
    return func if isinstance(func, cst.Name) else None


def _before(module: cst.Module, ancestors: Sequence[cst.CSTNode]) -> list[cst.BaseStatement]:
    """The module's statements before the one holding the current node."""
    top = ancestors[1] if len(ancestors) > 1 else None
    body: list[cst.BaseStatement] = list(module.body)
    for at, statement in enumerate(body):
        if statement is top:
            return body[:at]
    return body


def _message(func: cst.BaseExpression) -> str:
    name = cst.Module(body=[]).code_for_node(func)
    return f"this lambda only passes its arguments on to `{name}`: pass `{name}` itself"
