"""What the server keeps per document stays bounded however long it is edited (issue 17).

No RSS or timing here (benchmarks/server_latency.py --memory measures the growth);
these count the objects that once piled up, with the real server's lint.
"""

from __future__ import annotations

import gc

from pitfall_tutor.rules.engine.incremental import IncrementalParser
from pitfall_tutor.server.linting import Snapshot
from pitfall_tutor.server.server import TutorServer


def parsers_alive() -> int:
    return sum(isinstance(thing, IncrementalParser) for thing in gc.get_objects())


def test_a_document_keeps_one_parser_however_often_it_is_linted() -> None:
    """A parser is a reference cycle: one built and dropped per lint waited for the
    cyclic collector, which the server runs seldom. The collector is off here, so
    every parser ever built is still counted."""
    server = TutorServer()
    uri = "untitled:Untitled-1"
    gc.collect()
    gc.disable()
    try:
        before = parsers_alive()
        for version in range(1, 21):
            text = f"def add(item, bucket=[]):\n    return {version}\n"
            linted = server.lint(Snapshot(uri, version, text, None, "python"), 0)
            assert [finding.rule for finding in linted.findings] == ["mutable-default-argument"]
        built = parsers_alive() - before
    finally:
        gc.enable()
    assert built == 1
    assert list(server.parsers) == [uri]
