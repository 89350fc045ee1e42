"""Tutor corrections: inline ``{漢字|かんじ}`` markup and override tables, and their errors.

Markup forces a reading on the text between ``{`` and ``|``; the braces, the pipe and the
reading are not part of the output text. An override table maps words to readings (a course's
reading list); where several words match at one place the longest wins.
"""

from __future__ import annotations

from collections.abc import Mapping

from ._align import reading_fits
from ._kana import has_kanji, is_kana_reading, to_hiragana


def gettext_noop(message: str) -> str:
    """Marks *message* for the translation catalogue (makemessages finds this name); the
    interface translates it where it shows the problem. This engine imports no Django."""
    return message


class FuriganaError(ValueError):
    """A reading supplied by a person cannot belong to its word, or markup is malformed.
    `problem` is an English template (marked for translation) filled in by `params`; the
    interface translates it (`lessons.feedback.furigana_error_message`)."""

    def __init__(self, problem: str, params: Mapping[str, object] | None = None) -> None:
        self.problem = problem
        self.params = dict(params or {})
        super().__init__(problem % self.params if self.params else problem)


class OverrideError(FuriganaError):
    """An override entry (word -> reading) is unusable; the message says why (`reason` and
    `reason_params`, when a reading is what is wrong)."""

    reason: str | None = None
    reason_params: dict[str, object] | None = None


class MarkupError(FuriganaError):
    """Inline ``{base|reading}`` markup is malformed; ``position`` is the offending index."""

    def __init__(
        self, problem: str, position: int, params: Mapping[str, object] | None = None
    ) -> None:
        super().__init__(
            gettext_noop("%(problem)s (at character %(position)d)"),
            {"problem": problem % dict(params or {}) if params else problem, "position": position},
        )
        self.position = position
        self.reason = problem
        self.reason_params = dict(params or {})


def check_reading(word: str, reading: str) -> str:
    """Return *reading* as hiragana if it can be the reading of *word*.

    Raises ``_Bad`` with the reason otherwise; callers turn it into their public error class.
    """
    if not word:
        raise _Bad(gettext_noop("the word is empty"))
    if not reading:
        raise _Bad(gettext_noop("the reading of %(word)s is empty"), {"word": repr(word)})
    if any(c.isspace() for c in word):
        raise _Bad(gettext_noop("the word %(word)s contains whitespace"), {"word": repr(word)})
    if not has_kanji(word):
        raise _Bad(
            gettext_noop("the word %(word)s has no kanji to carry a reading"), {"word": repr(word)}
        )
    if not is_kana_reading(reading):
        raise _Bad(
            gettext_noop("the reading %(reading)s of %(word)s is not written in kana only"),
            {"reading": repr(reading), "word": repr(word)},
        )
    hira = to_hiragana(reading)
    if not reading_fits(word, hira):
        raise _Bad(
            gettext_noop("the reading %(reading)s does not fit the kana written in %(word)s"),
            {"reading": repr(reading), "word": repr(word)},
        )
    return hira


class _Bad(Exception):
    """Internal: a reason why a reading is unusable (a template and its parameters)."""

    def __init__(self, problem: str, params: Mapping[str, object] | None = None) -> None:
        self.problem = problem
        self.params = dict(params or {})
        super().__init__(problem % self.params if self.params else problem)


def validate_overrides(overrides: Mapping[str, str]) -> dict[str, str]:
    """Check every entry; return the table with readings normalised to hiragana.

    Raises OverrideError naming the first bad entry (non-kana or empty reading, a reading whose
    kana disagree with the kana written in the word, a word without kanji).
    """
    out: dict[str, str] = {}
    for word, reading in overrides.items():
        if not isinstance(word, str) or not isinstance(reading, str):
            raise OverrideError(
                gettext_noop("override %(word)s: word and reading must be strings"),
                {"word": repr(word)},
            )
        try:
            out[word] = check_reading(word, reading)
        except _Bad as exc:
            error = OverrideError(
                gettext_noop("override %(word)s -> %(reading)s: %(why)s"),
                {"word": repr(word), "reading": repr(reading), "why": str(exc)},
            )
            error.reason, error.reason_params = exc.problem, exc.params
            raise error from None
    return out


def parse_markup(text: str) -> list[tuple[str, str | None]]:
    """Split *text* into (plain text, None) and (base, forced hiragana reading) pieces.

    Raises MarkupError for an unclosed ``{``, a missing ``|``, an empty base or reading, or a
    reading that cannot belong to its base. Text without ``{`` is returned as one piece.
    """
    if "{" not in text and "}" not in text:
        return [(text, None)]
    pieces: list[tuple[str, str | None]] = []
    pos = 0
    n = len(text)
    while pos < n:
        open_at = text.find("{", pos)
        close_stray = text.find("}", pos)
        if close_stray != -1 and (open_at == -1 or close_stray < open_at):
            raise MarkupError(gettext_noop("'}' without an opening '{'"), close_stray)
        if open_at == -1:
            pieces.append((text[pos:], None))
            break
        if open_at > pos:
            pieces.append((text[pos:open_at], None))
        close_at = text.find("}", open_at + 1)
        nested = text.find("{", open_at + 1)
        if close_at == -1 or (nested != -1 and nested < close_at):
            raise MarkupError(gettext_noop("'{' is never closed by '}'"), open_at)
        body = text[open_at + 1 : close_at]
        if "|" not in body:
            raise MarkupError(
                gettext_noop("markup needs '|' between the word and its reading: {漢字|かんじ}"),
                open_at,
            )
        base, _, reading = body.partition("|")
        if not base:
            raise MarkupError(gettext_noop("the word before '|' is empty"), open_at)
        if not reading:
            raise MarkupError(gettext_noop("the reading after '|' is empty"), open_at)
        try:
            hira = check_reading(base, reading)
        except _Bad as exc:
            raise MarkupError(exc.problem, open_at, exc.params) from None
        pieces.append((base, hira))
        pos = close_at + 1
    return pieces


def strip_markup(text: str) -> str:
    """The text a learner sees: ``{漢字|かんじ}です`` -> ``漢字です`` (raises MarkupError)."""
    return "".join(base for base, _ in parse_markup(text))


def find_overrides(text: str, table: Mapping[str, str]) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, reading) matches of the table's words, longest first at
    each position, scanning left to right."""
    if not table:
        return []
    lengths = sorted({len(w) for w in table}, reverse=True)
    firsts = {w[0] for w in table}
    out: list[tuple[int, int, str]] = []
    i = 0
    n = len(text)
    while i < n:
        if text[i] in firsts:
            for ln in lengths:
                word = text[i : i + ln]
                if len(word) == ln and word in table:
                    out.append((i, i + ln, table[word]))
                    i += ln
                    break
            else:
                i += 1
        else:
            i += 1
    return out
