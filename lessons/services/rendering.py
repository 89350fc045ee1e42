"""Furigana rendered when text is saved, and the content generation of cached lesson pages."""

import hashlib
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import transaction

from lessons.feedback import furigana_error_message
from lessons.japanese.furigana import (
    ENGINE_VERSION,
    FuriganaError,
    OverrideError,
    ReadingStyle,
    Segment,
    annotate,
    to_anki,
    to_html,
)
from lessons.japanese.ruby import CourseStyle, mixed_map, ruby_map
from lessons.models import (
    Course,
    Exercise,
    Lesson,
    Passage,
    VocabularyItem,
)
from lessons.selectors.audio import speech_for
from lessons.selectors.learner import GENERATION_KEY, GENERATION_SECONDS
from lessons.services.audio import lesson_audio_request
from lessons.textcheck import validate_japanese_text

DIALOGUE_SEPARATORS = ("：", ":")


# --- Furigana at save time ------------------------------------------------------------------


@dataclass(frozen=True)
class FuriganaResult:
    segments: list[Segment]
    html: str


def furigana_render(*, text: str, overrides: Mapping[str, str] | None = None) -> FuriganaResult:
    """Annotate *text* (limits checked) and render it; a bad override or markup is a
    ValidationError naming the problem."""
    validate_japanese_text(text)
    try:
        segments = annotate(text, overrides=overrides or None)
    except FuriganaError as exc:
        field = "overrides" if isinstance(exc, OverrideError) else "text"
        raise ValidationError({field: [furigana_error_message(exc)]}) from exc
    return FuriganaResult(segments=segments, html=to_html(segments))


# What is stored besides the engine's output; a change here marks every row stale (2: the
# Japanese inside explanations and translations, and the solved order of tiles).
RENDERING_VERSION = 2


