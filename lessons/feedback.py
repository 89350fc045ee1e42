"""What a learner is told about an answer, in their language: near-miss hints and the problems
that keep an answer from being checked. One place for exercises and reviews alike; the pure
engines (`lessons.exercises`, `lessons.japanese.kana`) give only codes. And what a tutor is told
of exercise content the engine refuses, in the tutor's language."""

import re
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


def near_miss_message(code: str | None, expected: str) -> str:
    """The hint for a nearly right typed answer (`kana.near_miss_hint`), naming the reading;
    "" for no hint."""
    if not code:
        return ""
    hints = {
        "long_vowel": _("Almost: mind the long vowel (%(answer)s). Try again."),
        "small_tsu": _("Almost: mind the small っ (%(answer)s). Try again."),
        "small_ya": _("Almost: mind the small ゃ, ゅ or ょ (%(answer)s). Try again."),
        "dakuten": _("Almost: mind the ゛ or ゜ marks (%(answer)s). Try again."),
        "one_kana": _("Almost: one kana is different (%(answer)s). Try again."),
    }
    template = hints.get(code)
    return template % {"answer": expected} if template else ""


def near_miss_retry_message(code: str | None) -> str:
    """The hint for a nearly right typed answer before the answer is shown (a second try on a
    review card): what to mind, without the reading; "" for no hint."""
    hints = {
        "long_vowel": _("Mind the long vowel."),
        "small_tsu": _("Mind the small っ."),
        "small_ya": _("Mind the small ゃ, ゅ or ょ."),
        "dakuten": _("Mind the ゛ or ゜ marks."),
        "one_kana": _("One kana is different."),
    }
    return hints.get(code or "", "")


def answer_problem_message(code: str) -> str:
    """Why an answer could not be checked (`exercises.InvalidAnswer.code`), for the learner."""
    problems = {
        "empty": _("Type your answer in the box first."),
        "too_long": _("Your answer is too long. Please type a shorter answer."),
        "control": _("Your answer holds a character that cannot be read. Please type it again."),
        "no_choice": _("Choose an answer first."),
        "order_incomplete": _("Put every word in a place first."),
        "tile_twice": _("Each word can go in only one place. Use every word once."),
        "match_incomplete": _("Choose a meaning for every word first."),
        "right_twice": _(
            "Each meaning goes with only one word. Choose a different meaning for each word."
        ),
    }
    return problems.get(code, _("This answer could not be read. Please try again."))


# --- The exercise engine's errors, for tutors ------------------------------------------------

_FIELD_NAMES = {
    "choices": gettext_lazy("choices"),
    "answer": gettext_lazy("the right answer"),
    "answers": gettext_lazy("accepted answers"),
    "question": gettext_lazy("the question"),
    "sentence": gettext_lazy("the sentence"),
    "before, after": gettext_lazy("the sentence around the blank"),
    "word": gettext_lazy("the word"),
    "tiles": gettext_lazy("the pieces"),
    "translation": gettext_lazy("the translation"),
    "pairs": gettext_lazy("pairs"),
    "data": gettext_lazy("the exercise"),
    "kind": gettext_lazy("the kind of exercise"),
    "data_translations": gettext_lazy("the translations"),
}
_PLACE_RE = re.compile(r"(?:data_translations\.'[^']*'\.)?([a-z_]+(?:, [a-z_]+)?)(?:\[(\d+)\])?")


def exercise_data_place(where: str) -> str:
    """Where in an exercise a problem is, as the tutor's form counts: ``choices[2]`` is
    "choices line 3"; a pair's side is its line."""
    match = _PLACE_RE.match(where)
    name = _FIELD_NAMES.get(match[1]) if match else None
    if match is None or name is None:
        return where
    if match[2] is None:
        return str(name)
    return _("%(field)s line %(number)d") % {"field": name, "number": int(match[2]) + 1}


def exercise_data_message(exc: Any, *, place: bool = True) -> str:
    """An `exercises.ExerciseDataError` in the interface language: what is wrong, and (with
    *place*) where, as the tutor counts."""
    params = dict(getattr(exc, "params", {}))
    if "other" in params:
        params["other"] = exercise_data_place(str(params["other"]))
    template = getattr(exc, "problem", "")
    if not template:
        return str(exc)
    problem = _(template) % params if params else _(template)
    where = getattr(exc, "where", "")
    if not place or not where:
        return problem
    return _("%(place)s: %(problem)s") % {"place": exercise_data_place(where), "problem": problem}


def furigana_error_message(exc: Any) -> str:
    """A furigana engine error (`FuriganaError`: markup or a reading that cannot belong to its
    word) in the interface language."""
    problem = getattr(exc, "problem", "")
    if not problem:
        return str(exc)
    params = dict(getattr(exc, "params", {}))
    reason = getattr(exc, "reason", None)
    if reason:
        reason_params = getattr(exc, "reason_params", None) or {}
        inner = _(reason) % reason_params if reason_params else _(reason)
        params["problem" if "problem" in params else "why"] = inner
    return _(problem) % params if params else _(problem)
