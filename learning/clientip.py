"""The client's address: one rule for the log-in lock-out (django-axes), the API throttles and
the page rate limits, so a client has the same identity at every door.

`X-Forwarded-For` is read only when `settings.PROXY_COUNT` proxies are configured in front of
the app, and then only its last PROXY_COUNT entries: those are written by our own proxies, while
anything to their left was sent by the client and may be made up.
"""

from django.conf import settings
from django.http import HttpRequest
from ipware import get_client_ip


def client_address(request: HttpRequest) -> str:
    """The address of the client that sent *request* (empty when none is known)."""
    remote = request.META.get("REMOTE_ADDR") or ""
    proxies = int(getattr(settings, "PROXY_COUNT", 0) or 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR") or ""
    if proxies <= 0 or not forwarded:
        return remote
    # Cut at the trust boundary before parsing: a client's own header text (quotes, junk,
    # RFC 7239 fragments) must not change how our proxies' entries are read.
    trusted = forwarded.split(",")[-proxies:]
    if len(trusted) < proxies:  # fewer hops than proxies: the request did not come through them
        return remote
    address, _routable = get_client_ip(
        request=_Meta({"HTTP_X_FORWARDED_FOR": ",".join(trusted)}),  # type: ignore[arg-type]
        # The first of the trusted entries is the client; the others are our proxies.
        proxy_count=proxies - 1,
        request_header_order=["HTTP_X_FORWARDED_FOR"],
        strict=True,
    )
    return address or remote


class _Meta:
    """The one attribute of a request that ipware reads."""

    def __init__(self, meta: dict[str, str]) -> None:
        self.META = meta
