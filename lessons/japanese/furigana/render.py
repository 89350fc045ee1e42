"""Renderers: segments -> ruby HTML and Anki bracket syntax; text -> hiragana and romaji."""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ._kana import to_hiragana
from ._numbers import DIGITS, is_digits, say_number
from .markup import MarkupError, parse_markup
from .style import ReadingStyle

if TYPE_CHECKING:
    from . import Segment
    from ._tagger import Tok


def to_html(segments: Iterable[Segment]) -> str:
    """``<span lang="ja">`` with a ``<ruby>`` (and ``<rp>`` fallbacks) per reading; all text
    escaped, so the result is safe to insert into a page as-is."""
    parts = ['<span lang="ja">']
    esc = html.escape
    for s in segments:
        if s.reading is None:
            parts.append(esc(s.text))
        else:
            parts.append(f"<ruby>{esc(s.text)}<rp>(</rp><rt>{esc(s.reading)}</rt><rp>)</rp></ruby>")
    parts.append("</span>")
    return "".join(parts)


def _anki_escape(text: str) -> str:
    # Anki fields are HTML, and its {{furigana:}} filter reads "base[reading]" anywhere in the
    # field: escape HTML, and write brackets of plain text as character references so they
    # cannot be mistaken for a reading.
    return html.escape(text, quote=False).replace("[", "&#91;").replace("]", "&#93;")


def to_anki(segments: Iterable[Segment]) -> str:
    """Anki's bracket syntax: ``これは 漢字[かんじ]です``.

    Anki's furigana filter takes as the base everything back to the previous space (or the
    start), and swallows that one space; so every ruby not at the start is preceded by a space.
    The result is field HTML (escaped), ready to store in a note field.
    """
    out: list[str] = []
    for s in segments:
        if s.reading is None:
            out.append(_anki_escape(s.text))
        else:
            if out:
                out.append(" ")
            out.append(f"{_anki_escape(s.text)}[{_anki_escape(s.reading)}]")
    return "".join(out)


def _pieces(text: str) -> list[tuple[str, str | None]]:
    """Markup pieces of *text*, or the text itself when its braces are not valid markup."""
    try:
        return parse_markup(text)
    except MarkupError:
        return [(text, None)]


def to_kana(text: str, *, style: ReadingStyle | None = None) -> str:
    """The text with every kanji word replaced by its hiragana reading and digits read out
    (１４日 じゅうよっか); kana and any other characters are kept as written. Never raises
    (invalid markup is read as plain text)."""
    from . import _tokens
    from ._align import align

    out: list[str] = []
    for piece, forced in _pieces(text):
        if forced is not None:
            out.append(forced)
            continue
        pos = 0
        for t in _tokens(piece, style):
            out.append(piece[pos : t.start])
            pos = t.start + len(t.surface)
            if t.parts is not None:
                out.extend(r if r is not None else _say(p) for p, r in t.parts)
            elif t.spoken is not None:
                out.append(t.spoken)
            elif is_digits(t.surface):
                out.append(_say(t.surface))
            elif t.reading is not None:
                out.extend(r if r is not None else p for p, r in align(t.surface, t.reading))
            else:
                out.append(t.surface)
        out.append(piece[pos:])
    return "".join(out)


# --- romaji (Hepburn, no macrons: long vowels as written, おう -> ou) ------------------------

_MONO = dict(
    zip(
        "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわゐゑをん"
        "がぎぐげござじずぜぞだぢづでどばびぶべぼぱぴぷぺぽぁぃぅぇぉゃゅょゎゔ",
        [
            "a",
            "i",
            "u",
            "e",
            "o",
            "ka",
            "ki",
            "ku",
            "ke",
            "ko",
            "sa",
            "shi",
            "su",
            "se",
            "so",
            "ta",
            "chi",
            "tsu",
            "te",
            "to",
            "na",
            "ni",
            "nu",
            "ne",
            "no",
            "ha",
            "hi",
            "fu",
            "he",
            "ho",
            "ma",
            "mi",
            "mu",
            "me",
            "mo",
            "ya",
            "yu",
            "yo",
            "ra",
            "ri",
            "ru",
            "re",
            "ro",
            "wa",
            "i",
            "e",
            "o",
            "n",
            "ga",
            "gi",
            "gu",
            "ge",
            "go",
            "za",
            "ji",
            "zu",
            "ze",
            "zo",
            "da",
            "ji",
            "zu",
            "de",
            "do",
            "ba",
            "bi",
            "bu",
            "be",
            "bo",
            "pa",
            "pi",
            "pu",
            "pe",
            "po",
            "a",
            "i",
            "u",
            "e",
            "o",
            "ya",
            "yu",
            "yo",
            "wa",
            "vu",
        ],
        strict=True,
    )
)
_YOON_BASE = {
    "き": "k",
    "ぎ": "g",
    "に": "n",
    "ひ": "h",
    "び": "b",
    "ぴ": "p",
    "み": "m",
    "り": "r",
}
_YOON_SPECIAL = {"し": "sh", "じ": "j", "ち": "ch", "ぢ": "j"}
_SMALL_Y = {"ゃ": "a", "ゅ": "u", "ょ": "o"}
_SMALL_V = {"ぁ": "a", "ぃ": "i", "ぅ": "u", "ぇ": "e", "ぉ": "o"}
_PUNCT = {
    "。": ".",
    "、": ",",
    "，": ",",
    "．": ".",
    "！": "!",
    "？": "?",
    "「": '"',
    "」": '"',
    "『": '"',
    "』": '"',
    "（": "(",
    "）": ")",
    "・": " ",
    "　": " ",
    "〜": "~",
    "：": ":",
    "；": ";",
    "…": "...",
    "―": "-",
    "ー": "-",
}


