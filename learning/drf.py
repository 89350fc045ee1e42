"""DRF glue shared by every app: JSON parsing with limits, throttles, pagination, errors.

Referenced from settings.REST_FRAMEWORK, so it must not import DRF views.
"""

import codecs
import json
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.utils.translation import gettext as _
from rest_framework import exceptions, pagination, parsers, serializers, status, throttling
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.validators import UniqueValidator

from learning.clientip import client_address
from learning.errors import Conflict
from learning.languages import MAX_TRANSLATION
from learning.ratelimit import RateWindow, rate_window, rate_window_count
from learning.text import strip_bidi_controls, text_problem
from learning.validators import text_policy_message


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


# Secrets are compared as sent: the policy refuses forbidden characters in them but strips
# nothing from them.
SECRET_KEYS = frozenset({"password"})


def _policy_error(path: list[str | int], message: str, *, key: bool) -> exceptions.ValidationError:
    """A 400 under the top-level field holding the bad string, naming the nested place."""
    where = "".join(f"[{step!r}]" for step in path[1:])
    if key:
        message = _("A key in %(where)s: %(message)s") % {
            "where": where or _("this object"),
            "message": message,
        }
    elif where:
        message = f"{where}: {message}"
    if path and isinstance(path[0], str):
        return exceptions.ValidationError({path[0]: [message]})
    return exceptions.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: [message]})


def _apply_text_policy(value: Any, path: list[str | int]) -> Any:
    """*value* (parsed JSON, depth already bounded) with the input policy applied to every key
    and string: forbidden characters refused, bidirectional overrides stripped."""
    if isinstance(value, str):
        problem = text_problem(value)
        if problem is not None:
            raise _policy_error(path, text_policy_message(problem), key=False)
        return value if path and path[-1] in SECRET_KEYS else strip_bidi_controls(value)
    if isinstance(value, list):
        return [_apply_text_policy(item, [*path, index]) for index, item in enumerate(value)]
    if isinstance(value, dict):
        cleaned = {}
        for key, item in value.items():
            problem = text_problem(key)
            if problem is not None:
                raise _policy_error(path, text_policy_message(problem), key=True)
            cleaned[strip_bidi_controls(key)] = _apply_text_policy(item, [*path, key])
        return cleaned
    return value


class BoundedJSONParser(parsers.JSONParser):
    """DRF's JSON parser with a body-size cap and a nesting limit, both answered with 400, and
    the input policy (`learning.text`) applied to every key and string of the body.

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
        # A serializer never sees a forbidden character: a choice field would echo a lone
        # surrogate into its error, which no UTF-8 response can carry, and PostgreSQL refuses
        # NUL in every text column.
        return _apply_text_policy(data, [])


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


class TextsField(serializers.DictField):
    """Texts by language code (translations, meanings) or word -> reading, as output."""

    child = serializers.CharField()


class ContentSerializer(serializers.ModelSerializer):
    """An output shape of stored content: the model gives each field's type, and a JSON field is
    texts by language (or word -> reading) unless the serializer declares it otherwise."""

    def build_standard_field(self, field_name: str, model_field: Any) -> tuple[Any, dict[str, Any]]:
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if isinstance(model_field, models.JSONField):
            kwargs.pop("encoder", None)
            kwargs.pop("decoder", None)
            return TextsField, kwargs
        return field_class, kwargs


def _texts_input_kwargs() -> dict[str, Any]:
    child = StrictCharField(max_length=MAX_TRANSLATION, allow_blank=True, trim_whitespace=False)
    return {"child": child, "required": False}


def texts_input(**kwargs: Any) -> serializers.DictField:
    """Texts by language code as input: each text bounded, kept as typed."""
    return serializers.DictField(**_texts_input_kwargs(), **kwargs)


class ContentWriteSerializer(serializers.ModelSerializer):
    """An input shape for a service that writes stored content: the model gives each field's
    limit and choices, so they are written once. Text is strict (a number is not text), a JSON
    field is texts by language unless declared otherwise. It only validates: the service saves,
    and checks what needs the database (a slug already taken)."""

    serializer_field_mapping: ClassVar[dict[Any, Any]] = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: StrictCharField,
        models.TextField: StrictCharField,
    }

    def build_standard_field(self, field_name: str, model_field: Any) -> tuple[Any, dict[str, Any]]:
        if isinstance(model_field, models.JSONField):
            return serializers.DictField, _texts_input_kwargs()
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        kwargs["validators"] = [
            v for v in kwargs.get("validators", []) if not isinstance(v, UniqueValidator)
        ]
        return field_class, kwargs

    def get_validators(self) -> list[Any]:
        return []
