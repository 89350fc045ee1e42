"""DRF glue shared by every app: JSON parsing with limits, throttles, pagination, errors.

Referenced from settings.REST_FRAMEWORK, so it must not import DRF views.
"""

import codecs
import json
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, pagination, parsers, serializers, status, throttling
from rest_framework.response import Response
from rest_framework.settings import api_settings

from learning.clientip import client_address
from learning.errors import Conflict
from learning.ratelimit import RateWindow, rate_window, rate_window_count


def _json_depth_exceeds(value: Any, limit: int) -> bool:
    """Iteratively measure nesting, so the check itself cannot overflow the stack."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > limit:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return False


class BoundedJSONParser(parsers.JSONParser):
    """DRF's JSON parser with a body-size cap and a nesting limit, both answered with 400.

    The stock parser reads the whole stream and lets `RecursionError` from deeply nested input
    escape as a 500.
    """

    def parse(
        self,
        stream: Any,
        media_type: str | None = None,
        parser_context: dict[str, Any] | None = None,
    ) -> Any:
        parser_context = parser_context or {}
        encoding = parsers.get_encoding(parser_context)
        cap = settings.API_MAX_BODY_BYTES
        raw = stream.read(cap + 1) if stream is not None else b""
        if len(raw) > cap:
            raise exceptions.ParseError(f"Request body is larger than {cap} bytes.")
        try:
            text = codecs.decode(raw, encoding)
            data = json.loads(text, parse_constant=_reject_constant)
        except RecursionError as exc:
            raise exceptions.ParseError("JSON is nested too deeply.") from exc
        except ValueError as exc:
            raise exceptions.ParseError(f"JSON parse error - {exc}") from exc
        if _json_depth_exceeds(data, settings.API_MAX_JSON_DEPTH):
            raise exceptions.ParseError(
                f"JSON is nested deeper than {settings.API_MAX_JSON_DEPTH} levels."
            )
        return data


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


class SharedCacheThrottleMixin:
    """Count in the cache every worker shares, atomically, so limits hold across gunicorn
    processes and under concurrent requests (DRF's own throttles read a list of timestamps and
    write it back, so parallel requests overwrite each other's counts).

    Fixed windows of `learning.ratelimit`; the client is identified by `learning.clientip`
    (never by a client's own `X-Forwarded-For`). Rates are read when a request is checked, so a
    changed setting takes effect at once.
    """

    scope: str | None
    rate: str | None
    _window: RateWindow | None = None

    def get_rate(self) -> str | None:
        rates = api_settings.DEFAULT_THROTTLE_RATES
        if self.scope not in rates:
            raise ImproperlyConfigured(f"No throttle rate set for scope {self.scope!r}.")
        return rates[self.scope]

    def get_ident(self, request: Any) -> str:
        return client_address(request)

    def allow_request(self, request: Any, view: Any) -> bool:
        if isinstance(self, throttling.ScopedRateThrottle):
            self.scope = getattr(view, self.scope_attr, None)
            if not self.scope:
                return True
            self.rate = self.get_rate()
        if self.rate is None or self.scope is None:
            return True
        ident = self.get_cache_key(request, view)  # type: ignore[attr-defined]
        if ident is None:
            return True
        self._window = rate_window(self.scope, ident)
        return rate_window_count(self._window) <= self._window.allowed

    def wait(self) -> float | None:
        return float(self._window.seconds_left) if self._window is not None else None


class SharedAnonThrottle(SharedCacheThrottleMixin, throttling.AnonRateThrottle):
    pass


class SharedUserThrottle(SharedCacheThrottleMixin, throttling.UserRateThrottle):
    pass


class SharedScopedThrottle(SharedCacheThrottleMixin, throttling.ScopedRateThrottle):
    """A scope of its own (`throttle_scope` on the view), shared with the pages' rate limits of
    the same scope: a signed-in client spends its account's budget, others their address's."""

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        if request.user and request.user.is_authenticated:
            return f"user:{request.user.pk}"
        return client_address(request)


class Pagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 100


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, plus Django's `ValidationError` as a 400 saying what is wrong."""
    # Imported here: rest_framework.views imports this module (through the parser setting).
    from rest_framework.views import exception_handler as drf_exception_handler

    if isinstance(exc, Conflict):
        code = next((e.code for e in exc.error_list if e.code), "conflict")
        return Response(
            {"detail": " ".join(str(m) for m in exc.messages), "code": code},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            detail: Any = {
                field: [str(m) for m in errs] for field, errs in exc.message_dict.items()
            }
        else:
            detail = {"non_field_errors": [str(m) for m in exc.messages]}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, RequestDataTooBig):
        exc = exceptions.ParseError(
            f"Request body is larger than {settings.DATA_UPLOAD_MAX_MEMORY_SIZE} bytes."
        )
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    return drf_exception_handler(exc, context)


class StrictCharField(serializers.CharField):
    """A CharField that refuses numbers and booleans instead of turning them into text."""

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return str(super().to_internal_value(data))
