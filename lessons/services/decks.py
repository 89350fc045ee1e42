"""Anki decks of courses, lessons and a learner's mistakes (the engine is lessons.anki)."""

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from django.core.cache import caches
from django.core.files.storage import storages

from learning.display import pick_translation
from learning.models import Audio
from lessons import anki
from lessons.japanese.furigana import (
    ENGINE_VERSION,
    Segment,
    to_anki,
)
from lessons.japanese.speech import FORMAT
from lessons.models import (
    Course,
    Exercise,
    Lesson,
    LessonProgress,
    VocabularyItem,
)
from lessons.services.rendering import exercise_texts

logger = logging.getLogger(__name__)

# --- Anki decks -------------------------------------------------------------------------------

DECK_CACHE_SECONDS = 24 * 3600
# A deck larger than this is built for each download rather than kept in the cache.
DECK_CACHE_MAX_BYTES = 2 * 1024 * 1024
MISTAKES_DECK_KEY = "kasumi-my-mistakes"
# On every note of the mistakes deck: Anki search `tag:kasumi::mistake` (README).
MISTAKE_TAG = "kasumi::mistake"


@dataclass(frozen=True)
class DeckFile:
    filename: str
    etag: str
    content: bytes
    notes: int | None = None  # how many notes it holds, where a caller needs to know


@dataclass(frozen=True)
class CardSource:
    """What a deck card is made of: a vocabulary item's rendered, learner-facing texts."""

    key: Any
    expression: str
    example: str
    meanings: Any
    example_translations: Any
    anki_reading: str
    anki_sentence: str
    word_audio: str
    sentence_audio: str
    lesson_title: str


CARD_SOURCE_FIELDS = (
    "key",
    "expression",
    "example",
    "meanings",
    "example_translations",
    "anki_reading",
    "anki_sentence",
    "word_audio",
    "sentence_audio",
    "lesson__title",
)


def _media_name(key: str) -> str:
    return f"kasumi-{key}.{FORMAT}"


def _ready_clips(keys: Iterable[str]) -> dict[str, str]:
    """Key -> storage name of the ready clips among *keys* (one query)."""
    wanted = {k for k in keys if k}
    if not wanted:
        return {}
    return dict(
        Audio.objects.filter(key__in=wanted, status=Audio.Status.READY)
        .exclude(file="")
        .values_list("key", "file")
    )


def deck_media(decks: Iterable[anki.DeckSpec], clips: dict[str, str]) -> dict[str, bytes]:
    """The audio files the cards of *decks* carry (only ready clips, see _card), read from
    storage, by media name. A file missing from storage is left out (and logged): its cards
    go without that sound (see _with_media) rather than the deck failing."""
    storage = storages["audio"]
    names = {
        name
        for spec in decks
        for card in spec.cards
        for name in (card.word_audio, card.sentence_audio)
        if name
    }
    by_name = {_media_name(key): stored for key, stored in clips.items()}
    media = {}
    for name in sorted(names):
        try:
            with storage.open(by_name[name], "rb") as handle:
                media[name] = handle.read()
        except OSError:
            logger.warning("audio file %s is missing from storage", by_name[name])
    return media


def _with_media(
    specs: list[anki.DeckSpec], clips: dict[str, str]
) -> tuple[list[anki.DeckSpec], dict[str, bytes]]:
    """*specs* and the media they carry, without the sounds whose files could not be read."""
    media = deck_media(specs, clips)

    def heard(card: anki.Card) -> anki.Card:
        return replace(
            card,
            word_audio=card.word_audio if card.word_audio in media else "",
            sentence_audio=card.sentence_audio if card.sentence_audio in media else "",
        )

    return [replace(spec, cards=tuple(heard(c) for c in spec.cards)) for spec in specs], media


def _card(
    item: CardSource,
    languages: tuple[str, ...],
    tags: tuple[str, ...],
    clips: dict[str, str] | None = None,
) -> anki.Card:
    meanings = item.meanings if isinstance(item.meanings, dict) else {}
    chosen = tuple(
        (code, meanings[code])
        for code in dict.fromkeys((*languages, "en"))
        if isinstance(meanings.get(code), str) and meanings[code].strip()
    )
    _lang, sentence_meaning = pick_translation(item.example_translations, languages)
    return anki.Card(
        key=str(item.key),
        expression=item.expression,
        reading_anki=item.anki_reading or to_anki([Segment(item.expression)]),
        meanings=chosen,
        sentence_anki=(item.anki_sentence or to_anki([Segment(item.example)]))
        if item.example
        else "",
        sentence_meaning=sentence_meaning,
        lesson=item.lesson_title,
        tags=tags,
        word_audio=_media_name(item.word_audio) if item.word_audio in (clips or {}) else "",
        sentence_audio=(
            _media_name(item.sentence_audio)
            if item.example and item.sentence_audio in (clips or {})
            else ""
        ),
    )


def _deck_tags(course: Course, lesson: Lesson) -> tuple[str, ...]:
    return (
        anki.tag("level", course.level),
        anki.tag("topic", course.topic),
        anki.tag("lesson", lesson.slug),
    )


def _deck_etag(parts: Iterable[object]) -> str:
    digest = hashlib.sha256(repr(tuple(parts)).encode()).hexdigest()[:32]
    return f'"{digest}"'


