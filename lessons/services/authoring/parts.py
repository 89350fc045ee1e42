"""Parts of a lesson: passages, words and exercises (drafts too), their order."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lessons import exercises as exercise_engine
from lessons.feedback import exercise_data_message, furigana_error_message
from lessons.japanese.furigana import (
    FuriganaError,
    validate_overrides,
)
from lessons.models import (
    Exercise,
    Lesson,
    Passage,
    VocabularyItem,
)
from lessons.services import (
    course_style,
    exercise_drafts_generate,
    furigana_version_for,
    lesson_pages_invalidate,
    vocabulary_render,
)
from lessons.services.authoring._common import (
    _apply,
    _full_clean,
    _japanese,
    _lesson_lock,
    _move,
    _next_order,
    _render,
    _translations,
)

PASSAGE_FIELDS = ("kind", "title", "title_translations", "text", "translations")


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
    "also_accept",
)
MAX_ALSO_ACCEPT = 4


def _also_accept(values: object) -> list[str]:
    """Other readings of a word, each checked to be typeable kana or romaji (duplicates
    dropped); a ValidationError names the one that is not."""
    if not isinstance(values, list | tuple):
        raise ValidationError({"also_accept": [_("List the other readings one per line.")]})
    readings = list(dict.fromkeys(str(v).strip() for v in values if str(v).strip()))
    if len(readings) > MAX_ALSO_ACCEPT:
        raise ValidationError(
            {"also_accept": [_("At most %(n)d other readings.") % {"n": MAX_ALSO_ACCEPT}]}
        )
    for reading in readings:
        try:
            exercise_engine.validate_data("reading", {"word": "-", "answers": [reading]})
        except exercise_engine.ExerciseDataError as exc:
            raise ValidationError(
                {"also_accept": [_("%(reading)s is not a reading in kana.") % {"reading": reading}]}
            ) from exc
    return readings


def _vocabulary_reading(item: VocabularyItem, typed: str) -> None:
    """Set the item's reading: empty takes the engine's; a typed reading that differs from the
    engine's is a tutor override (checked against the word by the furigana engine)."""
    course = item.lesson.course
    probe = VocabularyItem(expression=item.expression, example="")
    vocabulary_render(
        probe,
        overrides=course.readings or {},
        version=furigana_version_for(course),
        style=course_style(course),
    )
    typed = typed.strip()
    if not typed or typed == probe.reading:
        item.reading = probe.reading
        item.reading_is_override = False
        return
    try:
        checked = validate_overrides({item.expression: typed})[item.expression]
    except FuriganaError as exc:
        raise ValidationError({"reading": [furigana_error_message(exc)]}) from exc
    item.reading = checked
    item.reading_is_override = checked != probe.reading


def _vocabulary_check(item: VocabularyItem, reading: str) -> None:
    """Check a word and set its reading, saving nothing (ValidationError naming the field)."""
    _japanese(item.expression, "expression")
    if item.example:
        _japanese(item.example, "example")
    item.meanings = _translations(item.meanings)
    item.also_accept = _also_accept(item.also_accept)
    _full_clean(item, exclude=["lesson", "reading"])
    _vocabulary_reading(item, reading)


def _vocabulary_save(item: VocabularyItem, reading: str) -> None:
    _vocabulary_check(item, reading)
    _vocabulary_render_save(item)


def _vocabulary_render_save(item: VocabularyItem) -> None:
    """Render and save a word `_vocabulary_check` passed."""
    course = item.lesson.course
    vocabulary_render(
        item,
        overrides=course.readings or {},
        version=furigana_version_for(course),
        style=course_style(course),
    )
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


EXERCISE_FIELDS = (
    "kind",
    "prompt",
    "prompt_translations",
    "data",
    "explanation",
    "explanation_translations",
    "data_translations",
    "status",
)


def _exercise_check(exercise: Exercise) -> None:
    try:
        exercise.data = exercise_engine.validate_data(exercise.kind, exercise.data)
    except exercise_engine.ExerciseDataError as exc:
        raise ValidationError({"data": [exercise_data_message(exc)]}) from exc
    try:
        exercise.data_translations = exercise_engine.validate_data_translations(
            exercise.kind, exercise.data, exercise.data_translations or {}
        )
    except exercise_engine.ExerciseDataError as exc:
        raise ValidationError({"data_translations": [exercise_data_message(exc)]}) from exc
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
