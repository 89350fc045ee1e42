"""Reads of published content for learners, and the content generation of cached pages."""

import uuid

from django.core.cache import caches
from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from learning.audio.selectors import AUDIO_GENERATION_KEY
from lessons.models import Course, Exercise, Lesson

# Bumped by services.lesson_pages_invalidate; read here to key the cached lesson pages. A week's
# life bounds them too: an expired generation only means the pages are rendered afresh.
GENERATION_KEY = "lessons:pages-generation:{}"
# The content area (learning.pagecache) of the kept course list and course pages: renewed when
# a course, lesson or exercise is saved or deleted (lessons.apps).
CATALOGUE = "lessons-catalogue"
GENERATION_SECONDS = 7 * 24 * 3600


def course_list_published(*, level: str = "", topic: str = "") -> QuerySet[Course]:
    courses = (
        Course.objects.filter(published=True)
        .annotate(lesson_count=Count("lessons", filter=Q(lessons__published=True)))
        .order_by("level", "title")
    )
    if level:
        courses = courses.filter(level=level)
    if topic:
        lessons_on_topic = Lesson.objects.filter(topic=topic, published=True).values("course_id")
        courses = courses.filter(Q(topic=topic) | Q(pk__in=lessons_on_topic))
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


def lesson_pages_generation(*, course_slug: str, create: bool = True) -> str:
    """The current content generation of a course's lesson pages (see
    services.lesson_pages_invalidate), with the audio generation (it changes when a clip becomes
    ready); kept in the cache every worker shares, and read in one look-up.

    Without *create*, empty when the course has none yet: a request for a course that may not
    exist must leave nothing behind in the cache.
    """
    key = GENERATION_KEY.format(course_slug)
    shared = caches["shared"]
    found = shared.get_many([key, AUDIO_GENERATION_KEY])
    generation = found.get(key)
    if generation is None:
        if not create:
            return ""
        shared.add(key, uuid.uuid4().hex, GENERATION_SECONDS)
        generation = shared.get(key, "")
    return f"{generation}:{found.get(AUDIO_GENERATION_KEY, '')}"
