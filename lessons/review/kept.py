"""The review page kept rendered for each signed-in learner between changes of their reviews.

A learner waits for the review page after every answer, so it should cost little more than the
session and the account that every page reads. It is rendered once per state of the learner's
reviews and kept in the default cache (Redis when configured, so any app host serves it), under
a key naming the learner and the account's `pages_mark` it was made under. Every change of what the
page shows renews the mark (the review services, and signals when a word, lesson or course
changes), and the mark arrives with the account, so checking an entry costs no query. The
answer that renews the mark also prepares the next card's page, which its redirect serves.

Besides the mark, a kept page is keyed by its query, host, interface language, the display
switches (on the account), the recall mode and the verdict the session holds, and the
process's catalogue epoch (interface translations corrected). It lives until the next card
falls due, the day ends or ten minutes pass; a page whose clips are not all ready lives a
minute (they may be ready by then). The CSRF token and the answer's client key are put in per
request. A visitor without an account (cards in the session) gets the page rendered afresh.
"""

from __future__ import annotations

import copy
import hashlib
import re
import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, QueryDict
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils import translation

from learning.display import display_prefs_for
from learning.pagecache import CSRF_HOLE, kept_epoch, messages_pending
from lessons.review import services

# Stands for a fresh client key (one answer, counted once) in a kept page.
CLIENT_KEY_HOLE = "__kasumi_review_client_key__"
PAGE_KEY = "review:page:{}:{}:{}"
#: The longest a page is kept, and a page whose clips are not all ready yet.
MAX_AGE = 600.0
MISSING_AUDIO_AGE = 60.0
#: The largest page kept.
MAX_PAGE_CHARS = 128 * 1024
#: The query parameters of the review page and the values kept pages are made for.
PARAMS = {
    "card": re.compile(r"[0-9]{1,12}-(recognition|recall)"),
    "show": re.compile(r"1"),
    "recall": re.compile(r"choose|type"),
}

#: What a build gives: the page rendered with the two holes, and until when it holds (epoch s).
Built = tuple[str, float]


def _keepable(request: HttpRequest, params: QueryDict) -> bool:
    """Only a signed-in learner's page, with nothing waiting to be said (messages) and only
    the page's own parameters, is kept."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    if messages_pending(request):
        return False
    return all(
        name in PARAMS
        and len(values := params.getlist(name)) == 1
        and PARAMS[name].fullmatch(values[0])
        for name in params
    )


def _serve(request: HttpRequest, page: str) -> HttpResponse:
    return HttpResponse(
        page.replace(CSRF_HOLE, get_token(request)).replace(CLIENT_KEY_HOLE, uuid.uuid4().hex)
    )


def _key(request: HttpRequest, params: QueryDict, session_bits: object) -> str:
    """The cache key of a page: the learner, their mark, and a digest of the rest."""
    display = display_prefs_for(request)
    digest = hashlib.sha256(
        repr(
            (
                request.get_host(),
                translation.get_language(),
                kept_epoch(),
                sorted(params.lists()),
                display,
                session_bits,
            )
        ).encode()
    ).hexdigest()[:32]
    user = request.user
    return PAGE_KEY.format(user.pk, user.pages_mark, digest)  # type: ignore[union-attr]


def _store(key: str, built: Built) -> None:
    page, until = built
    age = until - services.now().timestamp()
    if len(page) <= MAX_PAGE_CHARS and age >= 1:
        cache.set(key, (until, page), int(min(age, MAX_AGE)))


def kept_page(
    request: HttpRequest, *, session_bits: object, build: Callable[[HttpRequest], Built]
) -> HttpResponse:
    """The review page of *request*: the kept one when it still holds, else *build*'s (kept
    for the next time). *session_bits* is what else from the session the page shows."""
    params = request.GET
    if not _keepable(request, params):
        return _serve(request, build(request)[0])
    key = _key(request, params, session_bits)
    found = cache.get(key)
    if found is not None and found[0] > services.now().timestamp():
        return _serve(request, found[1])
    built = build(request)
    _store(key, built)
    return _serve(request, built[0])


def kept_page_prepare(
    request: HttpRequest,
    *,
    query: dict[str, str],
    session_bits: object,
    build: Callable[[HttpRequest], Built],
) -> None:
    """After an answer: render the review page the answer's redirect shows (*query*) and keep
    it, so the learner's next card comes at once."""
    page_request = copy.copy(request)
    params = QueryDict(mutable=True)
    params.update(query)
    page_request.method = "GET"
    page_request.GET = params  # type: ignore[assignment]
    page_request.POST = QueryDict()
    page_request.path = page_request.path_info = reverse("review:review-page")
    page_request.META = {
        **request.META,
        "REQUEST_METHOD": "GET",
        "QUERY_STRING": params.urlencode(),
    }
    if not _keepable(page_request, params):
        return
    _store(_key(page_request, params, session_bits), build(page_request))
