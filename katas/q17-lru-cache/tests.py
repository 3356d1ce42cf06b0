import inspect
import time

import lru_cache
from lru_cache import LRUCache


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
    assert cache.get("b") is None, (
        "after get('a'), 'b' was the least recently used, so it should go: reading an "
        "entry is a use too"
    )
    assert cache.get("a") == 1, "'a' was used recently and should stay"


def test_updating_a_key_does_not_grow_the_cache():
    cache = LRUCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.put("a", 10)
    assert len(cache) == 2, (
        f"updating 'a' should not add an entry; the size is {len(cache)}: look the key up "
        "before adding a new node"
    )
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


class Key:
    """A key that counts how often the cache hashes it and compares it with `==`.

    Once `limit` is set, going over it fails at once: a scan over every key stops
    early instead of running to the end.
    """

    work = 0
    limit = None

    def __init__(self, number):
        self.number = number

    def _count(self):
        Key.work += 1
        if Key.limit is not None and Key.work > Key.limit:
            Key.limit = None
            raise AssertionError(
                "the cache hashed or compared far more keys than a few per operation in a "
                "cache of 500: scanning or rebuilding an order of the keys is O(n) per "
                "operation; move nodes in a doubly linked list instead"
            )

    def __hash__(self):
        self._count()
        return hash(self.number)

    def __eq__(self, other):
        self._count()
        return isinstance(other, Key) and self.number == other.number


def test_each_operation_touches_a_few_keys_not_all():
    cache = LRUCache(500)
    keys = [Key(number) for number in range(1_500)]
    for key in keys[:500]:
        cache.put(key, key.number)
    Key.work = 0
    operations = 2 * 1_000
    Key.limit = 10 * operations
    try:
        for key in keys[500:]:
            cache.put(key, key.number)
            cache.get(keys[key.number - 250])
    finally:
        Key.limit = None
    per_operation = Key.work / operations
    assert per_operation < 10, (
        f"each operation hashed or compared about {per_operation:.0f} keys in a cache of "
        "500: scanning or rebuilding an order of the keys is O(n) per operation; move "
        "nodes in a doubly linked list instead"
    )


def seconds_per_operation(capacity, budget, operations=300):
    """Best time per put-and-get on a full cache; infinity once `budget` seconds are spent."""
    deadline = time.perf_counter() + budget
    cache = LRUCache(capacity)
    for number in range(capacity):
        cache.put(number, number)
        if number % 100 == 0 and time.perf_counter() > deadline:
            return float("inf")
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for number in range(capacity, capacity + operations):
            cache.put(number, number)
            cache.get(number - capacity // 2)
            if time.perf_counter() > deadline:
                return float("inf")
        best = min(best, time.perf_counter() - started)
        capacity += operations
    return best / operations


def test_operations_do_not_slow_down_as_the_cache_grows():
    small = seconds_per_operation(100, budget=5.0)
    # 5,000 entries, 50 times as many: O(1) operations need about the same time each,
    # so the whole run fits easily in the time 50 small runs would take (at least 1 s).
    large = seconds_per_operation(5_000, budget=max(1.0, small * 300 * 3 * 50 + small * 5_000))
    assert large < small * 8, (
        "operations on 5,000 entries took "
        + ("too long to finish" if large == float("inf") else f"{large / small:.0f} times as long")
        + " as on 100: the work per operation grows with the size (a scan, a min over "
        "timestamps); O(1) means the size does not matter"
    )


def test_no_shortcuts():
    source = inspect.getsource(lru_cache)
    for banned in ("OrderedDict", "functools", "lru_cache("):
        assert banned not in source, f"build it yourself: the code mentions {banned}"
