"""Lessons: creating, changing, publishing, deleting and ordering them."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lessons.models import (
    Course,
    Lesson,
)
from lessons.services import (
    lesson_pages_invalidate,
)
from lessons.services.authoring._common import (
    _apply,
    _course_check,
    _full_clean,
    _japanese,
    _lesson_lock,
    _move,
    _next_order,
    _render,
)

LESSON_FIELDS = (
    "slug",
    "title",
    "title_ja",
    "can_do",
    "topic",
    "title_translations",
    "can_do_translations",
)


def _lesson_slug_free(lesson: Lesson) -> None:
    clash = Lesson.objects.filter(course_id=lesson.course_id, slug=lesson.slug)
    if lesson.pk:
        clash = clash.exclude(pk=lesson.pk)
    if clash.exists():
        raise ValidationError({"slug": [_("Another lesson of this course has this slug.")]})


@transaction.atomic
def lesson_create(*, user: Any, course: Course, **fields: Any) -> Lesson:
    """A new, unpublished lesson at the end of the course."""
    _course_check(user, course)
    lesson = Lesson(course=course, order=_next_order(course.lessons), published=False)
    _apply(lesson, fields, LESSON_FIELDS)
    if not lesson.slug:
        lesson.slug = _free_slug(course, slugify(lesson.title)[:70] or "lesson")
    _japanese(lesson.title_ja, "title_ja")
    _full_clean(lesson, exclude=["course"])
    _lesson_slug_free(lesson)
    lesson.save()
    _render(lesson)
    lesson.refresh_from_db(fields=["ruby", "furigana_version"])
    return lesson


@transaction.atomic
def lesson_update(*, user: Any, lesson: Lesson, version: int | None, **changes: Any) -> Lesson:
    _lesson_lock(user=user, lesson=lesson, version=version)
    names = _apply(lesson, changes, LESSON_FIELDS)
    _japanese(lesson.title_ja, "title_ja")
    _full_clean(lesson, exclude=["course"])
    _lesson_slug_free(lesson)
    lesson.save(update_fields=[*names, "updated_at"])
    _render(lesson)
    lesson.refresh_from_db(fields=["ruby", "furigana_version"])
    return lesson


@transaction.atomic
def lesson_publish_set(
    *, user: Any, lesson: Lesson, published: bool, version: int | None = None
) -> Lesson:
    """Publish or unpublish; drafts are invisible to learners."""
    _lesson_lock(user=user, lesson=lesson, version=version)
    lesson.published = published
    lesson.save(update_fields=["published", "updated_at"])
    lesson_pages_invalidate(lesson.course)
    return lesson


@transaction.atomic
def lesson_delete(*, user: Any, lesson: Lesson, version: int) -> None:
    """Delete a lesson as the tutor saw it: a *version* other than the lesson's is a
    LessonVersionConflict (someone changed it since, and their work is not deleted unseen)."""
    _lesson_lock(user=user, lesson=lesson, version=version)
    course = lesson.course
    lesson.delete()
    lesson_pages_invalidate(course)


@transaction.atomic
def lesson_move(*, user: Any, lesson: Lesson, direction: str) -> bool:
    """Move a lesson up or down in its course; returns whether it moved."""
    _course_check(user, lesson.course)
    moved = _move(lesson.course.lessons.all(), lesson, direction)
    if moved:
        lesson_pages_invalidate(lesson.course)
    return moved


def _free_slug(course: Course, slug: str) -> str:
    taken = set(course.lessons.values_list("slug", flat=True))
    if slug not in taken:
        return slug
    base = slug[:70]
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"