#: A morpheme boundary inside a word's kana: long vowels are never joined across it.
BOUNDARY = "\x1f"
_MACRON = {"a": "ā", "i": "ī", "u": "ū", "e": "ē", "o": "ō"}
# Vowel + kana that lengthens it within a morpheme (modified Hepburn): おう/おお ō, うう ū,
# ああ ā. ei and ii stay as written (sensei, oniisan).
_LENGTHENS = {"a": "あ", "u": "う", "o": "うお"}


def kana_to_romaji(kana: str, *, macrons: bool = False) -> str:
    """Hepburn romaji of a kana string (katakana accepted); other characters are kept.

    With *macrons*, long vowels inside a morpheme are written ō/ū/ā (とうきょう tōkyō) and ー
    lengthens the vowel before it (コーヒー kōhī); :data:`BOUNDARY` marks morpheme boundaries
    the long vowel must not cross (おも|う omou). Without, kana are spelled one by one."""
    s = to_hiragana(kana)
    if not macrons:
        s = s.replace(BOUNDARY, "")
    out: list[str] = []
    i = 0
    n = len(s)
    geminate = False
    blocked = False  # the previous character was a morpheme boundary
    while i < n:
        c = s[i]
        nxt = s[i + 1] if i + 1 < n else ""
        if c == BOUNDARY:
            blocked = True
            i += 1
            continue
        was_blocked, blocked = blocked, False
        if (
            macrons
            and not was_blocked
            and out
            and out[-1][-1:] in _LENGTHENS
            and c in _LENGTHENS[out[-1][-1]]
        ):
            out[-1] = out[-1][:-1] + _MACRON[out[-1][-1]]
            i += 1
            continue
        if c == "っ":
            geminate = True
            i += 1
            continue
        if nxt in _SMALL_Y and (c in _YOON_BASE or c in _YOON_SPECIAL):
            syl = (_YOON_SPECIAL.get(c) or _YOON_BASE[c] + "y") + _SMALL_Y[nxt]
            i += 2
        elif nxt in _SMALL_V and c in _MONO and c not in "あいうえお":
            # loanword digraphs: ファ fa, ティ ti, ウェ we, ヴァ va
            head = _MONO[c]
            cons = {
                "fu": "f",
                "tsu": "ts",
                "vu": "v",
                "u": "w",
                "te": "t",
                "de": "d",
                "she": "sh",
                "je": "j",
                "che": "ch",
            }.get(head, head[:-1])
            syl = cons + _SMALL_V[nxt]
            i += 2
        elif c == "ー":
            if macrons and out and out[-1][-1:] in _MACRON:
                out[-1] = out[-1][:-1] + _MACRON[out[-1][-1]]
                i += 1
                continue
            syl = out[-1][-1] if out and out[-1][-1:] in "aiueo" and out[-1] else "-"
            i += 1
        elif c in _MONO:
            syl = _MONO[c]
            after = s[i + 2] if nxt == BOUNDARY and i + 2 < n else nxt
            if c == "ん" and after and (after in "あいうえおやゆよ"):
                syl = "n'"
            i += 1
        else:
            syl = _PUNCT.get(c, c)
            i += 1
        if geminate:
            if syl[:1] in "bcdfghjklmnpqrstvwxyz":
                syl = ("t" if syl.startswith("ch") else syl[0]) + syl
            geminate = False
        out.append(syl)
    return "".join(out)


# Word division for romaji: conjugation endings, suffixes and counters join the word before
# them (食べ+まし+た -> tabemashita, 三+匹 -> sanbiki); a prefix joins the word after it (o-kaasan).
_INFLECTING = frozenset({"動詞", "形容詞", "助動詞"})
_ATTACH_PARTICLES = frozenset({"て", "で", "ば", "ちゃ", "じゃ", "たり", "だり"})
_PARTICLE_ROMAJI = {"は": "wa", "へ": "e", "を": "o"}
_OPENING = frozenset("「『（(［[〈《【\"'")


