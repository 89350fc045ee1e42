"""Helpers shared by the tutor pages: form versions, lesson context, saved previews."""

import json
from collections.abc import Callable
from typing import Any

from django.forms import Form
from django.http import HttpResponse
from django.urls import reverse
from django.utils.safestring import mark_safe

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
    """Show the furigana saved for each field's text under it (the preview without JS)."""
    for name, text in texts.items():
        entry = ruby.get(text) if isinstance(ruby, dict) else None
        if name in form.fields and isinstance(entry, dict) and isinstance(entry.get("html"), str):
            # Rendered by the furigana engine, which escapes every piece of text.
            form.fields[name].saved_preview = mark_safe(entry["html"])  # type: ignore[attr-defined]  # noqa: S308


def _lesson_url(lesson: Lesson) -> str:
    return reverse("teach:lesson-update", kwargs={"lesson": lesson.pk})
