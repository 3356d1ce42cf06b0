"""Wrong: a cache that evicts by insertion order alone is FIFO, not LRU: reading an entry must count as a use."""


class LRUCache:
    def __init__(self, capacity):
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.values = {}  # dicts keep insertion order

    def get(self, key, default=None):
        return self.values.get(key, default)

    def put(self, key, value):
        self.values.pop(key, None)
        self.values[key] = value
        if len(self.values) > self.capacity:
            del self.values[next(iter(self.values))]

    def __len__(self):
        return len(self.values)
