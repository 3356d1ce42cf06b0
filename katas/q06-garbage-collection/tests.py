import gc
import weakref

from garbage_collection import Node, path


def test_parent_links_work():
    root = Node("root")
    child = Node("child", root)
    assert child.parent is root, "child.parent should be the root node"
    assert root.parent is None, "a root's parent should be None"
    assert root.children == [child], "the root should list its child"


def test_path_walks_up_to_the_root():
    root = Node("root")
    leaf = Node("b", Node("a", root))
    got = path(leaf)
    assert got == ["root", "a", "b"], f"expected ['root', 'a', 'b'], got {got}"


def test_the_tree_keeps_its_children_alive():
    gc.disable()
    try:
        root = Node("root")
        Node("kid", Node("mid", root))
        names = [child.name for child in root.children]
        grandchildren = [kid.name for child in root.children for kid in child.children]
        assert (names, grandchildren) == (["mid"], ["kid"]), (
            f"the tree lost nodes that only the tree holds (children {names}, grandchildren "
            f"{grandchildren}): the link down must stay strong; make the link up weak"
        )
    finally:
        gc.enable()


def test_tree_is_freed_without_the_cycle_collector():
    gc.disable()
    try:
        root = Node("root")
        child = Node("child", root)
        Node("grandchild", child)
        probe = weakref.ref(child)
        del root, child
        assert probe() is None, (
            "with the cycle collector off, the tree stayed in memory after its last "
            "outside reference went: a child and its parent keep each other alive, and "
            "neither `del` nor `__del__` breaks a reference cycle"
        )
    finally:
        gc.enable()


def test_orphan_reports_no_parent():
    gc.disable()
    try:
        root = Node("root")
        child = Node("child", root)
        del root
        assert child.parent is None, "once the parent is freed, child.parent should be None"
    finally:
        gc.enable()
