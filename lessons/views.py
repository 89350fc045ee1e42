"""Pages of `lessons` for learners: courses, lessons, answers, display switches."""

import copy
import hashlib
import re
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from learning.display import display_prefs_for, display_prefs_update
from learning.pagecache import messages_pending, shared_page
from lessons import exercises as exercise_engine
from lessons.downloads import (
    course_deck_response,
    deck_languages,
    deck_response,
    lesson_deck_response,
)
from lessons.japanese import speech
from lessons.models import Level, Topic
from lessons.selectors import (
    CATALOGUE,
    audio_urls,
    course_get_published,
    course_list_published,
    exercise_get_for_learner,
    lesson_course_ids_published,
    lesson_get_head,
    lesson_get_published,
    lesson_list_published,
    lesson_neighbours,
    lesson_pages_generation,
    lesson_speech,
    progress_by_lesson,
)
from lessons.selectors.translations import lesson_missing_count
from lessons.serializers import verdict_payload
from lessons.services import (
    attempt_submit,
    deck_export_mistakes,
)

LAST_VERDICTS_KEY = "last_verdicts"
# Every cached page is bounded in life and in size (a lesson page is ~30-60 KB; one far larger is
# served but not kept).
PAGE_CACHE_SECONDS = 3600
PAGE_CACHE_MAX_CHARS = 512 * 1024
# Stand for the per-request parts of a cached lesson page; replaced when it is served.
CSRF_PLACEHOLDER = "__kasumi_csrf_token__"
PROGRESS_PLACEHOLDER = "__kasumi_lesson_progress__"


def _prefs(request: HttpRequest) -> Any:
    return display_prefs_for(request)


# How long a kept course page may be served (it is renewed on every change of the catalogue).
COURSE_PAGE_SECONDS = 3600


@require_GET
@transaction.non_atomic_requests
def course_list(request: HttpRequest) -> HttpResponse:
    level = request.GET.get("level", "")
    topic = request.GET.get("topic", "")
    level = level if level in Level.values else ""
    topic = topic if topic in Topic.values else ""

    def build() -> tuple[str, dict[str, Any]]:
        courses = list(course_list_published(level=level, topic=topic))
        course_of = lesson_course_ids_published(courses=courses)
        progress = progress_by_lesson(
            learner=request.user, session=request.session, lesson_ids=list(course_of)
        )
        done: dict[int, int] = {}
        for lesson_id, summary in progress.items():
            if summary.completed:
                done[course_of[lesson_id]] = done.get(course_of[lesson_id], 0) + 1
        for course in courses:
            course.completed_lessons = done.get(course.pk, 0)
        return "lessons/course_list.html", {
            "courses": courses,
            "levels": Level.choices,
            "topics": Topic.choices,
            "level": level,
            "topic": topic,
            "prefs": _prefs(request),
        }

    # Progress, the switches and the review line come from the session: kept only for visitors
    # without one.
    return shared_page(
        request,
        area=CATALOGUE,
        params={"level": level, "topic": topic},
        timeout=COURSE_PAGE_SECONDS,
        build=build,
        session_matters=True,
    )


@require_GET
@transaction.non_atomic_requests
def course_detail(request: HttpRequest, course: str) -> HttpResponse:
    prefs = _prefs(request)

    def build() -> tuple[str, dict[str, Any]]:
        course_obj = course_get_published(slug=course)
        lessons = list(lesson_list_published(course=course_obj))
        progress = progress_by_lesson(
            learner=request.user, session=request.session, lessons=lessons
        )
        for lesson in lessons:
            lesson.my_progress = progress.get(lesson.pk)
        return "lessons/course_detail.html", {
            "course": course_obj,
            "lessons": lessons,
            "prefs": prefs,
        }

    return shared_page(
        request,
        area=CATALOGUE,
        params={},
        key=(prefs,),
        timeout=COURSE_PAGE_SECONDS,
        build=build,
        session_matters=True,
    )


def _page_key(request: HttpRequest, course: str, lesson: str, prefs: Any, generation: str) -> str:
    """Everything the cached lesson page depends on, apart from the holes filled per request.

    The course's content generation changes whenever the course or any of its lessons is
    rendered, edited, renamed or (un)published, so a cached page never outlives the content it
    shows. The query string is not part of it: the page reads none, so `?u=1`, `?u=2`... are
    one page, not one cache entry each.
    """
    user = request.user
    return (
        "lesson-page:"
        + hashlib.sha256(
            repr(
                (
                    course,
                    lesson,
                    generation,
                    translation.get_language(),
                    tuple(prefs.meaning_languages),
                    prefs.furigana,
                    prefs.romaji,
                    prefs.translations,
                    user.pk if user.is_authenticated else None,  # "Signed in as" in the header
                )
            ).encode()
        ).hexdigest()
    )


