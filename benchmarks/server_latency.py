"""How long a learner waits for `tutor serve`: edit to diagnostics, and cold start.

Usage: python benchmarks/server_latency.py [--edits N] [--starts N]

- Edit to diagnostics: a 450-line and a 4,000-line file are open; each edit
  (one character typed or deleted inside a function) is timed from sending
  `didChange` to receiving `publishDiagnostics` for that version. The server's
  debounce is set to 0, so the figure is the work, not the wait.
- Cold start: from launching `tutor serve` to the first diagnostics of a
  450-line file opened right after `initialize`.

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


class Server:
    """`tutor serve` on pipes; a thread reads its messages and answers its requests."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [str(TUTOR), "serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            # A fresh lint cache per server: every version is linted for real.
            env={**ENV, "TUTOR_CACHE_DIR": tempfile.mkdtemp(prefix="tutor-bench-cache-")},
        )
        self.inbox: queue.Queue[tuple[float, dict[str, Any]] | None] = queue.Queue()
        self.next_id = 0
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
            if "id" in message and "method" in message:  # configuration, registration
                items = message.get("params", {}).get("items")
                self.send({"id": message["id"], "result": [None] * len(items) if items else None})
            self.inbox.put((arrived, message))

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
            "initializationOptions": {"settings": {"debounce": 0}},
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


def cold_start(root: Path, text: str) -> float:
    server = Server()
    server.initialize(root)
    uri = (root / "cold.py").as_uri()
    server.open(uri, text)
    arrived, _ = server.diagnostics(uri, 1)
    server.stop()
    return arrived - server.started


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=30, help="edits per file (default 30)")
    parser.add_argument("--starts", type=int, default=5, help="cold starts (default 5)")
    args = parser.parse_args()
    root = Path(__file__).resolve().parent
    texts = {lines: module(lines) for lines in GOALS}

    server = Server()  # also compiles the bytecode the cold starts below reuse
    server.initialize(root)
    rows = []
    for lines, text in texts.items():
        uri = (root / f"bench_{lines}.py").as_uri()
        server.open(uri, text)
        _, diagnostics = server.diagnostics(uri, 1)
        timings = sorted(edit_latencies(server, uri, text, args.edits))
        p90 = timings[min(len(timings) - 1, int(len(timings) * 0.9))]
        rows.append(
            [
                f"{lines:,}",
                str(len(diagnostics)),
                ms(statistics.median(timings)),
                ms(p90),
                ms(timings[-1]),
                ms(engine_time(text)),
                ms(GOALS[lines]),
            ]
        )
    server.stop()
    starts = sorted(cold_start(root, texts[450]) for _ in range(args.starts))

    print(f"tutor serve, Python {sys.version.split()[0]}, {args.edits} edits per file, debounce 0")
    print()
    header = ["lines", "findings", "median ms", "p90 ms", "max ms", "engine median ms", "goal ms"]
    print("| edit to diagnostics | " + " | ".join(header) + " |")
    print("|---|" + "---:|" * len(header))
    for row in rows:
        print("| | " + " | ".join(row) + " |")
    print()
    print(
        f"cold start to first diagnostics (450 lines, {args.starts} launches): "
        f"median {statistics.median(starts):.2f} s, best {starts[0]:.2f} s, "
        f"worst {starts[-1]:.2f} s (goal {COLD_START_GOAL} s)"
    )


if __name__ == "__main__":
    main()
