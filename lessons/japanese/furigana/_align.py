"""Kana-anchored alignment: distribute a word's reading over its kanji and kana groups."""

from __future__ import annotations

import re
from functools import lru_cache

from ._kana import KANJI_RUN_RE, has_kanji, to_hiragana

Parts = tuple[tuple[str, str | None], ...]


@lru_cache(maxsize=65536)
def align(surface: str, reading: str) -> Parts:
    """Split *surface* into (text, reading-or-None) parts, ruby only over kanji groups.

    The kana of the surface anchor the split (取り扱い/とりあつかい -> 取/と り 扱/あつか い),
    so okurigana stay outside the ruby. When the kana do not match the reading, or more than one
    split fits (e.g. a kana that also occurs inside a kanji's reading at another place), the
    whole surface carries one ruby (今日/きょう) rather than a guessed split.
    *reading* must be hiragana.
    """
    if not has_kanji(surface):
        return ((surface, None),)
    runs = list(KANJI_RUN_RE.finditer(surface))
    if len(runs) == 1 and runs[0].start() == 0 and runs[0].end() == len(surface):
        return ((surface, reading),)
    pieces: list[tuple[bool, str]] = []
    pos = 0
    for m in runs:
        if m.start() > pos:
            pieces.append((False, surface[pos : m.start()]))
        pieces.append((True, m.group()))
        pos = m.end()
    if pos < len(surface):
        pieces.append((False, surface[pos:]))
    lazy = "".join("(.+?)" if k else "(" + re.escape(to_hiragana(t)) + ")" for k, t in pieces)
    m1 = re.fullmatch(lazy, reading)
    if m1 is None:
        return ((surface, reading),)
    m2 = re.fullmatch(lazy.replace("(.+?)", "(.+)"), reading)
    if m2 is None or m1.groups() != m2.groups():
        return ((surface, reading),)
    return tuple((t, r if k else None) for (k, t), r in zip(pieces, m1.groups(), strict=True))


def reading_fits(surface: str, reading: str) -> bool:
    """True when the kana in *surface* occur in the hiragana *reading* at consistent places."""
    pieces = re.split(f"({KANJI_RUN_RE.pattern})", surface)
    pat = "".join("(.+)" if i % 2 else re.escape(to_hiragana(p)) for i, p in enumerate(pieces) if p)
    return re.fullmatch(pat, reading) is not None
