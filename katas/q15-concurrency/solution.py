"""Concurrency kata: a reference solution."""

from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor


def fetch_all(urls, fetch):
    """fetch(url) for every url, all in flight at once; results in order."""
    if not urls:
        return []
    # I/O-bound: threads wait in parallel (the GIL is released while waiting).
    with ThreadPoolExecutor(max_workers=len(urls)) as pool:
        return list(pool.map(fetch, urls))


def compute_all(function, items):
    """function(item) for every item, in other processes; results in order."""
    # CPU-bound: each process has its own interpreter and its own GIL.
    with ProcessPoolExecutor(max_workers=2) as pool:
        return list(pool.map(function, items))
