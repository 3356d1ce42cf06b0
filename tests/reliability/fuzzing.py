"""Hypothesis settings shared by the reliability tests: repeatable and bounded.

`derandomize` makes every run try the same examples (CI never flakes on a
new one), and no example database is written. Set TUTOR_FUZZ_SCALE=20 to try
twenty times as many examples when hunting bugs (`make soak` does).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

SCALE = max(1, int(os.environ.get("TUTOR_FUZZ_SCALE", "1")))


def fuzz(examples: int) -> settings:
    return settings(
        max_examples=examples * SCALE,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