def lesson_page_context(lesson: Any, prefs: Any, verdicts: dict[str, Any]) -> dict[str, Any]:
    """What the lesson page template needs, for a lesson loaded with its parts (learner page,
    and the tutor's preview, which must look exactly the same)."""
    exercises = [
        {
            "obj": exercise,
            "display": exercise_engine.display_in(
                exercise.kind,
                exercise_engine.display(exercise.kind, exercise.data, seed=exercise.pk),
                exercise.data_translations,
                prefs.meaning_languages,
            ),
            "verdict": verdicts.get(str(exercise.pk)),
        }
        for exercise in lesson.ready_exercises
    ]
    previous, following = lesson_neighbours(lesson=lesson)
    wanted = prefs.meaning_languages[0] if prefs.meaning_languages else "en"
    answered = [item["obj"].pk for item in exercises if item["verdict"]]
    return {
        # URLs of the lesson's ready clips by key (one query); a missing clip shows no player.
        "clips": audio_urls(keys=[s.key for s in lesson_speech(lesson)]),
        "lesson": lesson,
        "course": lesson.course,
        "prefs": prefs,
        "exercises": exercises,
        # A reading asked on the page is shown nowhere else on it (prompt, words, passages).
        "asked": sorted(
            {item["display"]["word"] for item in exercises if item["obj"].kind == "reading"}
        ),
        # The switches bring the learner back to the exercise just answered.
        "return_anchor": f"exercise-{answered[0]}" if answered else "lesson",
        "previous": previous,
        "next": following,
        # The meaning language offered on the page, and how many texts are not in it yet
        # (they are shown in English, and the page says so).
        "meaning_choices": settings.MEANING_LANGUAGES,
        "meaning_wanted": wanted,
        "meaning_wanted_name": format_html(
            '<bdi lang="{}">{}</bdi>', wanted, dict(settings.MEANING_LANGUAGES).get(wanted, wanted)
        ),
        "meaning_missing": lesson_missing_count(lesson, wanted),
    }


def _render_lesson_page(
    request: HttpRequest, lesson: Any, prefs: Any, verdicts: dict[str, Any]
) -> str:
    full = lesson_get_published(course_slug=lesson.course.slug, lesson_slug=lesson.slug)
    context = lesson_page_context(full, prefs, verdicts)
    # Holes in the cached page, filled for each request.
    context.update(csrf_token=CSRF_PLACEHOLDER, progress_placeholder=PROGRESS_PLACEHOLDER)
    return render_to_string("lessons/lesson_detail.html", context, request=_path_only(request))


def _path_only(request: HttpRequest) -> HttpRequest:
    """*request* without its query string, for a page cached for everyone: the switches' `next`
    fields must not carry one visitor's query to the next."""
    if not request.META.get("QUERY_STRING"):
        return request
    bare = copy.copy(request)
    bare.META = {**request.META, "QUERY_STRING": ""}
    return bare


@require_GET
@transaction.non_atomic_requests
def lesson_detail(request: HttpRequest, course: str, lesson: str) -> HttpResponse:
    """The lesson page. It is the same for everyone who reads the same languages with the same
    switches, so it is cached whole; the CSRF token and the learner's progress are put in per
    request. Fresh verdicts and messages are per learner: such a page is rendered afresh."""
    prefs = _prefs(request)
    verdicts = (
        request.session.pop(LAST_VERDICTS_KEY, {}) if LAST_VERDICTS_KEY in request.session else {}
    )
    cacheable = not verdicts and not messages_pending(request)
    # Looked up without creating it: an address made up by anyone finds nothing and stores
    # nothing; the generation is made once the lesson is known to exist.
    generation = lesson_pages_generation(course_slug=course, create=False)
    key = _page_key(request, course, lesson, prefs, generation) if generation else ""
    cached = cache.get(key) if cacheable and key else None
    if cached is None:
        lesson_obj = lesson_get_head(course_slug=course, lesson_slug=lesson)  # 404 if none
        if not key:  # before rendering, so that an edit committed meanwhile bumps it
            generation = lesson_pages_generation(course_slug=course)
            key = _page_key(request, course, lesson, prefs, generation)
        cached = (lesson_obj.pk, _render_lesson_page(request, lesson_obj, prefs, verdicts))
        if cacheable and len(cached[1]) <= PAGE_CACHE_MAX_CHARS:
            cache.set(key, cached, PAGE_CACHE_SECONDS)
    lesson_id, page = cached
    progress = progress_by_lesson(
        learner=request.user, session=request.session, lesson_ids=[lesson_id]
    ).get(lesson_id)
    progress_html = (
        render_to_string("lessons/includes/lesson_progress.html", {"progress": progress})
        if progress
        else ""
    )
    page = page.replace(CSRF_PLACEHOLDER, get_token(request)).replace(
        PROGRESS_PLACEHOLDER, progress_html
    )
    response = HttpResponse(page)
    # Fading furigana (the review app's middleware): known words lose their <rt>.
    response.fade_furigana = prefs.furigana  # type: ignore[attr-defined]
    return response


