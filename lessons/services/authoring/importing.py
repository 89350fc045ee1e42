"""Lessons and words from files (JSON lessons, CSV words), and copies of lessons."""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from lessons import transfer
from lessons.models import (
    Course,
    Exercise,
    Lesson,
    Passage,
    VocabularyItem,
)
from lessons.services import lesson_pages_invalidate
from lessons.services.authoring._common import (
    _course_check,
    _japanese,
    _lesson_lock,
    _next_order,
    _render,
)
from lessons.services.authoring.courses import readings_validate
from lessons.services.authoring.lessons import _free_slug
from lessons.services.authoring.parts import _vocabulary_check, _vocabulary_render_save

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


def _document_problems(exc: transfer.TransferError) -> ValidationError:
    return ValidationError({"file": [problem.text(gettext) for problem in exc.problems]})


def lesson_import_clash(*, course: Course, document: object) -> Lesson | None:
    """The lesson of *course* whose slug a lesson document has, if any (the tutor then chooses
    to replace it or to add a copy). None for a document that is not valid."""
    try:
        slug = transfer.parse_lesson_document(document).lesson["slug"]
    except transfer.TransferError:
        return None
    return course.lessons.filter(slug=slug).first()


@transaction.atomic
def lesson_import(
    *, user: Any, course: Course, document: object, replace_version: int | None = None
) -> Lesson:
    """A new unpublished lesson from a JSON document (`selectors.lesson_export`). A slug taken
    in the course gets a number (a copy), unless *replace_version* is given: then the lesson
    with that slug, as the tutor saw it at that version, is replaced (its place and published
    state are kept; its parts and the learners' answers to them go). Nothing is saved unless
    the whole document is valid; every problem is reported, with where it is."""
    _course_check(user, course)
    try:
        parsed = transfer.parse_lesson_document(document)
    except transfer.TransferError as exc:
        raise _document_problems(exc) from exc
    _japanese(parsed.lesson["title_ja"], "title_ja")
    slug = parsed.lesson["slug"]
    replaced = course.lessons.filter(slug=slug).first() if replace_version is not None else None
    if replaced is None:
        return _build_lesson(
            course=course, document=parsed, slug=_free_slug(course, slug), keep_keys=True
        )
    _lesson_lock(user=user, lesson=replaced, version=replace_version)
    order, published = replaced.order, replaced.published
    replaced.delete()
    lesson = _build_lesson(course=course, document=parsed, slug=slug, keep_keys=True)
    Lesson.objects.filter(pk=lesson.pk).update(order=order, published=published)
    lesson.order, lesson.published = order, published
    lesson_pages_invalidate(course)
    return lesson


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
    copy.title = _copy_title(lesson)
    copy.save(update_fields=["title"])
    return copy


def _copy_title(lesson: Lesson) -> str:
    """ "Title (copy)", then "Title (copy 2)", "Title (copy 3)"... : the first title no lesson
    of the course has, so every copy can be told apart."""
    taken = set(lesson.course.lessons.values_list("title", flat=True))
    number = 1
    while True:
        if number == 1:
            title = _("%(title)s (copy)") % {"title": lesson.title[:180]}
        else:
            title = _("%(title)s (copy %(number)d)") % {
                "title": lesson.title[:180],
                "number": number,
            }
        if title not in taken:
            return title
        number += 1


@dataclass(frozen=True)
class WordChange:
    """One word of a CSV file against the lesson: *item* is the word as it would be saved
    (unsaved), *before* the saved word (None for a new one), *changes* the differences as
    (field, old, new)."""

    row: int
    item: VocabularyItem
    before: VocabularyItem | None
    changes: list[tuple[str, str, str]]


@dataclass(frozen=True)
class VocabularyImportPlan:
    """What importing a CSV file would do to a lesson (`vocabulary_import_plan`)."""

    version: int
    added: list[WordChange] = field(default_factory=list)
    changed: list[WordChange] = field(default_factory=list)
    unchanged: list[WordChange] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)  # (row, message)