def deck_etag(
    *, course: Course, lesson: Lesson | None, languages: tuple[str, ...], generation: str
) -> str:
    """The ETag of a deck: changes with the course's content generation, the languages and
    the note type, so a browser can revalidate without the deck being built."""
    return _deck_etag(
        (
            "deck",
            course.slug,
            lesson.slug if lesson else "",
            languages,
            generation,
            anki.MODEL_ID,
            ENGINE_VERSION,
        )
    )


def deck_specs(
    *, course: Course, lesson: Lesson | None = None, languages: tuple[str, ...]
) -> list[anki.DeckSpec]:
    """The decks of a course package (the course deck and a subdeck per published lesson) or
    of one lesson's package, read in three queries whatever the size (the last finds which
    of the words' audio clips are ready)."""
    lessons = (
        [lesson] if lesson else list(course.lessons.filter(published=True).order_by("order", "pk"))
    )
    # Plain rows of only what a card shows (no ruby maps, no model instances): thousands of
    # words are read in one query.
    rows = (
        VocabularyItem.objects.filter(lesson__in=lessons)
        .order_by("lesson__order", "lesson_id", "order", "pk")
        .values_list("lesson_id", *CARD_SOURCE_FIELDS)
    )
    by_lesson: dict[int, list[anki.Card]] = {ls.pk: [] for ls in lessons}
    tags = {ls.pk: _deck_tags(course, ls) for ls in lessons}
    sources = [(lesson_id, CardSource(*values)) for lesson_id, *values in rows]
    clips = _ready_clips(k for _, c in sources for k in (c.word_audio, c.sentence_audio))
    for lesson_id, source in sources:
        by_lesson[lesson_id].append(_card(source, languages, tags[lesson_id], clips))
    decks = [anki.DeckSpec(key=course.slug, name=course.title)] if lesson is None else []
    decks += [
        anki.DeckSpec(
            key=f"{course.slug}/{ls.slug}",
            name=f"{course.title}::{ls.title}",
            cards=tuple(by_lesson[ls.pk]),
        )
        for ls in lessons
    ]
    return decks


def _specs_media(specs: list[anki.DeckSpec]) -> tuple[list[anki.DeckSpec], dict[str, bytes]]:
    keys = {
        name.removeprefix("kasumi-").rsplit(".", 1)[0]
        for spec in specs
        for card in spec.cards
        for name in (card.word_audio, card.sentence_audio)
        if name
    }
    return _with_media(specs, _ready_clips(keys))


def deck_export(
    *, course: Course, lesson: Lesson | None = None, languages: tuple[str, ...], etag: str
) -> DeckFile:
    """The .apkg of a published course (a subdeck per lesson) or of one lesson, with meanings
    in *languages* (English beside). Built once per ETag and kept in the cache."""
    cache_key = f"deck:{etag}"
    cached = caches["default"].get(cache_key)
    if cached is None:
        specs, media = _specs_media(deck_specs(course=course, lesson=lesson, languages=languages))
        cached = anki.build_package(specs, media=media)
        if len(cached) <= DECK_CACHE_MAX_BYTES:
            caches["default"].set(cache_key, cached, DECK_CACHE_SECONDS)
    name = course.slug if lesson is None else f"{course.slug}-{lesson.slug}"
    return DeckFile(filename=f"kasumi-{name}.apkg", etag=etag, content=cached)


def deck_export_mistakes(*, learner: Any, languages: tuple[str, ...]) -> DeckFile:
    """A deck of the words behind the exercises the learner's latest answer got wrong.

    Its notes have the course deck's GUIDs, so a learner who has the course deck gets those
    notes updated in place (reviews kept) rather than copied; Anki does not move them between
    decks, so each carries the tag MISTAKE_TAG, which a filtered deck (`tag:kasumi::mistake`)
    gathers. `notes` says how many words it holds (0: nothing to download).
    """
    wrong_ids = [
        int(pk)
        for progress in LessonProgress.objects.filter(learner=learner)
        for pk, correct in progress.results.items()
        if not correct and pk.isdigit()
    ]
    exercises = Exercise.objects.filter(
        pk__in=wrong_ids, lesson__published=True, lesson__course__published=True
    )
    wrong_texts = ["\n".join(exercise_texts(e)) for e in exercises]
    lesson_ids = {e.lesson_id for e in exercises}
    items = [
        item
        for item in VocabularyItem.objects.filter(lesson_id__in=lesson_ids)
        .select_related("lesson__course")
        .order_by("lesson_id", "order", "pk")
        if any(item.expression in text for text in wrong_texts)
    ]
    clips = _ready_clips(k for item in items for k in (item.word_audio, item.sentence_audio))
    cards = tuple(
        _card(
            CardSource(*(getattr(item, f) for f in CARD_SOURCE_FIELDS[:-1]), item.lesson.title),  # type: ignore[call-arg]  # fields by name
            languages,
            (*_deck_tags(item.lesson.course, item.lesson), MISTAKE_TAG),
            clips,
        )
        for item in items
    )
    specs, media = _with_media(
        [anki.DeckSpec(key=MISTAKES_DECK_KEY, name="Kasumi::My mistakes", cards=cards)], clips
    )
    cards = specs[0].cards
    content = anki.build_package(specs, media=media)
    return DeckFile(
        filename="kasumi-my-mistakes.apkg",
        etag=_deck_etag(("mistakes", learner.pk, repr(cards))),
        content=content,
        notes=len(cards),
    )
