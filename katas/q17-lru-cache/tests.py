import ast
import inspect

import lru_cache
from lru_cache import LRUCache

SCANNING_METHODS = {"remove", "index", "insert"}


def test_get_returns_what_was_put():
    cache = LRUCache(2)
    cache.put("a", 1)
    assert cache.get("a") == 1, f"get('a') should be 1, got {cache.get('a')!r}"


def test_get_missing_returns_the_default():
    cache = LRUCache(2)
    assert cache.get("nope") is None, "a missing key should give None"
    assert cache.get("nope", 0) == 0, "a missing key should give the default when one is passed"


def test_the_least_recently_used_entry_goes_first():
    cache = LRUCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.put("c", 3)
    assert cache.get("a") is None, "'a' was the least recently used, so it should be gone"
    assert (cache.get("b"), cache.get("c")) == (2, 3), "'b' and 'c' should still be there"
    assert len(cache) == 2, f"the cache should hold 2 entries, it holds {len(cache)}"


def test_get_counts_as_a_use():
    cache = LRUCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.get("a")
    cache.put("c", 3)
    assert cache.get("b") is None, "after get('a'), 'b' was the least recently used: it should go"
    assert cache.get("a") == 1, "'a' was used recently and should stay"


def test_updating_a_key_does_not_grow_the_cache():
    cache = LRUCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.put("a", 10)
    assert len(cache) == 2, f"updating 'a' should not add an entry; the size is {len(cache)}"
    assert cache.get("a") == 10, f"'a' should now be 10, got {cache.get('a')!r}"
    cache.put("c", 3)
    assert cache.get("b") is None, "updating 'a' made it recent, so 'b' should go first"


def test_capacity_one():
    cache = LRUCache(1)
    cache.put("a", 1)
    cache.put("b", 2)
    assert (cache.get("a"), cache.get("b"), len(cache)) == (None, 2, 1), (
        "a cache of one keeps only the latest entry"
    )


def test_capacity_below_one_is_refused():
    try:
        LRUCache(0)
    except ValueError:
        return
    raise AssertionError("LRUCache(0) should raise ValueError")


def test_many_operations_stay_consistent():
    cache = LRUCache(100)
    for number in range(10_000):
        cache.put(number, number * 2)
        if number % 3 == 0:
            cache.get(number // 2)
    assert len(cache) == 100, f"the cache should hold 100 entries, it holds {len(cache)}"
    assert cache.get(9_999) == 19_998, "the latest entry should be there"


def test_no_shortcuts_and_no_scanning():
    source = inspect.getsource(lru_cache)
    for banned in ("OrderedDict", "functools", "lru_cache("):
        assert banned not in source, f"build it yourself: the code mentions {banned}"
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name = node.func.attr
            front_pop = name == "pop" and len(node.args) == 1 and ast.unparse(node.args[0]) == "0"
            assert name not in SCANNING_METHODS and not front_pop, (
                f"line {node.lineno}: .{name}(...) scans or shifts a list, which is O(n); "
                "move nodes in a doubly linked list instead"
            )
