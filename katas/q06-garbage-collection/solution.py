"""Garbage collection kata: a reference solution."""

import weakref


class Node:
    def __init__(self, name, parent=None):
        self.name = name
        self.children = []
        # A weak reference does not count: the parent can be freed while we live.
        self._parent = weakref.ref(parent) if parent is not None else None
        if parent is not None:
            parent.children.append(self)

    @property
    def parent(self):
        """The parent node, or None for a root (or once the parent is gone)."""
        return self._parent() if self._parent is not None else None


def path(node):
    """The names from the root down to `node`."""
    names = []
    while node is not None:
        names.append(node.name)
        node = node.parent
    return names[::-1]
