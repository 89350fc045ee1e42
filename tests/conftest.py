"""Fixtures shared by the whole suite."""

import pytest
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache


@pytest.fixture(autouse=True)
def _empty_caches():
    """Every test starts with empty caches, so throttle counts never leak between tests.

    A database cache lives in the test database, which each test's rollback empties already.
    """
    for alias in caches:
        if not isinstance(caches[alias], DatabaseCache):
            caches[alias].clear()
