"""Rate limits for HTML forms and downloads, counted in the cache every worker shares.

DRF views use the throttles in `learning.drf`; pages call `rate_limit_hit` with the same scopes
and rates (settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]), so a client has one budget per
scope whichever door it comes through.
"""

import hashlib
import time
from typing import cast

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest
from rest_framework.throttling import SimpleRateThrottle


def client_address(request: HttpRequest) -> str:
    """The client's address, honouring DJANGO_PROXY_COUNT like DRF's throttles do."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    proxies = cast(int | None, settings.REST_FRAMEWORK.get("NUM_PROXIES"))
    if proxies and forwarded:
        addresses = [a.strip() for a in forwarded.split(",") if a.strip()]
        if addresses:
            return addresses[-min(proxies, len(addresses))]
    return request.META.get("REMOTE_ADDR", "")


def _window(scope: str, ident: str) -> tuple[str, int, int]:
    """The cache key of *ident*'s current window of *scope*, the limit, and the seconds left
    in the window."""
    rates = cast(dict[str, str], settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"])
    rate = rates[scope]
    allowed, period = SimpleRateThrottle.parse_rate(None, rate)  # type: ignore[arg-type]
    now = time.time()
    window = int(now // period)
    digest = hashlib.sha256(ident.encode()).hexdigest()[:24]
    left = int((window + 1) * period - now) + 5
    return f"ratelimit:{scope}:{digest}:{window}", allowed, left


def _ident(request: HttpRequest, ident: str | None) -> str:
    return ident if ident is not None else client_address(request)


def rate_limit_reached(request: HttpRequest, scope: str, *, ident: str | None = None) -> bool:
    """True when this client (or *ident*) has used up its budget of *scope*; counts nothing."""
    key, allowed, _left = _window(scope, _ident(request, ident))
    return (caches["shared"].get(key) or 0) >= allowed


def rate_limit_count(request: HttpRequest, scope: str, *, ident: str | None = None) -> int:
    """Count one use of *scope* for this client (or *ident*); returns the count in the window.

    Fixed windows keyed by client and window start. `incr` is atomic on Redis; the database
    cache's `incr` is a get and a set that resets the key's timeout to the default (300 s), so
    the timeout is set again to the end of the window (`touch`) on every backend.
    """
    key, _allowed, left = _window(scope, _ident(request, ident))
    shared = caches["shared"]
    if shared.add(key, 1, left):
        return 1
    try:
        count = shared.incr(key)
    except ValueError:  # expired between add and incr
        shared.add(key, 1, left)
        return 1
    shared.touch(key, left)
    return count


def rate_limit_hit(request: HttpRequest, scope: str, *, ident: str | None = None) -> bool:
    """Count one request of *scope* for this client; True when it is over the limit."""
    _key, allowed, _left = _window(scope, _ident(request, ident))
    return rate_limit_count(request, scope, ident=ident) > allowed
