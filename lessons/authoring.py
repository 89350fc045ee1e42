"""Writes of the tutor workspace: courses, lessons and their parts, imports, classes.

Pages and the API call these same functions. Each checks the user may edit the course, runs in
one transaction, re-renders furigana (lesson_render / course_render, which also invalidate the
cached lesson pages), and raises ValidationError for what a tutor can fix.

A lesson edit carries the `Lesson.version` the tutor's form was opened with: a stale version is
a `LessonVersionConflict`, and every successful change to a lesson or its parts increments it.
A change of the course's reading list does not: a tutor correcting a reading while a passage
form is open must still be able to save that form.
"""

import secrets
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Model
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lessons import exercises as exercise_engine
from lessons import transfer
from lessons.japanese.furigana import (
    FuriganaError,
    strip_markup,
    validate_overrides,
)
from lessons.models import (
    ClassMembership,
    Classroom,
    Course,
    Exercise,
    Lesson,
    Passage,
    VocabularyItem,
)
from lessons.services import (
    course_render,
    exercise_drafts_generate,
    furigana_version_for,
    lesson_pages_invalidate,
    lesson_render,
    vocabulary_render,
)
from lessons.teaching import course_can_edit, user_can_teach, user_sees_all_courses
from lessons.textcheck import validate_japanese_text

MAX_READINGS = 2_000
MAX_READING_WORD = 50
MAX_VOCABULARY_ROWS = 500
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
JOIN_CODE_LENGTH = 8


class LessonVersionConflict(ValidationError):
    """The lesson changed since the tutor opened it (the API answers 409)."""


def _stale() -> LessonVersionConflict:
    return LessonVersionConflict(
        _(
            "Someone else saved this lesson since you opened it. Reload the page to see their "
            "changes, then make yours again."
        ),
        code="stale",
    )


# --- Guards and shared checks -------------------------------------------------------------------


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
        raise ValidationError({field: [str(exc)]}) from exc
    return text


def _apply(obj: Model, changes: Mapping[str, Any], allowed: tuple[str, ...]) -> list[str]:
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValidationError(
            _("Unknown fields: %(names)s") % {"names": ", ".join(sorted(unknown))}
        )
    for name, value in changes.items():
        setattr(obj, name, _translations(value) if name.endswith("translations") else value)
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


# --- Courses --------------------------------------------------------------------------------

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
        raise ValidationError({"readings": [str(exc)]}) from exc


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
    return course


@transaction.atomic
def course_update(*, user: Any, course: Course, **changes: Any) -> Course:
    """Change a course; a changed reading list re-renders every lesson of the course."""
    _course_check(user, course)
    readings = changes.pop("readings", None)
    _apply(course, changes, COURSE_FIELDS)
    _full_clean(course, exclude=["owner"])
    if Course.objects.filter(slug=course.slug).exclude(pk=course.pk).exists():
        raise ValidationError({"slug": [_("Another course has this slug.")]})
    rerender = False
    if readings is not None:
        readings = readings_validate(readings)
        rerender = readings != (course.readings or {})
        course.readings = readings
    course.save()
    if rerender:
        course_render(course)
    else:
        lesson_pages_invalidate(course)  # the pages show the course's title
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


# --- Lessons --------------------------------------------------------------------------------

LESSON_FIELDS = ("slug", "title", "title_ja", "can_do", "title_translations", "can_do_translations")


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
def lesson_delete(*, user: Any, lesson: Lesson, version: int | None = None) -> None:
    _lesson_lock(user=user, lesson=lesson, version=version)
    course = lesson.course
    lesson.delete()
    lesson_pages_invalidate(course)


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


