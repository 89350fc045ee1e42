"""Exercises of six kinds: check a tutor's data, show it to a learner, grade the learner's answer.

Pure engine (stdlib and the kana comparer, no Django): `data` is JSON read from the database and
answers come from forms or API calls, so both are checked here and either may be forged.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lessons.japanese.kana import answers_match, near_miss_hint, normalize_answer
from lessons.japanese.text import FORBIDDEN_RE, is_japanese

__all__ = [
    "ANSWER_PROBLEMS",
    "KINDS",
    "MAX_TEXT",
    "ExerciseDataError",
    "InvalidAnswer",
    "Verdict",
    "display",
    "grade",
    "validate_data",
]

KINDS = ("choice", "reading", "cloze", "ordering", "matching", "listening")
#: Longest string allowed in exercise data and in a typed answer, counted after stripping.
MAX_TEXT = 500

# Characters a string may not hold: control characters other than tab and newline (PostgreSQL
# JSON refuses NUL) and lone surrogates (they cannot be encoded to UTF-8 for storage).
# An index typed in a form: ASCII digits only (str.isdigit accepts ² and other non-numbers).
_INDEX_RE = re.compile(r"\s*([0-9]{1,6})\s*", re.ASCII)
_KANA_READING_RE = re.compile("[\u3041-\u3096\u309d\u309eー]+")


def gettext_noop(message: str) -> str:
    """Marks *message* for the translation catalogue (makemessages finds this name); the
    interface translates it where it shows the problem. This engine imports no Django."""
    return message


class ExerciseDataError(ValueError):
    """Exercise data breaks its kind's schema. `where` names the field (``choices[2]``),
    `problem` is an English template (marked for translation) filled in by `params`; the
    message is "where: problem" (for developers and API clients; the interface translates
    `problem` and says where as a person counts: `lessons.feedback.exercise_data_message`)."""

    def __init__(
        self, where: str, problem: str, params: Mapping[str, object] | None = None
    ) -> None:
        self.where = where
        self.problem = problem
        self.params = dict(params or {})
        text = problem % self.params if self.params else problem
        super().__init__(f"{where}: {text}" if where else text)


#: Why an answer could not be graded, as InvalidAnswer.code: the interface turns each into a
#: sentence for the learner (the message itself is for developers and API clients).
ANSWER_PROBLEMS = (
    "empty",  # nothing typed
    "too_long",
    "control",  # a character no text may hold
    "no_choice",  # no option chosen
    "order_incomplete",  # not every tile placed
    "tile_twice",  # a tile placed twice
    "match_incomplete",  # not every item matched
    "right_twice",  # one right item given to two left items
    "malformed",  # a forged or broken answer a form cannot send
)


class InvalidAnswer(ValueError):
    """An answer that is malformed or forged (not merely wrong); the message says what is wrong
    for developers, `code` (one of ANSWER_PROBLEMS) what to tell the learner."""

    def __init__(self, message: str, code: str = "malformed") -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Verdict:
    """The result of grading: `score` is from 0 to 1, `expected` a correct answer to show.

    `hint` (a kana.NEAR_MISSES name) marks a typed answer that is nearly right: it is still
    wrong, and the learner may try again.
    """

    correct: bool
    score: float
    expected: str
    hint: str | None = None


# --- Reading exercise data ------------------------------------------------------------------


def _kind_of(value: object) -> str:
    """Name a value's JSON type for messages (bool before int: True is an int in Python)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list | tuple):
        return "a list"
    return type(value).__name__


