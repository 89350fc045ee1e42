"""Which texts of a lesson a learner reads in their own language, and which are missing in one:
the lesson page says so (the English is shown instead), the tutor sees what to add."""

from collections.abc import Iterable
from typing import Any

from lessons.exercises import TRANSLATABLE
from lessons.japanese.text import is_japanese


def _has(translations: object, code: str) -> bool:
    value = translations.get(code) if isinstance(translations, dict) else None
    return isinstance(value, str) and bool(value.strip())


def _exercise_texts(exercise: Any) -> list[tuple[str, Any]]:
    """(kind of text, what holds it in each language) of an exercise's texts in English."""
    out: list[tuple[str, Any]] = []
    if exercise.prompt and not is_japanese(exercise.prompt):
        out.append(("prompt", exercise.prompt_translations))
    if exercise.explanation:
        out.append(("explanation", exercise.explanation_translations))
    data = exercise.data if isinstance(exercise.data, dict) else {}
    key = TRANSLATABLE.get(exercise.kind)
    stored = data.get(key, []) if key else []
    # Choices count when one is not Japanese; pairs' meanings and a translation always do.
    if stored and (key != "choices" or any(not is_japanese(str(c)) for c in stored)):
        out.append(("data", exercise.data_translations))
    return out


def _data_has(translations: object, code: str) -> bool:
    entry = translations.get(code) if isinstance(translations, dict) else None
    return isinstance(entry, dict) and bool(entry)


def lesson_texts(lesson: Any) -> list[tuple[str, Any, bool]]:
    """Every text of *lesson* (loaded with its parts) that is written in English for the
    learner: (what it is, its translations, whether they are an exercise's data texts)."""
    out: list[tuple[str, Any, bool]] = [("title", lesson.title_translations, False)]
    if lesson.can_do:
        out.append(("goal", lesson.can_do_translations, False))
    for passage in lesson.passages.all():
        if passage.title:
            out.append(("heading", passage.title_translations, False))
        if passage.translations.get("en") if isinstance(passage.translations, dict) else None:
            out.append(("passage", passage.translations, False))
    for item in lesson.vocabulary.all():
        out.append(("meaning", item.meanings, False))
        if item.example:
            out.append(("example", item.example_translations, False))
    for exercise in lesson.exercises.all():
        out += [(what, tr, what == "data") for what, tr in _exercise_texts(exercise)]
    return out


def lesson_missing_count(lesson: Any, code: str) -> int:
    """How many of *lesson*'s texts have no *code* version (0 for English, the source)."""
    return lesson_languages_missing(lesson, [code]).get(code, 0)


def lesson_languages_missing(lesson: Any, codes: Iterable[str]) -> dict[str, int]:
    """For each language of *codes* (English left out), how many texts *lesson* lacks in it."""
    texts = lesson_texts(lesson)
    return {
        code: sum(not (_data_has(tr, code) if data else _has(tr, code)) for _w, tr, data in texts)
        for code in codes
        if code != "en"
    }
