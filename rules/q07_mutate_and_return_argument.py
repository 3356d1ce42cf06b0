"""A function that changes its argument in place and also returns it."""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from .engine.context import FileContext
from .engine.findings import Severity
from .engine.rule import Rule
from .engine.syntax import MUTATING_METHODS


class MutateAndReturnArgument(Rule):
    code = "TUT072"
    name = "mutate-and-return-argument"
    question = 7
    severity = Severity.INFO
    message = "changes an argument in place and also returns it: callers may think it is a copy"
    explanation = (
        "Python passes a reference to the caller's object, so `items.append(x)` inside a "
        "function changes the caller's list. Returning that same list as well reads like "
        "a function that builds a new result: a caller who writes `new = add(old, x)` "
        "expects `old` untouched, and is surprised when both names show the change. "
        "A function should do one of two things: change the caller's object in place and "
        "return `None` (as `list.sort()` does), or leave it alone and return a new object "
        "(as `sorted()` does). Doing both hides the mutation from callers who think they "
        "got a copy. A `None` guard does not change that: after "
        "`if items is None: items = []`, a caller who passes a list still has it changed "
        "and returned, so the rule still speaks. It stays silent where the in-place "
        "contract is explicit: methods returning `self` for chaining, and functions whose "
        "name or docstring says they work in place (`inplace`, `in place`, `mutates`)."
    )
    flagged = (
        "def with_tax(prices):\n"
        "    for i, price in enumerate(prices):\n"
        "        prices[i] = round(price * 1.2, 2)\n"
        "    return prices\n"
        "\n"
        "\n"
        "net = [10.0, 20.0]\n"
        "gross = with_tax(net)\n"
        "print(net, gross)\n"
    )
    better = (
        "def with_tax(prices):\n"
        "    return [round(price * 1.2, 2) for price in prices]\n"
        "\n"
        "\n"
        "net = [10.0, 20.0]\n"
        "gross = with_tax(net)\n"
        "print(net, gross)\n"
    )
    fine_when = (
        "Methods that return `self` so calls can be chained (builders, fluent APIs), "
        "decorators that set an attribute and return the function, and functions whose "
        "name or docstring says they work in place."
    )
    references = (
        "https://docs.python.org/3/faq/design.html#why-doesn-t-list-sort-return-the-sorted-list",
        "https://docs.python.org/3/faq/programming.html#how-do-i-write-a-function-with-output-parameters-call-by-reference",
    )
    card = (
        "Why does `list.sort()` return None while `sorted()` returns a list?",
        (
            "They keep two different contracts apart. `sort` changes the caller's list in "
            "place, and returning None makes that impossible to mistake for a copy. "
            "`sorted` leaves its input alone and returns a new list. A function of yours "
            "should pick one of the two: mutating and also returning the same object makes "
            "`b = f(a)` look like `a` was spared."
        ),
    )
    valid = (
        "def add(items, item):\n    items.append(item)\n",
        "def added(items, item):\n    return [*items, item]\n",
        # Near miss: it copies first, so the caller's list is untouched.
        "def add(items, item):\n    items = list(items)\n    items.append(item)\n    return items\n",
        "class Builder:\n    def add(self, part):\n        self.parts.append(part)\n        return self\n",
        "def register(func):\n    func.registered = True\n    return func\n",
        "def bump(n):\n    n += 1\n    return n\n",
        # The contract says in place, in the name or the docstring.
        "def sort_inplace(values):\n    values.sort()\n    return values\n",
        'def shuffle(deck):\n    """Shuffle the deck in place and return it for convenience."""\n'
        "    deck.reverse()\n    return deck\n",
    )
    invalid = (
        "def add(items, item):\n    items.append(item)\n    return items\n",
        "def with_defaults(options):\n    options['color'] = options.get('color', 'red')\n"
        "    return options\n",
        "def ordered(values):\n    if values:\n        values.sort()\n    return values\n",
        "class Cart:\n    def add(self, basket, item):\n        del basket[0]\n        return basket\n",
        "def fill(record, data):\n    if not data:\n        return record\n"
        "    record['size'] = len(data)\n    return record\n",
        # A None guard still hands back the caller's list when one is passed.
        "def add(item, items=None):\n    if items is None:\n        items = []\n"
        "    items.append(item)\n    return items\n",
        "def tag(labels, name):\n    labels = labels or []\n    labels.append(name)\n"
        "    return labels\n",
    )
    needs_text = ("return",)
    reach = "statement"

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.frames: list[_Frame] = []

    # Every function, class and lambda opens a frame; only functions are judged.
    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.frames.append(_Frame(_parameters(node)))

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        frame = self.frames.pop()
        if frame.returns and _says_in_place(node):
            return  # read last: few functions return a changed argument, docstrings cost
        for statement, name in frame.returns:
            if name not in frame.rebound:
                self.report(
                    statement,
                    f"`{name}` is changed in place and also returned: callers who think they "
                    f"got a copy miss the change; change it and return None (as `list.sort` "
                    f"does), or leave it alone and return a new object",
                )

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.frames.append(_Frame(set()))

    def leave_ClassDef(self, node: cst.ClassDef) -> None:
        self.frames.pop()

    def visit_Lambda(self, node: cst.Lambda) -> None:
        self.frames.append(_Frame(set()))

    def leave_Lambda(self, node: cst.Lambda) -> None:
        self.frames.pop()

    # What the current function does with its parameters.
    def visit_Return(self, node: cst.Return) -> None:
        frame = self._frame()
        if frame and isinstance(node.value, cst.Name):
            name = node.value.value
            # The first return after the first change; earlier ones return it untouched.
            if name in frame.changed and all(name != known for _, known in frame.returns):
                frame.returns.append((node, name))

    # Each hook says what its node changes in place and rebinds (its own node type
    # known, no chain of isinstance checks: these run for most statements).
    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        frame = self._frame()
        if frame is not None:
            rebound = _names(node.target) & frame.params
            if rebound:
                rebound -= _keeps_argument(node, self.context.ancestors)
            frame.note(_subscripted(node.target), rebound)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        frame = self._frame()
        if frame is not None:
            frame.note(_subscripted(node.target), _names(node.target))

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        frame = self._frame()
        if frame is not None and node.value is not None:
            frame.note(set(), _names(node.target))

    def visit_Del(self, node: cst.Del) -> None:
        frame = self._frame()
        if frame is not None:
            frame.note(_subscripted(node.target), set())

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value in MUTATING_METHODS:
            frame = self._frame()
            if frame is not None and isinstance(func.value, cst.Name):
                frame.note({func.value.value}, set())

    def visit_For(self, node: cst.For) -> None:
        frame = self._frame()
        if frame is not None:
            frame.note(set(), _names(node.target))

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        frame = self._frame()
        if frame is not None:
            frame.note(set(), _names(node.target))

    def visit_AsName(self, node: cst.AsName) -> None:
        frame = self._frame()
        if frame is not None:
            frame.note(set(), _names(node.name))

    def visit_Global(self, node: cst.Global) -> None:
        frame = self._frame()
        if frame is not None:
            frame.note(set(), {item.name.value for item in node.names})

    def visit_Nonlocal(self, node: cst.Nonlocal) -> None:
        frame = self._frame()
        if frame is not None:
            frame.note(set(), {item.name.value for item in node.names})

    def _frame(self) -> _Frame | None:
        return self.frames[-1] if self.frames and self.frames[-1].params else None


