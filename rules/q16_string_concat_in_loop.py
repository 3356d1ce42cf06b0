"""`text += piece` in a loop: strings are immutable, so each `+=` may copy them all."""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from .engine.context import FileContext, Report
from .engine.rule import Rule
from .engine.syntax import SCOPE_BOUNDARIES, enclosing_scope, walk_with_ancestors


class StringConcatInLoop(Rule):
    code = "TUT161"
    name = "string-concat-in-loop"
    question = 16
    message = "a string grown with `+=` in a loop is copied each time: join a list of parts"
    explanation = (
        "A `str` cannot change. `text += piece` therefore makes a new string holding "
        "the old text plus the piece; done once per iteration, the work grows with the "
        "square of the result's length. CPython sometimes extends the string in place, "
        "but only while nothing else refers to it, and other Pythons never do. Append the "
        "pieces to a list and build the text once at the end: `''.join(parts)`, or use "
        "`io.StringIO` for a stream of writes."
    )
    flagged = (
        "words = ['a', 'b', 'c']\n"
        "line = ''\n"
        "for word in words:\n"
        "    line += word + ';'\n"
        "print(line)\n"
    )
    better = "words = ['a', 'b', 'c']\nline = ''.join(word + ';' for word in words)\nprint(line)\n"
    fine_when = (
        "A loop with a small, fixed number of passes; CPython even extends the string "
        "in place when nothing else refers to it, but that is an implementation detail, "
        "not a promise."
    )
    references = (
        "https://docs.python.org/3/library/stdtypes.html#str.join",
        "https://docs.python.org/3/faq/programming.html#what-is-the-most-efficient-way-to-concatenate-many-strings-together",
    )
    card = (
        ("Why is `text += piece` in a long loop slow in principle, and what is the idiom instead?"),
        (
            "Strings are immutable, so each `+=` may build a new string and copy all the "
            "text so far: quadratic work overall. CPython often avoids the copy when no "
            "other name holds the string, but PyPy and other cases do not. Collect the "
            "pieces in a list and call `''.join(pieces)` once, or write to an "
            "`io.StringIO`."
        ),
    )
    valid = (
        "parts = []\nfor word in words:\n    parts.append(word)\ntext = ' '.join(parts)\n",
        "total = 0\nfor n in numbers:\n    total += n\n",
        "def pad(prefix, words):\n    for word in words:\n        prefix += word\n    return prefix\n",
        "for row in rows:\n    line = ''\n    line += row.name  # rebuilt every time\n    print(line)\n",
        "text = ''\ntext = text.split()\nfor item in items:\n    text += [item]\n",
        "label = 'n='\nlabel += str(count)  # once, not in a loop\n",
    )
    invalid = (
        "out = ''\nfor word in words:\n    out += word + ' '\n",
        "def render(rows):\n    html = f'<table>'\n    for row in rows:\n"
        "        html += f'<tr>{row}</tr>'\n    return html + '</table>'\n",
        "text = str()\nwhile more():\n    text += read_char()\n",
        "for line in lines:\n    word = ''\n    for char in line:\n        word += char\n",
    )
    needs_text = ("+=",)
    reach = "statement"

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.bindings = context.bindings
        # One finding per accumulator per loop: later `+=` lines become its related places.
        self.reported: dict[tuple[int, str], Report] = {}

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        if not isinstance(node.operator, cst.AddAssign) or not isinstance(node.target, cst.Name):
            return
        ancestors = self.context.ancestors
        loop = _innermost_loop(ancestors, node)
        if loop is None:
            return
        scope = enclosing_scope(ancestors, self.context.module)
        found = self.bindings.of(scope).get(node.target.value, [])
        made_here = []
        for binding in found:
            if isinstance(binding.node, cst.AugAssign):
                if not isinstance(binding.node.operator, cst.AddAssign):
                    return
            elif isinstance(binding.node, (cst.Assign, cst.AnnAssign)) and self._is_text(
                binding.value, ancestors
            ):
                made_here.append(binding.node)
            else:
                return
        if made_here and not _inside(loop, made_here):
            name = node.target.value
            key = (id(_outermost_loop(ancestors, loop)), name)
            earlier = self.reported.get(key)
            if earlier is not None:
                earlier.related += ((node, f"`{name}` grows here too"),)
                return
            self.report(
                node,
                f"`{name}` is a string grown with `+=` in a loop, copied each "
                "time: append the parts to a list and `''.join()` it once",
            )
            self.reported[key] = self.context.reports[-1]

    def _is_text(self, value: cst.BaseExpression | None, ancestors: Sequence[cst.CSTNode]) -> bool:
        if isinstance(value, cst.SimpleString):
            return "b" not in value.prefix.lower()
        if isinstance(value, cst.FormattedString):
            return True
        if isinstance(value, cst.ConcatenatedString):
            return self._is_text(value.left, ancestors)
        if isinstance(value, cst.BinaryOperation) and isinstance(
            value.operator, (cst.Add, cst.Modulo)
        ):
            return self._is_text(value.left, ancestors)
        if isinstance(value, cst.Call):
            func = value.func
            if isinstance(func, cst.Name):
                return func.value == "str" and self.bindings.is_builtin(ancestors, "str")
            if isinstance(func, cst.Attribute) and func.attr.value in {"join", "format"}:
                return self._is_text(func.value, ancestors)
        return False


def _innermost_loop(ancestors: Sequence[cst.CSTNode], node: cst.CSTNode) -> cst.CSTNode | None:
    """The for/while whose body holds `node`, within its own function."""
    child = node
    for parent in reversed(ancestors):
        if isinstance(parent, SCOPE_BOUNDARIES):
            return None
        if isinstance(parent, (cst.For, cst.While)) and child is parent.body:
            return parent
        child = parent
    return None


def _outermost_loop(ancestors: Sequence[cst.CSTNode], loop: cst.CSTNode) -> cst.CSTNode:
    """The outermost for/while around `loop` within its own function (or `loop`)."""
    outer = loop
    for parent in reversed(ancestors):
        if isinstance(parent, SCOPE_BOUNDARIES):
            break
        if isinstance(parent, (cst.For, cst.While)):
            outer = parent
    return outer


def _inside(loop: cst.CSTNode, nodes: Sequence[cst.CSTNode]) -> bool:
    wanted = set(map(id, nodes))
    return any(id(node) in wanted for node, _ in walk_with_ancestors(loop))
