"""Wrong: `list.remove` finds the key by comparing with every element: O(n) per operation."""


class LRUCache:
    def __init__(self, capacity):
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.values = {}
        self.order = []  # least recent first

    def get(self, key, default=None):
        if key not in self.values:
            return default
        self.order.remove(key)
        self.order.append(key)
        return self.values[key]

    def put(self, key, value):
        if key in self.values:
            self.order.remove(key)
        self.values[key] = value
        self.order.append(key)
        if len(self.values) > self.capacity:
            oldest = self.order[0]
            self.order = self.order[1:]
            del self.values[oldest]

    def __len__(self):
        return len(self.values)
