"""When to lint and what to publish: one lint per document version, off the event loop.

- Every lint runs on one dedicated thread, never on the event loop and never on
  pygls's pool (its stdin reader lives there).
- Results are cached by (uri, version, settings generation); a request for a
  version that is being linted waits for that lint instead of starting another.
- Edits are debounced: a burst of keystrokes is linted once, when it pauses.
- Nothing is ever published for a version older than the document's.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from .linting import Linted, Snapshot

Key = tuple[int, int]  # (document version, settings generation)
T = TypeVar("T")


class Scheduler:
    def __init__(
        self,
        snapshot: Callable[[str], Snapshot | None],
        lint: Callable[[Snapshot, int], Linted],
        publish: Callable[[Linted], None],
        debounce: Callable[[str], float],
        ready: asyncio.Event,
    ) -> None:
        self._snapshot = snapshot  # the open document now, or None
        self._lint = lint  # runs on the lint thread
        self._publish = publish
        self._debounce = debounce  # seconds, per document
        self._ready = ready  # set once the editor's settings are known
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tutor-lint")
        self._done: dict[str, Linted] = {}
        self._running: dict[str, tuple[Key, asyncio.Future[Linted]]] = {}
        self._timers: dict[str, asyncio.Task[None]] = {}
        self._published: dict[str, Key] = {}
        self._changed_at: dict[str, float] = {}
        self.generation = 0  # bumped when settings change; invalidates every result

    # results

    async def current(self, uri: str) -> Linted | None:
        """The lint of the document as it is now (None when it is not open)."""
        await self._ready.wait()
        snapshot = self._snapshot(uri)
        if snapshot is None:
            return None
        key = (snapshot.version, self.generation)
        done = self._done.get(uri)
        if done is not None and done.key == key:
            return done
        running = self._running.get(uri)
        if running is None or running[0] != key:
            loop = asyncio.get_running_loop()
            future = loop.run_in_executor(self._executor, self._lint, snapshot, self.generation)
            running = (key, future)
            self._running[uri] = running
            future.add_done_callback(lambda done_future: self._finished(uri, key, done_future))
        # Shielded: a cancelled request must not cancel a lint others wait for.
        return await asyncio.shield(running[1])

    def latest(self, uri: str) -> Linted | None:
        """The newest finished lint of the document under today's settings, even if the
        document has changed since: what a pull request answers at once while edits go on."""
        done = self._done.get(uri)
        if not self._ready.is_set() or done is None or done.generation != self.generation:
            return None  # settings are being read: wait for the lint under the new ones
        return done

    def _finished(self, uri: str, key: Key, future: asyncio.Future[Linted]) -> None:
        running = self._running.get(uri)
        if running is not None and running[0] == key:
            del self._running[uri]
        if future.cancelled() or future.exception() is not None:
            return
        result = future.result()
        if self._snapshot(uri) is not None:
            self._done[uri] = result

    def is_current(self, linted: Linted) -> bool:
        snapshot = self._snapshot(linted.uri)
        return (
            snapshot is not None
            and snapshot.version == linted.version
            and linted.generation == self.generation
        )

    async def settled(self, uri: str) -> None:
        """Wait until the document has had no edit for the debounce time."""
        loop = asyncio.get_running_loop()
        while True:
            wait = self._changed_at.get(uri, float("-inf")) + self._debounce(uri) - loop.time()
            if wait <= 0:
                return
            await asyncio.sleep(wait)

    # document events

    def opened(self, uri: str) -> None:
        self.schedule(uri, delay=0)

    def changed(self, uri: str) -> None:
        self._changed_at[uri] = asyncio.get_running_loop().time()
        self.schedule(uri, delay=self._debounce(uri))

    def closed(self, uri: str) -> None:
        timer = self._timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        self._done.pop(uri, None)
        self._published.pop(uri, None)
        self._changed_at.pop(uri, None)

    def refresh_all(self, uris: list[str]) -> None:
        """Settings changed: lint every open document again."""
        self.generation += 1
        self._done.clear()
        for uri in uris:
            self.schedule(uri, delay=0)

    def schedule(self, uri: str, delay: float) -> None:
        """Lint after `delay` seconds (replacing a pending lint) and publish if still current."""
        timer = self._timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        self._timers[uri] = asyncio.get_running_loop().create_task(self._lint_later(uri, delay))

    async def _lint_later(self, uri: str, delay: float) -> None:
        if delay > 0:
            await asyncio.sleep(delay)
        linted = await self.current(uri)
        if linted is None or not self.is_current(linted):
            return  # a newer edit has its own timer
        if self._published.get(uri) == linted.key:
            return
        self._published[uri] = linted.key
        self._publish(linted)

    async def run(self, work: Callable[..., T], *args: Any) -> T:
        """Run other heavy work (a fix loop, a tokenize) on the lint thread."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, functools.partial(work, *args))

    def shutdown(self) -> None:
        for timer in self._timers.values():
            timer.cancel()
        self._timers.clear()
        self._executor.shutdown(wait=False, cancel_futures=True)