# Set phrases whose spelling hides the pronunciation (は read wa inside a greeting).
SET_PHRASES = {"こんにちは": "こんにちわ", "こんばんは": "こんばんわ", "ようこそ": "ようこそ"}
_NOUN_PARTS = frozenset({"普通名詞", "固有名詞"})


def _glues(prev: Tok | None, t: Tok) -> bool:
    prev_pos1 = prev.pos1 if prev is not None else ""
    if t.pos1 == "接尾辞" or (t.pos3 in ("助数詞", "助数詞可能") and prev_pos1 == "名詞"):
        return True
    # A number written in several tokens is one word: 十五 jūgo, １万 ichiman.
    if prev is not None and prev.pos2 == "数詞" and t.pos2 == "数詞":
        return True
    # Noun compounds are one word: 市役所 shiyakusho, 映画会社 eigagaisha.
    if (
        prev is not None
        and prev_pos1 == "名詞"
        and t.pos1 == "名詞"
        and prev.pos2 in _NOUN_PARTS
        and t.pos2 in _NOUN_PARTS
        and prev.start + len(prev.surface) == t.start
        and t.surface[0] not in DIGITS
        and prev.pos3 != "助数詞可能"
    ):
        return True
    if t.pos1 == "助動詞":
        return prev_pos1 in _INFLECTING
    return t.pos1 == "助詞" and t.pos2 == "接続助詞" and t.surface in _ATTACH_PARTICLES


ROMAJI_STYLES = ("hepburn", "wapuro")


def _say(text: str) -> str:
    """Digits read out (２０２６ にせんにじゅうろく); any other text unchanged."""
    if is_digits(text):
        return say_number(int("".join(str(int(c)) for c in text)))
    return text


def to_romaji(text: str, *, style: str = "hepburn", options: ReadingStyle | None = None) -> str:
    """Romaji, words separated by spaces; particles は/へ/を as wa/e/o; digits read out.

    *style* ``"hepburn"`` (modified Hepburn, the default) writes long vowels inside a morpheme
    with macrons (とうきょう tōkyō; 思う stays omou); ``"wapuro"`` spells kana one by one
    (toukyou). *options* are the course's reading choices (日本, 明日). Never raises (invalid
    markup is read as plain text).
    """
    from . import _tokens

    macrons = style != "wapuro"

    words: list[list[str]] = []  # each word: kana/romaji pieces, romanised together
    join_next = False  # the previous item was a prefix or an opening bracket
    prev: Tok | None = None

    def add(item: str, glue: bool) -> None:
        nonlocal join_next
        if words and (glue or join_next):
            words[-1].append(item)
        else:
            words.append([item])
        join_next = False

    for piece, forced in _pieces(text):
        if forced is not None:
            add(forced, False)
            prev = None
            continue
        pos = 0
        for t in _tokens(piece, options):
            gap = piece[pos : t.start].strip()
            pos = t.start + len(t.surface)
            if gap:
                add(gap, False)
            s = t.surface
            if t.pos1 in ("補助記号", "空白"):
                mark = "".join(_PUNCT.get(c, c) for c in s).strip()
                if s in _OPENING and mark:
                    add(mark, False)
                    join_next = True
                elif mark:
                    add(mark, True)
                prev = t
                continue
            glue = _glues(prev, t)
            if t.pos1 == "助詞" and s in _PARTICLE_ROMAJI:
                kana = _PARTICLE_ROMAJI[s]
            elif s in SET_PHRASES:
                kana = SET_PHRASES[s]
            elif t.parts is not None:
                kana = "".join(r if r is not None else _say(p) for p, r in t.parts)
                if not kana:  # its text was read with an earlier token (１４日)
                    prev = t
                    continue
            elif t.spoken is not None:
                kana = t.spoken
                if not kana:
                    continue
            elif is_digits(s):
                kana = _say(s)
            elif (
                t.pos1 == "動詞"
                and s.startswith("はい")
                and t.reading is None
                and prev is not None
                and prev.pos1 == "名詞"
            ):
                # 袋はいります: the analyser took topic は + 要る for 入る written in kana.
                add("wa", False)
                kana = s[1:]
                glue = False
            else:
                kana = t.reading if t.reading is not None else s
            if t.pos1 in ("動詞", "助動詞") and kana.endswith("う") and len(kana) > 1:
                kana = kana[:-1] + BOUNDARY + "う"  # 思う omou: the ending is its own mora
            if prev is not None and prev.surface + s in SET_PHRASES:
                glue = True  # a set phrase the analyser split (よう+こそ): one word
            inside = prev is not None and prev.surface + s in SET_PHRASES
            add(BOUNDARY + kana if glue and not inside else kana, glue)
            if t.pos1 == "接頭辞":
                join_next = True
            prev = t
        tail = piece[pos:].strip()
        if tail:
            add(tail, False)
    return " ".join(kana_to_romaji("".join(w), macrons=macrons) for w in words).strip()