IN_PLACE_WORDS = ("in place", "in-place", "inplace", "in_place", "mutates", "modifies")


def _says_in_place(node: cst.FunctionDef) -> bool:
    """The name or docstring says the function changes its argument: the contract is explicit."""
    name = node.name.value.lower()
    if "inplace" in name or "in_place" in name or name.startswith("mutate"):
        return True
    docstring = node.get_docstring()
    return docstring is not None and any(word in docstring.lower() for word in IN_PLACE_WORDS)


def _keeps_argument(node: cst.AssignTarget, ancestors: list[cst.CSTNode]) -> set[str]:
    """Rebindings that still hold the caller's object when one is passed.

    `if items is None: items = []` and `items = items or []`: a caller who passes
    a list still has it changed, so the function still mutates and returns it.
    """
    names = _names(node.target)
    parent = ancestors[-1] if ancestors else None
    if isinstance(parent, cst.Assign):
        value = parent.value
        if isinstance(value, cst.BooleanOperation) and isinstance(value.operator, cst.Or):
            return {name for name in names if _is_name(value.left, name)}
        if isinstance(value, cst.IfExp):
            return {
                name for name in names if _is_name(value.body, name) or _is_name(value.orelse, name)
            }
    for ancestor in reversed(ancestors):
        if isinstance(ancestor, cst.If):
            return {name for name in names if _tests_missing(ancestor.test, name)}
        if isinstance(ancestor, (cst.FunctionDef, cst.For, cst.While, cst.Try)):
            break
    return set()


def _tests_missing(test: cst.BaseExpression, name: str) -> bool:
    """`name is None` or `not name`."""
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        return _is_name(test.expression, name)
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
        target = test.comparisons[0]
        return (
            _is_name(test.left, name)
            and isinstance(target.operator, cst.Is)
            and _is_name(target.comparator, "None")
        )
    return False


def _is_name(node: cst.CSTNode | None, name: str) -> bool:
    return isinstance(node, cst.Name) and node.value == name


@dataclass
class _Frame:
    params: set[str]
    changed: set[str] = field(default_factory=set)
    rebound: set[str] = field(default_factory=set)
    returns: list[tuple[cst.Return, str]] = field(default_factory=list)

    def note(self, changed: set[str], rebound: set[str]) -> None:
        """Names of parameters a node changes in place, and names it rebinds."""
        self.changed.update(changed & self.params)
        self.rebound.update(rebound & self.params)


def _parameters(node: cst.FunctionDef) -> set[str]:
    """Plain parameters, leaving out `self`/`cls` (a method returning `self` chains calls)."""
    params = node.params
    every = [*params.posonly_params, *params.params, *params.kwonly_params]
    names = {param.name.value for param in every}
    return names - {"self", "cls", "mcs", "metacls"}


def _subscripted(target: cst.CSTNode) -> set[str]:
    if isinstance(target, (cst.Tuple, cst.List)):
        return {name for element in target.elements for name in _subscripted(element.value)}
    if isinstance(target, cst.Subscript) and isinstance(target.value, cst.Name):
        return {target.value.value}
    return set()


def _names(target: cst.CSTNode | None) -> set[str]:
    if isinstance(target, cst.Name):
        return {target.value}
    if isinstance(target, (cst.Tuple, cst.List)):
        return {name for element in target.elements for name in _names(element.value)}
    if isinstance(target, cst.StarredElement):
        return _names(target.value)
    return set()
