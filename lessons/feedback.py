"""What a learner is told about an answer, in their language: near-miss hints and the problems
that keep an answer from being checked. One place for exercises and reviews alike; the pure
engines (`lessons.exercises`, `lessons.japanese.kana`) give only codes."""

from django.utils.translation import gettext as _


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
