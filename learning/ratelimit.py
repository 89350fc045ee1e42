"""Rate limits, counted in the cache every worker shares: for HTML forms and downloads, and under
the API throttles of `learning.drf`.

Pages call `rate_limit_hit` (or `rate_limit_reached` then `rate_limit_count`, to count only what
was accepted) with the scopes and rates of settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
so a client has one budget per scope whichever door it comes through. The client is its address
(`learning.clientip`), or an explicit *ident* such as an account or an e-mail address.
"""

import hashlib
import time
from dataclasses import dataclass
from typing import Any, cast

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.http import HttpRequest
from rest_framework.throttling import SimpleRateThrottle

from learning.clientip import client_address

__all__ = [
    "RateWindow",
    "client_address",
    "rate_limit_budget",
    "rate_limit_count",
    "rate_limit_hit",
    "rate_limit_reached",
    "rate_window",
    "rate_window_count",
]


@dataclass(frozen=True)
class RateWindow:
    """The current fixed window of one client in one scope."""

    key: str
    allowed: int
    seconds_left: int


def rate_window(scope: str, ident: str) -> RateWindow:
    """*ident*'s current window of *scope* (the rate is read now, so changed settings count)."""
    rates = cast(dict[str, str], settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"])
    allowed, period = SimpleRateThrottle.parse_rate(None, rates[scope])  # type: ignore[arg-type]
    now = time.time()
    window = int(now // period)
    digest = hashlib.sha256(ident.encode("utf-8", "surrogatepass")).hexdigest()[:24]
    left = int((window + 1) * period - now) + 5
    return RateWindow(f"ratelimit:{scope}:{digest}:{window}", allowed, left)


def rate_window_count(window: RateWindow) -> int:
    """Count one use in *window*; returns the count so far, this one included.

    On Redis, `add` (SET NX with the window's expiry) then `incr` (INCR, which keeps the
    expiry) are each atomic, so concurrent requests in every worker are all counted and none
    twice. Other backends (the database cache without Redis) read and write the count with the
    window's expiry: their `incr` is a read and a write too, and resets the expiry to 300 s.
    On SQLite the request's transaction takes the write lock first, so requests count in turn.
    """
    shared = caches["shared"]
    if isinstance(shared, RedisCache):
        if shared.add(window.key, 1, window.seconds_left):
            return 1
        try:
            return int(shared.incr(window.key))
        except ValueError:  # expired between add and incr
            shared.add(window.key, 1, window.seconds_left)
            return 1
    count = int(shared.get(window.key) or 0) + 1
    if count == 1:
        if not shared.add(window.key, 1, window.seconds_left):
            return rate_window_count(window)  # counted by another request meanwhile
    else:
        shared.set(window.key, count, window.seconds_left)
    return count


def _ident(request: HttpRequest, ident: str | None) -> str:
    return ident if ident is not None else client_address(request)


def rate_limit_reached(request: HttpRequest, scope: str, *, ident: str | None = None) -> bool:
    """True when this client (or *ident*) has used up its budget of *scope*; counts nothing."""
    window = rate_window(scope, _ident(request, ident))
    return int(caches["shared"].get(window.key) or 0) >= window.allowed


def rate_limit_count(request: HttpRequest, scope: str, *, ident: str | None = None) -> int:
    """Count one use of *scope* for this client (or *ident*); returns the count in the window."""
    return rate_window_count(rate_window(scope, _ident(request, ident)))


def rate_limit_hit(request: HttpRequest, scope: str, *, ident: str | None = None) -> bool:
    """Count one request of *scope* for this client; True when it is over the limit."""
    window = rate_window(scope, _ident(request, ident))
    return rate_window_count(window) > window.allowed


def rate_limit_budget(request: Any, *, anonymous: str, signed_in: str) -> tuple[str, str]:
    """The scope and identity a client spends: a signed-in person their account's budget
    (*signed_in*), wherever they connect from; an anonymous client its address's (*anonymous*),
    which everyone on the same network shares."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return signed_in, f"user:{user.pk}"
    return anonymous, client_address(request)  # the default ident of every page limit