def _build_lesson(
    *, course: Course, document: transfer.LessonDocument, slug: str, keep_keys: bool
) -> Lesson:
    """Create a lesson with its parts from a checked document (no permission check)."""
    lesson = Lesson(course=course, order=_next_order(course.lessons), published=False)
    for name, value in document.lesson.items():
        setattr(lesson, name, value)
    lesson.slug = slug
    lesson.save()
    for order, passage in enumerate(document.passages, start=1):
        _japanese(passage["text"], "text")
        Passage.objects.create(lesson=lesson, order=order, **passage)
    known_keys = set(
        VocabularyItem.objects.filter(
            key__in=[v["key"] for v in document.vocabulary if v["key"]]
        ).values_list("key", flat=True)
    )
    known = {str(k) for k in known_keys}
    for order, word in enumerate(document.vocabulary, start=1):
        fields = dict(word)
        key = fields.pop("key")
        override = fields.pop("reading_is_override")
        _japanese(fields["expression"], "expression")
        item = VocabularyItem(lesson=lesson, order=order, **fields)
        item.reading_is_override = override
        if keep_keys and key and key not in known:
            item.key = key  # the same word keeps its identity (and its Anki notes)
        if override and item.reading:
            try:
                readings_validate({item.expression: item.reading})
            except ValidationError as exc:
                raise ValidationError({"vocabulary": exc.messages}) from exc
        item.save()
    for order, exercise in enumerate(document.exercises, start=1):
        Exercise.objects.create(lesson=lesson, order=order, **exercise)
    _render(lesson)
    return lesson


@transaction.atomic
def lesson_import(*, user: Any, course: Course, document: object) -> Lesson:
    """A new unpublished lesson from a JSON document (`teaching.lesson_export`); a slug taken
    in the course gets a number. Nothing is saved unless the whole document is valid."""
    _course_check(user, course)
    try:
        parsed = transfer.parse_lesson_document(document)
    except transfer.TransferError as exc:
        raise ValidationError({"file": [str(exc)]}) from exc
    _japanese(parsed.lesson["title_ja"], "title_ja")
    return _build_lesson(
        course=course,
        document=parsed,
        slug=_free_slug(course, parsed.lesson["slug"]),
        keep_keys=True,
    )


@transaction.atomic
def lesson_duplicate(*, user: Any, lesson: Lesson) -> Lesson:
    """An unpublished copy at the end of the course; its words get new keys (new Anki notes)."""
    from lessons.teaching import lesson_export

    _course_check(user, lesson.course)
    document = transfer.parse_lesson_document(lesson_export(lesson=lesson))
    copy = _build_lesson(
        course=lesson.course,
        document=document,
        slug=_free_slug(lesson.course, f"{lesson.slug}-copy"),
        keep_keys=False,
    )
    copy.title = (_("%(title)s (copy)") % {"title": lesson.title})[:200]
    copy.save(update_fields=["title"])
    return copy


# --- Parts of a lesson ----------------------------------------------------------------------

PASSAGE_FIELDS = ("kind", "title", "text", "translations")


@transaction.atomic
def passage_create(*, user: Any, lesson: Lesson, version: int | None, **fields: Any) -> Passage:
    _lesson_lock(user=user, lesson=lesson, version=version)
    passage = Passage(lesson=lesson, order=_next_order(lesson.passages))
    _apply(passage, fields, PASSAGE_FIELDS)
    _japanese(passage.text, "text")
    _full_clean(passage, exclude=["lesson"])
    passage.save()
    _render(lesson)
    passage.refresh_from_db()
    return passage


@transaction.atomic
def passage_update(*, user: Any, passage: Passage, version: int | None, **changes: Any) -> Passage:
    _lesson_lock(user=user, lesson=passage.lesson, version=version)
    names = _apply(passage, changes, PASSAGE_FIELDS)
    _japanese(passage.text, "text")
    _full_clean(passage, exclude=["lesson"])
    passage.save(update_fields=names)
    _render(passage.lesson)
    passage.refresh_from_db()
    return passage


VOCABULARY_FIELDS = (
    "expression",
    "reading",
    "part_of_speech",
    "meanings",
    "example",
    "example_translations",
)


def _vocabulary_reading(item: VocabularyItem, typed: str) -> None:
    """Set the item's reading: empty takes the engine's; a typed reading that differs from the
    engine's is a tutor override (checked against the word by the furigana engine)."""
    course = item.lesson.course
    probe = VocabularyItem(expression=item.expression, example="")
    vocabulary_render(probe, overrides=course.readings or {}, version=furigana_version_for(course))
    typed = typed.strip()
    if not typed or typed == probe.reading:
        item.reading = probe.reading
        item.reading_is_override = False
        return
    try:
        checked = validate_overrides({item.expression: typed})[item.expression]
    except FuriganaError as exc:
        raise ValidationError({"reading": [str(exc)]}) from exc
    item.reading = checked
    item.reading_is_override = checked != probe.reading


