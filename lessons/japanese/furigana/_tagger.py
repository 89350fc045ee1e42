"""The process-wide MeCab tagger (unidic-lite) and the token records the rules work on."""

from __future__ import annotations

import csv
import re
import threading
from typing import Any

from ._kana import KANJI_RE, to_hiragana

_TAGGER: Any = None
_LOCK = threading.Lock()

#: The feature fields a Tok needs, in the order of its constructor arguments after the reading.
_TOK_FIELDS = ("pos1", "pos2", "pos3", "pos4", "lemma", "iForm", "goshu")
# Where those fields and ``kana`` sit in the tagger's comma-separated feature row, and how many
# leading fields hold them all; set with the tagger (the layout depends on the dictionary's
# schema). Fields after these are never split.
_COLUMNS: tuple[int, ...] = ()
_KANA_COLUMN = 0
_SPAN = 0

# Characters MeCab cannot take: NUL ends a C string, lone surrogates cannot be encoded to UTF-8.
# Text is tagged in chunks between them; they pass through as plain text.
_TAGGABLE_RE = re.compile("[^\x00\ud800-\udfff]+")


def get_tagger() -> Any:
    """Create the tagger on first use, pointed explicitly at unidic-lite's dictionary.

    Passing both ``-r`` (its mecabrc) and ``-d`` keeps a full ``unidic`` package, or a system
    mecabrc, from being picked up instead.
    """
    global _TAGGER, _COLUMNS, _KANA_COLUMN, _SPAN
    if _TAGGER is None:
        with _LOCK:
            if _TAGGER is None:
                import fugashi
                import unidic_lite

                dicdir = unidic_lite.DICDIR
                tagger = fugashi.Tagger(f'-r "{dicdir}/mecabrc" -d "{dicdir}"')
                names: tuple[str, ...] = type(tagger("日本")[0].feature)._fields
                _COLUMNS = tuple(names.index(n) for n in _TOK_FIELDS)
                _KANA_COLUMN = names.index("kana")
                _SPAN = max(*_COLUMNS, _KANA_COLUMN) + 1
                _TAGGER = tagger
    return _TAGGER


class Tok:
    """One morpheme with its place in the text; rules may change ``reading`` or set ``parts``.

    ``reading`` is hiragana, or None for unknown words and for tokens without kanji (they never
    carry ruby, so their reading is not needed; their surface is their kana). ``parts``, when
    set, is an explicit split of the surface into (text, reading-or-None) pieces that bypasses
    the kana alignment (an empty list: the token's text is already in an earlier token's parts).
    """

    __slots__ = (
        "goshu",
        "iform",
        "lemma",
        "parts",
        "pos1",
        "pos2",
        "pos3",
        "pos4",
        "reading",
        "spoken",
        "start",
        "surface",
    )

    def __init__(
        self,
        surface: str,
        start: int,
        reading: str | None,
        pos1: str = "",
        pos2: str = "",
        pos3: str = "",
        pos4: str = "",
        lemma: str = "",
        iform: str = "",
        goshu: str = "",
    ) -> None:
        self.surface = surface
        self.start = start
        self.reading = reading
        self.pos1 = pos1
        self.pos2 = pos2
        self.pos3 = pos3
        self.pos4 = pos4
        self.lemma = lemma
        self.iform = iform
        self.goshu = goshu
        self.parts: list[tuple[str, str | None]] | None = None
        #: How a token without ruby is read out (digits: 14 -> じゅうよん), for kana and romaji.
        self.spoken: str | None = None

    def __repr__(self) -> str:
        return f"Tok({self.surface!r}, {self.reading!r}, {self.pos1}/{self.pos2}/{self.pos3})"


def tokenize(text: str) -> list[Tok]:
    """Tag *text* into tokens whose surfaces, in order, are substrings of *text*.

    Gaps between tokens (whitespace MeCab skipped, untaggable characters) are not tokens;
    ``Tok.start`` locates each token so callers can rebuild the text losslessly.

    Features are read from the node's raw feature row rather than ``node.feature``: fugashi
    builds a 26-field namedtuple per token for the latter, which costs more than the tagging.
    """
    tagger = get_tagger()
    pos1, pos2, pos3, pos4, lemma, iform, goshu = _COLUMNS
    kana_col = _KANA_COLUMN
    span = _SPAN
    toks: list[Tok] = []
    append = toks.append
    kanji = KANJI_RE.search
    for m in _TAGGABLE_RE.finditer(text):
        chunk = m.group()
        base = m.start()
        pos = 0
        with _LOCK:
            for w in tagger(chunk):
                s = w.surface
                if not s:
                    continue
                i = chunk.find(s, pos)
                if i < 0:  # MeCab changed the surface: stop here, the rest stays plain text
                    break
                pos = i + len(s)
                raw = w.feature_raw
                quote = raw.find('"')
                if quote < 0 or raw.count(",", 0, quote) >= span:
                    f = raw.split(",", span)  # the needed fields, then the rest unsplit
                    if len(f) < span:  # unknown words carry only the part-of-speech fields
                        f += [""] * (span - len(f))
                else:  # a needed field holds a comma, so MeCab quoted it
                    f = _csv_row(raw, span)
                kana = f[kana_col]
                reading = to_hiragana(kana) if kana and kana != "*" and kanji(s) else None
                append(
                    Tok(
                        s,
                        base + i,
                        reading,
                        f[pos1],
                        f[pos2],
                        f[pos3],
                        f[pos4],
                        f[lemma],
                        f[iform],
                        f[goshu],
                    )
                )
    return toks


def _csv_row(raw: str, span: int) -> list[str]:
    """Split a feature row whose fields hold commas (MeCab quotes them), as fugashi does."""
    f = next(csv.reader([raw]))
    if len(f) < span:
        f += [""] * (span - len(f))
    return f
