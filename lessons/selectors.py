"""Reads of `lessons`: published content for learners, and a learner's progress."""

from typing import Any

from django.contrib.sessions.backends.base import SessionBase
from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from lessons.models import Course, Exercise, Lesson, LessonProgress
from lessons.services import SESSION_PROGRESS_KEY, ProgressSummary, progress_summary


def course_list_published(*, level: str = "", topic: str = "") -> QuerySet[Course]:
    courses = Course.objects.filter(published=True).annotate(
        lesson_count=Count("lessons", filter=Q(lessons__published=True))).order_by("level", "title")
    if level:
        courses = courses.filter(level=level)
    if topic:
        courses = courses.filter(topic=topic)
    return courses


def course_get_published(*, slug: str) -> Course:
    return get_object_or_404(Course, slug=slug, published=True)


def lesson_list_published(*, course: Course) -> QuerySet[Lesson]:
    return course.lessons.filter(published=True).annotate(
        exercise_count=Count("exercises", filter=Q(exercises__status=Exercise.Status.READY)),
    ).order_by("order", "pk")


def lesson_get_published(*, course_slug: str, lesson_slug: str) -> Lesson:
    """A published lesson of a published course, with everything its page shows."""
    queryset = Lesson.objects.filter(
        published=True, course__published=True, course__slug=course_slug, slug=lesson_slug,
    ).select_related("course").prefetch_related(
        "passages", "vocabulary",
        Prefetch("exercises", queryset=Exercise.objects.filter(status=Exercise.Status.READY),
                 to_attr="ready_exercises"),
    )
    return get_object_or_404(queryset)


def exercise_get_for_learner(*, pk: int) -> Exercise:
    """A ready exercise of a published lesson and course, or 404."""
    return get_object_or_404(
        Exercise.objects.select_related("lesson__course"),
        pk=pk, status=Exercise.Status.READY, lesson__published=True,
        lesson__course__published=True,
    )


def progress_by_lesson(*, learner: Any, session: SessionBase | None,
                       lessons: list[Lesson]) -> dict[int, ProgressSummary]:
    """The learner's progress in each of *lessons* (account or session), one query at most
    for the account plus one for the exercise ids."""
    if not lessons:
        return {}
    exercise_ids: dict[int, list[int]] = {lesson.pk: [] for lesson in lessons}
    for lesson_id, pk in Exercise.objects.filter(
            lesson__in=lessons, status=Exercise.Status.READY).values_list("lesson_id", "pk"):
        exercise_ids[lesson_id].append(pk)
    out: dict[int, ProgressSummary] = {}
    if getattr(learner, "is_authenticated", False):
        for progress in LessonProgress.objects.filter(learner=learner, lesson__in=lessons):
            out[progress.lesson_id] = progress_summary(progress.results, exercise_ids[progress.lesson_id],
                                               True, progress.completed_at is not None)
    elif session is not None:
        stored = session.get(SESSION_PROGRESS_KEY, {})
        for lesson in lessons:
            entry = stored.get(str(lesson.pk)) if isinstance(stored, dict) else None
            if isinstance(entry, dict) and isinstance(entry.get("results"), dict):
                out[lesson.pk] = progress_summary(entry["results"], exercise_ids[lesson.pk], True,
                                          bool(entry.get("completed")))
    return out


def lesson_list_started(*, learner: Any, session: SessionBase | None) -> QuerySet[Lesson]:
    """Published lessons the learner has progress in (account or session)."""
    base = Lesson.objects.filter(published=True, course__published=True).select_related("course")
    if getattr(learner, "is_authenticated", False):
        return base.filter(progress__learner=learner)
    stored = session.get(SESSION_PROGRESS_KEY, {}) if session is not None else {}
    ids = [int(k) for k in stored if str(k).isdigit()] if isinstance(stored, dict) else []
    return base.filter(pk__in=ids)
