"""Wrong: a plain parent attribute and the parent's children list form a cycle refcounting cannot free."""


class Node:
    def __init__(self, name, parent=None):
        self.name = name
        self.children = []
        self.parent = parent
        if parent is not None:
            parent.children.append(self)
