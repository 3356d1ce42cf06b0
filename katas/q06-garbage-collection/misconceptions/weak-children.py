"""Wrong: making the children weak frees them at once, since nothing else holds a new child."""

import weakref


class Node:
    def __init__(self, name, parent=None):
        self.name = name
        self._children = []
        self.parent = parent
        if parent is not None:
            parent._children.append(weakref.ref(self))

    @property
    def children(self):
        return [child for child in (ref() for ref in self._children) if child is not None]
