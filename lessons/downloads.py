"""Anki deck downloads for the pages and the API alike: the meaning languages asked for, the
ETag (304 when the browser has the deck already) and the download limit.

The limit is per account for signed-in learners, wherever they connect from; anonymous clients
share their address's budget, sized for a classroom behind one router (a deck is built once
and then served from the cache, so a generous budget costs little).
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from learning.display import display_prefs_for
from learning.ratelimit import rate_limit_budget, rate_limit_hit, rate_window
from lessons.selectors import course_get_published, lesson_get_head, lesson_pages_generation
from lessons.services import deck_etag, deck_export


def deck_languages(request: HttpRequest) -> tuple[str, ...]:
    """Meaning languages of a deck: `?lang=` when it names a known language, else the
    learner's own (English is always added beside them)."""
    code = request.GET.get("lang", "")
    if code in dict(settings.MEANING_LANGUAGES):
        return (code,) if code != "en" else ()
    return tuple(c for c in display_prefs_for(request).meaning_languages if c != "en")


def deck_response(request: HttpRequest, etag: str, build: Any) -> HttpResponse:
    """The deck with its ETag; 304 when the browser has it already; 429 past the rate limit.

    Shared by the pages and the API. Only actual downloads count against the rate limit.
    """
    scope, ident = rate_limit_budget(request, anonymous="deck", signed_in="deck-user")
    if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponse(status=304)
    elif rate_limit_hit(request, scope, ident=ident):
        return _limited(request, rate_window(scope, ident).seconds_left)
    else:
        deck = build()
        response = HttpResponse(deck.content, content_type="application/apkg")
        response["Content-Disposition"] = f'attachment; filename="{deck.filename}"'
        response["Content-Length"] = str(len(deck.content))
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    return response


def _limited(request: HttpRequest, seconds_left: int) -> HttpResponse:
    """429: a page in the learner's language, or JSON for the API."""
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse(
            {"detail": _("Too many downloads. Please try again later.")}, status=429
        )
    else:
        response = render(request, "lessons/deck_limited.html", status=429)
    response["Retry-After"] = str(seconds_left)
    return response


def course_deck_response(request: HttpRequest, course: str) -> HttpResponse:
    """The course deck download, shared by the page and the API."""
    course_obj = course_get_published(slug=course)
    languages = deck_languages(request)
    etag = deck_etag(
        course=course_obj,
        lesson=None,
        languages=languages,
        generation=lesson_pages_generation(course_slug=course),
    )
    return deck_response(
        request, etag, lambda: deck_export(course=course_obj, languages=languages, etag=etag)
    )


def lesson_deck_response(request: HttpRequest, course: str, lesson: str) -> HttpResponse:
    """The lesson deck download, shared by the page and the API."""
    lesson_obj = lesson_get_head(course_slug=course, lesson_slug=lesson)
    languages = deck_languages(request)
    etag = deck_etag(
        course=lesson_obj.course,
        lesson=lesson_obj,
        languages=languages,
        generation=lesson_pages_generation(course_slug=course),
    )
    return deck_response(
        request,
        etag,
        lambda: deck_export(
            course=lesson_obj.course, lesson=lesson_obj, languages=languages, etag=etag
        ),
    )
