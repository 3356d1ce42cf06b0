"""Wrong: `__del__` runs only once the object is unreachable, so it cannot break the cycle that keeps it reachable."""


class Node:
    def __init__(self, name, parent=None):
        self.name = name
        self.children = []
        self.parent = parent
        if parent is not None:
            parent.children.append(self)

    def __del__(self):
        self.children.clear()
        self.parent = None
