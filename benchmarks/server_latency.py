"""How long a learner waits for `tutor serve`: edit to diagnostics, and cold start.

Usage: python benchmarks/server_latency.py [--edits N] [--starts N]
       python benchmarks/server_latency.py --typing N [--interval MS] [--debounce MS] [--lines L]
       python benchmarks/server_latency.py --huge    (a 5 MB file open: does another file wait?)
       python benchmarks/server_latency.py --memory 2000 [--lines 450]  (RSS growth per edit)
       add --server "ruff server" to time a peer the same way (ruff applies; debounce is ignored)

- Edit to diagnostics: a 450-line and a 4,000-line file are open; each edit
  (one character typed or deleted inside a function) is timed from sending
  `didChange` to receiving `publishDiagnostics` for that version. The server's
  debounce is set to 0, so the figure is the work, not the wait.
- Cold start: from launching `tutor serve` to the first diagnostics of a
  450-line file opened right after `initialize`. Each launch has a fresh lint
  cache but keeps the compiled classes (server/compile_cache.py) of the launches
  before it, as a user's second start does; one launch without them, the first
  start after an install, is shown beside.

- Steady typing (--typing N): N keys at a fixed interval into one file, as a
  learner types; the lag is from the last key to the diagnostics of the last
  version, whatever happened in between (superseded versions may never be
  linted). Server CPU per key is shown beside it: on a shared machine CPU
  time is far less noisy than wall time.

Server CPU comes from /proc/<pid>/stat (user + system, 10 ms ticks).

The engine's own time for one lint of the same text is shown beside it, so the
server's overhead is the difference. Goals (issue 4): 50 ms and 200 ms per edit,
0.8 s cold start. Talks raw JSON-RPC over pipes, so no client library adds time.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

TUTOR = Path(sys.executable).parent / "tutor"
# Installed packages start from compiled bytecode (pip compiles it); let the
# server cache it here too, even where PYTHONDONTWRITEBYTECODE is set.
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
GOALS = {450: 0.050, 4000: 0.200}  # seconds, edit to diagnostics
COLD_START_GOAL = 0.8
# Kept across this run's servers, as a user's are (server/compile_cache.py: the
# `server` folder of TUTOR_CACHE_DIR); the lint cache beside it is fresh per server.
COMPILED = Path(tempfile.mkdtemp(prefix="tutor-bench-compiled-"))

HEADER = '"""Warehouse helpers: a realistic module, generated for timing."""\n\nimport json\n'
BLOCK = '''

class Inventory{i}:
    """Keeps stock counts for one warehouse."""

    def __init__(self, name: str, items: dict[str, int] | None = None) -> None:
        self.name = name
        self.items = dict(items or {{}})

    def add(self, sku: str, count: int = 1) -> int:
        self.items[sku] = self.items.get(sku, 0) + count
        return self.items[sku]

    def remove(self, sku: str, count: int = 1) -> int:
        if self.items.get(sku, 0) < count:
            raise ValueError(f"not enough {{sku}}")
        self.items[sku] -= count
        return self.items[sku]

    def low_stock(self, limit: int = 3) -> list[str]:
        return sorted(sku for sku, count in self.items.items() if count <= limit)


def load_inventory{i}(path: str) -> Inventory{i}:
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    return Inventory{i}(data["name"], data["items"])


def merge_counts{i}(first: dict[str, int], second: dict[str, int]) -> dict[str, int]:
    merged = dict(first)
    for sku, count in second.items():
        merged[sku] = merged.get(sku, 0) + count
    return merged


def tag_items{i}(skus, tags=[]):
    for sku in skus:
        tags.append(sku.upper())
    return tags
'''


def module(lines: int) -> str:
    """Exactly `lines` lines of ordinary code, with a pitfall or two every 40 lines."""
    parts = [HEADER]
    count = HEADER.count("\n")
    index = 0
    while count + (size := BLOCK.format(i=index).count("\n")) <= lines:
        parts.append(BLOCK.format(i=index))
        count += size
        index += 1
    parts.extend(f"LIMIT_{n} = {n}\n" for n in range(lines - count))
    return "".join(parts)


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a running process, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Server:
    """`tutor serve` on pipes; a thread reads its messages and answers its requests."""

    command: tuple[str, ...] = (str(TUTOR), "serve")

    def __init__(self, debounce_ms: float = 0, keep_compiled: bool = True) -> None:
        self.debounce_ms = debounce_ms
        # A fresh lint cache per server: every version is linted for real.
        cache = Path(tempfile.mkdtemp(prefix="tutor-bench-cache-"))
        if keep_compiled:
            (cache / "server").symlink_to(COMPILED, target_is_directory=True)
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            list(self.command),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env={**ENV, "TUTOR_CACHE_DIR": str(cache)},
        )
        self.inbox: queue.Queue[tuple[float, dict[str, Any]] | None] = queue.Queue()
        self.next_id = 0
        self.shown: list[str] = []  # window/showMessage texts
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stdout = self.process.stdout
        assert stdout is not None
        while True:
            length = 0
            while (line := stdout.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if not length:
                self.inbox.put(None)
                return
            message = json.loads(stdout.read(length))
            arrived = time.perf_counter()
            if message.get("method") == "window/showMessage":
                self.shown.append(message["params"]["message"])
            if "id" in message and "method" in message:  # configuration, registration
                items = message.get("params", {}).get("items")
                self.send({"id": message["id"], "result": [None] * len(items) if items else None})
            self.inbox.put((arrived, message))

    def cpu(self) -> float:
        return cpu_seconds(self.process.pid)

    def send(self, message: dict[str, Any]) -> float:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        sent = time.perf_counter()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()
        return sent

    def request(self, method: str, params: Any) -> int:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.next_id

    def wait(self, matches: Any, timeout: float = 120) -> tuple[float, dict[str, Any]]:
        end = time.perf_counter() + timeout
        while True:
            item = self.inbox.get(timeout=max(end - time.perf_counter(), 0.001))
            if item is None:
                raise RuntimeError("the server exited")
            if matches(item[1]):
                return item

    def initialize(self, root: Path) -> None:
        params = {
            "processId": None,
            "rootUri": root.as_uri(),
            "capabilities": {},
            "initializationOptions": {"settings": {"debounce": self.debounce_ms}},
        }
        answer = self.request("initialize", params)
        self.wait(lambda message: message.get("id") == answer)
        self.send({"method": "initialized", "params": {}})

    def open(self, uri: str, text: str) -> None:
        document = {"uri": uri, "languageId": "python", "version": 1, "text": text}
        self.send({"method": "textDocument/didOpen", "params": {"textDocument": document}})

    def diagnostics(self, uri: str, version: int) -> tuple[float, list[Any]]:
        arrived, message = self.wait(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == uri
                and m["params"].get("version") == version
            )
        )
        return arrived, message["params"]["diagnostics"]

    def stop(self) -> None:
        answer = self.request("shutdown", None)
        self.wait(lambda message: message.get("id") == answer)
        self.send({"method": "exit"})
        self.process.wait(timeout=30)


def edit_latencies(server: Server, uri: str, text: str, edits: int) -> list[float]:
    """Type one character after another into a name, timing each version's diagnostics.

    Every version is a new text, so no cache can answer for the engine.
    """
    lines = text.split("\n")
    line = next(n for n, body in enumerate(lines) if body.strip() == "merged = dict(first)")
    column = lines[line].index("merged") + len("merged")  # `mergedx = ...` still parses
    timings = []
    for version in range(2, edits + 2):
        start = {"line": line, "character": column + version - 2}  # `mergedxx...` still parses
        change = {"range": {"start": start, "end": start}, "text": "x"}
        sent = server.send(
            {
                "method": "textDocument/didChange",
                "params": {
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [change],
                },
            }
        )
        arrived, _ = server.diagnostics(uri, version)
        timings.append(arrived - sent)
    return timings


def engine_time(text: str, repeats: int = 7) -> float:
    """Median time of one `lint_text` in this process: the engine without the server."""
    from pitfall_tutor.rules import ALL_RULES
    from pitfall_tutor.rules.engine.engine import lint_text

    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        lint_text(text, "bench.py", ALL_RULES)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cold_start(root: Path, text: str, keep_compiled: bool = True) -> tuple[float, float]:
    """Wall and server CPU from launch to the first diagnostics."""
    server = Server(keep_compiled=keep_compiled)
    server.initialize(root)
    uri = (root / "cold.py").as_uri()
    server.open(uri, text)
    arrived, _ = server.diagnostics(uri, 1)
    cpu = server.cpu()
    server.stop()
    return arrived - server.started, cpu


def open_for_typing(server: Server, root: Path, name: str, lines: int) -> tuple[str, int, int]:
    """Open a `lines`-line module, wait for its diagnostics; the uri, and the line and
    column just after `merged` in `merged = dict(first)`, where the edits type."""
    text = module(lines)
    server.initialize(root)
    uri = (root / name).as_uri()
    server.open(uri, text)
    server.diagnostics(uri, 1)
    source = text.split("\n")
    line = next(n for n, body in enumerate(source) if body.strip() == "merged = dict(first)")
    return uri, line, source[line].index("merged") + len("merged")


def steady_typing(root: Path, lines: int, keys: int, interval: float, debounce_ms: float) -> None:
    """Type `keys` characters `interval` seconds apart; lag from the last key, CPU per key."""
    server = Server(debounce_ms)
    uri, line, column = open_for_typing(server, root, f"typing_{lines}.py", lines)
    cpu_before = server.cpu()
    next_key = time.perf_counter()
    for version in range(2, keys + 2):
        time.sleep(max(0.0, next_key - time.perf_counter()))
        start = {"line": line, "character": column + version - 2}
        last_sent = server.send(
            {
                "method": "textDocument/didChange",
                "params": {
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [{"range": {"start": start, "end": start}, "text": "x"}],
                },
            }
        )
        next_key += interval
    arrived, _ = server.diagnostics(uri, keys + 1)
    cpu = server.cpu() - cpu_before
    server.stop()
    print(
        f"steady typing: {' '.join(server.command)}, {lines:,} lines, {keys} keys "
        f"{interval * 1000:.0f} ms apart, debounce {debounce_ms:.0f} ms: "
        f"last key to diagnostics {arrived - last_sent:.2f} s; "
        f"server CPU {cpu:.2f} s, {cpu / keys * 1000:.0f} ms per key"
    )


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def memory_soak(root: Path, lines: int, edits: int) -> None:
    """Issue 17: edits that type a character and delete it again, each waited for;
    the server's RSS growth per edit after a warm-up should be flat."""
    server = Server()
    uri, line, column = open_for_typing(server, root, f"soak_{lines}.py", lines)
    start = {"line": line, "character": column}
    after = {"line": start["line"], "character": start["character"] + 1}
    warm = 200
    before = 0
    marks: list[int] = []  # RSS after each quarter of the measured edits
    for version in range(2, warm + edits + 2):
        typed = version % 2 == 0
        change = {
            "range": {"start": start, "end": start if typed else after},
            "text": "x" if typed else "",
        }
        server.send(
            {
                "method": "textDocument/didChange",
                "params": {
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [change],
                },
            }
        )
        server.diagnostics(uri, version)
        if version == warm + 1:
            before = rss_kb(server.process.pid)
        elif (version - warm - 1) % max(edits // 4, 1) == 0:
            marks.append(rss_kb(server.process.pid))
    grown = rss_kb(server.process.pid) - before
    server.stop()
    # A leak grows in every quarter; caches, free lists and the allocator's pools
    # fill in the first ones and stop.
    late = (marks[-1] - marks[len(marks) // 2 - 1]) * 1024 / (edits / 2) if len(marks) >= 4 else 0.0
    print(
        f"memory: {lines:,}-line file, {edits} edits after {warm} to warm up: server RSS "
        f"{before} KB -> {before + grown} KB, {grown * 1024 / edits:.0f} bytes per edit; "
        f"after each quarter {' '.join(map(str, marks))} KB, "
        f"{late:.0f} bytes per edit over the second half"
    )


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def huge_beside_small(root: Path) -> None:
    """Open a 5 MB file, then a 450-line one: how long the small one waits for diagnostics."""
    block = module(4000)
    huge = block * (5_000_000 // len(block) + 1)
    server = Server()
    server.initialize(root)
    huge_uri = (root / "huge_5mb.py").as_uri()
    small_uri = (root / "small_450.py").as_uri()
    opened = time.perf_counter()
    server.open(huge_uri, huge)
    time.sleep(0.5)  # the huge lint is under way
    sent = time.perf_counter()
    server.open(small_uri, module(450))
    arrived, _ = server.diagnostics(small_uri, 1)
    small_wait = arrived - sent
    huge_arrived, _ = server.diagnostics(huge_uri, 1)
    rss = Path(f"/proc/{server.process.pid}/status").read_text()
    peak = next(line for line in rss.splitlines() if line.startswith("VmHWM:"))
    shown = server.shown
    server.stop()
    print(
        f"{' '.join(server.command)}: 5 MB file open; a 450-line file opened 0.5 s later had "
        f"its diagnostics in {small_wait:.2f} s; the 5 MB file's took "
        f"{huge_arrived - opened:.1f} s; server {peak.split(':')[1].strip()} peak; told: {shown}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=30, help="edits per file (default 30)")
    parser.add_argument("--starts", type=int, default=5, help="cold starts (default 5)")
    parser.add_argument("--typing", type=int, default=0, help="steady typing: this many keys")
    parser.add_argument("--interval", type=float, default=200, help="ms between keys (200)")
    parser.add_argument("--debounce", type=float, default=100, help="server debounce ms (100)")
    parser.add_argument("--lines", type=int, default=4000, help="steady typing file (4000)")
    parser.add_argument("--huge", action="store_true", help="a 5 MB file beside a small one")
    parser.add_argument("--memory", type=int, default=0, help="RSS growth over this many edits")
    parser.add_argument("--server", help="another server command to time (e.g. 'ruff server')")
    args = parser.parse_args()
    root = Path(__file__).resolve().parent
    if args.server:
        Server.command = tuple(args.server.split())
    if args.huge:
        huge_beside_small(root)
        return
    if args.memory:
        memory_soak(root, args.lines if args.lines != 4000 else 450, args.memory)
        return
    if args.typing:
        steady_typing(root, args.lines, args.typing, args.interval / 1000, args.debounce)
        return
    texts = {lines: module(lines) for lines in GOALS}

    server = Server()  # also compiles the bytecode the cold starts below reuse
    server.initialize(root)
    rows = []
    for lines, text in texts.items():
        uri = (root / f"bench_{lines}.py").as_uri()
        server.open(uri, text)
        _, diagnostics = server.diagnostics(uri, 1)
        cpu_before = server.cpu()
        timings = sorted(edit_latencies(server, uri, text, args.edits))
        cpu_per_edit = (server.cpu() - cpu_before) / args.edits
        p90 = timings[min(len(timings) - 1, int(len(timings) * 0.9))]
        rows.append(
            [
                f"{lines:,}",
                str(len(diagnostics)),
                ms(statistics.median(timings)),
                ms(p90),
                ms(timings[-1]),
                ms(cpu_per_edit),
                ms(engine_time(text)),
                ms(GOALS[lines]),
            ]
        )
    server.stop()
    starts = sorted(cold_start(root, texts[450]) for _ in range(args.starts))
    first_wall, first_cpu = cold_start(root, texts[450], keep_compiled=False)

    print(
        f"{' '.join(Server.command)}, Python {sys.version.split()[0]}, {args.edits} edits per file"
    )
    print()
    header = ["lines", "findings", "median ms", "p90 ms", "max ms", "server CPU ms/edit"]
    header += ["engine median ms", "goal ms"]
    print("| edit to diagnostics | " + " | ".join(header) + " |")
    print("|---|" + "---:|" * len(header))
    for row in rows:
        print("| | " + " | ".join(row) + " |")
    print()
    walls = sorted(wall for wall, _ in starts)
    cpus = sorted(cpu for _, cpu in starts)
    print(
        f"cold start to first diagnostics (450 lines, {args.starts} launches): "
        f"wall median {statistics.median(walls):.2f} s, best {walls[0]:.2f} s, "
        f"worst {walls[-1]:.2f} s (goal {COLD_START_GOAL} s); "
        f"server CPU median {statistics.median(cpus):.2f} s, best {cpus[0]:.2f} s"
    )
    print(
        f"first start after an install (no compiled classes kept): wall {first_wall:.2f} s, "
        f"server CPU {first_cpu:.2f} s"
    )


if __name__ == "__main__":
    main()
