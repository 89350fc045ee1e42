"""Reads of `lessons`: published content for learners, and a learner's progress."""

import uuid
from typing import Any

from django.contrib.sessions.backends.base import SessionBase
from django.core.cache import caches
from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from lessons.models import Course, Exercise, Lesson, LessonProgress
from lessons.services import (
    GENERATION_KEY,
    SESSION_PROGRESS_KEY,
    ProgressSummary,
    progress_summary,
)


def course_list_published(*, level: str = "", topic: str = "") -> QuerySet[Course]:
    courses = (
        Course.objects.filter(published=True)
        .annotate(lesson_count=Count("lessons", filter=Q(lessons__published=True)))
        .order_by("level", "title")
    )
    if level:
        courses = courses.filter(level=level)
    if topic:
        courses = courses.filter(topic=topic)
    return courses


def course_get_published(*, slug: str) -> Course:
    return get_object_or_404(Course, slug=slug, published=True)


def lesson_list_published(*, course: Course) -> QuerySet[Lesson]:
    return (
        course.lessons.filter(published=True)
        .annotate(
            exercise_count=Count("exercises", filter=Q(exercises__status=Exercise.Status.READY)),
        )
        .order_by("order", "pk")
    )


def lesson_course_ids_published(*, courses: list[Course]) -> dict[int, int]:
    """Lesson id -> course id of the published lessons of *courses*, in one query."""
    return dict(
        Lesson.objects.filter(course__in=courses, published=True).values_list("pk", "course_id")
    )


def lesson_get_published(*, course_slug: str, lesson_slug: str) -> Lesson:
    """A published lesson of a published course, with everything its page shows."""
    queryset = (
        Lesson.objects.filter(
            published=True,
            course__published=True,
            course__slug=course_slug,
            slug=lesson_slug,
        )
        .select_related("course")
        .prefetch_related(
            "passages",
            "vocabulary",
            Prefetch(
                "exercises",
                queryset=Exercise.objects.filter(status=Exercise.Status.READY),
                to_attr="ready_exercises",
            ),
        )
    )
    return get_object_or_404(queryset)


def exercise_get_for_learner(*, pk: int) -> Exercise:
    """A ready exercise of a published lesson and course, or 404."""
    return get_object_or_404(
        Exercise.objects.select_related("lesson__course"),
        pk=pk,
        status=Exercise.Status.READY,
        lesson__published=True,
        lesson__course__published=True,
    )


def progress_by_lesson(
    *,
    learner: Any,
    session: SessionBase | None,
    lessons: list[Lesson] | None = None,
    lesson_ids: list[int] | None = None,
) -> dict[int, ProgressSummary]:
    """The learner's progress in each lesson (account or session): no query for a visitor
    who has answered nothing, else one for the exercise ids and one for the account."""
    ids = [lesson.pk for lesson in lessons or []] + list(lesson_ids or [])
    if not ids:
        return {}
    signed_in = getattr(learner, "is_authenticated", False)
    stored = session.get(SESSION_PROGRESS_KEY, {}) if session is not None else {}
    if not isinstance(stored, dict):
        stored = {}
    if not signed_in and not any(str(pk) in stored for pk in ids):
        return {}
    exercise_ids: dict[int, list[int]] = {pk: [] for pk in ids}
    for lesson_id, pk in Exercise.objects.filter(
        lesson_id__in=ids, status=Exercise.Status.READY
    ).values_list("lesson_id", "pk"):
        exercise_ids[lesson_id].append(pk)
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


def lesson_get_head(*, course_slug: str, lesson_slug: str) -> Lesson:
    """A published lesson of a published course with its course: one query, for the parts of
    the page that are not cached."""
    return get_object_or_404(
        Lesson.objects.select_related("course"),
        published=True,
        course__published=True,
        course__slug=course_slug,
        slug=lesson_slug,
    )


def lesson_neighbours(*, lesson: Lesson) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
    """(slug, title) of the published lessons before and after *lesson* in its course."""
    siblings = list(
        Lesson.objects.filter(course_id=lesson.course_id, published=True)
        .order_by("order", "pk")
        .values_list("slug", "title")
    )
    slugs = [slug for slug, _title in siblings]
    index = slugs.index(lesson.slug) if lesson.slug in slugs else -1
    previous = siblings[index - 1] if index > 0 else None
    following = siblings[index + 1] if 0 <= index < len(siblings) - 1 else None
    return previous, following


def lesson_pages_generation(*, course_slug: str) -> str:
    """The current content generation of a course's lesson pages (see
    services.lesson_pages_invalidate); kept in the cache every worker shares."""
    key = GENERATION_KEY.format(course_slug)
    shared = caches["shared"]
    generation = shared.get(key)
    if generation is None:
        shared.add(key, uuid.uuid4().hex, None)
        generation = shared.get(key, "")
    return str(generation)
