"""Wrong: rebuilding the order list on every use walks every key: O(n) per operation, with no banned method in sight."""


class LRUCache:
    def __init__(self, capacity):
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.values = {}
        self.order = []

    def _touch(self, key):
        self.order = [other for other in self.order if other != key] + [key]

    def get(self, key, default=None):
        if key not in self.values:
            return default
        self._touch(key)
        return self.values[key]

    def put(self, key, value):
        self.values[key] = value
        self._touch(key)
        if len(self.values) > self.capacity:
            oldest, *self.order = self.order
            del self.values[oldest]

    def __len__(self):
        return len(self.values)
