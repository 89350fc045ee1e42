"""Page rate limits share the API throttles' scopes and count per client address."""

import pytest
from django.test import RequestFactory

from learning.ratelimit import client_address, rate_limit_hit

pytestmark = pytest.mark.django_db


def _request(address="203.0.113.1", forwarded=""):
    extra = {"REMOTE_ADDR": address}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/", **extra)


def test_limit_counts_per_client_and_scope(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "proposal": "3/hour",
        },
    }
    hits = [rate_limit_hit(_request(), "proposal") for _ in range(5)]
    assert hits == [False, False, False, True, True]
    assert rate_limit_hit(_request("198.51.100.2"), "proposal") is False
    assert rate_limit_hit(_request(), "letter-submit") is False


def test_forwarded_address_is_trusted_only_behind_a_counted_proxy(settings):
    spoofed = _request("10.0.0.5", forwarded="1.2.3.4, 198.51.100.9")
    assert client_address(spoofed) == "10.0.0.5"
    settings.PROXY_COUNT = 1
    assert client_address(spoofed) == "198.51.100.9"
