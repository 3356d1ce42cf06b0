"""LRU cache kata: see README.md."""


class LRUCache:
    def __init__(self, capacity):
        # TODO: refuse a capacity below 1
        self.capacity = capacity
        self.values = {}

    def get(self, key, default=None):
        # TODO: a successful get is a use
        return self.values.get(key, default)

    def put(self, key, value):
        # TODO: forget the least recently used entry when full
        self.values[key] = value

    def __len__(self):
        return len(self.values)
