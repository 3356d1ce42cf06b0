"""A generator read to the end is empty: a second loop over it sees nothing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import libcst as cst

from .engine.context import FileContext
from .engine.rule import Rule
from .engine.syntax import (
    COMPREHENSIONS,
    SCOPE_BOUNDARIES,
    is_generator_function,
    is_variable,
    walk_with_ancestors,
)
from .engine.walker import children

# Builtins that return a one-pass iterator.
_ITERATOR_BUILTINS = frozenset({"map", "filter", "zip", "reversed", "enumerate", "iter"})
# Builtins that read their first argument to the end.
_READ_TO_END = frozenset(
    {"list", "tuple", "set", "frozenset", "dict", "sorted", "sum", "min", "max"}
)
# Builtins that iterate over an argument (perhaps lazily, perhaps partly), by argument position.
_ITERATE = {name: 0 for name in (*_READ_TO_END, "any", "all", "enumerate")} | {
    "map": 1,
    "filter": 1,
}
# Between the statement and the consuming call: code that may run zero or many times.
_NOT_ONCE = (
    cst.IfExp,
    cst.BooleanOperation,
    cst.Lambda,
    cst.IndentedBlock,
    cst.SimpleStatementSuite,
    cst.Else,
    cst.CompFor,
    cst.CompIf,
    *COMPREHENSIONS,
)


@dataclass
class _Candidate:
    name: str
    block: cst.IndentedBlock | cst.Module
    line: cst.SimpleStatementLine  # the binding statement, one of `block`'s
    ancestors: tuple[cst.CSTNode, ...]  # of the binding, for name lookups
    what: str
    generator_function: str | None = None  # decided at the end, once defs are known
    top: cst.CSTNode | None = None  # the top-level statement holding the binding


class GeneratorUsedTwice(Rule):
    code = "TUT111"
    name = "generator-used-twice"
    question = 11
    message = "this iterator was already read to the end above: this second pass sees nothing"
    explanation = (
        "A generator (and any iterator, such as what `map`, `filter` and `zip` return) "
        "produces its values once. After a loop or a `list(...)` has read it to the end "
        "it is exhausted. A second `for` loop then silently runs zero times and `sum` or "
        "`list` give 0 or `[]`; `max` and `min` raise `ValueError` on the empty input, far "
        "from the real cause. If you need the values twice, store them in a list first "
        "(`items = list(gen)`), or call the generator function again for a fresh one."
    )
    flagged = (
        "numbers = [1, 2, 3, 4]\n"
        "evens = (n for n in numbers if n % 2 == 0)\n"
        "print(sum(evens))\n"
        "print(list(evens))\n"
    )
    better = (
        "numbers = [1, 2, 3, 4]\n"
        "evens = [n for n in numbers if n % 2 == 0]\n"
        "print(sum(evens))\n"
        "print(list(evens))\n"
    )
    fine_when = (
        "When the first loop stops early on purpose (a `break` after a header line) and "
        "the second one is meant to carry on from there."
    )
    references = (
        "https://docs.python.org/3/glossary.html#term-iterator",
        "https://docs.python.org/3/howto/functional.html#iterators",
    )
    card = (
        "What happens when you loop twice over the same generator?",
        (
            "The second pass gets nothing: a generator (like `map`, `filter`, `zip` and "
            "file objects) is an iterator that produces each value once. A second `for` "
            "silently runs zero times and `sum` gives 0, while `max` or `min` raise "
            "ValueError on the empty input. Store the values in a list, or call the "
            "generator function again."
        ),
    )
    valid = (
        "squares = [x * x for x in range(5)]\nprint(sum(squares))\nprint(max(squares))\n",
        "lines = (line.strip() for line in text)\nfor line in lines:\n    if not line:\n"
        "        break\nfor line in lines:  # the rest after the header\n    print(line)\n",
        "def rows():\n    yield 1\n\nprint(sum(rows()))\nprint(max(rows()))  # a fresh generator\n",
        "pairs = zip(a, b)\nfirst = next(pairs)\nrest = list(pairs)\n",
        "values = (v for v in data)\nif ready:\n    total = sum(values)\nelse:\n"
        "    total = max(values)\n",
        "gen = (x for x in data)\ntotal = sum(gen)\ngen = (x for x in data)\nbiggest = max(gen)\n",
    )
    invalid = (
        "evens = (n for n in numbers if n % 2 == 0)\nprint(sum(evens))\nprint(max(evens))\n",
        "def read_rows(path):\n    with open(path) as f:\n        yield from f\n\n"
        "def report(path):\n    rows = read_rows(path)\n    count = len(list(rows))\n"
        "    for row in rows:\n        print(row)\n",
        "names = map(str.upper, words)\nfor name in names:\n    print(name)\n"
        "if 'BOB' in names:\n    print('found')\n",
        "pairs = zip(keys, values)\nlookup = dict(pairs)\nprint([k for k, v in pairs])\n",
    )
    needs_text = (" for ", "yield", "map(", "filter(", "zip(", "reversed(", "enumerate(", "iter(")
    reach = "statement"

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.bindings = context.bindings
        self.candidates: list[_Candidate] = []
        self.generators: dict[str, bool] = {}  # name -> is a generator function here

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) != 1 or not isinstance(node.targets[0].target, cst.Name):
            return
        value = node.value
        ancestors = self.context.ancestors
        if not isinstance(value, (cst.GeneratorExp, cst.Call)) or len(ancestors) < 2:
            return
        line, block = ancestors[-1], ancestors[-2]
        if not isinstance(line, cst.SimpleStatementLine) or len(line.body) != 1:
            return
        if not isinstance(block, (cst.IndentedBlock, cst.Module)):
            return
        name = node.targets[0].target.value
        candidate = _Candidate(
            name, block, line, tuple(ancestors), "a generator expression", top=self.context.top()
        )
        if isinstance(value, cst.Call):
            func = value.func
            if not isinstance(func, cst.Name):
                return
            if func.value in _ITERATOR_BUILTINS:
                if not self.bindings.is_builtin(ancestors, func.value):
                    return
                candidate.what = f"a `{func.value}` iterator"
            else:  # perhaps a generator function: known once the whole module is seen
                candidate.generator_function = func.value
                candidate.what = f"a generator from `{func.value}()`"
        self.candidates.append(candidate)

    def finish(self) -> None:
        for candidate in self.candidates:
            function = candidate.generator_function
            if function is not None and not self._calls_generator_function(candidate, function):
                continue
            found = self._second_pass(candidate)
            if found is not None:
                second, statement = found
                module_level = isinstance(candidate.block, cst.Module)
                self.report(
                    second,
                    f"`{candidate.name}` is {candidate.what}, already read to the end above: "
                    "this second pass sees nothing",
                    top=statement if module_level else candidate.top,
                )

    def _calls_generator_function(self, candidate: _Candidate, function: str) -> bool:
        """The module's generator `function`, not a local name that hides it."""
        known = self.generators.get(function)
        if known is None:
            known = self.generators[function] = is_generator_function(self.bindings, function)
        return known and not any(
            isinstance(scope, (cst.FunctionDef, cst.Lambda, cst.ClassDef))
            and function in self.bindings.of(scope)
            for scope in candidate.ancestors
        )

    def _second_pass(self, candidate: _Candidate) -> tuple[cst.Name, cst.BaseStatement] | None:
        """The mention that iterates again after a first one read everything."""
        consumed = False
        statements: Sequence[cst.BaseStatement] = candidate.block.body
        start = next(at for at, statement in enumerate(statements) if statement is candidate.line)
        for statement in statements[start + 1 :]:
            mentions = _mentions(statement, candidate.name)
            if mentions is None:
                return None  # used inside a nested function: unknown
            if not mentions:
                continue
            if not consumed:
                if len(mentions) != 1 or not self._reads_to_end(statement, *mentions[0], candidate):
                    return None
                consumed = True
                continue
            name, above = mentions[0]
            return (name, statement) if self._iterates(name, above, candidate) else None
        return None

    def _reads_to_end(
        self,
        statement: cst.BaseStatement,
        name: cst.Name,
        above: tuple[cst.CSTNode, ...],
        candidate: _Candidate,
    ) -> bool:
        if isinstance(statement, cst.For):
            return (
                above == (statement,)
                and name is statement.iter
                and statement.asynchronous is None
                and not _breaks(statement.body)
            )
        if not isinstance(statement, (cst.SimpleStatementLine, cst.If)):
            return False
        at = len(above) - 1
        parent = above[at]
        if isinstance(parent, cst.CompFor) and name is parent.iter:
            comp = above[at - 1]
            if getattr(comp, "for_in", None) is not parent or parent.asynchronous:
                return False
            if isinstance(comp, cst.GeneratorExp):
                at -= 2  # the generator goes into a call that reads it all
                if at < 2 or not self._reads_all(above[at - 1], above[at], comp, candidate):
                    return False
                return not any(isinstance(node, _NOT_ONCE) for node in above[1 : at - 1])
            return not any(isinstance(node, _NOT_ONCE) for node in above[1 : at - 1])
        if isinstance(parent, cst.Arg) and at >= 2:
            if not self._reads_all(above[at - 1], parent, name, candidate):
                return False
            return not any(isinstance(node, _NOT_ONCE) for node in above[1 : at - 1])
        return False

    def _reads_all(
        self, call: cst.CSTNode, arg: cst.CSTNode, value: cst.CSTNode, candidate: _Candidate
    ) -> bool:
        if not isinstance(call, cst.Call) or not isinstance(arg, cst.Arg):
            return False
        if arg.value is not value or arg.star or arg.keyword is not None or call.args[0] is not arg:
            return False
        func = call.func
        if isinstance(func, cst.Attribute):
            return func.attr.value == "join" and isinstance(func.value, cst.SimpleString)
        return (
            isinstance(func, cst.Name)
            and func.value in _READ_TO_END
            and self.bindings.is_builtin(candidate.ancestors, func.value)
        )

    def _iterates(
        self, name: cst.Name, above: tuple[cst.CSTNode, ...], candidate: _Candidate
    ) -> bool:
        parent = above[-1] if above else None
        if isinstance(parent, (cst.For, cst.CompFor)):
            return name is parent.iter and not parent.asynchronous
        if isinstance(parent, (cst.StarredElement, cst.From)):
            return True
        if isinstance(parent, cst.ComparisonTarget):
            return name is parent.comparator and isinstance(parent.operator, (cst.In, cst.NotIn))
        if not isinstance(parent, cst.Arg) or parent.keyword is not None:
            return False
        if parent.star:
            return parent.star == "*"
        call = above[-2]
        if not isinstance(call, cst.Call):
            return False
        func = call.func
        if isinstance(func, cst.Attribute):
            return func.attr.value == "join" and isinstance(func.value, cst.SimpleString)
        if not isinstance(func, cst.Name):
            return False
        if func.value == "zip":
            where_ok = True
        else:
            position = _ITERATE.get(func.value)
            where_ok = position is not None and list(call.args).index(parent) == position
        return where_ok and self.bindings.is_builtin(candidate.ancestors, func.value)


def _mentions(
    statement: cst.BaseStatement, name: str
) -> list[tuple[cst.Name, tuple[cst.CSTNode, ...]]] | None:
    found = []
    for node, above in walk_with_ancestors(statement):
        if (
            isinstance(node, cst.Name)
            and node.value == name
            and is_variable(node, above[-1] if above else None)
        ):
            if any(isinstance(scope, SCOPE_BOUNDARIES) for scope in above):
                return None
            found.append((node, above))
    return found


def _breaks(body: cst.BaseSuite) -> bool:
    """Whether a `break` may leave this loop body early (nested loops' own do not count)."""
    stack: list[cst.CSTNode] = [body]
    while stack:
        node = stack.pop()
        if isinstance(node, cst.Break):
            return True
        if isinstance(node, (cst.For, cst.While)):
            stack.extend(n for n in (node.orelse,) if n is not None)
            continue
        if not isinstance(node, SCOPE_BOUNDARIES):
            stack.extend(children(node))
    return False
