"""Reading an outer name in a function that also assigns it: UnboundLocalError."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import libcst as cst

from .engine.context import FileContext
from .engine.rule import Rule
from .engine.syntax import bound_names, target_names
from .engine.walker import children

# Handlers that would catch the UnboundLocalError on purpose.
_CATCHERS = frozenset({"NameError", "UnboundLocalError", "Exception", "BaseException"})
_COMPREHENSIONS = (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp)


_Kind = Literal["module", "function", "class", "lambda"]


@dataclass
class _Scope:
    node: cst.CSTNode
    parent: _Scope | None
    kind: _Kind
    params: set[str] = field(default_factory=set)
    bound: set[str] = field(default_factory=set)
    declared: set[str] = field(default_factory=set)  # global or nonlocal
    top: cst.CSTNode | None = None  # the top-level statement holding the scope


@dataclass(frozen=True)
class _Event:
    bind: bool
    name: str
    node: cst.CSTNode
    loops: tuple[cst.CSTNode, ...]
    guarded: bool


class LocalReadBeforeAssignment(Rule):
    code = "TUT032"
    name = "local-read-before-assignment"
    question = 3
    message = (
        "this name is assigned later in the function, so this read is local: UnboundLocalError"
    )
    explanation = (
        "Python decides at compile time which names are local to a function: any name "
        "the function assigns anywhere (`=`, `+=`, `for`, `import`, `del`, ...) is local "
        "in the whole function. So `count += 1` inside a function does not update the "
        "outer `count`: it reads a local `count` that has no value yet, and raises "
        "`UnboundLocalError`. To rebind the outer variable, declare it with `nonlocal` "
        "(an enclosing function's variable) or `global` (a module variable); better "
        "still, pass the value in and return the new one."
    )
    flagged = (
        "count = 0\n"
        "\n"
        "\n"
        "def bump():\n"
        "    count += 1\n"
        "    return count\n"
        "\n"
        "\n"
        "try:\n"
        "    bump()\n"
        "except UnboundLocalError as error:\n"
        "    print(error)\n"
    )
    better = (
        "count = 0\n"
        "\n"
        "\n"
        "def bump(count):\n"
        "    return count + 1\n"
        "\n"
        "\n"
        "count = bump(count)\n"
        "print(count)\n"
    )
    references = (
        "https://docs.python.org/3/faq/programming.html#why-am-i-getting-an-unboundlocalerror-when-the-variable-has-a-value",
        "https://docs.python.org/3/reference/executionmodel.html#resolution-of-names",
    )
    card = (
        (
            "Why does `x += 1` inside a function raise UnboundLocalError when a "
            "module-level `x` exists?"
        ),
        (
            "The compiler decides which names are local before the function ever runs: any "
            "assignment to `x` anywhere in the body (including `+=`, a `for` target or an "
            "import) makes `x` local in the whole body. So the read half of `x += 1` looks "
            "for a local `x` that has no value yet. Pass the value in and return it, or "
            "declare `nonlocal`/`global`."
        ),
    )
    valid = (
        "count = 0\n\ndef bump():\n    global count\n    count += 1\n",
        "def counter():\n    count = 0\n    def bump():\n        nonlocal count\n"
        "        count += 1\n        return count\n    return bump\n",
        # Near miss: the read comes after the assignment.
        "total = 0\n\ndef add(n):\n    total = n\n    total += 1\n    return total\n",
        # Near miss: a later pass of the loop reads the value of an earlier one.
        "last = None\n\ndef scan(items):\n    for item in items:\n        if item:\n"
        "            print(last)\n        last = item\n",
        "limit = 3\n\ndef check(n):\n    return n < limit\n",
        "name = 'x'\n\ndef f():\n    try:\n        print(name)\n    except NameError:\n"
        "        pass\n    name = 'y'\n",
    )
    invalid = (
        "count = 0\n\ndef bump():\n    count += 1\n",
        "def make_counter():\n    count = 0\n    def bump():\n        count = count + 1\n"
        "        return count\n    return bump\n",
        "items = []\n\ndef load(path):\n    if path:\n        print(len(items))\n"
        "    for items in [[1]]:\n        pass\n",
        "import os\n\ndef where():\n    cwd = os.getcwd()\n    import os.path\n    return cwd\n",
    )
    needs_text = ("def ",)
    reach = "statement"

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.module_scope = _Scope(context.module, None, "module")
        # What the walk of the top-level defs and classes adds to the module scope,
        # known at once: the engine may walk only some of them (see reuse.py).
        self.module_scope.bound.update(
            statement.name.value
            for statement in context.module.body
            if isinstance(statement, (cst.FunctionDef, cst.ClassDef))
        )
        self.current = self.module_scope
        self.candidates: list[_Scope] = []

    # Scopes.
    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.current.bound.add(node.name.value)
        self._push(node, "function")

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        scope = self._pop()
        if scope.bound - scope.params - scope.declared:
            self.candidates.append(scope)

    def visit_Lambda(self, node: cst.Lambda) -> None:
        self._push(node, "lambda")

    def leave_Lambda(self, node: cst.Lambda) -> None:
        self._pop()

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.current.bound.add(node.name.value)
        self._push(node, "class")

    def leave_ClassDef(self, node: cst.ClassDef) -> None:
        self._pop()

    def _push(self, node: cst.FunctionDef | cst.Lambda | cst.ClassDef, kind: _Kind) -> None:
        scope = _Scope(node, self.current, kind, top=self.context.top())
        if not isinstance(node, cst.ClassDef):
            params = node.params
            every = [*params.posonly_params, *params.params, *params.kwonly_params]
            stars = (params.star_arg, params.star_kwarg)
            every += [star for star in stars if isinstance(star, cst.Param)]
            scope.params = {param.name.value for param in every}
        self.current = scope

    def _pop(self) -> _Scope:
        scope = self.current
        assert scope.parent is not None
        self.current = scope.parent
        return scope

    # Bindings in the current scope.
    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self.current.bound.update(bound_names(node))

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self.current.bound.update(bound_names(node))

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self.current.bound.update(bound_names(node))

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self.current.bound.update(bound_names(node))

    def visit_For(self, node: cst.For) -> None:
        self.current.bound.update(bound_names(node))

    def visit_AsName(self, node: cst.AsName) -> None:
        self.current.bound.update(bound_names(node))

    def visit_ImportAlias(self, node: cst.ImportAlias) -> None:
        self.current.bound.update(bound_names(node))

    def visit_Del(self, node: cst.Del) -> None:
        self.current.bound.update(target_names(node.target))

    def visit_MatchAs(self, node: cst.MatchAs) -> None:
        if node.name is not None:
            self.current.bound.add(node.name.value)

    def visit_MatchStar(self, node: cst.MatchStar) -> None:
        if node.name is not None:
            self.current.bound.add(node.name.value)

    def visit_MatchMapping(self, node: cst.MatchMapping) -> None:
        if node.rest is not None:
            self.current.bound.add(node.rest.value)

    def visit_Global(self, node: cst.Global) -> None:
        self.current.declared.update(item.name.value for item in node.names)

    def visit_Nonlocal(self, node: cst.Nonlocal) -> None:
        self.current.declared.update(item.name.value for item in node.names)

    # The decision, once every scope's names are known.
    def finish(self) -> None:
        for scope in self.candidates:
            outer = {}
            for name in scope.bound - scope.params - scope.declared:
                where = _outer_binding(scope, name, self.module_scope)
                if where is not None:
                    outer[name] = where
            if outer:
                self._check(scope, outer)

    def _check(self, scope: _Scope, outer: dict[str, str]) -> None:
        assert isinstance(scope.node, cst.FunctionDef)
        events = _events(scope.node, set(outer))
        for name, keyword in outer.items():
            mine = [event for event in events if event.name == name]
            if not mine or mine[0].bind or mine[0].guarded:
                continue
            first = mine[0]
            if any(set(first.loops) & set(event.loops) for event in mine if event.bind):
                continue  # an earlier pass of the loop may have assigned it
            where = "an enclosing function" if keyword == "nonlocal" else "the module"
            self.report(
                first.node,
                f"`{name}` is assigned later in this function, so it is local here and this "
                f"read raises UnboundLocalError; add `{keyword} {name}` to use the one "
                f"from {where}",
                top=scope.top,
            )


def _outer_binding(scope: _Scope, name: str, module: _Scope) -> str | None:
    """`nonlocal` or `global`: where an outer `name` lives, if anywhere."""
    outer = scope.parent
    while outer is not None and outer is not module:
        if (
            outer.kind == "function"
            and name not in outer.declared
            and (name in outer.bound or name in outer.params)
        ):
            return "nonlocal"
        outer = outer.parent
    return "global" if name in module.bound else None


_Work = tuple[str, cst.CSTNode, tuple[cst.CSTNode, ...], bool]  # role, node, loops, guarded


def _events(function: cst.FunctionDef, names: set[str]) -> list[_Event]:
    """Reads and bindings of `names` in `function`, roughly in the order they run.

    Nested functions, classes and comprehensions contribute only what runs at
    definition time (decorators, defaults, bases, the first iterable).
    """
    events: list[_Event] = []
    stack: list[_Work] = [("run", child, (), False) for child in reversed(children(function.body))]

    def push(items: list[_Work]) -> None:
        stack.extend(reversed(items))

    while stack:
        role, node, loops, guarded = stack.pop()
        if role == "bind":
            if isinstance(node, cst.Name):
                if node.value in names:
                    events.append(_Event(True, node.value, node, loops, guarded))
            elif isinstance(node, (cst.Tuple, cst.List)):
                push([("bind", element.value, loops, guarded) for element in node.elements])
            elif isinstance(node, cst.StarredElement):
                push([("bind", node.value, loops, guarded)])
            elif isinstance(node, (cst.Attribute, cst.Subscript)):
                push([("run", node, loops, guarded)])  # `a.b = ...` and `a[i] = ...` read `a`
            continue
        if type(node) not in _SPECIAL:  # most nodes: their children run in order
            push([("run", child, loops, guarded) for child in children(node)])
            continue
        plan = _Plan(loops, guarded)
        ev, bd = plan.run, plan.bind
        if isinstance(node, cst.Name):
            if node.value in names:
                events.append(_Event(False, node.value, node, loops, guarded))
        elif isinstance(node, (cst.Attribute, cst.Arg)):
            ev(node.value)
        elif isinstance(node, (cst.FunctionDef, cst.Lambda)):
            if isinstance(node, cst.FunctionDef):
                for decorator in node.decorators:
                    ev(decorator.decorator)
            params = node.params
            for param in (*params.posonly_params, *params.params, *params.kwonly_params):
                ev(param.default)
            if isinstance(node, cst.FunctionDef):
                bd(node.name)
        elif isinstance(node, cst.ClassDef):
            for decorator in node.decorators:
                ev(decorator.decorator)
            for arg in (*node.bases, *node.keywords):
                ev(arg.value)
            bd(node.name)
        elif isinstance(node, _COMPREHENSIONS):
            ev(node.for_in.iter)
        elif isinstance(node, cst.Assign):
            ev(node.value)
            for target in node.targets:
                bd(target.target)
        elif isinstance(node, cst.AnnAssign):
            if node.value is not None:
                ev(node.value)
                bd(node.target)
        elif isinstance(node, cst.AugAssign):
            if isinstance(node.target, cst.Name):
                ev(node.target)
                ev(node.value)
                bd(node.target)
            else:
                bd(node.target)
                ev(node.value)
        elif isinstance(node, cst.NamedExpr):
            ev(node.value)
            bd(node.target)
        elif isinstance(node, cst.For):
            ev(node.iter)
            inside = (*loops, node)
            bd(node.target, inside)
            ev(node.body, inside)
            ev(node.orelse)
        elif isinstance(node, cst.While):
            inside = (*loops, node)
            ev(node.test, inside)
            ev(node.body, inside)
            ev(node.orelse)
        elif isinstance(node, (cst.Try, cst.TryStar)):
            caught = any(_catches_name_error(handler) for handler in node.handlers)
            plan.items.append(("run", node.body, loops, guarded or caught))
            for handler in node.handlers:
                ev(handler)
            ev(node.orelse)
            ev(node.finalbody)
        elif isinstance(node, (cst.ExceptHandler, cst.ExceptStarHandler)):
            ev(node.type)
            if node.name is not None:
                bd(node.name.name)
            ev(node.body)
        elif isinstance(node, cst.With):
            for item in node.items:
                ev(item.item)
                if item.asname is not None:
                    bd(item.asname.name)
            ev(node.body)
        elif isinstance(node, cst.Import):
            for alias in node.names:
                bd(alias.asname.name if alias.asname else cst.Name(_import_root(alias)))
        elif isinstance(node, cst.ImportFrom):
            if not isinstance(node.names, cst.ImportStar):
                for alias in node.names:
                    bd(alias.asname.name if alias.asname else cst.Name(alias.evaluated_name))
        elif isinstance(node, cst.Del):
            bd(node.target)
        elif isinstance(node, (cst.Global, cst.Nonlocal, cst.TypeAlias)):
            pass
        elif isinstance(node, (cst.MatchAs, cst.MatchStar)):
            if isinstance(node, cst.MatchAs):
                ev(node.pattern)
            bd(node.name)
        elif isinstance(node, cst.MatchMapping):
            for element in node.elements:
                ev(element)
            bd(node.rest)
        elif isinstance(node, cst.MatchKeywordElement):
            ev(node.pattern)
        else:
            for child in children(node):
                ev(child)
        push(plan.items)
    return events


# The node types `_events` treats apart (LibCST's node classes are never subclassed).
_SPECIAL = frozenset(
    {cst.Name, cst.Attribute, cst.Arg, cst.FunctionDef, cst.Lambda, cst.ClassDef}
    | {cst.Assign, cst.AnnAssign, cst.AugAssign, cst.NamedExpr, cst.For, cst.While}
    | {cst.Try, cst.TryStar, cst.ExceptHandler, cst.ExceptStarHandler, cst.With}
    | {cst.Import, cst.ImportFrom, cst.Del, cst.Global, cst.Nonlocal, cst.TypeAlias}
    | {cst.MatchAs, cst.MatchStar, cst.MatchMapping, cst.MatchKeywordElement}
    | set(_COMPREHENSIONS)
)


class _Plan:
    """What to evaluate or bind next for one node, in order."""

    def __init__(self, loops: tuple[cst.CSTNode, ...], guarded: bool) -> None:
        self.loops = loops
        self.guarded = guarded
        self.items: list[_Work] = []

    def run(self, child: cst.CSTNode | None, loops: tuple[cst.CSTNode, ...] | None = None) -> None:
        if child is not None:
            self.items.append(("run", child, self.loops if loops is None else loops, self.guarded))

    def bind(self, child: cst.CSTNode | None, loops: tuple[cst.CSTNode, ...] | None = None) -> None:
        if child is not None:
            self.items.append(("bind", child, self.loops if loops is None else loops, self.guarded))


def _import_root(alias: cst.ImportAlias) -> str:
    return alias.evaluated_name.split(".")[0]


def _catches_name_error(handler: cst.ExceptHandler | cst.ExceptStarHandler) -> bool:
    kind = handler.type
    if kind is None:
        return True
    kinds = [element.value for element in kind.elements] if isinstance(kind, cst.Tuple) else [kind]
    for item in kinds:
        name = item.attr.value if isinstance(item, cst.Attribute) else getattr(item, "value", None)
        if name in _CATCHERS:
            return True
    return False
