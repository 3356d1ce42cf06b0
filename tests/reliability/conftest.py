"""Fixtures shared with the kata tests."""

from tests.katas.conftest import learner  # noqa: F401  (a fixture, used by name)
