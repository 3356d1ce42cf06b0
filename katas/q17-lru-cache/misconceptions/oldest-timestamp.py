"""Wrong: a dict of timestamps makes `get` cheap, but finding the oldest with `min` walks every entry."""

import itertools


class LRUCache:
    def __init__(self, capacity):
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.entries = {}  # key -> [last use, value]
        self.clock = itertools.count()

    def get(self, key, default=None):
        entry = self.entries.get(key)
        if entry is None:
            return default
        entry[0] = next(self.clock)
        return entry[1]

    def put(self, key, value):
        self.entries[key] = [next(self.clock), value]
        if len(self.entries) > self.capacity:
            oldest = min(self.entries.items(), key=lambda item: item[1][0])[0]
            del self.entries[oldest]

    def __len__(self):
        return len(self.entries)