def furigana_version_for(course: Course) -> str:
    """The engine version plus a digest of the course's reading list, style options and the
    rendering version."""
    key = [
        course.readings or {},
        course.reading_nihon,
        course.reading_ashita,
        course.romaji_style,
        RENDERING_VERSION,
    ]
    digest = hashlib.sha256(
        json.dumps(key, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()[:12]
    return f"{ENGINE_VERSION}+{digest}"


def course_style(course: Course) -> CourseStyle:
    try:
        readings = ReadingStyle(nihon=course.reading_nihon, ashita=course.reading_ashita)
    except ValueError:
        readings = ReadingStyle()
    return CourseStyle(readings=readings, romaji=course.romaji_style)


def passage_split_lines(passage: Passage) -> list[dict[str, str]]:
    lines = []
    for raw in passage.text.splitlines():
        line = raw.strip()
        if not line:
            continue
        speaker = ""
        if passage.kind == Passage.Kind.DIALOGUE:
            for sep in DIALOGUE_SEPARATORS:
                head, found, rest = line.partition(sep)
                if found and 0 < len(head) <= 20:
                    speaker, line = head.strip(), rest.strip()
                    break
        lines.append({"speaker": speaker, "text": line})
    return lines


def exercise_texts(exercise: Exercise) -> list[str]:
    """Every text of an exercise a learner may see: its prompt and the strings in its data."""
    data = exercise.data if isinstance(exercise.data, dict) else {}
    strings = [exercise.prompt]
    for key in ("question", "sentence", "word", "before", "after", "translation"):
        if isinstance(data.get(key), str):
            strings.append(data[key])
    for key in ("choices", "tiles", "answers"):
        strings.extend(s for s in data.get(key, []) if isinstance(s, str))
    tiles = data.get("tiles")
    if isinstance(tiles, list) and all(isinstance(t, str) for t in tiles):
        strings.append("".join(tiles))  # the solved order, shown as the answer
    for pair in data.get("pairs", []):
        strings.extend(s for s in pair if isinstance(s, str))
    return strings


def exercise_ruby(
    exercise: Exercise, overrides: Mapping[str, str], style: CourseStyle
) -> dict[str, dict[str, Any]]:
    """The stored rendering of an exercise: its Japanese texts, and the Japanese inside its
    explanations (in the learner's language, shown after an answer)."""
    notes = [exercise.explanation, *_strings(exercise.explanation_translations)]
    return mixed_map(notes, overrides, style) | ruby_map(exercise_texts(exercise), overrides, style)


def _strings(translations: object) -> list[str]:
    """The texts of a language -> text map, line by line (as pages show them)."""
    if not isinstance(translations, dict):
        return []
    texts = [t for t in translations.values() if isinstance(t, str)]
    return [line.strip() for text in texts for line in [text, *text.splitlines()] if line.strip()]


#: The fields `lesson_render` writes on each word (after saving the lesson itself).
VOCABULARY_RENDERED = [
    "reading",
    "ruby",
    "anki_reading",
    "anki_sentence",
    "word_audio",
    "sentence_audio",
    "furigana_version",
]


def lesson_render(lesson: Lesson) -> None:
    """Render every Japanese text of *lesson* and its parts and save the rendered fields.

    Pass a lesson without prefetched parts (load it afresh): prefetched lists would miss parts
    added since and re-render stale copies.
    """
    course = lesson.course
    overrides = course.readings or {}
    version = furigana_version_for(course)
    style = course_style(course)
    lesson.ruby = ruby_map([lesson.title_ja], overrides, style)
    lesson.furigana_version = version
    lesson.save(update_fields=["ruby", "furigana_version", "updated_at"])
    lesson_pages_invalidate(course)
    for passage in lesson.passages.all():
        passage.lines = passage_split_lines(passage)
        strings = [p for line in passage.lines for p in (line["speaker"], line["text"])]
        headings = [passage.title, *_strings(passage.title_translations)]
        notes = _strings(passage.translations) + [h for h in headings if h]
        passage.ruby = mixed_map(notes, overrides, style) | ruby_map(strings, overrides, style)
        passage.furigana_version = version
        passage.save(update_fields=["lines", "ruby", "furigana_version"])
    for item in lesson.vocabulary.all():
        vocabulary_render(item, overrides=overrides, version=version, style=style)
        item.save(update_fields=VOCABULARY_RENDERED)
    for exercise in lesson.exercises.all():
        exercise.ruby = exercise_ruby(exercise, overrides, style)
        exercise.furigana_version = version
        exercise.save(update_fields=["ruby", "furigana_version"])
    # The clips of the readings just rendered; a worker makes the missing ones.
    lesson_audio_request(lesson=lesson)


def lesson_pages_invalidate(course: Course, *, previous_slug: str = "") -> None:
    """Give the course's lesson pages a new content generation once this transaction commits,
    so cached pages are rendered afresh. Call it after any change a lesson page shows; after a
    change of the course's slug pass the *previous_slug* too, so the pages cached at the old
    address go as well."""
    keys = {GENERATION_KEY.format(slug) for slug in (course.slug, previous_slug) if slug}
    transaction.on_commit(
        lambda: caches["shared"].set_many(
            {key: uuid.uuid4().hex for key in keys}, GENERATION_SECONDS
        )
    )


def vocabulary_render(
    item: VocabularyItem,
    *,
    overrides: Mapping[str, str],
    version: str,
    style: CourseStyle | None = None,
) -> None:
    """Fill the item's reading from the engine (unless a tutor set one) and render its texts.

    A tutor's reading wins for the expression everywhere it is shown.
    """
    table = dict(overrides)
    if item.reading_is_override and item.reading:
        table[item.expression] = item.reading
    item.ruby = ruby_map([item.expression, item.example], table, style)
    entry = item.ruby.get(item.expression)
    if entry and not item.reading_is_override:
        item.reading = "".join(reading or text for text, reading in entry["segments"])
    item.anki_reading = _ruby_anki(item, item.expression)
    item.anki_sentence = _ruby_anki(item, item.example) if item.example else ""
    word, sentence = speech_for(item.ruby, item.expression), speech_for(item.ruby, item.example)
    item.word_audio = word.key if word else ""
    item.sentence_audio = sentence.key if sentence else ""
    item.furigana_version = version


def course_title_render(course: Course) -> None:
    """Render the course's Japanese title and save it (shown on the course list and pages)."""
    course.ruby = ruby_map([course.title_ja], course.readings or {}, course_style(course))
    course.furigana_version = furigana_version_for(course)
    course.save(update_fields=["ruby", "furigana_version"])


def course_render(course: Course) -> int:
    """Re-render the course's title and every lesson of *course*; returns how many lessons
    were rendered."""
    course_title_render(course)
    count = 0
    for lesson in course.lessons.select_related("course"):
        lesson_render(lesson)
        count += 1
    return count


def furigana_refresh_stale() -> int:
    """Re-render the lessons whose texts were rendered by another engine version or reading
    list (or never); returns how many were rendered."""
    count = 0
    for course in Course.objects.all():
        version = furigana_version_for(course)
        if course.furigana_version != version:
            course_title_render(course)
        stale = (
            Lesson.objects.filter(course=course).exclude(furigana_version=version)
            | Lesson.objects.filter(course=course, passages__isnull=False).exclude(
                passages__furigana_version=version
            )
            | Lesson.objects.filter(course=course, vocabulary__isnull=False).exclude(
                vocabulary__furigana_version=version
            )
            | Lesson.objects.filter(course=course, exercises__isnull=False).exclude(
                exercises__furigana_version=version
            )
        )
        for lesson in stale.distinct().select_related("course"):
            with transaction.atomic():
                lesson_render(lesson)
            count += 1
    return count


def _ruby_anki(item: VocabularyItem, text: str) -> str:
    entry = item.ruby.get(text) if isinstance(item.ruby, dict) else None
    if isinstance(entry, dict) and isinstance(entry.get("anki"), str):
        return str(entry["anki"])
    return to_anki([Segment(text)])