def _word_fields(item: VocabularyItem) -> dict[str, str]:
    """The fields a CSV row sets, as text, for comparing a word before and after."""
    out = {
        "reading": item.reading or "",
        "part_of_speech": item.part_of_speech,
        "example": item.example or "",
    }
    out |= {f"meaning_{k}": v for k, v in sorted((item.meanings or {}).items())}
    out |= {f"example_{k}": v for k, v in sorted((item.example_translations or {}).items())}
    return out


def _row_problems(row: int, exc: ValidationError) -> list[tuple[int, str]]:
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
    out = []
    for name, messages in detail.items():
        label = f"{name}: " if name and name != "__all__" else ""
        for message in messages:
            out.append(
                (row, _("Row %(row)d: %(problem)s") % {"row": row, "problem": f"{label}{message}"})
            )
    return out


def _plan(lesson: Lesson, rows: list[transfer.VocabularyRow]) -> VocabularyImportPlan:
    if len(rows) > MAX_VOCABULARY_ROWS:
        raise ValidationError(_("At most %(n)d words per file.") % {"n": MAX_VOCABULARY_ROWS})
    plan = VocabularyImportPlan(version=lesson.version)
    words = VocabularyItem.objects.filter(lesson=lesson).select_related("lesson__course")
    # Two copies: the saved words to compare with, and the ones the rows change.
    existing = {item.expression: item for item in words}
    working = {item.expression: item for item in words.all()}
    order = _next_order(lesson.vocabulary)
    for row in rows:
        saved = existing.get(row.expression)
        if saved is None:
            item = VocabularyItem(lesson=lesson, order=order)
            order += 1
            typed = row.reading
        else:
            item = working[row.expression]
            # An empty reading cell keeps a tutor's correction of the word.
            typed = row.reading or (saved.reading if saved.reading_is_override else "")
        item.expression = row.expression
        item.part_of_speech = row.part_of_speech
        item.meanings = {**(item.meanings or {}), **row.meanings}
        item.example = row.example or item.example
        item.example_translations = {
            **(item.example_translations or {}),
            **row.example_translations,
        }
        try:
            _vocabulary_check(item, typed)
        except ValidationError as exc:
            plan.problems.extend(_row_problems(row.row, exc))
            continue
        old = _word_fields(saved) if saved is not None else {}
        new = _word_fields(item)
        changes = [
            (name, old.get(name, ""), new.get(name, ""))
            for name in dict.fromkeys([*new, *old])
            if old.get(name, "") != new.get(name, "")
        ]
        change = WordChange(row=row.row, item=item, before=saved, changes=changes)
        if saved is None:
            plan.added.append(change)
        elif changes:
            plan.changed.append(change)
        else:
            plan.unchanged.append(change)
    return plan


def vocabulary_import_plan(
    *, user: Any, lesson: Lesson, rows: list[transfer.VocabularyRow]
) -> VocabularyImportPlan:
    """What `vocabulary_import` would do with these rows, saving nothing: the words added,
    changed (old -> new) and left as they are, and every problem of every row in one pass.
    The plan carries the lesson's version, which the import must be confirmed with."""
    _course_check(user, lesson.course)
    lesson.refresh_from_db(fields=["version"])
    return _plan(lesson, rows)


@transaction.atomic
def vocabulary_import(
    *, user: Any, lesson: Lesson, rows: list[transfer.VocabularyRow], version: int
) -> list[VocabularyItem]:
    """Add the words of a CSV file (transfer.parse_vocabulary_csv) to the lesson; a word the
    lesson has already is updated in place (it keeps its key, so Anki updates its card).
    *version* is the lesson's version the tutor saw the plan of (`vocabulary_import_plan`): a
    lesson changed since is a LessonVersionConflict. Every row is checked first: any problem
    is a ValidationError listing each bad row, and nothing is saved. Returns the words added
    or changed."""
    _lesson_lock(user=user, lesson=lesson, version=version)
    plan = _plan(lesson, rows)
    if plan.problems:
        raise ValidationError([message for _row, message in sorted(plan.problems)])
    items = [change.item for change in (*plan.added, *plan.changed)]
    for item in items:
        _vocabulary_render_save(item)
    _render(lesson)
    return items
