"""Helpers shared by the tutor pages: form versions, lesson context, saved previews (furigana,
and the players of the saved texts' clips)."""

import json
from collections.abc import Callable
from typing import Any

from django.forms import Form
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from lessons import selectors
from lessons.models import Lesson

View = Callable[..., HttpResponse]


def _version(form: Form) -> int | None:
    return form.cleaned_data.get("version") if form.is_valid() else None


def _lesson_context(lesson: Lesson) -> dict[str, Any]:
    course = lesson.course
    return {
        "lesson": lesson,
        "course": course,
        "readings_json": json.dumps(course.readings or {}, ensure_ascii=False),
    }


def _saved_previews(form: Form, ruby: object, texts: dict[str, str]) -> None:
    """Show the furigana saved for each field's text under it (the preview without JS), and
    the player of its clip once a worker has made it."""
    for name, text in texts.items():
        entry = ruby.get(text) if isinstance(ruby, dict) else None
        if name in form.fields and isinstance(entry, dict) and isinstance(entry.get("html"), str):
            # Rendered by the furigana engine, which escapes every piece of text.
            form.fields[name].saved_preview = mark_safe(entry["html"])  # type: ignore[attr-defined]  # noqa: S308
    _saved_players(
        form, {name: [(text, selectors.speech_for(ruby, text))] for name, text in texts.items()}
    )


def _saved_players(form: Form, spoken: dict[str, list[tuple[str, Any]]]) -> None:
    """Under each field of *spoken* (field -> its texts with their clips), the players of the
    clips that are ready, each labelled with its text: the tutor hears what learners hear.
    One query for the whole form."""
    urls = selectors.audio_urls(
        keys=[found.key for pairs in spoken.values() for _text, found in pairs if found]
    )
    for name, pairs in spoken.items():
        players = [
            render_to_string("includes/player.html", {"url": urls[found.key], "label": text})
            for text, found in pairs
            if found and found.key in urls
        ]
        if players and name in form.fields:
            form.fields[name].saved_audio = mark_safe("".join(players))  # type: ignore[attr-defined]  # noqa: S308


def _lesson_url(lesson: Lesson) -> str:
    return reverse("teach:lesson-update", kwargs={"lesson": lesson.pk})
