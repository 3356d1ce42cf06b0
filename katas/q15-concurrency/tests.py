import os
import threading

from concurrency import compute_all, fetch_all

URLS = ["https://a.example", "https://b.example", "https://c.example", "https://d.example"]


def square_and_pid(number):
    return number * number, os.getpid()


def test_fetch_all_keeps_the_order():
    got = fetch_all(URLS, str.upper)
    assert got == [url.upper() for url in URLS], f"the results came back out of order: {got}"


def test_fetches_are_in_flight_at_the_same_time():
    everyone_waiting = threading.Barrier(len(URLS), timeout=3)

    def fetch(url):
        # Each fetch waits until all of them have started, like slow requests would.
        try:
            everyone_waiting.wait()
        except threading.BrokenBarrierError:
            raise AssertionError(
                "the fetches ran one after another: each one waited alone, so the total "
                "time is the sum of all the waits; run them on threads"
            ) from None
        return url

    got = fetch_all(URLS, fetch)
    assert got == URLS, f"expected the URLs back in order, got {got}"


def test_fetch_all_keeps_the_order_when_later_ones_finish_first():
    finished = {url: threading.Event() for url in URLS}

    def fetch(url):
        # Each fetch finishes only after the one behind it: the last URL finishes first.
        index = URLS.index(url)
        if index + 1 < len(URLS) and not finished[URLS[index + 1]].wait(timeout=2):
            raise AssertionError(
                "the fetches did not run at the same time, so a slow one held up the rest"
            )
        finished[url].set()
        return url

    got = fetch_all(URLS, fetch)
    assert got == URLS, (
        f"the results came back in the order the fetches finished, {got}: keep them in "
        "input order (pool.map does; as_completed does not)"
    )


def test_compute_all_gives_results_in_order():
    got = [square for square, _ in compute_all(square_and_pid, [1, 2, 3, 4])]
    assert got == [1, 4, 9, 16], f"expected [1, 4, 9, 16], got {got}"


def test_compute_all_uses_other_processes():
    pids = {pid for _, pid in compute_all(square_and_pid, range(8))}
    assert os.getpid() not in pids, (
        "the work ran in the test's own process: threads share one GIL, so CPU-bound "
        "Python code on threads runs no faster than one after another; use processes"
    )
