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


def rate_limit_hit(request: HttpRequest, scope: str) -> bool:
    """Count one request of *scope* for this client; True when it is over the limit.

    Fixed windows keyed by client and window start; `add` then `incr` is atomic on Redis and
    near enough on the database cache.
    """
    rates = cast(dict[str, str], settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"])
    rate = rates[scope]
    allowed, period = SimpleRateThrottle.parse_rate(None, rate)  # type: ignore[arg-type]
    window = int(time.time() // period)
    ident = hashlib.sha256(client_address(request).encode()).hexdigest()[:24]
    key = f"ratelimit:{scope}:{ident}:{window}"
    shared = caches["shared"]
    if shared.add(key, 1, period + 5):
        return 1 > allowed
    try:
        count = shared.incr(key)
    except ValueError:  # expired between add and incr
        shared.add(key, 1, period + 5)
        count = 1
    return count > allowed
