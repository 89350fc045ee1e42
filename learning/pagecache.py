"""Whole public pages kept rendered for the visitors who all see the same page.

An anonymous visitor with nothing pending (no messages) sees exactly what every other such
visitor sees, apart from the CSRF token: the page is rendered once per content generation and
the token is put in per request. Everyone else gets the page rendered afresh. Keys hold only
what the page depends on (never a raw query string), and every entry is bounded in size and
life. A content generation is a token in the cache every worker shares, replaced when content
changes (see `content_changed`). The views that use it only read, and are marked
`non_atomic_requests`: no transaction per request (on SQLite one takes the write lock).
"""

import hashlib
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.core.cache import caches
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import translation

# Stands for the visitor's CSRF token in a kept page; replaced when it is served.
CSRF_HOLE = "__kasumi_shared_page_csrf__"
GENERATION_KEY = "pages:generation:{}"
#: Larger pages are never kept (a bound on each entry, whatever a page grows to).
MAX_PAGE_BYTES = 256 * 1024
#: Pages kept per process (about 20 KB each), and their characters in all.
MAX_PAGES = 256
MAX_KEPT_CHARS = 8 * 1024 * 1024


def content_generation(area: str) -> str:
    """The current content generation of *area* ("hub", "catalogue")."""
    shared = caches["shared"]
    key = GENERATION_KEY.format(area)
    generation = shared.get(key)
    if generation is None:
        shared.add(key, uuid.uuid4().hex, None)
        generation = shared.get(key, "")
    return str(generation)


def content_changed(area: str) -> None:
    """Give *area* a new content generation now and again once the current transaction
    commits: the first makes the change visible to this transaction's own reads, the second
    drops a page another request rendered from the old rows in between."""
    key = GENERATION_KEY.format(area)

    def renew() -> None:
        caches["shared"].set(key, uuid.uuid4().hex, None)

    renew()
    transaction.on_commit(renew)


def content_changed_on_save(area: str, models: Iterable[type[Model]]) -> None:
    """A new generation of *area* whenever one of *models* is saved or deleted, or one of
    its many-to-many relations changes (the admin, services and fixtures alike)."""

    def changed(sender: Any, **kwargs: Any) -> None:
        content_changed(area)  # fixtures too (`raw`): a running site must see what they load

    for model in models:
        uid = f"pagecache:{area}:{model._meta.label}"
        post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}:save")
        post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}:delete")
        for field in model._meta.many_to_many:
            through = field.remote_field.through  # type: ignore[attr-defined]
            m2m_changed.connect(changed, sender=through, weak=False, dispatch_uid=f"{uid}:m2m")


def messages_pending(request: HttpRequest) -> bool:
    """Whether a message waits to be shown to *request*'s visitor (its page is theirs alone)."""
    return bool(request.COOKIES.get("messages")) or "_messages" in request.session


def page_is_shared(
    request: HttpRequest, *, params: Mapping[str, str], session_matters: bool = False
) -> bool:
    """Whether *request* sees the page every anonymous visitor sees: signed out, no message
    waiting, a query string of only the view's own parameters with the values it accepted
    (*params*; anything else is rendered afresh, so no key holds a made-up value) and, where
    the page shows what the session holds (progress, display switches), no session at all."""
    if getattr(request, "user", None) is None or request.user.is_authenticated:
        return False
    if messages_pending(request):
        return False
    if any(
        name not in params or request.GET.getlist(name) != [params[name]] for name in request.GET
    ):
        return False
    return not (session_matters and request.session.session_key)


def shared_page(
    request: HttpRequest,
    *,
    area: str,
    params: Mapping[str, str],
    timeout: int,
    build: Callable[[], tuple[str, dict[str, Any]]],
    key: Iterable[object] = (),
    session_matters: bool = False,
    generation: str = "",
) -> HttpResponse:
    """The page *build* describes (template name, context), kept for *timeout* seconds for
    the visitors of `page_is_shared`, keyed by the area's generation, the accepted query
    parameters and *key* (anything else the page shows). *generation* saves reading the
    area's generation again when the view has it already."""
    if not page_is_shared(request, params=params, session_matters=session_matters):
        template, context = build()
        return HttpResponse(render_to_string(template, context, request=request))
    digest = hashlib.sha256(
        repr(
            (
                request.path,
                request.get_host(),
                translation.get_language(),
                generation or content_generation(area),
                sorted((name, request.GET[name]) for name in request.GET),
                tuple(key),
            )
        ).encode()
    ).hexdigest()
    page = _kept.get(digest)
    if page is None:
        template, context = build()
        page = render_to_string(template, {**context, "csrf_token": CSRF_HOLE}, request=request)
        if len(page) <= MAX_PAGE_BYTES:
            _kept.put(digest, page, timeout)
    return HttpResponse(page.replace(CSRF_HOLE, get_token(request)))


class _KeptPages:
    """The kept pages of this process: at most `MAX_PAGES` and `MAX_KEPT_CHARS` in all (the
    least recently served go first), each for its timeout. In the process rather than in
    Redis: the generation, read from the shared cache on every request, already makes a stale
    page unreachable, and a page served from memory costs no round trip."""

    def __init__(self) -> None:
        self._pages: OrderedDict[str, tuple[float, str]] = OrderedDict()
        self._chars = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> str | None:
        with self._lock:
            entry = self._pages.get(key)
            if entry is None:
                return None
            if entry[0] < time.monotonic():
                self._drop(key)
                return None
            self._pages.move_to_end(key)
            return entry[1]

    def put(self, key: str, page: str, timeout: int) -> None:
        with self._lock:
            if key in self._pages:
                self._drop(key)
            self._pages[key] = (time.monotonic() + timeout, page)
            self._chars += len(page)
            while len(self._pages) > MAX_PAGES or self._chars > MAX_KEPT_CHARS:
                self._drop(next(iter(self._pages)))

    def _drop(self, key: str) -> None:
        self._chars -= len(self._pages.pop(key)[1])

    def __len__(self) -> int:
        return len(self._pages)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self._chars = 0


_kept = _KeptPages()
_epoch = [0]


def kept_pages_clear() -> None:
    """Forget every page this process keeps (its interface translations changed), and start a
    new epoch for pages kept elsewhere by this process (`kept_epoch`)."""
    _kept.clear()
    _epoch[0] += 1


def kept_epoch() -> int:
    """How often this process's interface translations changed: pages kept outside it name
    the epoch they were made in."""
    return _epoch[0]