def _vocabulary_save(item: VocabularyItem, reading: str) -> None:
    _japanese(item.expression, "expression")
    if item.example:
        _japanese(item.example, "example")
    item.meanings = _translations(item.meanings)
    _full_clean(item, exclude=["lesson", "reading"])
    _vocabulary_reading(item, reading)
    course = item.lesson.course
    vocabulary_render(item, overrides=course.readings or {}, version=furigana_version_for(course))
    item.save()


@transaction.atomic
def vocabulary_create(
    *, user: Any, lesson: Lesson, version: int | None, **fields: Any
) -> VocabularyItem:
    """A new word; its reading comes from the engine unless the tutor typed another."""
    _lesson_lock(user=user, lesson=lesson, version=version)
    reading = fields.pop("reading", "") or ""
    item = VocabularyItem(lesson=lesson, order=_next_order(lesson.vocabulary))
    _apply(item, fields, VOCABULARY_FIELDS)
    _vocabulary_save(item, reading)
    _render(lesson)
    return item


@transaction.atomic
def vocabulary_update(
    *, user: Any, item: VocabularyItem, version: int | None, **changes: Any
) -> VocabularyItem:
    """Change a word. Leaving `reading` out keeps a tutor's override; an empty one returns to
    the engine's reading."""
    _lesson_lock(user=user, lesson=item.lesson, version=version)
    reading = changes.pop("reading", item.reading if item.reading_is_override else "")
    _apply(item, changes, VOCABULARY_FIELDS)
    _vocabulary_save(item, reading or "")
    _render(item.lesson)
    return item


@transaction.atomic
def vocabulary_import(
    *, user: Any, lesson: Lesson, rows: list[transfer.VocabularyRow], version: int | None = None
) -> list[VocabularyItem]:
    """Add the words of a CSV file (transfer.parse_vocabulary_csv) to the lesson; a word the
    lesson has already is updated in place (it keeps its key, so Anki updates its card).
    Every row is checked first: any problem is a ValidationError listing each bad row, and
    nothing is saved."""
    _lesson_lock(user=user, lesson=lesson, version=version)
    if len(rows) > MAX_VOCABULARY_ROWS:
        raise ValidationError(_("At most %(n)d words per file.") % {"n": MAX_VOCABULARY_ROWS})
    existing = {item.expression: item for item in lesson.vocabulary.all()}
    order = _next_order(lesson.vocabulary)
    problems: list[str] = []
    items: list[VocabularyItem] = []
    for row in rows:
        item = existing.get(row.expression) or VocabularyItem(lesson=lesson, order=order)
        if item.pk is None:
            order += 1
        item.expression = row.expression
        item.part_of_speech = row.part_of_speech
        item.meanings = {**(item.meanings or {}), **row.meanings}
        item.example = row.example or item.example
        item.example_translations = {
            **(item.example_translations or {}),
            **row.example_translations,
        }
        try:
            _vocabulary_save(item, row.reading)
        except ValidationError as exc:
            detail = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
            for field, messages in detail.items():
                for message in messages:
                    label = f"{field}: " if field and field != "__all__" else ""
                    problems.append(
                        _("Row %(row)d: %(problem)s")
                        % {"row": row.row, "problem": f"{label}{message}"}
                    )
            continue
        items.append(item)
    if problems:
        # Rows saved before a bad one are undone with the transaction.
        raise ValidationError(problems)
    _render(lesson)
    return items


EXERCISE_FIELDS = (
    "kind",
    "prompt",
    "prompt_translations",
    "data",
    "explanation",
    "explanation_translations",
    "status",
)


def _exercise_check(exercise: Exercise) -> None:
    try:
        exercise.data = exercise_engine.validate_data(exercise.kind, exercise.data)
    except exercise_engine.ExerciseDataError as exc:
        raise ValidationError({"data": [str(exc)]}) from exc
    _japanese(exercise.prompt, "prompt")
    _full_clean(exercise, exclude=["lesson", "data"])


