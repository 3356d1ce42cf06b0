"""`gc.collect()` in ordinary code: slow, and rarely what frees the memory."""

from __future__ import annotations

import re

import libcst as cst

from .engine.context import FileContext
from .engine.paths import is_test_path
from .engine.rule import Rule

# Signs that the code manages the collector on purpose, rather than hoping it helps:
# another gc API in the module, a function named for collecting, a PyPy-only branch.
_OTHER_GC_API = re.compile(r"\bgc\.(?!collect\b)\w+")
_COLLECTING_FUNCTION = re.compile(r"gc|collect|garbage|leak|mem", re.IGNORECASE)


class GcCollectCall(Rule):
    code = "TUT061"
    name = "gc-collect-call"
    question = 6
    message = "`gc.collect()` runs a full, slow collection; CPython already frees most objects"
    explanation = (
        "CPython frees an object the moment its last reference goes away (reference "
        "counting). The cyclic garbage collector only exists for objects that refer to "
        "each other in a loop, and it already runs on its own as objects are allocated. "
        "Calling `gc.collect()` by hand walks every tracked object, which is slow, and it "
        "frees nothing that is still referenced: if memory stays high, find what still "
        "holds the objects (a cache, a global list, a stored traceback), or break a "
        "parent-child cycle with a `weakref` so reference counting frees it at once. "
        "(Cycles whose objects define `__del__` are collected too, since Python 3.4: "
        "PEP 442.) Keep explicit collections for tests and for rare, "
        "measured cases such as freeing a huge cyclic structure before a fork."
    )
    flagged = (
        "import gc\n"
        "\n"
        "\n"
        "def load(rows):\n"
        "    data = [row.upper() for row in rows]\n"
        "    gc.collect()\n"
        "    return data\n"
        "\n"
        "\n"
        "print(load(['a', 'b']))\n"
    )
    better = (
        "def load(rows):\n    return [row.upper() for row in rows]\n\n\nprint(load(['a', 'b']))\n"
    )
    fine_when = (
        "Tests that check a finalizer ran or an object was freed; benchmarks that want "
        "a clean start; and measured cases such as dropping a huge cyclic structure "
        "before forking workers, often together with `gc.freeze()`."
    )
    references = (
        "https://docs.python.org/3/library/gc.html",
        "https://peps.python.org/pep-0442/",
    )
    card = (
        "In CPython, what frees most objects, and what is the cycle collector for?",
        (
            "Reference counting: an object is freed the moment its last reference "
            "disappears. The cycle collector exists for groups of objects that refer to "
            "each other, whose counts never reach zero; it runs by itself as allocations "
            "pile up. Since Python 3.4 (PEP 442) it also frees cycles whose objects have "
            "`__del__`. Calling `gc.collect()` cannot free what is still referenced."
        ),
    )
    valid = (
        "import gc\n\nprint(gc.isenabled())\n",
        "def collect(items):\n    return list(items)\n\ncollect([1])\n",
        # Near miss: not the gc module.
        "import my_gc as gc\n\ngc.collect()\n",
        "def clean(gc):\n    gc.collect()\n",
        # Near miss: code that manages the collector on purpose.
        "import gc\n\ndef build():\n    gc.collect()\n    gc.freeze()\n",
        "import gc\n\ndef collect_garbage():\n    gc.collect()\n",
        "import gc, sys\n\nif hasattr(sys, 'pypy_version_info'):\n    gc.collect()\n",
    )
    invalid = (
        "import gc\n\ndef load(path):\n    data = read(path)\n    gc.collect()\n    return data\n",
        "import gc\n\nfor batch in batches:\n    handle(batch)\n    gc.collect()\n",
        "def handler(request):\n    import gc\n    response = render(request)\n    gc.collect(2)\n"
        "    return response\n",
    )
    needs_text = ("collect(",)
    reach = "statement"

    @classmethod
    def text_facts(cls, text: str, path: str) -> bool:
        return is_test_path(path) or bool(_OTHER_GC_API.search(text))

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.bindings = context.bindings
        # Tests collect on purpose (to run finalizers), as does gc-managing code.
        self.on_purpose = self.text_facts(context.text, context.path)

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if (
            self.on_purpose
            or not isinstance(func, cst.Attribute)
            or func.attr.value != "collect"
            or not isinstance(func.value, cst.Name)
            or func.value.value != "gc"
        ):
            return
        if self._names_gc_module() and not self._deliberate():
            self.report(node)

    def _deliberate(self) -> bool:
        """Inside a function named for collecting, or a branch only PyPy takes."""
        for node in self.context.ancestors:
            if isinstance(node, cst.FunctionDef) and _COLLECTING_FUNCTION.search(node.name.value):
                return True
            if isinstance(node, cst.If):
                test = cst.Module(body=[]).code_for_node(node.test)
                if "pypy" in test.lower():
                    return True
        return False

    def _names_gc_module(self) -> bool:
        """Whether `gc` here is the gc module: the nearest scope binding it imports it."""
        scopes = [
            node
            for node in self.context.ancestors
            if isinstance(node, (cst.FunctionDef, cst.Lambda, cst.Module))
        ]
        for scope in reversed(scopes):
            found = self.bindings.of(scope).get("gc")
            if found:
                return all(
                    isinstance(b.node, cst.ImportAlias) and b.node.evaluated_name == "gc"
                    for b in found
                )
        return False
