"""Courses: creating and changing them, their reading list, sharing with other tutors."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lessons.feedback import furigana_error_message
from lessons.japanese.furigana import (
    FuriganaError,
    validate_overrides,
)
from lessons.models import (
    Course,
)
from lessons.permissions import user_can_teach, user_sees_all_courses
from lessons.services import (
    course_render,
    course_title_render,
    lesson_pages_invalidate,
)
from lessons.services.authoring._common import (
    _apply,
    _course_bump,
    _course_check,
    _full_clean,
    _slug_from,
)
from lessons.textcheck import validate_japanese_text

MAX_READINGS = 2_000
MAX_READING_WORD = 50


# The course's style options: a change re-renders every text of the course.
STYLE_FIELDS = ("reading_nihon", "reading_ashita", "romaji_style")
COURSE_FIELDS = (
    "slug",
    "title",
    "title_ja",
    "description",
    "title_translations",
    "description_translations",
    "level",
    "topic",
    "published",
    *STYLE_FIELDS,
)


def readings_validate(readings: Mapping[str, str]) -> dict[str, str]:
    """A reading list checked by the furigana engine (readings as hiragana), or ValidationError
    naming the bad entry."""
    if len(readings) > MAX_READINGS:
        raise ValidationError({"readings": [_("At most %(n)d words.") % {"n": MAX_READINGS}]})
    for word in readings:
        if len(word) > MAX_READING_WORD:
            raise ValidationError(
                {"readings": [_("The word %(word)s is too long.") % {"word": word[:20]}]}
            )
    try:
        return validate_overrides(readings)
    except FuriganaError as exc:
        raise ValidationError({"readings": [furigana_error_message(exc)]}) from exc


@transaction.atomic
def course_create(*, user: Any, **fields: Any) -> Course:
    """A new course owned by *user* (unpublished unless said otherwise)."""
    if not user_can_teach(user):
        raise PermissionDenied(_("Only tutors create courses."))
    readings = readings_validate(fields.pop("readings", None) or {})
    course = Course(owner=user, readings=readings)
    _apply(course, fields, COURSE_FIELDS)
    if not course.slug:
        course.slug = _slug_from(
            course.title, "course", Course.objects.values_list("slug", flat=True)
        )
    _full_clean(course, exclude=["owner"])
    if Course.objects.filter(slug=course.slug).exists():
        raise ValidationError({"slug": [_("Another course has this slug.")]})
    course.save()
    course_title_render(course)
    return course


@transaction.atomic
def course_update(
    *,
    user: Any,
    course: Course,
    version: int,
    shared_with: list[str] | None = None,
    **changes: Any,
) -> Course:
    """Change a course made on its *version* (a stale one is a CourseVersionConflict, and of
    simultaneous changes on one version only the first is saved); a changed reading list
    re-renders every lesson of the course. *shared_with* (usernames), when given, is who
    shares the course (`course_share_set`)."""
    _course_check(user, course)
    _course_bump(course=course, version=version)
    readings = changes.pop("readings", None)
    previous_slug = Course.objects.filter(pk=course.pk).values_list("slug", flat=True).first()
    style_before = [getattr(course, name) for name in STYLE_FIELDS]
    _apply(course, changes, COURSE_FIELDS)
    _full_clean(course, exclude=["owner"])
    if Course.objects.filter(slug=course.slug).exclude(pk=course.pk).exists():
        raise ValidationError({"slug": [_("Another course has this slug.")]})
    rerender = style_before != [getattr(course, name) for name in STYLE_FIELDS]
    if readings is not None:
        readings = readings_validate(readings)
        rerender = rerender or readings != (course.readings or {})
        course.readings = readings
    course.save()
    if shared_with is not None and sorted(shared_with) != sorted(
        course.shared_with.values_list("username", flat=True)
    ):
        course_share_set(user=user, course=course, usernames=shared_with)
    if rerender:
        course_render(course)
    else:
        course_title_render(course)
    # Always, and at the old address too: the pages show the course's title, and a renamed or
    # unpublished course must not go on being served from the cache.
    lesson_pages_invalidate(course, previous_slug=previous_slug or "")
    return course


@transaction.atomic
def course_reading_set(*, user: Any, course: Course, word: str, reading: str) -> dict[str, str]:
    """Add (or with an empty *reading*, remove) one word of the course's reading list and
    re-render the course, so the correction shows on every page, exercise, deck and API
    answer. Returns the new reading list."""
    _course_check(user, course)
    word = word.strip()
    reading = reading.strip()
    course = Course.objects.select_for_update().get(pk=course.pk)
    readings = dict(course.readings or {})
    if not word:
        raise ValidationError({"word": [_("Say which word to correct.")]})
    for value, field in ((word, "word"), (reading, "reading")):
        try:
            validate_japanese_text(value, max_length=100)
        except ValidationError as exc:
            raise ValidationError({field: exc.messages}) from exc
    if reading:
        readings[word] = reading
    else:
        readings.pop(word, None)
    course.readings = readings_validate(readings)
    course.save(update_fields=["readings", "updated_at"])
    # A course form opened before this correction must not save the old reading list back.
    _course_bump(course=course, version=None)
    course_render(course)
    return dict(course.readings)


@transaction.atomic
def course_share_set(*, user: Any, course: Course, usernames: list[str]) -> list[str]:
    """Share the course with exactly these tutors (by username). Only the owner or an editor
    may change who shares a course."""
    _course_check(user, course)
    if not (user_sees_all_courses(user) or course.owner_id == user.pk):
        raise PermissionDenied(_("Only the course's owner shares it."))
    from django.contrib.auth import get_user_model

    wanted = {name.strip() for name in usernames if name.strip()}
    users = list(get_user_model().objects.filter(username__in=wanted))
    missing = wanted - {u.get_username() for u in users}
    if missing:
        raise ValidationError(
            {"shared_with": [_("No such user: %(names)s") % {"names": ", ".join(sorted(missing))}]}
        )
    not_tutors = [u.get_username() for u in users if not user_can_teach(u)]
    if not_tutors:
        raise ValidationError(
            {"shared_with": [_("Not a tutor: %(names)s") % {"names": ", ".join(not_tutors)}]}
        )
    course.shared_with.set(users)
    return sorted(u.get_username() for u in users)
