"""`sum([x for x in xs])` builds a whole list only to walk it once."""

from __future__ import annotations

import libcst as cst

from .engine.context import FileContext
from .engine.rule import Invalid, Replacement, Rule
from .engine.syntax import contains_comment, walk_with_ancestors

# Function name -> the keywords it may take besides the one iterable argument.
_CONSUMERS = {
    "sum": frozenset({"start"}),
    "min": frozenset({"key", "default"}),
    "max": frozenset({"key", "default"}),
    "any": frozenset(),
    "all": frozenset(),
    "set": frozenset(),
}
# Not `sorted`: it builds the whole list anyway, so memory does not stay flat.
# Not `tuple`: CPython sizes a tuple from a list in one step, so `tuple([...])`
# is faster than `tuple(x for ...)`; the brackets there are a fair trade.
# With a generator these stop at the first decisive item, so later items are
# never computed: the same answer, but side effects may differ.
_SHORT_CIRCUIT = frozenset({"any", "all"})


class UnneededListComprehension(Rule):
    code = "TUT112"
    name = "unneeded-list-comprehension"
    question = 11
    message = "this list is built only to be looped over once: drop the brackets"
    explanation = (
        "A list comprehension inside `sum(...)`, `any(...)`, `max(...)` and friends "
        "first builds the complete list in memory, then hands it over to be read once "
        "and thrown away. Without the brackets the same expression is a generator: it "
        "produces one value at a time as the function asks, so memory stays flat, and "
        "`any`/`all` can stop at the first decisive value. When the call has other "
        "arguments the generator needs its own parentheses: `max((len(w) for w in words), "
        "default=0)`. For `set(...)` a set comprehension `{...}` says it directly."
    )
    flagged = "values = [3, 4, 5]\ntotal = sum([x * x for x in values])\nprint(total)\n"
    better = "values = [3, 4, 5]\ntotal = sum(x * x for x in values)\nprint(total)\n"
    fine_when = (
        "For small inputs the list is often a little faster than the generator, and "
        "`''.join` builds a list internally anyway; the win is memory, and early exit "
        "for `any`/`all`."
    )
    references = (
        "https://docs.python.org/3/reference/expressions.html#generator-expressions",
        "https://peps.python.org/pep-0289/",
    )
    card = (
        (
            "What do you gain by writing `any(x > 9 for x in xs)` instead of `any([x > 9 "
            "for x in xs])`?"
        ),
        (
            "The generator expression hands values over one at a time, so no list of every "
            "result is built, and `any` can stop at the first True instead of after "
            "computing all of them. The same holds for `all`, `sum`, `min`, `max`. When the "
            "call has other arguments, the generator needs its own parentheses."
        ),
    )
    valid = (
        "total = sum(x * x for x in values)\n",
        "names = [user.name for user in users]\nprint(len(names), sum(len(n) for n in names))\n",
        "biggest = max([a, b], key=len)  # a list display, not a comprehension\n",
        "pairs = max([1, 2], [3])  # two lists compared, not items\n",
        "async def f(rows):\n    return sum([await r.size() for r in rows])\n",
        "def f(sum):\n    return sum([x for x in range(3)])\n",
        "joined = ''.join([part.strip() for part in parts])\n",
        "key = tuple([part.lower() for part in path])  # faster than from a generator\n",
        # sorted() holds every item anyway: the brackets cost nothing extra worth a finding.
        "ranked = sorted([s.score for s in students], reverse=True)\n",
    )
    invalid = (
        Invalid(
            "total = sum([x * x for x in values])\n",
            fixed="total = sum(x * x for x in values)\n",
        ),
        Invalid(
            "longest = max([len(w) for w in words], default=0)\n",
            fixed="longest = max((len(w) for w in words), default=0)\n",
        ),
        Invalid(
            "total = sum([\n    item.price  # before tax\n    for item in basket\n])\n",
            fixed="total = sum(\n    item.price  # before tax\n    for item in basket\n)\n",
        ),
        Invalid(
            "tags = set([t.lower() for t in raw_tags])\n",
            fixed="tags = {t.lower() for t in raw_tags}\n",
        ),
        Invalid(
            "ok = all([check(row) for row in rows])\n",
            fixed="ok = all(check(row) for row in rows)\n",
            unsafe_fixes=True,
        ),
        Invalid(
            "size = sum([len(part) for part in path if part],)\n",
            fixed="size = sum((len(part) for part in path if part),)\n",
        ),
    )
    fixable = "safe"
    needs_text = tuple(f"{name}(" for name in _CONSUMERS)
    reach = "statement"

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.bindings = context.bindings

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if not isinstance(func, cst.Name) or func.value not in _CONSUMERS or not node.args:
            return
        first = node.args[0]
        comp = first.value
        if not isinstance(comp, cst.ListComp) or comp.lpar or first.keyword or first.star:
            return
        allowed = _CONSUMERS[func.value]
        rest = node.args[1:]
        for arg in rest:
            if arg.star or (arg.keyword is not None and arg.keyword.value not in allowed):
                return
        positional = [arg for arg in rest if arg.keyword is None]
        if positional and not (func.value == "sum" and len(positional) == 1):
            return
        if _is_async(comp) or not self.bindings.is_builtin(self.context.ancestors, func.value):
            return
        name = func.value
        if name == "set":
            message = "this list is built only to make a set: use a set comprehension `{...}`"
        else:
            message = f"this list is built only for `{name}()` to loop over once: drop the brackets"
        self.report(
            comp,
            message,
            fix=lambda: _without_list(node, first, comp),
            safe=name not in _SHORT_CIRCUIT,
        )


