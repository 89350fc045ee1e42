"""Request middleware: compressed text responses, the signed-in user's interface language, no
cross-site API writes, and the input policy on the address (path and query string) of every
request."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.gzip import GZipMiddleware
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from learning.text import text_problem

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# What is worth compressing; decks (zip), audio and images are compressed already.
COMPRESSIBLE_TYPES = (
    "text/",
    "application/json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/javascript",
    "application/vnd.oai.openapi",
    "image/svg+xml",
)


class TextGZipMiddleware(GZipMiddleware):
    """Django's `GZipMiddleware` for text responses only.

    Django's keeps its BREACH mitigation (random bytes in each gzip header, so the compressed
    length does not leak a secret such as the CSRF token, which is masked per response too).
    Static files never reach it: whitenoise, above it, serves their pre-compressed copies.
    """

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if not response.get("Content-Type", "").startswith(COMPRESSIBLE_TYPES):
            return response
        return super().process_response(request, response)


class UserLanguageMiddleware:
    """Use the account's interface language unless the visitor chose one with the switcher."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES and request.session.session_key:
            user = request.user
            code = getattr(user, "interface_language", "")
            if user.is_authenticated and code in dict(settings.LANGUAGES):
                translation.activate(code)
                request.LANGUAGE_CODE = code
        return self.get_response(request)


class CrossSiteApiWriteMiddleware:
    """Refuse API writes that a browser marks as sent from another site.

    DRF checks CSRF only for signed-in users, so an anonymous endpoint (a public letter form,
    the furigana preview) could be posted to from any page a visitor opens. Browsers label such
    requests with `Sec-Fetch-Site: cross-site`; token clients send no such header.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.method in UNSAFE_METHODS
            and request.path.startswith("/api/")
            and request.headers.get("Sec-Fetch-Site") == "cross-site"
        ):
            return JsonResponse(
                {"detail": "Cross-site requests to the API are not allowed."}, status=403
            )
        return self.get_response(request)


class AddressPolicyMiddleware:
    """Answer 400 when the path or a query parameter (name or value) holds a character of the
    input policy's forbidden set (`learning.text`): `/teach/join/%00/` or `?status=%00` would
    otherwise reach a database lookup, which PostgreSQL refuses with an error (a 500).

    Percent-decoding is Django's: invalid UTF-8 has become U+FFFD, which is allowed.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if text_problem(request.path_info) is not None:
            return self._refuse(request, _("The address holds a control character."))
        for name, values in request.GET.lists():
            if any(text_problem(text) is not None for text in [name, *values]):
                message = _("The query parameter %(name)s holds a control character.") % {
                    "name": repr(name[:40].encode("unicode_escape").decode("ascii")),
                }
                return self._refuse(request, message)
        return self.get_response(request)

    def _refuse(self, request: HttpRequest, message: str) -> HttpResponse:
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": message}, status=400)
        return render(request, "learning/bad_request.html", {"message": message}, status=400)
