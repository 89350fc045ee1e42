"""A second opinion on readings: pyopenjtalk-plus (OpenJTalk's dictionary, in its wheel).

Optional: when the package is not installed every function here answers "no evidence" and the
engine works on UniDic alone. The analyser rewrites digits as kanji numerals and normalises
width before it tags, so its nodes are mapped back onto the characters of the input here.
"""

from __future__ import annotations

import threading
import unicodedata
from typing import Any

from ._kana import KANJI_RE, to_hiragana

_MODULE: Any = None
_AVAILABLE: bool | None = None
_LOCK = threading.Lock()

_DIGITS = frozenset("0123456789０１２３４５６７８９,，.．")
_NUMERAL_KANJI = frozenset("〇一二三四五六七八九十百千万億兆")


def available() -> bool:
    """True when pyopenjtalk-plus can be imported (checked once)."""
    global _MODULE, _AVAILABLE
    if _AVAILABLE is None:
        with _LOCK:
            if _AVAILABLE is None:
                try:
                    import contextlib
                    import io

                    # The package prints a notice about an optional model on import.
                    with contextlib.redirect_stdout(io.StringIO()):
                        import pyopenjtalk

                    _MODULE = pyopenjtalk
                    _AVAILABLE = True
                except Exception:
                    _AVAILABLE = False
    return bool(_AVAILABLE)


def _fold(s: str) -> str:
    return unicodedata.normalize("NFKC", s)


def spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, hiragana reading) of every kanji-bearing word pyopenjtalk-plus finds in
    *text*, located in *text* itself; numbers written in digits are not reported (their
    kanji rewrite has no place in the input). Empty when the analyser is not installed."""
    if not text or not available():
        return []
    with _LOCK:
        nodes = _MODULE.run_frontend(text)
    folded = _fold(text)
    if len(folded) != len(text):  # a character widened into several: give up on alignment
        return []
    out: list[tuple[int, int, str]] = []
    pos = 0
    n = len(text)
    for node in nodes:
        s = _fold(node["string"])
        if not s:
            continue
        i = folded.find(s, pos)
        if i < 0 or (i > pos and folded[pos:i].strip() and not _skippable(folded[pos:i])):
            if s[0] in _NUMERAL_KANJI:  # a digit rewritten: step over the digits in the text
                while pos < n and folded[pos] in _DIGITS:
                    pos += 1
            continue
        pos = i + len(s)
        read = node["read"]
        if KANJI_RE.search(s) and read and read != "*":
            out.append((i, pos, to_hiragana(read)))
    return out


def _skippable(gap: str) -> bool:
    """Characters the analyser may drop or rewrite: digits, spaces, symbols."""
    return all(c in _DIGITS or not c.isalnum() for c in gap)


_CLAUSE_ENDS = frozenset("。、，,．.！？!?\n「」『』（）()　 ")
_CACHE: dict[str, list[tuple[int, int, str]]] = {}
_CACHE_MAX = 4096


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause of *text* around [start, end): between punctuation marks."""
    a = start
    while a > 0 and text[a - 1] not in _CLAUSE_ENDS:
        a -= 1
    b = end
    n = len(text)
    while b < n and text[b] not in _CLAUSE_ENDS:
        b += 1
    return a, b


def clause_spans(text: str, start: int, end: int) -> tuple[int, list[tuple[int, int, str]]]:
    """pyopenjtalk-plus's spans for the clause around [start, end) (offset, spans in the
    clause); analysed once per distinct clause."""
    a, b = _clause(text, start, end)
    clause = text[a:b]
    found = _CACHE.get(clause)
    if found is None:
        found = spans(clause)
        if len(_CACHE) >= _CACHE_MAX:
            _CACHE.clear()
        _CACHE[clause] = found
    return a, found
