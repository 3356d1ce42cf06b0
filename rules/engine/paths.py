"""What a file's path tells the rules. Kept free of LibCST: the cache keys on it."""

from __future__ import annotations

import re

# Test files call the collector, `del` and friends on purpose.
_TEST_PATH = re.compile(
    r"(^|[/\\])(tests?|testing)[/\\]|(^|[/\\])(test_[^/\\]*|[^/\\]*_test|conftest)\.py$"
)


def is_test_path(path: str) -> bool:
    """Whether `path` looks like a test file (test_*.py, *_test.py, under tests/)."""
    return bool(_TEST_PATH.search(path))
