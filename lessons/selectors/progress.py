"""Reads of a learner's progress, on the account or in the session (anonymous visitors)."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.sessions.backends.base import SessionBase
from django.db.models import QuerySet

from learning.audio.selectors import audio_urls
from lessons.models import Exercise, Lesson, LessonProgress
from lessons.selectors.audio import speech_for

SESSION_PROGRESS_KEY = "lesson_progress"


@dataclass(frozen=True)
class ProgressSummary:
    started: bool
    completed: bool
    answered: int
    correct: int
    total: int

    @property
    def score(self) -> int:
        """Percentage of the lesson's exercises answered correctly."""
        return round(100 * self.correct / self.total) if self.total else 0


def exercise_ids_counted(*, lesson_ids: Iterable[int]) -> dict[int, list[int]]:
    """Lesson id -> ids of its exercises that count in its progress totals: the ready ones,
    less the listening exercises whose clip is not ready. Those cannot be answered by ear, so
    they neither count nor keep the lesson from being complete; once their clip is there they
    count. One query, three when the lessons have listening exercises."""
    ids = list(lesson_ids)
    out: dict[int, list[int]] = {pk: [] for pk in ids}
    if not ids:
        return out
    rows = list(
        Exercise.objects.filter(lesson_id__in=ids, status=Exercise.Status.READY)
        .order_by("order", "pk")
        .values_list("lesson_id", "pk", "kind")
    )
    listening = [pk for _lesson, pk, kind in rows if kind == Exercise.Kind.LISTENING]
    unheard: set[int] = set()
    if listening:
        keys: dict[int, str] = {}
        for pk, ruby, data in Exercise.objects.filter(pk__in=listening).values_list(
            "pk", "ruby", "data"
        ):
            sentence = data.get("sentence", "") if isinstance(data, dict) else ""
            found = speech_for(ruby, str(sentence))
            keys[pk] = found.key if found else ""
        ready = audio_urls(keys=keys.values())
        unheard = {pk for pk, key in keys.items() if key not in ready}
    for lesson_id, pk, _kind in rows:
        if pk not in unheard:
            out[lesson_id].append(pk)
    return out


def progress_summary(
    results: Mapping[str, bool], exercise_ids: Iterable[int], started: bool, completed: bool
) -> ProgressSummary:
    ids = {str(i) for i in exercise_ids}
    answered = {k: v for k, v in results.items() if k in ids}
    return ProgressSummary(
        started=started,
        completed=completed,
        answered=len(answered),
        correct=sum(1 for v in answered.values() if v),
        total=len(ids),
    )


def progress_by_lesson(
    *,
    learner: Any,
    session: SessionBase | None,
    lessons: list[Lesson] | None = None,
    lesson_ids: list[int] | None = None,
) -> dict[int, ProgressSummary]:
    """The learner's progress in each lesson (account or session): no query for a visitor
    who has answered nothing, else those of exercise_ids_counted and one for the account."""
    ids = [lesson.pk for lesson in lessons or []] + list(lesson_ids or [])
    if not ids:
        return {}
    signed_in = getattr(learner, "is_authenticated", False)
    stored = session.get(SESSION_PROGRESS_KEY, {}) if session is not None else {}
    if not isinstance(stored, dict):
        stored = {}
    if not signed_in and not any(str(pk) in stored for pk in ids):
        return {}
    exercise_ids = exercise_ids_counted(lesson_ids=ids)
    out: dict[int, ProgressSummary] = {}
    if signed_in:
        for progress in LessonProgress.objects.filter(learner=learner, lesson_id__in=ids):
            out[progress.lesson_id] = progress_summary(
                progress.results,
                exercise_ids[progress.lesson_id],
                True,
                progress.completed_at is not None,
            )
        return out
    for pk in ids:
        entry = stored.get(str(pk))
        if isinstance(entry, dict) and isinstance(entry.get("results"), dict):
            out[pk] = progress_summary(
                entry["results"], exercise_ids[pk], True, bool(entry.get("completed"))
            )
    return out


def lesson_list_started(*, learner: Any, session: SessionBase | None) -> QuerySet[Lesson]:
    """Published lessons the learner has progress in (account or session)."""
    base = Lesson.objects.filter(published=True, course__published=True).select_related("course")
    if getattr(learner, "is_authenticated", False):
        return base.filter(progress__learner=learner)
    stored = session.get(SESSION_PROGRESS_KEY, {}) if session is not None else {}
    ids = [int(k) for k in stored if str(k).isdigit()] if isinstance(stored, dict) else []
    return base.filter(pk__in=ids)
