"""Helpers shared by the authoring services: permission guards, the lesson lock, checks."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, Max, Model
from django.utils.text import slugify
from django.utils.translation import gettext as _

from learning.errors import Conflict
from lessons.feedback import furigana_error_message
from lessons.japanese.furigana import (
    FuriganaError,
    strip_markup,
)
from lessons.models import (
    Course,
    Lesson,
)
from lessons.permissions import course_can_edit
from lessons.services import (
    lesson_render,
)
from lessons.textcheck import validate_japanese_text


class LessonVersionConflict(Conflict):
    """The lesson changed since the tutor opened it (the API answers 409)."""


def _stale() -> LessonVersionConflict:
    return LessonVersionConflict(
        _(
            "Someone else saved this lesson since you opened it. Reload the page to see their "
            "changes, then make yours again."
        ),
        code="stale",
    )


class CourseVersionConflict(Conflict):
    """The course changed since the tutor opened it (the API answers 409)."""


def _course_stale() -> CourseVersionConflict:
    return CourseVersionConflict(
        _(
            "Someone else saved this course since you opened it. Reload the page to see their "
            "changes, then make yours again."
        ),
        code="stale",
    )


def _course_bump(*, course: Course, version: int | None) -> None:
    """Count a change of *course*: compare-and-set on its version, so that of two changes made
    on the same version only the first is saved (*version* None: count without checking).
    Must run inside the caller's transaction."""
    rows = Course.objects.filter(pk=course.pk)
    if version is not None:
        rows = rows.filter(version=version)
    if not rows.update(version=F("version") + 1):
        raise _course_stale()
    course.version = Course.objects.values_list("version", flat=True).get(pk=course.pk)


def _course_check(user: Any, course: Course) -> None:
    if not course_can_edit(user=user, course=course):
        raise PermissionDenied(_("You may not edit this course."))


def _lesson_lock(*, user: Any, lesson: Lesson, version: int | None) -> None:
    """Check *user* may edit *lesson*, lock its row, refuse a stale *version* (None: unchecked),
    and count this change. Must run inside the caller's transaction."""
    _course_check(user, lesson.course)
    locked = Lesson.objects.select_for_update().only("version").get(pk=lesson.pk)
    if version is not None and locked.version != version:
        raise _stale()
    Lesson.objects.filter(pk=lesson.pk).update(version=F("version") + 1)
    lesson.version = locked.version + 1


def _render(lesson: Lesson) -> None:
    """lesson_render on a fresh copy: the caller's lesson may hold prefetched parts from before
    this change."""
    lesson_render(Lesson.objects.select_related("course").get(pk=lesson.pk))


def _translations(value: Mapping[str, Any] | None) -> dict[str, str]:
    """Language code -> text, blanks dropped."""
    return {
        str(code): str(text).strip()
        for code, text in (value or {}).items()
        if isinstance(text, str) and text.strip()
    }


def _japanese(text: str, field: str) -> str:
    """*text* checked for limits and well-formed `{漢字|かんじ}` markup."""
    try:
        validate_japanese_text(text)
        strip_markup(text)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from exc
    except FuriganaError as exc:
        raise ValidationError({field: [furigana_error_message(exc)]}) from exc
    return text


def _apply(obj: Model, changes: Mapping[str, Any], allowed: tuple[str, ...]) -> list[str]:
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValidationError(
            _("Unknown fields: %(names)s") % {"names": ", ".join(sorted(unknown))}
        )
    for name, value in changes.items():
        # A text per language; an exercise's data_translations hold the kind's texts per
        # language and are checked with its data (exercises.validate_data_translations).
        plain = name.endswith("translations") and name != "data_translations"
        setattr(obj, name, _translations(value) if plain else value)
    return list(changes)


def _next_order(queryset: Any) -> int:
    return (queryset.aggregate(top=Max("order"))["top"] or 0) + 1


def _slug_from(title: str, fallback: str, taken: Any) -> str:
    """A slug made from *title* (ASCII), numbered past the ones in *taken*."""
    base = slugify(title)[:70] or fallback
    used = set(taken.filter(slug__startswith=base)) if hasattr(taken, "filter") else set(taken)
    slug, number = base, 2
    while slug in used:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _full_clean(obj: Model, exclude: list[str] | None = None) -> None:
    obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)


def _move(queryset: Any, obj: Any, direction: str) -> bool:
    """Swap *obj* with its neighbour in *queryset* (ordered by order, pk); orders are renumbered
    1..n first so equal orders cannot stall a move. Returns whether anything moved."""
    if direction not in ("up", "down"):
        raise ValidationError({"direction": [_("Move up or down.")]})
    items = list(queryset.select_for_update().order_by("order", "pk"))
    index = next((i for i, item in enumerate(items) if item.pk == obj.pk), None)
    if index is None:
        return False
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(items):
        return False
    items[index], items[other] = items[other], items[index]
    for number, item in enumerate(items, start=1):
        if item.order != number:
            item.order = number
            item.save(update_fields=["order"])
    return True
