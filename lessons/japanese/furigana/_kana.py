"""Character classes and kana conversions shared by the furigana engine (pure, stdlib only)."""

from __future__ import annotations

import re

#: Characters that make a segment "kanji" (it may carry ruby): CJK ideographs (BMP, extension A,
#: compatibility, extensions B+) and the ideographic marks 々 (repeat), 〆 (shime), 〇 (zero),
#: ヶ (counter ka/ga as in 一ヶ月).
KANJI_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff々〆〇ヶ"
KANJI_RE = re.compile(f"[{KANJI_CLASS}]")
KANJI_RUN_RE = re.compile(f"[{KANJI_CLASS}]+")

KANA_RE = re.compile("^[\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc\u30fd\u30fe]+$")

# Katakana ァ..ヶ and the marks ヽヾ map onto hiragana ぁ..ゖ and ゝゞ (offset 0x60).
_KATA_TO_HIRA = {c: c - 0x60 for c in range(0x30A1, 0x30F7)}
_KATA_TO_HIRA.update({0x30FD: 0x309D, 0x30FE: 0x309E})


def to_hiragana(s: str) -> str:
    """Katakana -> hiragana; every other character is kept (ー stays ー)."""
    return s.translate(_KATA_TO_HIRA)


def has_kanji(s: str) -> bool:
    return KANJI_RE.search(s) is not None


def is_kana_reading(s: str) -> bool:
    """True when *s* is a plausible reading: only hiragana/katakana and the long-vowel mark."""
    return bool(s) and KANA_RE.match(s) is not None


# --- sound changes on kana -------------------------------------------------------------------

_VOICE = dict(
    zip(
        "かきくけこさしすせそたちつてとはひふへほ",
        "がぎぐげござじずぜぞだぢづでどばびぶべぼ",
        strict=True,
    )
)
_SEMI = dict(zip("はひふへほ", "ぱぴぷぺぽ", strict=True))
_UNVOICE = {v: k for k, v in _VOICE.items()} | {v: k for k, v in _SEMI.items()}


def voiced(kana: str) -> str:
    """First mora voiced (rendaku): ほん -> ぼん, かい -> がい."""
    return _VOICE.get(kana[:1], kana[:1]) + kana[1:] if kana else kana


def semi_voiced(kana: str) -> str:
    """First mora h -> p: ほん -> ぽん (after a geminated numeral)."""
    return _SEMI.get(kana[:1], kana[:1]) + kana[1:] if kana else kana


def unvoiced(kana: str) -> str:
    """Undo rendaku on the first mora: ばこ -> はこ, ぱい -> はい."""
    return _UNVOICE.get(kana[:1], kana[:1]) + kana[1:] if kana else kana


def is_voiced_start(kana: str) -> bool:
    return kana[:1] in _UNVOICE