def _show(value: object) -> str:
    """A short, printable rendering of a forged value for a message."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**6:
        return "a huge number"  # str() of a very long int raises ValueError
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 30 else text[:27] + "..."


def _text(value: object, where: str, *, allow_empty: bool = False) -> str:
    if not isinstance(value, str):
        raise ExerciseDataError(
            where, gettext_noop("must be a string, not %(kind)s"), {"kind": _kind_of(value)}
        )
    text = value.strip()
    if not text and not allow_empty:
        raise ExerciseDataError(where, gettext_noop("must not be empty"))
    if len(text) > MAX_TEXT:
        raise ExerciseDataError(
            where,
            gettext_noop("is too long (%(length)d characters; the limit is %(limit)d)"),
            {"length": len(text), "limit": MAX_TEXT},
        )
    bad = FORBIDDEN_RE.search(text)
    if bad is not None:
        raise ExerciseDataError(
            where,
            gettext_noop("contains the control character U+%(code)s"),
            {"code": f"{ord(bad[0]):04X}"},
        )
    return text


def _list(value: object, where: str, low: int, high: int) -> Sequence[object]:
    if not isinstance(value, list | tuple):
        raise ExerciseDataError(
            where, gettext_noop("must be a list, not %(kind)s"), {"kind": _kind_of(value)}
        )
    if not low <= len(value) <= high:
        raise ExerciseDataError(
            where,
            gettext_noop("must hold %(low)d to %(high)d items, not %(count)d"),
            {"low": low, "high": high, "count": len(value)},
        )
    return value


def _texts(value: object, where: str, low: int, high: int, *, unique: bool) -> list[str]:
    texts = [_text(item, f"{where}[{i}]") for i, item in enumerate(_list(value, where, low, high))]
    if unique:
        _refuse_duplicates(texts, lambda i: f"{where}[{i}]")
    return texts


def _refuse_duplicates(texts: list[str], name: Callable[[int], str]) -> None:
    """Refuse a text that repeats an earlier one; `name` says where item i is in the data."""
    # NFKC: "ｱ" and "ア" look alike to a learner, so they count as the same text.
    seen: dict[str, int] = {}
    for i, text in enumerate(texts):
        key = unicodedata.normalize("NFKC", text)
        if key in seen:
            raise ExerciseDataError(
                name(i),
                gettext_noop("duplicate of %(other)s (%(text)s)"),
                {"other": name(seen[key]), "text": repr(text)},
            )
        seen[key] = i


def _index(value: object, where: str, size: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ExerciseDataError(
            where, gettext_noop("must be a whole number, not %(kind)s"), {"kind": _kind_of(value)}
        )
    if not 0 <= value < size:
        raise ExerciseDataError(
            where,
            gettext_noop("%(value)s is out of range (an index from 0 to %(last)d)"),
            {"value": _show(value), "last": size - 1},
        )
    return value


def _fields(data: object, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> None:
    if not isinstance(data, Mapping):
        raise ExerciseDataError(
            "data", gettext_noop("must be an object, not %(kind)s"), {"kind": _kind_of(data)}
        )
    unknown = [key for key in data if key not in required and key not in optional]
    if unknown:
        names = ", ".join(_show(key) for key in unknown[:5])
        raise ExerciseDataError("data", gettext_noop("unknown key(s) %(names)s"), {"names": names})
    for key in required:
        if key not in data:
            raise ExerciseDataError("data", gettext_noop("missing key %(key)s"), {"key": repr(key)})


def _validate_choice(data: Mapping[str, object]) -> dict[str, Any]:
    _fields(data, ("choices", "answer"), ("question",))
    choices = _texts(data["choices"], "choices", 2, 8, unique=True)
    answer = _index(data["answer"], "answer", len(choices))
    out: dict[str, Any] = {"choices": choices, "answer": answer}
    if "question" in data:
        out["question"] = _text(data["question"], "question")
    return out


def _validate_listening(data: Mapping[str, object]) -> dict[str, Any]:
    _fields(data, ("sentence", "choices", "answer"))
    sentence = _text(data["sentence"], "sentence")
    if not is_japanese(sentence):
        raise ExerciseDataError(
            "sentence", gettext_noop("must be Japanese text (kana or kanji) to be spoken")
        )
    choices = _texts(data["choices"], "choices", 2, 8, unique=True)
    return {
        "sentence": sentence,
        "choices": choices,
        "answer": _index(data["answer"], "answer", len(choices)),
    }


def _validate_reading(data: Mapping[str, object]) -> dict[str, Any]:
    _fields(data, ("word", "answers"))
    answers = _texts(data["answers"], "answers", 1, 5, unique=False)
    for i, answer in enumerate(answers):
        # An accepted reading with kanji or stray letters in it could never be typed correctly.
        if not _KANA_READING_RE.fullmatch(normalize_answer(answer)):
            raise ExerciseDataError(
                f"answers[{i}]",
                gettext_noop("%(text)s is not a reading in kana or romaji"),
                {"text": repr(answer)},
            )
    return {"word": _text(data["word"], "word"), "answers": answers}


def _validate_cloze(data: Mapping[str, object]) -> dict[str, Any]:
    _fields(data, ("before", "after", "answers"), ("choices",))
    before = _text(data["before"], "before", allow_empty=True)
    after = _text(data["after"], "after", allow_empty=True)
    if not before and not after:
        raise ExerciseDataError(
            "before, after", gettext_noop("at least one must hold text around the blank")
        )
    answers = _texts(data["answers"], "answers", 1, 5, unique=False)
    out: dict[str, Any] = {"before": before, "after": after, "answers": answers}
    if "choices" in data:
        choices = _texts(data["choices"], "choices", 2, 8, unique=True)
        for i, answer in enumerate(answers):
            if answer not in choices:
                raise ExerciseDataError(
                    f"answers[{i}]",
                    gettext_noop("%(text)s is not among the choices"),
                    {"text": repr(answer)},
                )
        out["choices"] = choices
    return out


def _validate_ordering(data: Mapping[str, object]) -> dict[str, Any]:
    _fields(data, ("tiles",), ("translation",))
    tiles = _texts(data["tiles"], "tiles", 2, 12, unique=False)
    if len(set(tiles)) < 2:
        # Every order of identical tiles is solved, so there is nothing to put in order.
        raise ExerciseDataError(
            "tiles", gettext_noop("need at least two different tiles to put in order")
        )
    out: dict[str, Any] = {"tiles": tiles}
    if "translation" in data:
        out["translation"] = _text(data["translation"], "translation")
    return out


def _validate_matching(data: Mapping[str, object]) -> dict[str, Any]:
    _fields(data, ("pairs",))
    pairs: list[list[str]] = []
    for i, pair in enumerate(_list(data["pairs"], "pairs", 2, 8)):
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise ExerciseDataError(f"pairs[{i}]", gettext_noop("must be a [left, right] pair"))
        pairs.append([_text(pair[0], f"pairs[{i}][0]"), _text(pair[1], f"pairs[{i}][1]")])
    _refuse_duplicates([left for left, _ in pairs], lambda i: f"pairs[{i}][0]")
    _refuse_duplicates([right for _, right in pairs], lambda i: f"pairs[{i}][1]")
    return {"pairs": pairs}


_VALIDATORS: dict[str, Callable[[Mapping[str, object]], dict[str, Any]]] = {
    "choice": _validate_choice,
    "listening": _validate_listening,
    "reading": _validate_reading,
    "cloze": _validate_cloze,
    "ordering": _validate_ordering,
    "matching": _validate_matching,
}


def validate_data(kind: str, data: object) -> dict[str, Any]:
    """Check `data` against the schema of `kind`; return a normalised copy (strings stripped).

    Optional keys appear in the copy only when given. Raises ExerciseDataError naming the field.
    Idempotent: validating the copy returns an equal copy.
    """
    validator = _VALIDATORS.get(kind) if isinstance(kind, str) else None
    if validator is None:
        raise ExerciseDataError(
            "kind",
            gettext_noop("unknown exercise kind %(kind)s; one of %(kinds)s"),
            {"kind": _show(kind), "kinds": str(KINDS)},
        )
    if not isinstance(data, Mapping):
        raise ExerciseDataError(
            "data", gettext_noop("must be an object, not %(kind)s"), {"kind": _kind_of(data)}
        )
    return validator(data)


# --- The exercise's texts in other languages ------------------------------------------------

#: What each kind may carry in a learner's language: the choices (choice, listening: the same
#: number as the data, a Japanese choice copied as it is), the meanings of a matching
#: exercise's pairs (its right side, in order), and an ordering exercise's translation.
TRANSLATABLE: dict[str, str] = {
    "choice": "choices",
    "listening": "choices",
    "matching": "pairs",
    "ordering": "translation",
}
MAX_TRANSLATED_TEXT = 500
MAX_DATA_LANGUAGES = 40
_LANGUAGE_CODE_RE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?")


def _translated_list(value: object, where: str, size: int) -> list[str]:
    if not isinstance(value, list) or len(value) != size:
        raise ExerciseDataError(
            where, gettext_noop("must be a list of %(size)d texts, one per item"), {"size": size}
        )
    return [_translated_text(v, f"{where}[{i}]") for i, v in enumerate(value)]


def _translated_text(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise ExerciseDataError(
            where, gettext_noop("must be text, not %(kind)s"), {"kind": _kind_of(value)}
        )
    text = value.strip()
    if not text or len(text) > MAX_TRANSLATED_TEXT or FORBIDDEN_RE.search(text):
        raise ExerciseDataError(
            where,
            gettext_noop("must be 1-%(limit)d characters without control characters"),
            {"limit": MAX_TRANSLATED_TEXT},
        )
    return text


def validate_data_translations(kind: str, data: object, value: object) -> dict[str, Any]:
    """Check an exercise's texts in other languages ({code: {"choices": [...], "pairs": [...],
    "translation": "..."}}, only the key `TRANSLATABLE` names for *kind*) against its *data*;
    return a normalised copy. Raises ExerciseDataError naming the field."""
    if not isinstance(value, Mapping):
        raise ExerciseDataError(
            "data_translations", gettext_noop("must be an object of language code -> texts")
        )
    if len(value) > MAX_DATA_LANGUAGES:
        raise ExerciseDataError(
            "data_translations",
            gettext_noop("at most %(n)d languages"),
            {"n": MAX_DATA_LANGUAGES},
        )
    clean = validate_data(kind, data)
    allowed = TRANSLATABLE.get(kind)
    out: dict[str, Any] = {}
    for code, texts in value.items():
        where = f"data_translations.{_show(code)}"
        if not isinstance(code, str) or not _LANGUAGE_CODE_RE.fullmatch(code):
            raise ExerciseDataError(where, gettext_noop("not a language code"))
        if not isinstance(texts, Mapping):
            raise ExerciseDataError(where, gettext_noop("must be an object"))
        unknown = [str(k) for k in texts if k != allowed]
        if unknown:
            raise ExerciseDataError(
                where,
                gettext_noop("%(name)s cannot be translated in a %(kind)s exercise"),
                {"name": _show(unknown[0]), "kind": kind},
            )
        entry: dict[str, Any] = {}
        for key, given in texts.items():
            if key == "translation":
                entry[key] = _translated_text(given, f"{where}.translation")
            else:
                size = len(clean["choices"] if key == "choices" else clean["pairs"])
                entry[key] = _translated_list(given, f"{where}.{key}", size)
        if entry:
            out[code] = entry
    return out


def display_in(
    kind: str, shown: Mapping[str, Any], translations: object, languages: Sequence[str]
) -> dict[str, Any]:
    """*shown* (what `display` gives) with each text a learner reads in their first language
    that has it (*languages*, most preferred first; the stored text otherwise), each with its
    language: choices and rights become {"index", "text", "lang"} items, and the translation
    gets "translation_lang". Japanese texts stay as they are (lang "ja"); stored texts that
    are not Japanese are English ("en")."""
    table = translations if isinstance(translations, Mapping) else {}

    def pick(key: str, index: int | None, stored: str) -> tuple[str, str]:
        if is_japanese(stored):
            return stored, "ja"
        for code in languages:
            entry = table.get(code)
            value = entry.get(key) if isinstance(entry, Mapping) else None
            if index is not None:
                value = value[index] if isinstance(value, list) and index < len(value) else None
            if isinstance(value, str) and value:
                return value, code
            if code == "en":
                break
        return stored, "en"

    def item(key: str, index: int, stored: str) -> dict[str, Any]:
        text, lang = pick(key, index, stored)
        return {"index": index, "text": text, "lang": lang}

    out = dict(shown)
    if kind in ("choice", "listening"):
        out["choices"] = [item("choices", i, text) for i, text in enumerate(shown["choices"])]
    elif kind == "matching":
        out["rights"] = [item("pairs", right["index"], right["text"]) for right in shown["rights"]]
    elif kind == "ordering" and shown.get("translation"):
        text, lang = pick("translation", None, shown["translation"])
        out["translation"], out["translation_lang"] = text, lang
    return out


# --- What a learner sees --------------------------------------------------------------------


def _shuffled(texts: list[str], seed: int, *, never_solved: bool) -> list[dict[str, Any]]:
    """`texts` as {"index", "text"} items in an order fixed by `seed`.

    With `never_solved` the texts never come out in their stored order: a shuffle that does is
    rotated by one, which differs from the stored order whenever two texts differ.
    """
    order = list(range(len(texts)))
    random.Random(seed).shuffle(order)  # noqa: S311 (a display order, not a secret)
    if never_solved and [texts[i] for i in order] == texts:
        order = order[1:] + order[:1]
    return [{"index": i, "text": texts[i]} for i in order]


def display(kind: str, data: object, seed: int) -> dict[str, Any]:
    """What a learner is shown for an exercise, without its answer; the same for the same seed.

    choice: question, choices (stored order; the position is the index to answer with).
    listening: sentence (for speech), choices. reading: word.
    cloze: before, after, choices as shuffled {"index", "text"} items ([] for a typed answer).
    ordering: tiles as shuffled {"index", "text"} items, never in solved order; translation.
    matching: lefts (stored order), rights as shuffled {"index", "text"} items, never in order.
    Raises ExerciseDataError when the stored data is broken.
    """
    clean = validate_data(kind, data)
    if kind == "choice":
        return {"question": clean.get("question", ""), "choices": clean["choices"]}
    if kind == "listening":
        return {"sentence": clean["sentence"], "choices": clean["choices"]}
    if kind == "reading":
        return {"word": clean["word"]}
    if kind == "cloze":
        choices = clean.get("choices", [])
        return {
            "before": clean["before"],
            "after": clean["after"],
            "choices": _shuffled(choices, seed, never_solved=False),
        }
    if kind == "ordering":
        return {
            "tiles": _shuffled(clean["tiles"], seed, never_solved=True),
            "translation": clean.get("translation", ""),
        }
    pairs: list[list[str]] = clean["pairs"]
    return {
        "lefts": [left for left, _ in pairs],
        "rights": _shuffled([right for _, right in pairs], seed, never_solved=True),
    }


# --- Grading --------------------------------------------------------------------------------


def _answer_index(value: object, where: str, size: int, missing: str = "malformed") -> int:
    """An index from an API (int) or a form (a string of ASCII digits), within range(size).

    An empty string (a form field left on its blank option) is the problem *missing*.
    """
    if isinstance(value, bool):
        raise InvalidAnswer(f"{where}: must be a number, not true/false")
    if isinstance(value, int):
        index = value
    elif isinstance(value, str):
        if not value.strip():
            raise InvalidAnswer(f"{where}: nothing was chosen (a whole number is needed)", missing)
        match = _INDEX_RE.fullmatch(value)
        if match is None:
            raise InvalidAnswer(f"{where}: {_show(value)} is not a whole number")
        index = int(match[1])
    else:
        raise InvalidAnswer(f"{where}: must be a whole number, not {_kind_of(value)}")
    if not 0 <= index < size:
        raise InvalidAnswer(f"{where}: {_show(index)} is out of range (0 to {size - 1})")
    return index


def _answer_text(answer: Mapping[str, object]) -> str:
    value = answer["text"]
    if not isinstance(value, str):
        raise InvalidAnswer(f"text: must be a string, not {_kind_of(value)}")
    text = value.strip()
    if not text:
        raise InvalidAnswer("text: the answer is empty", "empty")
    if len(text) > MAX_TEXT:
        raise InvalidAnswer(
            f"text: the answer is too long (the limit is {MAX_TEXT} characters)", "too_long"
        )
    if FORBIDDEN_RE.search(text):
        raise InvalidAnswer("text: the answer contains a control character", "control")
    return text


_MISSING = {"choice": "no_choice", "text": "empty", "order": "order_incomplete"}


def _require(answer: Mapping[str, object], key: str) -> object:
    if key not in answer:
        raise InvalidAnswer(f"answer: missing {key!r}", _MISSING.get(key, "match_incomplete"))
    return answer[key]


def _typed(text: str, accepted: Sequence[str], correct: bool) -> Verdict:
    """The verdict on a typed answer, with a near-miss hint when it is nearly right."""
    hint = (
        None if correct else next(filter(None, (near_miss_hint(a, text) for a in accepted)), None)
    )
    return Verdict(correct=correct, score=1.0 if correct else 0.0, expected=accepted[0], hint=hint)


def _binary(correct: bool, expected: str) -> Verdict:
    return Verdict(correct=correct, score=1.0 if correct else 0.0, expected=expected)


def _grade_choice(data: dict[str, Any], answer: Mapping[str, object]) -> Verdict:
    choices: list[str] = data["choices"]
    index = _answer_index(_require(answer, "choice"), "choice", len(choices), "no_choice")
    return _binary(index == data["answer"], choices[data["answer"]])


def _grade_reading(data: dict[str, Any], answer: Mapping[str, object]) -> Verdict:
    _require(answer, "text")
    text = _answer_text(answer)
    accepted: list[str] = data["answers"]
    return _typed(text, accepted, any(answers_match(text, a) for a in accepted))


# The particles written は, へ, を are pronounced わ, え, お.
PARTICLE_PRONUNCIATION = {"は": "わ", "へ": "え", "を": "お"}


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def _grade_cloze(data: dict[str, Any], answer: Mapping[str, object]) -> Verdict:
    accepted: list[str] = data["answers"]
    if "choice" in answer and "text" in answer:
        raise InvalidAnswer("answer: send either 'choice' or 'text', not both")
    if "choice" in answer:
        choices: list[str] | None = data.get("choices")
        if choices is None:
            raise InvalidAnswer("choice: this blank has no choices; type the answer as 'text'")
        index = _answer_index(answer["choice"], "choice", len(choices), "no_choice")
        return _binary(choices[index] in accepted, accepted[0])
    _require(answer, "text")
    text = _answer_text(answer)
    # answers_match compares readings; answers with kanji (or symbols) also match as written.
    # A blank that is one of the particles は, へ, を may also be typed as it is pronounced
    # (wa, e, o): learners type what they hear.
    spoken = [PARTICLE_PRONUNCIATION[a] for a in accepted if a in PARTICLE_PRONUNCIATION]
    correct = any(answers_match(text, a) or _nfkc(text) == _nfkc(a) for a in [*accepted, *spoken])
    return _typed(text, [*accepted, *spoken], correct)


def _grade_ordering(data: dict[str, Any], answer: Mapping[str, object]) -> Verdict:
    tiles: list[str] = data["tiles"]
    value = _require(answer, "order")
    items: Sequence[object]
    if isinstance(value, str):
        if len(value) > 10 * len(tiles):  # room for "11, " per tile; longer is not a form's
            raise InvalidAnswer("order: is too long")
        items = value.split(",") if value.strip() else []
    elif isinstance(value, list | tuple):
        items = value
    else:
        raise InvalidAnswer(f"order: must be a list of tile numbers, not {_kind_of(value)}")
    if len(items) != len(tiles):
        raise InvalidAnswer(
            f"order: must list each of the {len(tiles)} tiles once, not {len(items)} tiles",
            "order_incomplete",
        )
    order = [
        _answer_index(item, f"order[{i}]", len(tiles), "order_incomplete")
        for i, item in enumerate(items)
    ]
    if len(set(order)) != len(order):
        twice = next(i for i in order if order.count(i) > 1)
        raise InvalidAnswer(f"order: tile {twice} is used more than once", "tile_twice")
    # Texts, not indices: two tiles with the same text are interchangeable.
    return _binary([tiles[i] for i in order] == tiles, "".join(tiles))


def _grade_matching(data: dict[str, Any], answer: Mapping[str, object]) -> Verdict:
    pairs: list[list[str]] = data["pairs"]
    size = len(pairs)
    matches = _require(answer, "matches")
    if not isinstance(matches, Mapping):
        raise InvalidAnswer(f"matches: must be an object, not {_kind_of(matches)}")
    if len(matches) != size:
        raise InvalidAnswer(
            f"matches: must match all {size} items, not {len(matches)}", "match_incomplete"
        )
    chosen: dict[int, int] = {}
    for key, value in matches.items():
        left = _answer_index(key, "matches (left item)", size)
        if left in chosen:
            raise InvalidAnswer(f"matches: left item {left} is matched more than once")
        chosen[left] = _answer_index(value, f"matches[{left}]", size, "match_incomplete")
    if len(set(chosen.values())) != size:
        raise InvalidAnswer("matches: each right item may be used only once", "right_twice")
    right_of = [right for _, right in pairs]
    hits = sum(right_of[right] == right_of[left] for left, right in chosen.items())
    expected = "; ".join(f"{left} = {right}" for left, right in pairs)
    return Verdict(correct=hits == size, score=hits / size, expected=expected)


_GRADERS: dict[str, Callable[[dict[str, Any], Mapping[str, object]], Verdict]] = {
    "choice": _grade_choice,
    "listening": _grade_choice,
    "reading": _grade_reading,
    "cloze": _grade_cloze,
    "ordering": _grade_ordering,
    "matching": _grade_matching,
}


def grade(kind: str, data: object, answer: Mapping[str, object]) -> Verdict:
    """Grade a learner's answer; keys the kind does not use are ignored (forms post extras).

    Answer shapes: choice/listening {"choice": i}; reading {"text": s}; cloze {"text": s} or,
    with choices, {"choice": i}; ordering {"order": [i, ...] or "2,0,1"}; matching
    {"matches": {left: right}}. Indices may be ints or strings of digits. A malformed or forged
    answer (wrong type, out of range, not a permutation, empty or over-long text) raises
    InvalidAnswer; broken stored data raises ExerciseDataError.
    """
    clean = validate_data(kind, data)
    if not isinstance(answer, Mapping):
        raise InvalidAnswer(f"answer: must be an object, not {_kind_of(answer)}")
    return _GRADERS[kind](clean, answer)