def answer_from_form(kind: str, data: Any) -> dict[str, Any]:
    """The answer as the grading engine takes it, from the plain form of each kind."""
    if kind in ("choice", "listening"):
        return {"choice": data.get("choice", "")}
    if kind == "reading":
        return {"text": data.get("text", "")}
    if kind == "cloze":
        return {"choice": data["choice"]} if "choice" in data else {"text": data.get("text", "")}
    if kind == "ordering":
        if "order" in data:
            return {"order": data.get("order", "")}
        positions = sorted(
            (k for k in data if k.startswith("position_")),
            key=lambda k: int(k.split("_")[1]) if k[9:].isdigit() else 0,
        )
        return {"order": ",".join(data.get(k, "") for k in positions)}
    if kind == "matching":
        return {
            "matches": {k.split("_", 1)[1]: v for k, v in data.items() if k.startswith("match_")}
        }
    return {}


@require_POST
def exercise_answer(request: HttpRequest, course: str, lesson: str, pk: int) -> HttpResponse:
    exercise = exercise_get_for_learner(pk=pk)
    if exercise.lesson.slug != lesson or exercise.lesson.course.slug != course:
        raise Http404
    wants_json = "application/json" in request.headers.get("Accept", "")
    try:
        result = attempt_submit(
            exercise=exercise,
            answer=answer_from_form(exercise.kind, request.POST),
            learner=request.user,
            session=request.session,
        )
    except ValidationError as exc:
        if wants_json:
            return JsonResponse(
                {
                    "errors": exc.message_dict
                    if hasattr(exc, "error_dict")
                    else {"answer": exc.messages}
                },
                status=400,
            )
        # Shown in the exercise itself, with the learner's answer still in the form.
        payload: dict[str, Any] = {"error": " ".join(exc.messages)}
    else:
        payload = verdict_payload(exercise, result, display_prefs_for(request).meaning_languages)
        if wants_json:
            return JsonResponse(payload)
    payload["given"] = _given_fields(request.POST)
    verdicts = request.session.get(LAST_VERDICTS_KEY, {})
    verdicts[str(exercise.pk)] = payload
    request.session[LAST_VERDICTS_KEY] = verdicts
    return redirect(exercise.lesson.get_absolute_url() + f"#exercise-{exercise.pk}")


# The answer fields of the exercise forms, kept for the page that shows the verdict.
_GIVEN_FIELD_RE = re.compile(r"(text|choice|order|position_[0-9]{1,2}|match_[0-9]{1,2})")


def _given_fields(data: Any) -> dict[str, str]:
    """What the learner posted, so the form shows it again (bounded: at most 40 fields of
    the exercise kinds' names, each cut to the longest answer)."""
    given: dict[str, str] = {}
    for name in list(data)[:40]:
        if _GIVEN_FIELD_RE.fullmatch(name):
            given[name] = str(data.get(name, ""))[: exercise_engine.MAX_TEXT]
    return given


@require_POST
def display_set(request: HttpRequest) -> HttpResponse:
    """The furigana, romaji and translation switches (and the meaning language)."""

    def flag(name: str) -> bool | None:
        value = request.POST.get(name)
        return None if value is None else value in ("1", "on", "true")

    display_prefs_update(
        user=request.user,
        session=request.session,
        furigana=flag("furigana"),
        romaji=flag("romaji"),
        translations=flag("translations"),
        meaning_language=request.POST.get("meaning_language"),
    )
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"ok": True})
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, {request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/courses/"
    return redirect(next_url)


# --- Anki decks ---------------------------------------------------------------------------------


@require_GET
@transaction.non_atomic_requests
def course_deck(request: HttpRequest, course: str) -> HttpResponse:
    return course_deck_response(request, course)


@require_GET
@transaction.non_atomic_requests
def lesson_deck(request: HttpRequest, course: str, lesson: str) -> HttpResponse:
    return lesson_deck_response(request, course, lesson)


@require_GET
@login_required
def mistakes_deck(request: HttpRequest) -> HttpResponse:
    deck = deck_export_mistakes(learner=request.user, languages=deck_languages(request))
    if not deck.notes:
        # A deck that imports nothing would look broken in Anki: say so here instead.
        return render(request, "lessons/mistakes_empty.html")
    return deck_response(request, deck.etag, lambda: deck)


_RANGE_RE = re.compile(r"bytes=(\d*)-(\d*)$")


@require_GET
def audio_file(request: HttpRequest, name: str) -> HttpResponse:
    """A synthesised clip from local storage, with byte ranges (Safari plays media only from
    servers that answer them). Clips are named by their content: cached for a year."""
    storage = storages["audio"]
    try:
        with storage.open(name, "rb") as handle:
            data = handle.read()
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    size = len(data)
    status, body = 200, data
    extra: dict[str, str] = {}
    match = _RANGE_RE.match(request.headers.get("Range", "").strip())
    if match and size and (match.group(1) or match.group(2)):
        first, last = match.group(1), match.group(2)
        if first:
            start, end = int(first), min(int(last) if last else size - 1, size - 1)
        else:  # "bytes=-N": the last N bytes
            start, end = max(size - int(last), 0), size - 1
        if start > end or start >= size:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        status, body = 206, data[start : end + 1]
        extra["Content-Range"] = f"bytes {start}-{end}/{size}"
    response = HttpResponse(body, status=status, content_type=speech.MIME_TYPE)
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    for header, value in extra.items():
        response[header] = value
    return response
