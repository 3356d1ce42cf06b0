"""LibCST's parse, without each node re-checking what the parser just built.

Every LibCST node validates its fields as it is made (`CSTNode.__post_init__`
calls `_validate`). That guards trees built by hand; the parser only makes
valid nodes, and the checks cost several percent of every parse (LibCST's own
comment there says as much). So while the parser runs they are switched off;
nodes built anywhere else (fixes, `with_changes`) are checked as before,
except on another thread during a parse: the checks only ever raise, and only
for a mistake in hand-built nodes, which the rules' tests build single-threaded.
"""

from __future__ import annotations

import threading

import libcst as cst
from libcst._nodes.base import CSTNode

_lock = threading.Lock()
_parsing = 0  # parses under way, on any thread
_check = CSTNode.__dict__.get("__post_init__")


def _no_check(self: CSTNode) -> None:
    """Stands in for `CSTNode.__post_init__` while the parser builds the tree."""


def parse_module(source: str) -> cst.Module:
    """`libcst.parse_module`, same tree and same errors, minus the per-node checks."""
    if _check is None:  # a LibCST that no longer checks there
        return cst.parse_module(source)
    global _parsing
    with _lock:
        _parsing += 1
        CSTNode.__post_init__ = _no_check  # type: ignore[method-assign]
    try:
        return cst.parse_module(source)
    finally:
        with _lock:
            _parsing -= 1
            if not _parsing:
                CSTNode.__post_init__ = _check  # type: ignore[method-assign]
