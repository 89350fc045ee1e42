"""Throttles count atomically on Redis: under many concurrent requests exactly the limit gets
through (issue 19, point 9: DRF's read-modify-write history let 12 % more through)."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from learning.drf import SharedAnonThrottle
from learning.ratelimit import rate_limit_hit

LIMIT = 100
THREADS = 16
CALLS = 20  # per thread: 320 requests for a limit of 100


def _request():
    request = RequestFactory().get("/api/v1/furigana/", REMOTE_ADDR="203.0.113.44")
    request.user = AnonymousUser()
    return request


def _run_concurrently(attempt):
    barrier = Barrier(THREADS)

    def worker():
        barrier.wait()  # every thread starts at once
        return [attempt() for _ in range(CALLS)]

    with ThreadPoolExecutor(THREADS) as pool:
        results = [pool.submit(worker) for _ in range(THREADS)]
        return [allowed for future in results for allowed in future.result()]


@pytest.fixture
def day_limits(settings):
    # A day's window: the test cannot straddle two windows in practice.
    rates = {
        **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
        "anon": f"{LIMIT}/day",
        "proposal": f"{LIMIT}/day",
    }
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}


def test_api_throttle_lets_exactly_the_limit_through_under_concurrency(
    redis_shared_cache, day_limits
):
    allowed = _run_concurrently(lambda: SharedAnonThrottle().allow_request(_request(), None))
    assert len(allowed) == THREADS * CALLS
    assert allowed.count(True) == LIMIT


def test_page_limit_lets_exactly_the_limit_through_under_concurrency(
    redis_shared_cache, day_limits
):
    over = _run_concurrently(lambda: rate_limit_hit(_request(), "proposal"))
    assert over.count(False) == LIMIT
