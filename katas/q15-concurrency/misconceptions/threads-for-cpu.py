"""Wrong: threads share one GIL, so CPU-bound Python code on them is no faster than running it serially."""

from concurrent.futures import ThreadPoolExecutor


def compute_all(function, items):
    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(function, items))
