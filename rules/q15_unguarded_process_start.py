"""Starting processes at import time: with "spawn" each child re-imports the module."""

from __future__ import annotations

import libcst as cst

from .engine.context import FileContext
from .engine.rule import Rule

_MULTIPROCESSING = {
    "multiprocessing": frozenset({"Pool", "Process"}),
    "multiprocessing.pool": frozenset({"Pool"}),
    "concurrent.futures": frozenset({"ProcessPoolExecutor"}),
}


class UnguardedProcessStart(Rule):
    code = "TUT151"
    name = "unguarded-process-start"
    question = 15
    message = 'a process pool made at import time: put it under `if __name__ == "__main__":`'
    explanation = (
        "With the 'spawn' start method (the default on Windows and macOS) and the "
        "'forkserver' one (the default on Linux and other POSIX systems since Python 3.14), "
        "`multiprocessing` starts each child from a fresh interpreter that imports your "
        "main module again. Only the old 'fork' default skipped that. Code at the top level of "
        "that module runs again in every child, so a `Pool`, `Process` or "
        "`ProcessPoolExecutor` created there tries to start processes from inside the "
        "children: Python stops with a RuntimeError about the bootstrapping phase, or the "
        "program hangs. Create processes inside a function called from an "
        '`if __name__ == "__main__":` block, which runs only in the parent.'
    )
    flagged = (
        "from multiprocessing import Pool\n"
        "\n"
        "\n"
        "def square(x):\n"
        "    return x * x\n"
        "\n"
        "\n"
        "with Pool(2) as pool:\n"
        "    print(pool.map(square, range(5)))\n"
    )
    better = (
        "from multiprocessing import Pool\n"
        "\n"
        "\n"
        "def square(x):\n"
        "    return x * x\n"
        "\n"
        "\n"
        "if __name__ == '__main__':\n"
        "    with Pool(2) as pool:\n"
        "        print(pool.map(square, range(5)))\n"
    )
    fine_when = (
        "In a module that is only ever imported, never run as the main script, and that "
        "starts processes inside a function; the rule looks only at code that runs at "
        "import time."
    )
    references = (
        "https://docs.python.org/3/library/multiprocessing.html#contexts-and-start-methods",
        "https://docs.python.org/3/library/multiprocessing.html#multiprocessing-programming",
    )
    card = (
        ("Why do multiprocessing scripts need `if __name__ == '__main__':`, and on which systems?"),
        (
            "With the 'spawn' and 'forkserver' start methods each child imports the main "
            "module again, so top-level code that starts a pool would run in every child "
            "and fail. Spawn is the default on Windows and macOS; since Python 3.14 Linux "
            "defaults to forkserver, so the guard matters there too. Only 'fork' skipped "
            "the re-import."
        ),
    )
    valid = (
        "from multiprocessing import Pool\n\ndef work(x):\n    return x * x\n\n"
        "if __name__ == '__main__':\n    with Pool(4) as pool:\n        print(pool.map(work, range(10)))\n",
        "import multiprocessing\n\ndef main():\n    pool = multiprocessing.Pool()\n    return pool\n",
        "from multiprocessing.pool import ThreadPool\n\npool = ThreadPool(4)  # threads, not processes\n",
        "from concurrent.futures import ThreadPoolExecutor\n\nexecutor = ThreadPoolExecutor()\n",
        "from mylib import Pool\n\npool = Pool()\n",
    )
    invalid = (
        "from multiprocessing import Pool\n\ndef work(x):\n    return x * x\n\n"
        "with Pool(4) as pool:\n    print(pool.map(work, range(10)))\n",
        "import multiprocessing as mp\n\nworker = mp.Process(target=print, args=('hi',))\nworker.start()\n",
        "from concurrent.futures import ProcessPoolExecutor\n\nEXECUTOR = ProcessPoolExecutor(max_workers=2)\n",
        "import multiprocessing\n\npool = multiprocessing.get_context('spawn').Pool(2)\n",
        "import multiprocessing\n\nresults = multiprocessing.Pool(2).map(abs, [-1, 2])\n",
        "import concurrent.futures\n\nclass Jobs:\n    pool = concurrent.futures.ProcessPoolExecutor()\n",
    )
    needs_text = ("multiprocessing", "ProcessPoolExecutor")
    # Module-wide: an import inside any earlier function counts.
    reach = "module"

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.modules: dict[str, str] = {}  # name bound here -> the module it is
        self.classes: set[str] = set()  # names bound to a pool or process class

    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            name = alias.evaluated_name
            if name in _MULTIPROCESSING:
                self.modules[alias.evaluated_alias or name] = name

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if isinstance(node.names, cst.ImportStar) or node.relative or node.module is None:
            return
        module = _dotted(node.module)
        for alias in node.names:
            name, bound = alias.evaluated_name, alias.evaluated_alias or alias.evaluated_name
            if name in _MULTIPROCESSING.get(module, ()):
                self.classes.add(bound)
            elif f"{module}.{name}" in _MULTIPROCESSING:
                self.modules[bound] = f"{module}.{name}"

    def visit_Call(self, node: cst.Call) -> None:
        if not (self.modules or self.classes) or not self._starts_processes(node.func):
            return
        for ancestor in self.context.ancestors:
            if isinstance(ancestor, (cst.FunctionDef, cst.Lambda)):
                return
            if isinstance(ancestor, cst.If) and _mentions_main_name(ancestor.test):
                return
        self.report(node)

    def _starts_processes(self, func: cst.BaseExpression) -> bool:
        if isinstance(func, cst.Name):
            return func.value in self.classes
        if not isinstance(func, cst.Attribute):
            return False
        owner = func.value
        if (  # multiprocessing.get_context(...).Pool()
            isinstance(owner, cst.Call)
            and isinstance(owner.func, cst.Attribute)
            and owner.func.attr.value == "get_context"
            and self.modules.get(_dotted(owner.func.value)) == "multiprocessing"
        ):
            return func.attr.value in _MULTIPROCESSING["multiprocessing"]
        module = self.modules.get(_dotted(owner))
        return module is not None and func.attr.value in _MULTIPROCESSING[module]


def _dotted(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{_dotted(node.value)}.{node.attr.value}"
    return ""


def _mentions_main_name(test: cst.BaseExpression) -> bool:
    return "__name__" in cst.Module(body=[]).code_for_node(test)
