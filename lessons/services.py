"""Use cases of `lessons`: rendering furigana at save, grading attempts, keeping progress."""

import hashlib
import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.sessions.backends.base import SessionBase
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from learning.display import pick_translation
from lessons import anki
from lessons import exercises as exercise_engine
from lessons.japanese.furigana import (
    ENGINE_VERSION,
    FuriganaError,
    OverrideError,
    Segment,
    annotate,
    to_anki,
    to_html,
    to_romaji,
)
from lessons.japanese.furigana.markup import find_overrides, parse_markup
from lessons.models import (
    Attempt,
    Course,
    Exercise,
    Lesson,
    LessonProgress,
    Passage,
    VocabularyItem,
)
from lessons.textcheck import validate_japanese_text

MAX_ANSWER_CHARS = 500
# Anonymous progress lives in the session; past this many lessons the oldest are dropped.
MAX_SESSION_LESSONS = 300
SESSION_PROGRESS_KEY = "lesson_progress"
GENERATION_KEY = "lessons:pages-generation:{}"
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
        raise ValidationError({field: [str(exc)]}) from exc
    return FuriganaResult(segments=segments, html=to_html(segments))


def furigana_version_for(course: Course) -> str:
    """The engine version plus a digest of the course's reading list."""
    digest = hashlib.sha256(
        json.dumps(course.readings or {}, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()[:12]
    return f"{ENGINE_VERSION}+{digest}"


def _has_japanese(text: str) -> bool:
    return any("\u3040" <= c <= "\u30ff" or "\u3400" <= c <= "\u9fff" or c == "々" for c in text)


def _with_override_markup(text: str, overrides: Mapping[str, str]) -> str:
    """*text* with the course's reading list written in as inline markup, so that renderers
    that take plain text (romaji) use the same readings as the ruby."""
    if not overrides:
        return text
    out = []
    for piece, forced in parse_markup(text):
        if forced is not None:
            out.append(f"{{{piece}|{forced}}}")
            continue
        pos = 0
        for start, end, reading in find_overrides(piece, overrides):
            out.append(piece[pos:start] + f"{{{piece[start:end]}|{reading}}}")
            pos = end
        out.append(piece[pos:])
    return "".join(out)


def _ruby_entry(text: str, overrides: Mapping[str, str]) -> dict[str, Any]:
    try:
        segments = annotate(text, overrides=overrides or None)
        romaji = to_romaji(_with_override_markup(text, overrides))
    except FuriganaError:
        # Saved text was validated when written; a reading list changed since may no longer
        # fit. Keep the text readable without ruby rather than fail the whole lesson.
        segments = [Segment(text)]
        romaji = to_romaji(text)
    plain = "".join(s.text for s in segments)
    return {
        "html": to_html(segments),
        "anki": to_anki(segments),
        "romaji": romaji,
        "plain": plain,
        "segments": [[s.text, s.reading] for s in segments],
    }


def ruby_map(strings: Iterable[str], overrides: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    """Rendered furigana for every distinct Japanese string in *strings*."""
    return {
        text: _ruby_entry(text, overrides)
        for text in dict.fromkeys(strings)
        if text and _has_japanese(text)
    }


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


def _exercise_strings(exercise: Exercise) -> list[str]:
    data = exercise.data if isinstance(exercise.data, dict) else {}
    strings = [exercise.prompt]
    for key in ("question", "sentence", "word", "before", "after", "translation"):
        if isinstance(data.get(key), str):
            strings.append(data[key])
    for key in ("choices", "tiles", "answers"):
        strings.extend(s for s in data.get(key, []) if isinstance(s, str))
    for pair in data.get("pairs", []):
        strings.extend(s for s in pair if isinstance(s, str))
    return strings


def lesson_render(lesson: Lesson) -> None:
    """Render every Japanese text of *lesson* and its parts and save the rendered fields.

    Pass a lesson without prefetched parts (load it afresh): prefetched lists would miss parts
    added since and re-render stale copies.
    """
    course = lesson.course
    overrides = course.readings or {}
    version = furigana_version_for(course)
    lesson.ruby = ruby_map([lesson.title_ja], overrides)
    lesson.furigana_version = version
    lesson.save(update_fields=["ruby", "furigana_version", "updated_at"])
    lesson_pages_invalidate(course)
    for passage in lesson.passages.all():
        passage.lines = passage_split_lines(passage)
        strings = [p for line in passage.lines for p in (line["speaker"], line["text"])]
        passage.ruby = ruby_map(strings, overrides)
        passage.furigana_version = version
        passage.save(update_fields=["lines", "ruby", "furigana_version"])
    for item in lesson.vocabulary.all():
        vocabulary_render(item, overrides=overrides, version=version)
        item.save(
            update_fields=["reading", "ruby", "anki_reading", "anki_sentence", "furigana_version"]
        )
    for exercise in lesson.exercises.all():
        exercise.ruby = ruby_map(_exercise_strings(exercise), overrides)
        exercise.furigana_version = version
        exercise.save(update_fields=["ruby", "furigana_version"])


def lesson_pages_invalidate(course: Course) -> None:
    """Give the course's lesson pages a new content generation once this transaction commits,
    so cached pages are rendered afresh. Call it after any change a lesson page shows."""
    key = GENERATION_KEY.format(course.slug)
    transaction.on_commit(lambda: caches["shared"].set(key, uuid.uuid4().hex, None))


def vocabulary_render(item: VocabularyItem, *, overrides: Mapping[str, str], version: str) -> None:
    """Fill the item's reading from the engine (unless a tutor set one) and render its texts.

    A tutor's reading wins for the expression everywhere it is shown.
    """
    table = dict(overrides)
    if item.reading_is_override and item.reading:
        table[item.expression] = item.reading
    item.ruby = ruby_map([item.expression, item.example], table)
    entry = item.ruby.get(item.expression)
    if entry and not item.reading_is_override:
        item.reading = "".join(reading or text for text, reading in entry["segments"])
    item.anki_reading = _ruby_anki(item, item.expression)
    item.anki_sentence = _ruby_anki(item, item.example) if item.example else ""
    item.furigana_version = version


def course_render(course: Course) -> int:
    """Re-render every lesson of *course*; returns how many lessons were rendered."""
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


# --- Answers and progress -------------------------------------------------------------------


@dataclass(frozen=True)
class ProgressSummary:
    started: bool
    completed: bool
    answered: int
    correct: int
    total: int

    @property
    def score(self) -> int:
        """Percentage of the lesson's exercises answered correctly."""
        return round(100 * self.correct / self.total) if self.total else 0


@dataclass(frozen=True)
class AttemptResult:
    verdict: exercise_engine.Verdict
    progress: ProgressSummary


def progress_summary(
    results: Mapping[str, bool], exercise_ids: Iterable[int], started: bool, completed: bool
) -> ProgressSummary:
    ids = {str(i) for i in exercise_ids}
    answered = {k: v for k, v in results.items() if k in ids}
    return ProgressSummary(
        started=started,
        completed=completed,
        answered=len(answered),
        correct=sum(1 for v in answered.values() if v),
        total=len(ids),
    )


def _check_answer_size(answer: Mapping[str, Any]) -> None:
    if len(json.dumps(answer, ensure_ascii=False, default=str)) > MAX_ANSWER_CHARS + 100:
        raise ValidationError(
            {"answer": [f"The answer is longer than {MAX_ANSWER_CHARS} characters."]}
        )
    for value in answer.values():
        if isinstance(value, str) and len(value) > MAX_ANSWER_CHARS:
            raise ValidationError(
                {"answer": [f"The answer is longer than {MAX_ANSWER_CHARS} characters."]}
            )


def _session_hash(session: SessionBase | None) -> str:
    key = session.session_key if session is not None else None
    return hashlib.sha256(key.encode()).hexdigest()[:32] if key else ""


@transaction.atomic
def attempt_submit(
    *,
    exercise: Exercise,
    answer: Mapping[str, Any],
    learner: Any = None,
    session: SessionBase | None = None,
) -> AttemptResult:
    """Grade *answer*, record the attempt, and update the lesson's progress (on the account
    for a signed-in learner, in the session otherwise). A malformed or forged answer is a
    ValidationError and changes nothing."""
    if (
        exercise.status != Exercise.Status.READY
        or not exercise.lesson.published
        or not exercise.lesson.course.published
    ):
        raise ValidationError({"exercise": ["This exercise is not available."]})
    if not isinstance(answer, Mapping):
        raise ValidationError({"answer": ["The answer must be an object."]})
    _check_answer_size(answer)
    try:
        verdict = exercise_engine.grade(exercise.kind, exercise.data, answer)
    except exercise_engine.InvalidAnswer as exc:
        raise ValidationError({"answer": [str(exc)]}) from exc
    signed_in = getattr(learner, "is_authenticated", False)
    Attempt.objects.create(
        exercise=exercise,
        learner=learner if signed_in else None,
        session_hash="" if signed_in else _session_hash(session),
        answer=dict(answer),
        correct=verdict.correct,
    )
    lesson = exercise.lesson
    exercise_ids = list(
        lesson.exercises.filter(status=Exercise.Status.READY).values_list("pk", flat=True)
    )
    now = timezone.now()
    if signed_in:
        progress, _created = LessonProgress.objects.select_for_update().get_or_create(
            learner=learner, lesson=lesson, defaults={"started_at": now}
        )
        progress.results[str(exercise.pk)] = verdict.correct
        if progress.completed_at is None and {str(i) for i in exercise_ids} <= set(
            progress.results
        ):
            progress.completed_at = now
        progress.save(update_fields=["results", "completed_at", "updated_at"])
        summary = progress_summary(
            progress.results, exercise_ids, True, progress.completed_at is not None
        )
    else:
        if session is None:
            raise ValidationError({"session": ["Progress needs a session or an account."]})
        entry = _session_entry(session, lesson.pk, now)
        entry["results"][str(exercise.pk)] = verdict.correct
        if not entry.get("completed") and {str(i) for i in exercise_ids} <= set(entry["results"]):
            entry["completed"] = now.isoformat()
        _session_store(session, lesson.pk, entry)
        summary = progress_summary(
            entry["results"], exercise_ids, True, bool(entry.get("completed"))
        )
    return AttemptResult(verdict=verdict, progress=summary)


def _session_entry(session: SessionBase, lesson_id: int, now: Any) -> dict[str, Any]:
    stored = session.get(SESSION_PROGRESS_KEY, {})
    entry = stored.get(str(lesson_id)) if isinstance(stored, dict) else None
    if not isinstance(entry, dict) or not isinstance(entry.get("results"), dict):
        entry = {"started": now.isoformat(), "completed": None, "results": {}}
    return {**entry, "results": dict(entry["results"])}


def _session_store(session: SessionBase, lesson_id: int, entry: dict[str, Any]) -> None:
    stored = dict(session.get(SESSION_PROGRESS_KEY, {}))
    stored.pop(str(lesson_id), None)
    stored[str(lesson_id)] = entry  # newest last
    while len(stored) > MAX_SESSION_LESSONS:
        stored.pop(next(iter(stored)))
    session[SESSION_PROGRESS_KEY] = stored


@transaction.atomic
def progress_merge_session(*, learner: Any, session: SessionBase) -> int:
    """Move anonymous progress from *session* into the account; returns the lessons merged.

    Per exercise the result is kept if either side has it, and a correct answer on either
    side counts as correct, so nothing is lost and nothing is counted twice. The session's
    copy is removed afterwards.
    """
    stored = session.get(SESSION_PROGRESS_KEY, {})
    if not isinstance(stored, dict) or not stored:
        return 0
    lesson_ids = [int(k) for k in stored if str(k).isdigit()]
    lessons = Lesson.objects.in_bulk(lesson_ids)
    merged = 0
    for lesson_id, lesson in lessons.items():
        entry = stored[str(lesson_id)]
        results = entry.get("results", {}) if isinstance(entry, dict) else {}
        progress, _created = LessonProgress.objects.select_for_update().get_or_create(
            learner=learner, lesson=lesson, defaults={"started_at": timezone.now()}
        )
        for key, value in results.items():
            if isinstance(value, bool):
                progress.results[str(key)] = bool(progress.results.get(str(key))) or value
        exercise_ids = {
            str(i)
            for i in lesson.exercises.filter(status=Exercise.Status.READY).values_list(
                "pk", flat=True
            )
        }
        if progress.completed_at is None and exercise_ids and exercise_ids <= set(progress.results):
            progress.completed_at = timezone.now()
        progress.save()
        merged += 1
    del session[SESSION_PROGRESS_KEY]
    return merged


# --- Drafting exercises from a lesson's own text ------------------------------------------------

# Particles a learner confuses with each other: the choices of a particle cloze.
PARTICLE_CHOICES = ("は", "が", "を", "に", "で", "へ", "と", "も", "の", "から", "まで")
MAX_DRAFTS = 40


def _rotated_choices(
    correct: str, others: list[str], seed: int, size: int = 4
) -> tuple[list[str], int]:
    """*correct* among up to size-1 of *others*, its position chosen by *seed* (deterministic)."""
    distractors = [o for o in dict.fromkeys(others) if o and o != correct][: size - 1]
    position = seed % (len(distractors) + 1)
    choices = [*distractors]
    choices.insert(position, correct)
    return choices, position


def _draft_specs(lesson: Lesson) -> list[dict[str, Any]]:
    from lessons.japanese.analysis import particle_blanks, phrase_tiles, sentences
    from lessons.japanese.furigana import strip_markup

    specs: list[dict[str, Any]] = []
    words = list(lesson.vocabulary.all())
    meanings = [item.meanings.get("en", "") for item in words]
    for n, item in enumerate(words):
        meaning = item.meanings.get("en", "")
        if item.reading and any("\u3400" <= c <= "\u9fff" for c in item.expression):
            specs.append(
                {
                    "kind": "reading",
                    "prompt": f"How do you read {item.expression}?",
                    "data": {"word": item.expression, "answers": [item.reading]},
                    "explanation": f"{item.expression} is read {item.reading}.",
                }
            )
        if meaning and len([m for m in meanings if m]) >= 2:
            choices, answer = _rotated_choices(meaning, [m for m in meanings if m != meaning], n)
            specs.append(
                {
                    "kind": "choice",
                    "prompt": f"What does {item.expression} mean?",
                    "data": {"choices": choices, "answer": answer},
                    "explanation": f"{item.expression} ({item.reading}): {meaning}.",
                }
            )
    for passage in lesson.passages.all():
        for n, sentence in enumerate(sentences(strip_markup(passage.text))):
            blanks = particle_blanks(sentence)
            if blanks:
                before, particle, after = blanks[0]
                choices, _answer = _rotated_choices(particle, list(PARTICLE_CHOICES), n)
                specs.append(
                    {
                        "kind": "cloze",
                        "prompt": "Choose the particle for the blank.",
                        "data": {
                            "before": before,
                            "after": after,
                            "answers": [particle],
                            "choices": choices,
                        },
                        "explanation": f"{before}{particle}{after}",
                    }
                )
            tiles = phrase_tiles(sentence)
            if 3 <= len(tiles) <= 8 and len(set(tiles)) == len(tiles):
                specs.append(
                    {
                        "kind": "ordering",
                        "prompt": "Put the words in order.",
                        "data": {"tiles": tiles},
                        "explanation": sentence,
                    }
                )
    return specs


@transaction.atomic
def exercise_drafts_generate(*, lesson: Lesson) -> list[Exercise]:
    """Draft reading, meaning, particle-cloze and ordering exercises from the lesson's
    vocabulary and passages, saved as drafts for a tutor to review. Drafts that repeat an
    existing exercise of the lesson are skipped."""
    existing = {
        (e.kind, json.dumps(e.data, sort_keys=True, ensure_ascii=False))
        for e in lesson.exercises.all()
    }
    order = (lesson.exercises.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    created: list[Exercise] = []
    overrides = lesson.course.readings or {}
    version = furigana_version_for(lesson.course)
    for spec in _draft_specs(lesson):
        try:
            data = exercise_engine.validate_data(spec["kind"], spec["data"])
        except exercise_engine.ExerciseDataError:
            continue  # a sentence too long or a word list too short for this kind
        key = (spec["kind"], json.dumps(data, sort_keys=True, ensure_ascii=False))
        if key in existing or len(created) >= MAX_DRAFTS:
            continue
        existing.add(key)
        exercise = Exercise(
            lesson=lesson,
            order=order,
            kind=spec["kind"],
            prompt=spec["prompt"],
            data=data,
            explanation=spec["explanation"],
            status=Exercise.Status.DRAFT,
            generated=True,
            furigana_version=version,
        )
        exercise.ruby = ruby_map(_exercise_strings(exercise), overrides)
        exercise.save()
        created.append(exercise)
        order += 1
    return created


# --- Anki decks -------------------------------------------------------------------------------

DECK_CACHE_SECONDS = 24 * 3600
MISTAKES_DECK_KEY = "kasumi-my-mistakes"


@dataclass(frozen=True)
class DeckFile:
    filename: str
    etag: str
    content: bytes


def _ruby_anki(item: VocabularyItem, text: str) -> str:
    entry = item.ruby.get(text) if isinstance(item.ruby, dict) else None
    if isinstance(entry, dict) and isinstance(entry.get("anki"), str):
        return str(entry["anki"])
    return to_anki([Segment(text)])


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
    lesson_title: str


CARD_SOURCE_FIELDS = (
    "key",
    "expression",
    "example",
    "meanings",
    "example_translations",
    "anki_reading",
    "anki_sentence",
    "lesson__title",
)


def _card(item: CardSource, languages: tuple[str, ...], tags: tuple[str, ...]) -> anki.Card:
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
    of one lesson's package, read in two queries whatever the size."""
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
    for lesson_id, *values in rows:
        by_lesson[lesson_id].append(_card(CardSource(*values), languages, tags[lesson_id]))
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


def deck_export(
    *, course: Course, lesson: Lesson | None = None, languages: tuple[str, ...], etag: str
) -> DeckFile:
    """The .apkg of a published course (a subdeck per lesson) or of one lesson, with meanings
    in *languages* (English beside). Built once per ETag and kept in the cache."""
    cache_key = f"deck:{etag}"
    cached = caches["default"].get(cache_key)
    if cached is None:
        cached = anki.build_package(deck_specs(course=course, lesson=lesson, languages=languages))
        caches["default"].set(cache_key, cached, DECK_CACHE_SECONDS)
    name = course.slug if lesson is None else f"{course.slug}-{lesson.slug}"
    return DeckFile(filename=f"kasumi-{name}.apkg", etag=etag, content=cached)


def deck_export_mistakes(*, learner: Any, languages: tuple[str, ...]) -> DeckFile:
    """A deck of the words behind the exercises the learner's latest answer got wrong."""
    wrong_ids = [
        int(pk)
        for progress in LessonProgress.objects.filter(learner=learner)
        for pk, correct in progress.results.items()
        if not correct and pk.isdigit()
    ]
    exercises = Exercise.objects.filter(
        pk__in=wrong_ids, lesson__published=True, lesson__course__published=True
    )
    wrong_texts = ["\n".join(_exercise_strings(e)) for e in exercises]
    lesson_ids = {e.lesson_id for e in exercises}
    items = [
        item
        for item in VocabularyItem.objects.filter(lesson_id__in=lesson_ids)
        .select_related("lesson__course")
        .order_by("lesson_id", "order", "pk")
        if any(item.expression in text for text in wrong_texts)
    ]
    cards = tuple(
        _card(
            CardSource(*(getattr(item, f) for f in CARD_SOURCE_FIELDS[:-1]), item.lesson.title),
            languages,
            _deck_tags(item.lesson.course, item.lesson),
        )
        for item in items
    )
    content = anki.build_package(
        [anki.DeckSpec(key=MISTAKES_DECK_KEY, name="Kasumi::My mistakes", cards=cards)]
    )
    return DeckFile(
        filename="kasumi-my-mistakes.apkg",
        etag=_deck_etag(("mistakes", learner.pk, repr(cards))),
        content=content,
    )
