"""Exercises drafted from a lesson's own vocabulary and passages, for a tutor to review."""

import json
from typing import Any

from django.db import transaction

from lessons import exercises as exercise_engine
from lessons.models import (
    Exercise,
    Lesson,
)
from lessons.services.rendering import (
    course_style,
    exercise_ruby,
    furigana_version_for,
)

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
                    "source": f"reading:{item.key}",
                    "prompt": f"How do you read {item.expression}?",
                    # Every reading the tutor listed for the word is accepted.
                    "data": {
                        "word": item.expression,
                        "answers": list(dict.fromkeys([item.reading, *item.also_accept]))[:5],
                    },
                    "explanation": f"{item.expression} is read {item.reading}.",
                }
            )
        if meaning and len([m for m in meanings if m]) >= 2:
            choices, answer = _rotated_choices(meaning, [m for m in meanings if m != meaning], n)
            specs.append(
                {
                    "kind": "choice",
                    "source": f"choice:{item.key}",
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
                        "source": f"cloze:{sentence}",
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
                        "source": f"ordering:{sentence}",
                        "prompt": "Put the words in order.",
                        "data": {"tiles": tiles},
                        "explanation": sentence,
                    }
                )
    return specs


@transaction.atomic
def exercise_drafts_generate(*, lesson: Lesson) -> list[Exercise]:
    """Draft reading, meaning, particle-cloze and ordering exercises from the lesson's
    vocabulary and passages, saved as drafts for a tutor to review. Only what is new is
    drafted: each draft remembers what it was made from (`Exercise.generated_from`), so a word
    or sentence drafted once is not drafted again, whether its draft was accepted, edited or is
    still waiting; an exercise that repeats a draft's data is skipped too."""
    exercises = list(Exercise.objects.filter(lesson=lesson))
    sources = {e.generated_from for e in exercises if e.generated_from}
    existing = {(e.kind, json.dumps(e.data, sort_keys=True, ensure_ascii=False)) for e in exercises}
    order = max((e.order for e in exercises), default=0) + 1
    created: list[Exercise] = []
    overrides = lesson.course.readings or {}
    version = furigana_version_for(lesson.course)
    for spec in _draft_specs(lesson):
        source = spec["source"][:300]
        if source in sources:
            continue
        try:
            data = exercise_engine.validate_data(spec["kind"], spec["data"])
        except exercise_engine.ExerciseDataError:
            continue  # a sentence too long or a word list too short for this kind
        key = (spec["kind"], json.dumps(data, sort_keys=True, ensure_ascii=False))
        if key in existing or len(created) >= MAX_DRAFTS:
            continue
        existing.add(key)
        sources.add(source)
        exercise = Exercise(
            lesson=lesson,
            order=order,
            kind=spec["kind"],
            prompt=spec["prompt"],
            data=data,
            explanation=spec["explanation"],
            status=Exercise.Status.DRAFT,
            generated=True,
            generated_from=source,
            furigana_version=version,
        )
        exercise.ruby = exercise_ruby(exercise, overrides, course_style(lesson.course))
        exercise.save()
        created.append(exercise)
        order += 1
    return created
