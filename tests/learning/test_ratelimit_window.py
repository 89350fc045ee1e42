"""The rate-limit window lasts its whole period on every shared cache backend, measured with a
moved clock (issue 16, point 8: the database cache's `incr()` re-set the key to 300 s)."""

import time
from datetime import UTC, datetime
from unittest import mock

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.test import RequestFactory

from learning.ratelimit import rate_limit_count, rate_limit_hit, rate_limit_reached

pytestmark = pytest.mark.django_db


def _request():
    return RequestFactory().post("/", REMOTE_ADDR="203.0.113.7")


def _hour_limit(settings):
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "proposal": "3/hour"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}


class _Clock:
    """time.time() and the database cache's clock moved together."""

    def __init__(self):
        # The start of an hour, so that +20 minutes stays in the same window.
        self.now = (int(time.time()) // 3600 + 1) * 3600.0

    def move(self, seconds):
        self.now += seconds

    def __enter__(self):
        self._patches = [
            # The limiter and the cache's timeouts read time.time(); the database cache
            # compares expiry with django.utils.timezone.now, imported as tz_now.
            mock.patch("time.time", side_effect=lambda: self.now),
            mock.patch(
                "django.core.cache.backends.db.tz_now",
                side_effect=lambda: datetime.fromtimestamp(self.now, tz=UTC),
            ),
        ]
        for patch in self._patches:
            patch.start()
        return self

    def __exit__(self, *exc):
        for patch in self._patches:
            patch.stop()


def _window_holds():
    with _Clock() as clock:
        assert [rate_limit_hit(_request(), "proposal") for _ in range(3)] == [False] * 3
        assert rate_limit_reached(_request(), "proposal")
        clock.move(20 * 60)  # longer than the database cache's default 300 s
        assert rate_limit_reached(_request(), "proposal")
        assert rate_limit_hit(_request(), "proposal") is True
        clock.move(41 * 60)  # the next hour: a new window
        assert not rate_limit_reached(_request(), "proposal")
        assert rate_limit_count(_request(), "proposal") == 1


def test_the_window_lasts_the_hour_on_the_database_cache(settings):
    # The embedded default; with REDIS_URL set the suite's shared cache is Redis, so the
    # database cache is configured here explicitly (its table comes from migration 0003).
    settings.CACHES = {
        **settings.CACHES,
        "shared": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "kasumi_shared_cache",
        },
    }
    caches["shared"].close()
    del caches["shared"]
    call_command("createcachetable", verbosity=0)  # a no-op when the table exists
    try:
        assert caches["shared"].__class__.__name__ == "DatabaseCache"
        _hour_limit(settings)
        _window_holds()
    finally:
        del caches["shared"]


def test_the_window_lasts_the_hour_on_redis(settings, redis_url):
    settings.CACHES = {
        **settings.CACHES,
        "shared": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url},
    }
    caches["shared"].close()
    del caches["shared"]
    try:
        assert caches["shared"].__class__.__name__ == "RedisCache"
        _hour_limit(settings)
        _window_holds()
        key = next(iter(caches["shared"]._cache.get_client().keys("*ratelimit:proposal*")))
        assert caches["shared"]._cache.get_client().ttl(key) > 30 * 60
    finally:
        del caches["shared"]
