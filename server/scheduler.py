"""When to lint and what to publish: the newest version of each document, off the event loop.

- Lints run on a dedicated thread, never on the event loop and never on pygls's
  pool (its stdin reader lives there). Documents above the size limit have a
  worker of their own (`huge`: the server gives a process, since LibCST's native
  parser holds the GIL for all of a 5 MB parse), so they never make another file wait.
- At most one lint per document is in flight. A document is only marked *due*;
  its text is read when a lint thread is free, so a version that was superseded
  while it waited is never linted. The newest version wins.
- Edits are debounced: a burst of keystrokes is linted once, when it pauses.
  Huge documents are linted on open and save only.
- The freshest finished lint of every document is kept, so a pull request can be
  answered at once (see `freshest`); `on_lint` tells the server a newer one is done.
- Nothing is ever published for a version older than the document's.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .linting import Linted, Snapshot

Key = tuple[int, int]  # (document version, settings generation)
T = TypeVar("T")


@dataclass
class _Document:
    """What the scheduler knows about one open document."""

    done: Linted | None = None  # the freshest finished lint, of any version
    running: Key | None = None
    due: bool = False  # a lint of the current version is wanted
    huge: bool = False  # above the size limit when last looked at
    timer: asyncio.TimerHandle | None = None
    changed_at: float = float("-inf")
    published: Key | None = None
    waiters: list[tuple[Key, asyncio.Future[Linted | None]]] = field(default_factory=list)


# How a lane lints: the call to run in its executor, made from a snapshot.
Prepare = Callable[[Snapshot, int], tuple[Callable[..., Linted], tuple[Any, ...]]]


class _Lane:
    """One lint worker and the documents waiting for it, oldest first."""

    def __init__(self, prepare: Prepare, make: Callable[[], Executor]) -> None:
        self.prepare = prepare
        self._make = make
        self._executor: Executor | None = None
        self.busy = False
        self.queue: dict[str, None] = {}  # an ordered set of URIs

    @property
    def executor(self) -> Executor:
        if self._executor is None:  # made on first use: most sessions need no huge worker
            self._executor = self._make()
        return self._executor

    def shutdown(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)


class Scheduler:
    def __init__(
        self,
        snapshot: Callable[[str], Snapshot | None],
        lint: Callable[[Snapshot, int], Linted],
        publish: Callable[[Linted], None],
        debounce: Callable[[str], float],
        ready: asyncio.Event,
        size_limit: Callable[[str], int] = lambda uri: 1_000_000,
        on_huge: Callable[[Snapshot], None] = lambda snapshot: None,
        huge: tuple[Prepare, Callable[[], Executor]] | None = None,
    ) -> None:
        self._snapshot = snapshot  # the open document now, or None
        self._lint = lint  # runs on a lint thread
        self._publish = publish  # a lint of the current version is done
        self._debounce = debounce  # seconds, per document
        self._ready = ready  # set once the editor's settings are known
        self._size_limit = size_limit  # characters, per document
        self._on_huge = on_huge  # a document was found above the size limit

        def on_thread(snapshot: Snapshot, generation: int) -> Any:
            return lint, (snapshot, generation)

        def thread(name: str) -> Callable[[], Executor]:
            return lambda: ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)

        self._lanes = {
            False: _Lane(on_thread, thread("tutor-lint")),
            True: _Lane(*(huge or (on_thread, thread("tutor-lint-huge")))),
        }
        self._documents: dict[str, _Document] = {}
        self.generation = 0  # bumped when settings change; invalidates every result
        self._waiting_for_ready = False
        self.lints_started = 0  # for tests and benchmarks: lints actually run

    # results

    def freshest(self, uri: str) -> Linted | None:
        """The newest finished lint of the document, whatever its version (never waits)."""
        document = self._documents.get(uri)
        return document.done if document is not None else None

    def is_huge(self, uri: str) -> bool:
        document = self._documents.get(uri)
        return document is not None and document.huge

    def is_current(self, linted: Linted) -> bool:
        snapshot = self._snapshot(linted.uri)
        return (
            snapshot is not None
            and snapshot.version == linted.version
            and linted.generation == self.generation
        )

    async def current(self, uri: str) -> Linted | None:
        """A lint at least as new as the document is now (None when it is not open).

        Asking makes the document due at once (no debounce). For a huge document
        only a finished lint of the current version is given: it is not re-linted
        while it is being typed in.
        """
        await self._ready.wait()
        snapshot = self._snapshot(uri)
        document = self._documents.get(uri)
        if snapshot is None or document is None:
            return None
        key = (snapshot.version, self.generation)
        if document.done is not None and document.done.key == key:
            return document.done
        if document.huge and document.running is None and not document.due:
            return None
        waiter: asyncio.Future[Linted | None] = asyncio.get_running_loop().create_future()
        document.waiters.append((key, waiter))
        self._make_due(uri)
        # Shielded: a cancelled request must not cancel the waiter others resolve.
        return await asyncio.shield(waiter)

    async def settled(self, uri: str) -> None:
        """Wait until the document has had no edit for the debounce time."""
        loop = asyncio.get_running_loop()
        while True:
            document = self._documents.get(uri)
            changed_at = document.changed_at if document else float("-inf")
            wait = changed_at + self._debounce(uri) - loop.time()
            if wait <= 0:
                return
            await asyncio.sleep(wait)

    # document events

    def opened(self, uri: str) -> None:
        self._documents[uri] = _Document()
        self.schedule(uri, delay=0)

    def changed(self, uri: str) -> None:
        document = self._documents.get(uri)
        if document is None:
            return  # never opened: nothing to lint
        document.changed_at = asyncio.get_running_loop().time()
        if not document.huge:
            self.schedule(uri, delay=self._debounce(uri))

    def saved(self, uri: str) -> None:
        self.schedule(uri, delay=0)

    def closed(self, uri: str) -> None:
        document = self._documents.pop(uri, None)
        if document is None:
            return
        if document.timer is not None:
            document.timer.cancel()
        for lane in self._lanes.values():
            lane.queue.pop(uri, None)
        for _, waiter in document.waiters:
            if not waiter.done():
                waiter.set_result(None)

    def refresh_all(self, uris: list[str]) -> None:
        """Settings changed: lint every open document again."""
        self.generation += 1
        for uri in uris:
            self.schedule(uri, delay=0)

    def schedule(self, uri: str, delay: float) -> None:
        """Make the document due after `delay` seconds (replacing a pending timer)."""
        document = self._documents.get(uri)
        if document is None:
            return
        if document.timer is not None:
            document.timer.cancel()
            document.timer = None
        if delay <= 0:
            self._make_due(uri)
            return
        loop = asyncio.get_running_loop()
        document.timer = loop.call_later(delay, self._make_due, uri)

    # dispatching

    def _make_due(self, uri: str) -> None:
        document = self._documents.get(uri)
        if document is None:
            return
        if document.timer is not None:
            document.timer.cancel()
            document.timer = None
        document.due = True
        self._lanes[document.huge].queue[uri] = None
        self._dispatch()

    def _dispatch(self) -> None:
        """Start the next due lint on every free lane (reading the text only now)."""
        if not self._ready.is_set():
            if not self._waiting_for_ready:
                self._waiting_for_ready = True
                asyncio.get_running_loop().create_task(self._dispatch_when_ready())
            return
        for huge, lane in self._lanes.items():
            while not lane.busy and lane.queue:
                uri = next(iter(lane.queue))
                del lane.queue[uri]
                self._start(uri, lane, huge)

    async def _dispatch_when_ready(self) -> None:
        await self._ready.wait()
        self._waiting_for_ready = False
        self._dispatch()

    def _start(self, uri: str, lane: _Lane, huge: bool) -> None:
        document = self._documents.get(uri)
        snapshot = self._snapshot(uri)
        if document is None or snapshot is None or not document.due:
            return
        if document.running is not None:
            return  # one in flight per document; it is queued again when that one ends
        now_huge = len(snapshot.text) > self._size_limit(uri)
        if now_huge != document.huge:
            document.huge = now_huge
            if now_huge:
                self._on_huge(snapshot)
            if now_huge != huge:
                self._lanes[now_huge].queue[uri] = None
                self._dispatch()
                return
        key = (snapshot.version, self.generation)
        document.due = False
        if document.done is not None and document.done.key == key:
            self._resolve(uri, document, document.done)
            return
        document.running = key
        lane.busy = True
        self.lints_started += 1
        loop = asyncio.get_running_loop()
        work, args = lane.prepare(snapshot, self.generation)
        future = loop.run_in_executor(lane.executor, work, *args)
        future.add_done_callback(functools.partial(self._finished, uri, lane))

    def _finished(self, uri: str, lane: _Lane, future: asyncio.Future[Linted]) -> None:
        lane.busy = False
        document = self._documents.get(uri)
        if document is not None:
            document.running = None
            if not future.cancelled() and future.exception() is None:
                self._resolve(uri, document, future.result())
            if document.due:  # edited (or asked for) while it ran
                self._lanes[document.huge].queue[uri] = None
        self._dispatch()

    def _resolve(self, uri: str, document: _Document, linted: Linted) -> None:
        """Keep a finished lint, answer who waited for it, and publish it if current."""
        document.done = linted
        waiting = []
        for key, waiter in document.waiters:
            if waiter.done():
                continue
            if linted.version >= key[0] and linted.generation >= key[1]:
                waiter.set_result(linted)
            else:
                waiting.append((key, waiter))
        document.waiters = waiting
        if self.is_current(linted) and document.published != linted.key:
            document.published = linted.key
            self._publish(linted)

    async def run(self, work: Callable[..., T], *args: Any) -> T:
        """Run other heavy work (a fix loop, a tokenize) on the lint thread."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._lanes[False].executor, functools.partial(work, *args)
        )

    def shutdown(self) -> None:
        for uri in list(self._documents):
            self.closed(uri)
        for lane in self._lanes.values():
            lane.shutdown()