def _is_async(comp: cst.ListComp) -> bool:
    """`async for` or `await` inside: as a generator it would become an async one."""
    return any(
        isinstance(node, cst.Await) or (isinstance(node, cst.CompFor) and node.asynchronous)
        for node, _ in walk_with_ancestors(comp)
    )


def _without_list(call: cst.Call, arg: cst.Arg, comp: cst.ListComp) -> Replacement:
    after_open = comp.lbracket.whitespace_after
    before_close = comp.rbracket.whitespace_before
    alone = len(call.args) == 1 and not isinstance(arg.comma, cst.Comma)
    quiet_call = not contains_comment(
        call.whitespace_after_func, call.whitespace_before_args, arg.whitespace_after_arg
    )
    if isinstance(call.func, cst.Name) and call.func.value == "set" and alone and quiet_call:
        return Replacement(
            call,
            cst.SetComp(
                elt=comp.elt,
                for_in=comp.for_in,
                lbrace=cst.LeftCurlyBrace(whitespace_after=after_open),
                rbrace=cst.RightCurlyBrace(whitespace_before=before_close),
                lpar=call.lpar,
                rpar=call.rpar,
            ),
        )
    if alone and _empty(call.whitespace_before_args) and _empty(arg.whitespace_after_arg):
        # `sum([` ... `])`: the brackets' spacing and comments move to the call.
        generator = cst.GeneratorExp(elt=comp.elt, for_in=comp.for_in, lpar=[], rpar=[])
        new_arg = arg.with_changes(value=generator, whitespace_after_arg=before_close)
        return Replacement(
            call, call.with_changes(whitespace_before_args=after_open, args=[new_arg])
        )
    if alone and _empty(after_open) and _empty(before_close):
        generator = cst.GeneratorExp(elt=comp.elt, for_in=comp.for_in, lpar=[], rpar=[])
        return Replacement(comp, generator)
    # Beside other arguments (or a trailing comma) a generator needs parentheses.
    return Replacement(
        comp,
        cst.GeneratorExp(
            elt=comp.elt,
            for_in=comp.for_in,
            lpar=[cst.LeftParen(whitespace_after=after_open)],
            rpar=[cst.RightParen(whitespace_before=before_close)],
        ),
    )


def _empty(whitespace: cst.BaseParenthesizableWhitespace) -> bool:
    return isinstance(whitespace, cst.SimpleWhitespace) and not whitespace.value
