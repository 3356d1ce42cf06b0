"""Concurrency kata: see README.md."""


def fetch_all(urls, fetch):
    """fetch(url) for every url, all in flight at once; results in order."""
    return [fetch(url) for url in urls]  # TODO: one at a time, each waiting for the last


def compute_all(function, items):
    """function(item) for every item, in other processes; results in order."""
    return [function(item) for item in items]  # TODO: all on this process's one GIL
