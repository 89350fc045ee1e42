"""Lessons and words from files (JSON lessons, CSV words), and copies of lessons."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lessons import transfer
from lessons.models import (
    Course,
    Exercise,
    Lesson,
    Passage,
    VocabularyItem,
)
from lessons.services.authoring._common import (
    _course_check,
    _japanese,
    _lesson_lock,
    _next_order,
    _render,
)
from lessons.services.authoring.courses import readings_validate
from lessons.services.authoring.lessons import _free_slug
from lessons.services.authoring.parts import _vocabulary_save

MAX_VOCABULARY_ROWS = 500


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
    """A new unpublished lesson from a JSON document (`selectors.lesson_export`); a slug taken
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
    from lessons.selectors import lesson_export

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
