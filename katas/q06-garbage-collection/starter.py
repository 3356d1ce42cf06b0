"""Garbage collection kata: see README.md."""


class Node:
    def __init__(self, name, parent=None):
        self.name = name
        self.children = []
        self.parent = parent  # TODO: child -> parent -> child is a reference cycle
        if parent is not None:
            parent.children.append(self)


def path(node):
    """The names from the root down to `node`."""
    # TODO: follow node.parent up to the root
    return [node.name]
