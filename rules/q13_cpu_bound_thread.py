"""A thread running a pure Python CPU loop: the GIL runs one such thread at a time."""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from .engine.context import FileContext
from .engine.findings import Severity
from .engine.rule import Rule
from .engine.syntax import walk_with_ancestors

# Calls that compute in Python without I/O, sleeping or waiting on anything.
_PURE_BUILTINS = frozenset(
    {"abs", "all", "any", "bin", "bool", "divmod", "enumerate", "float", "hex", "int"}
    | {"isinstance", "len", "list", "max", "min", "oct", "pow", "range", "reversed"}
    | {"round", "set", "sorted", "str", "sum", "tuple", "zip", "dict", "frozenset"}
)
_PURE_METHODS = frozenset(
    {"append", "extend", "add", "insert", "sort", "reverse", "items", "keys", "values"}
    | {"copy", "count", "index", "lower", "upper", "strip", "split", "startswith"}
    | {"endswith", "replace", "bit_length"}
)
# Statements that may block or hand control elsewhere.
_MAY_WAIT = (cst.Await, cst.Yield, cst.With, cst.Global, cst.Nonlocal)


class CpuBoundThread(Rule):
    code = "TUT131"
    name = "cpu-bound-thread"
    question = 13
    severity = Severity.INFO
    message = (
        "this thread runs a pure-Python CPU loop: the GIL lets only one such thread run at a time"
    )
    explanation = (
        "In CPython the global interpreter lock (GIL) lets only one thread execute Python "
        "bytecode at a time. Threads shine when they wait: on the network, on disk, on "
        "`sleep`, because waiting releases the lock. A thread whose target only computes "
        "in Python never waits, so several of them take turns on one core and finish no "
        "sooner than a plain loop. For CPU work use processes (`ProcessPoolExecutor`, "
        "`multiprocessing`), or a library that does the work in C and releases the GIL."
    )
    flagged = (
        "import threading\n"
        "\n"
        "\n"
        "def count_primes(limit):\n"
        "    found = 0\n"
        "    for n in range(2, limit):\n"
        "        if all(n % d for d in range(2, n)):\n"
        "            found += 1\n"
        "    return found\n"
        "\n"
        "\n"
        "workers = [threading.Thread(target=count_primes, args=(2_000,)) for _ in range(2)]\n"
        "for worker in workers:\n"
        "    worker.start()\n"
        "for worker in workers:\n"
        "    worker.join()\n"
    )
    better = (
        "from concurrent.futures import ProcessPoolExecutor\n"
        "\n"
        "\n"
        "def count_primes(limit):\n"
        "    found = 0\n"
        "    for n in range(2, limit):\n"
        "        if all(n % d for d in range(2, n)):\n"
        "            found += 1\n"
        "    return found\n"
        "\n"
        "\n"
        "if __name__ == '__main__':\n"
        "    with ProcessPoolExecutor(max_workers=2) as pool:\n"
        "        print(list(pool.map(count_primes, [2_000, 2_000])))\n"
    )
    fine_when = (
        "A single background thread that computes while the main thread keeps a user "
        "interface or a server responsive; and free-threaded builds (PEP 779, supported "
        "since 3.14), where threads do run Python code in parallel."
    )
    references = (
        "https://docs.python.org/3/glossary.html#term-global-interpreter-lock",
        "https://docs.python.org/3/library/concurrent.futures.html#processpoolexecutor",
    )
    card = (
        (
            "On a CPython build with the GIL, four threads each run the same pure-Python "
            "loop. How long does it take?"
        ),
        (
            "No less than running the four loops one after another: only one thread "
            "executes Python bytecode at a time, so they take turns on one core (and "
            "switching adds a little). Threads pay off when they wait (network, disk, "
            "sleep), because waiting releases the GIL. For CPU-bound Python code use "
            "processes, or C code that releases the GIL."
        ),
    )
    valid = (
        "import threading\nimport urllib.request\n\ndef fetch(url):\n    for _ in range(3):\n"
        "        urllib.request.urlopen(url)\n\nthreading.Thread(target=fetch, args=('x',)).start()\n",
        "import threading, time\n\ndef tick():\n    while True:\n        time.sleep(1)\n\n"
        "threading.Thread(target=tick).start()\n",
        "from concurrent.futures import ProcessPoolExecutor\n\ndef square_sum(n):\n"
        "    return sum(i * i for i in range(n))\n\nwith ProcessPoolExecutor() as pool:\n"
        "    pool.submit(square_sum, 10)\n",
        "import threading\n\ndef count(n):\n    total = 0\n    for i in range(n):\n"
        "        total += i\n    print(total)\n\nthreading.Thread(target=count, args=(9,)).start()\n",
        "import threading\n\ndef add(a, b):\n    return a + b  # no loop: too small to matter\n\n"
        "threading.Thread(target=add, args=(1, 2)).start()\n",
    )
    invalid = (
        "import threading\n\ndef count_primes(limit):\n    found = 0\n    for n in range(2, limit):\n"
        "        if all(n % d for d in range(2, n)):\n            found += 1\n    return found\n\n"
        "workers = [threading.Thread(target=count_primes, args=(10_000,)) for _ in range(4)]\n",
        "from concurrent.futures import ThreadPoolExecutor\n\ndef crunch(n):\n    total = 0\n"
        "    while n:\n        total += n * n\n        n -= 1\n    return total\n\n"
        "with ThreadPoolExecutor(max_workers=4) as pool:\n    results = list(pool.map(crunch, [10**6] * 4))\n",
        "import concurrent.futures as cf\n\ndef fib(n):\n    a, b = 0, 1\n    for _ in range(n):\n"
        "        a, b = b, a + b\n    return a\n\ndef main():\n    pool = cf.ThreadPoolExecutor()\n"
        "    return pool.submit(fib, 30)\n",
        "from threading import Thread\n\ndef spin(n):\n    while n > 0:\n        n -= 1\n\n"
        "Thread(None, spin, args=(10**7,)).start()\n",
    )
    needs_text = ("Thread",)
    # Module-wide: imports anywhere before the call count, and the target is judged by
    # the body of another top-level def.
    reach = "module"

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.bindings = context.bindings
        self.threading: set[str] = set()  # names of the threading module
        self.thread_class: set[str] = set()  # names of threading.Thread
        self.futures: set[str] = set()  # names of concurrent.futures
        self.executor_class: set[str] = set()  # names of ThreadPoolExecutor
        self.waiting: list[tuple[cst.Call, str, tuple[cst.CSTNode, ...]]] = []

    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            name = alias.evaluated_name
            bound = alias.evaluated_alias
            if name == "threading":
                self.threading.add(bound or name)
            elif name == "concurrent.futures":
                self.futures.add(bound or name)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if isinstance(node.names, cst.ImportStar) or node.relative or node.module is None:
            return
        module = cst.Module(body=[]).code_for_node(node.module)
        for alias in node.names:
            name, bound = alias.evaluated_name, alias.evaluated_alias or alias.evaluated_name
            if module == "threading" and name == "Thread":
                self.thread_class.add(bound)
            elif module == "concurrent.futures" and name == "ThreadPoolExecutor":
                self.executor_class.add(bound)
            elif module == "concurrent" and name == "futures":
                self.futures.add(bound)

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        target: cst.BaseExpression | None = None
        if self._is(func, self.thread_class, self.threading, "Thread"):
            target = _argument(node, "target", 1)
        elif (
            isinstance(func, cst.Attribute)
            and func.attr.value in {"submit", "map"}
            and node.args
            and node.args[0].keyword is None
            and not node.args[0].star
            and self._is_thread_pool(func.value)
        ):
            target = node.args[0].value
        if isinstance(target, cst.Name):
            self.waiting.append((node, target.value, tuple(self.context.ancestors)))

    def finish(self) -> None:
        if not self.waiting:
            return
        module_names = self.bindings.of(self.context.module)
        functions = {
            statement.name.value: statement
            for statement in self.context.module.body
            if isinstance(statement, cst.FunctionDef)
            and len(module_names.get(statement.name.value, ())) == 1
        }
        for call, name, ancestors in self.waiting:
            function = functions.get(name)
            if function is None or any(
                isinstance(scope, (cst.FunctionDef, cst.Lambda)) and name in self.bindings.of(scope)
                for scope in ancestors
            ):
                continue
            if self._pure_cpu_loop(function):
                self.report(
                    call,
                    f"`{name}` only computes in Python: threads running it take turns on the GIL; "
                    "use processes for CPU work",
                )

    def _is(self, func: cst.BaseExpression, direct: set[str], modules: set[str], attr: str) -> bool:
        if isinstance(func, cst.Name):
            return func.value in direct
        if isinstance(func, cst.Attribute) and func.attr.value == attr:
            return cst.Module(body=[]).code_for_node(func.value) in modules
        return False

    def _is_thread_pool(self, owner: cst.BaseExpression) -> bool:
        """`pool` from `with ThreadPoolExecutor() as pool` or `pool = ThreadPoolExecutor()`."""
        if isinstance(owner, cst.Call):
            return self._makes_pool(owner)
        if not isinstance(owner, cst.Name):
            return False
        ancestors = self.context.ancestors
        scope = next(
            (node for node in reversed(ancestors) if isinstance(node, cst.FunctionDef)),
            self.context.module,
        )
        found = self.bindings.of(scope).get(owner.value, [])
        if not found:
            return False
        for binding in found:
            if isinstance(binding.node, cst.Assign):
                if not self._makes_pool(binding.value):
                    return False
            elif not isinstance(binding.node, cst.AsName) or not self._as_pool(
                binding.node, ancestors
            ):
                return False
        return True

    def _as_pool(self, as_name: cst.AsName, ancestors: Sequence[cst.CSTNode]) -> bool:
        for node in ancestors:
            if isinstance(node, cst.With):
                for item in node.items:
                    if item.asname is as_name:
                        return self._makes_pool(item.item)
        return False

    def _makes_pool(self, value: cst.CSTNode | None) -> bool:
        return isinstance(value, cst.Call) and self._is(
            value.func, self.executor_class, self.futures, "ThreadPoolExecutor"
        )

    def _pure_cpu_loop(self, function: cst.FunctionDef) -> bool:
        """A loop, and nothing that could wait: only known pure calls, no await or with."""
        if function.asynchronous is not None:
            return False
        loops = False
        for node, above in walk_with_ancestors(function.body):
            if isinstance(node, (cst.For, cst.While)):
                loops = True
            elif isinstance(node, _MAY_WAIT) or (
                isinstance(node, cst.Call) and not self._pure_call(node, (function, *above))
            ):
                return False
        return loops

    def _pure_call(self, call: cst.Call, above: tuple[cst.CSTNode, ...]) -> bool:
        func = call.func
        if isinstance(func, cst.Name):
            return func.value in _PURE_BUILTINS and self.bindings.is_builtin(above, func.value)
        if isinstance(func, cst.Attribute):
            owner = func.value
            if isinstance(owner, cst.Name) and owner.value == "math":
                return "math" in self.bindings.of(self.context.module)
            return func.attr.value in _PURE_METHODS
        return False


def _argument(call: cst.Call, keyword: str, position: int) -> cst.BaseExpression | None:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == keyword:
            return arg.value
    positional = [arg for arg in call.args if arg.keyword is None and not arg.star]
    if any(arg.star for arg in call.args) or len(positional) <= position:
        return None
    return positional[position].value
