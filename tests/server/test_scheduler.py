"""The scheduler on its own: superseded versions are never linted, one lint per document.

The lint here is a stand-in that blocks until the test lets it go, so the test
decides what is in flight; everything else is the real scheduler on a real loop.
"""

from __future__ import annotations

import asyncio
import threading

from pitfall_tutor.server.linting import Linted, Snapshot
from pitfall_tutor.server.positions import PositionMap
from pitfall_tutor.server.scheduler import Scheduler

from .conftest import wait_for


class Documents:
    """Open documents and a lint that records what it was given and waits to be released."""

    def __init__(self) -> None:
        self.texts: dict[str, tuple[int, str]] = {}
        self.linted: list[tuple[str, int]] = []
        self.in_flight = 0
        self.most_in_flight = 0
        self.published: list[tuple[str, int]] = []
        self.gate = threading.Semaphore(0)
        self.lock = threading.Lock()

    def snapshot(self, uri: str) -> Snapshot | None:
        if uri not in self.texts:
            return None
        version, text = self.texts[uri]
        return Snapshot(uri, version, text, None, "python")

    def lint(self, snapshot: Snapshot, generation: int) -> Linted:
        with self.lock:
            self.linted.append((snapshot.uri, snapshot.version))
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        self.gate.acquire()
        with self.lock:
            self.in_flight -= 1
        return Linted(snapshot, generation, PositionMap(snapshot.text, "utf-16"))

    def publish(self, linted: Linted) -> None:
        self.published.append((linted.uri, linted.version))


def scheduler_for(documents: Documents, debounce: float = 0.0, limit: int = 1000) -> Scheduler:
    ready = asyncio.Event()
    ready.set()
    return Scheduler(
        documents.snapshot,
        documents.lint,
        documents.publish,
        lambda uri: debounce,
        ready,
        size_limit=lambda uri: limit,
    )


async def test_versions_typed_during_a_lint_are_linted_once_as_the_newest() -> None:
    documents = Documents()
    scheduler = scheduler_for(documents)
    documents.texts["a"] = (1, "x = 1\n")
    scheduler.opened("a")
    await wait_for(lambda: documents.linted == [("a", 1)])
    for version in range(2, 31):  # thirty keys while the first lint runs
        documents.texts["a"] = (version, f"x = {version}\n")
        scheduler.changed("a")
        await asyncio.sleep(0)
    documents.gate.release()
    await wait_for(lambda: len(documents.linted) == 2)
    assert documents.linted == [("a", 1), ("a", 30)]  # 2..29 never ran
    documents.gate.release()
    await wait_for(lambda: documents.published == [("a", 30)])  # 1 was stale when done
    assert documents.most_in_flight == 1
    assert scheduler.freshest("a") is not None
    scheduler.shutdown()


async def test_a_queued_document_is_read_when_its_turn_comes() -> None:
    """Another document waits behind a running lint; its edits meanwhile cost nothing."""
    documents = Documents()
    scheduler = scheduler_for(documents)
    documents.texts["a"] = (1, "a = 1\n")
    documents.texts["b"] = (1, "b = 1\n")
    scheduler.opened("a")
    scheduler.opened("b")
    await wait_for(lambda: documents.linted == [("a", 1)])
    for version in range(2, 6):
        documents.texts["b"] = (version, f"b = {version}\n")
        scheduler.changed("b")
    documents.gate.release()
    await wait_for(lambda: len(documents.linted) == 2)
    assert documents.linted[1] == ("b", 5)
    documents.gate.release()
    await wait_for(lambda: ("b", 5) in documents.published)
    assert len(documents.linted) == 2
    scheduler.shutdown()


async def test_a_request_waits_for_a_lint_at_least_as_new_as_it_asked() -> None:
    documents = Documents()
    scheduler = scheduler_for(documents, debounce=60.0)
    documents.texts["a"] = (1, "x = 1\n")
    scheduler.opened("a")
    await wait_for(lambda: documents.linted == [("a", 1)])
    documents.texts["a"] = (2, "x = 2\n")
    scheduler.changed("a")  # a debounce of a minute: only a request makes it due now
    asked = asyncio.ensure_future(scheduler.current("a"))
    documents.gate.release()
    documents.gate.release()
    linted = await asyncio.wait_for(asked, 30)
    assert linted is not None and linted.version == 2
    assert documents.linted == [("a", 1), ("a", 2)]
    scheduler.shutdown()


async def test_a_huge_document_is_not_linted_while_typed_and_never_blocks_another() -> None:
    documents = Documents()
    scheduler = scheduler_for(documents, limit=100)
    documents.texts["huge"] = (1, "x = 1\n" * 100)
    documents.texts["small"] = (1, "y = 1\n")
    scheduler.opened("huge")
    await wait_for(lambda: documents.linted == [("huge", 1)])
    await wait_for(lambda: scheduler.is_huge("huge"))
    scheduler.opened("small")  # the huge lint still runs: the small one has its own thread
    await wait_for(lambda: ("small", 1) in documents.linted)
    documents.gate.release()
    documents.gate.release()
    await wait_for(lambda: len(documents.published) == 2)
    documents.texts["huge"] = (2, "x = 2\n" * 100)
    scheduler.changed("huge")
    await asyncio.sleep(0.05)
    assert ("huge", 2) not in documents.linted  # typing does not lint it
    assert await scheduler.current("huge") is None  # nor does a hover
    scheduler.saved("huge")
    await wait_for(lambda: ("huge", 2) in documents.linted)
    documents.gate.release()
    await wait_for(lambda: ("huge", 2) in documents.published)
    scheduler.shutdown()