@transaction.atomic
def exercise_create(*, user: Any, lesson: Lesson, version: int | None, **fields: Any) -> Exercise:
    """A new exercise, its data checked against the kind's schema (exercises.validate_data)."""
    _lesson_lock(user=user, lesson=lesson, version=version)
    exercise = Exercise(lesson=lesson, order=_next_order(lesson.exercises))
    _apply(exercise, fields, EXERCISE_FIELDS)
    _exercise_check(exercise)
    exercise.save()
    _render(lesson)
    return exercise


@transaction.atomic
def exercise_update(
    *, user: Any, exercise: Exercise, version: int | None, **changes: Any
) -> Exercise:
    _lesson_lock(user=user, lesson=exercise.lesson, version=version)
    names = _apply(exercise, changes, EXERCISE_FIELDS)
    _exercise_check(exercise)
    exercise.save(update_fields=names)
    _render(exercise.lesson)
    return exercise


@transaction.atomic
def exercise_draft_accept(*, user: Any, exercise: Exercise, version: int | None = None) -> Exercise:
    """A reviewed draft becomes a ready exercise that learners answer."""
    return exercise_update(
        user=user, exercise=exercise, version=version, status=Exercise.Status.READY
    )


@transaction.atomic
def lesson_drafts_generate(*, user: Any, lesson: Lesson) -> list[Exercise]:
    """Draft exercises from the lesson's words and passages for review (services)."""
    _lesson_lock(user=user, lesson=lesson, version=None)
    return exercise_drafts_generate(lesson=lesson)


_PARTS: dict[str, type[Passage] | type[VocabularyItem] | type[Exercise]] = {
    "passage": Passage,
    "vocabulary": VocabularyItem,
    "exercise": Exercise,
}


@transaction.atomic
def lesson_part_delete(
    *, user: Any, part: Passage | VocabularyItem | Exercise, version: int | None
) -> None:
    """Delete a passage, word or exercise (a discarded draft too)."""
    lesson = part.lesson
    _lesson_lock(user=user, lesson=lesson, version=version)
    part.delete()
    lesson_pages_invalidate(lesson.course)


@transaction.atomic
def lesson_part_move(
    *, user: Any, part: Passage | VocabularyItem | Exercise, direction: str, version: int | None
) -> bool:
    """Move a passage, word or exercise up or down within its lesson."""
    lesson = part.lesson
    _lesson_lock(user=user, lesson=lesson, version=version)
    moved = _move(type(part).objects.filter(lesson=lesson), part, direction)
    if moved:
        lesson_pages_invalidate(lesson.course)
    return moved


def part_model(kind: str) -> type[Passage] | type[VocabularyItem] | type[Exercise]:
    """The model of a part named `passage`, `vocabulary` or `exercise` (ValidationError else)."""
    try:
        return _PARTS[kind]
    except KeyError:
        raise ValidationError({"part": [_("Unknown part of a lesson.")]}) from None


# --- Classes --------------------------------------------------------------------------------


def _join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


@transaction.atomic
def classroom_create(*, user: Any, course: Course, name: str) -> Classroom:
    """A class following *course*, with a fresh join code."""
    _course_check(user, course)
    name = name.strip()
    if not name:
        raise ValidationError({"name": [_("Give the class a name.")]})
    if len(name) > 120:
        raise ValidationError({"name": [_("The name is too long.")]})
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Classroom.objects.create(
                    course=course, name=name, created_by=user, join_code=_join_code()
                )
        except IntegrityError:
            continue  # the code was taken: draw another
    raise ValidationError(_("Could not make a join code; try again."))


@transaction.atomic
def classroom_join(*, user: Any, code: str) -> Classroom:
    """Join the class with this code (joining twice changes nothing)."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Sign in to join a class."))
    classroom = (
        Classroom.objects.select_related("course").filter(join_code=code.strip().upper()).first()
    )
    if classroom is None:
        raise ValidationError({"code": [_("No class has this code.")]})
    ClassMembership.objects.get_or_create(classroom=classroom, learner=user)
    return classroom
