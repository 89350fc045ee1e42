"""Draft exercises from a lesson's Japanese text: sentences, particle blanks, phrase tiles.

Pure engine on the furigana tagger (fugashi + unidic-lite), no Django. The output is a draft for a
tutor to review, and lossless: blanks and tiles join back to exactly the sentence they came from.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import NamedTuple

from lessons.japanese.furigana._kana import to_hiragana
from lessons.japanese.furigana._tagger import Tok, tokenize

__all__ = ["MAX_TILES", "Morpheme", "morphemes", "particle_blanks", "phrase_tiles", "sentences"]

#: More tiles than this make an ordering exercise too long: phrase_tiles returns [].
MAX_TILES = 12

# Particles worth blanking: case (が を に で へ と から まで の), binding (は も) and adverbial
# (まで だけ しか など くらい や). Final (ね よ か), conjunctive (て ば けど) and nominalising の
# particles are left alone: blanking them tests grammar, not the particle.
_BLANKABLE = frozenset({"格助詞", "係助詞", "副助詞"})
# What a blankable particle may follow: a noun-like word, a closing bracket (「はい」と), or the
# nominaliser の (行くのが). After verbs and adjectives (降るかもしれない, 行くまで) and after
# conjunctive て (ては, てから) the particle belongs to a set construction.
_NOUN_LIKE = frozenset({"名詞", "代名詞", "形状詞", "記号"})

_CONTENT_ATTACHED = frozenset({"助詞", "助動詞", "接尾辞"})

_STOPS = "。！？!?"
_OPENING = "「『（(“‘【〈《"
_CLOSING = "」』）)”’】〉》"
# "先生：…" or "Ali: …" at the start of a line: a short name without digits (10:30 is a time),
# spaces or sentence punctuation before a colon.
_SPEAKER_RE = re.compile(r"\s*[^\s0-9０-９：:。！？!?「」『』（）()]{1,20}\s*[：:]")


class Morpheme(NamedTuple):
    surface: str
    reading: str  # hiragana: the dictionary reading, or the kana of the surface
    lemma: str  # dictionary form without UniDic's gloss (ネパール-Nepal -> ネパール)


def morphemes(text: str) -> list[Morpheme]:
    """The words of *text* (punctuation and symbols left out), for search indexes."""
    out: list[Morpheme] = []
    for tok in tokenize(text):
        if tok.pos1 in ("補助記号", "空白"):
            continue
        reading = tok.reading or to_hiragana(tok.surface)
        lemma = (tok.lemma or tok.surface).split("-")[0] or tok.surface
        out.append(Morpheme(tok.surface, reading, lemma))
    return out


def _blankable(toks: list[Tok], i: int, blankable_before: bool) -> bool:
    tok = toks[i]
    if tok.pos1 != "助詞" or tok.pos2 not in _BLANKABLE or i == 0:
        return False
    prev = toks[i - 1]
    if prev.pos1 == "助詞":
        if prev.pos2 == "準体助詞":
            return tok.surface != "に"  # のに is a conjunction ("although")
        return blankable_before  # chains: に+は, で+も, まで+に
    if tok.surface == "か" and prev.pos1 == "代名詞":
        return False  # 何か, 誰か, どこか are words of their own
    return (
        prev.pos1 in _NOUN_LIKE
        or (prev.pos1 == "接尾辞" and prev.pos2 == "名詞的")
        or (prev.pos1 == "補助記号" and prev.pos2 == "括弧閉")
    )


def particle_blanks(sentence: str) -> list[tuple[str, str, str]]:
    """Each particle worth blanking in a cloze, as (before, particle, after), in text order.

    before + particle + after == sentence. One item per particle token, so 学校には gives one
    blank for に and one for は.
    """
    toks = tokenize(sentence)
    out: list[tuple[str, str, str]] = []
    previous = False
    for i, tok in enumerate(toks):
        current = _blankable(toks, i, previous)
        if current:
            end = tok.start + len(tok.surface)
            out.append((sentence[: tok.start], tok.surface, sentence[end:]))
        previous = current
    return out


def _joins_previous(prev: Tok, tok: Tok) -> bool:
    """Whether `tok` continues the phrase (bunsetsu) that `prev` is in."""
    if tok.pos1 in _CONTENT_ATTACHED:
        return True
    if tok.pos1 == "補助記号":
        return tok.pos2 != "括弧開"  # punctuation ends a phrase; an opening bracket starts one
    if prev.pos1 == "接頭辞" or (prev.pos1 == "補助記号" and prev.pos2 == "括弧開"):
        return True
    if tok.pos1 == "名詞" and prev.pos1 == "名詞":
        if tok.pos2 == "数詞" and prev.pos2 == "数詞":
            return True
        if tok.pos3 == "助数詞可能" and prev.pos2 == "数詞":
            return True  # 七時, 三十分
        # Compound nouns (日本語学校) join; time words used as adverbs (毎朝, 午後) stand alone.
        return "副詞可能" not in (tok.pos3, prev.pos3)
    if tok.pos1 == "動詞":
        if prev.pos1 == "動詞":
            return True  # compound verbs: 書き始める
        if prev.pos1 == "名詞" and prev.pos3 == "サ変可能":
            return tok.lemma in ("為る", "出来る")  # 勉強する, 勉強できる
    if tok.pos2 == "非自立可能" and tok.pos1 in ("動詞", "形容詞"):
        if prev.pos1 == "助詞" and prev.pos2 == "接続助詞":
            if prev.lemma == "て":
                return True  # ている, てください, てほしい
            return prev.surface == "ば" and tok.lemma == "成る"  # なければならない
        if tok.pos1 == "形容詞" and prev.pos1 == "助動詞":
            return True  # じゃない
    return False


def phrase_tiles(sentence: str) -> list[str]:
    """Split a sentence into phrase tiles for an ordering exercise: a content word with the
    particles, auxiliaries, suffixes and punctuation after it (私は / 毎朝 / 七時に / 起きます。).

    "".join(tiles) == sentence: spaces stay with the tile before them (leading ones with the
    first). Returns [] when there are more than MAX_TILES tiles or no words at all.
    """
    toks = tokenize(sentence)
    if not toks:
        return []
    starts = [0]
    for prev, tok in pairwise(toks):
        if not _joins_previous(prev, tok):
            starts.append(tok.start)
    if len(starts) > MAX_TILES:
        return []
    ends = [*starts[1:], len(sentence)]
    return [sentence[a:b] for a, b in zip(starts, ends, strict=True)]


def _split_line(line: str, *, brackets: bool) -> list[str]:
    """Split one line after each run of stops and closing brackets (outside 「…」 if `brackets`)."""
    pieces: list[str] = []
    start = depth = 0
    i, size = 0, len(line)
    while i < size:
        char = line[i]
        if brackets and char in _OPENING:
            depth += 1
        elif brackets and char in _CLOSING:
            depth = max(depth - 1, 0)
        elif char in _STOPS and depth == 0:
            while i + 1 < size and (line[i + 1] in _STOPS or line[i + 1] in _CLOSING):
                i += 1
            pieces.append(line[start : i + 1])
            start = i + 1
        i += 1
    pieces.append(line[start:])
    return pieces


def _has_unclosed_bracket(line: str) -> bool:
    depth = 0
    for char in line:
        if char in _OPENING:
            depth += 1
        elif char in _CLOSING:
            depth = max(depth - 1, 0)
    return depth > 0


def sentences(text: str) -> list[str]:
    """Split a passage into sentences at 。！？ (and ASCII !?) and at line ends, stripped.

    A stop inside 「…」 does not end the sentence (「はい。」と言った。 is one), unless the
    bracket is never closed on that line. A line "先生：…" keeps only the utterance after the
    speaker's colon. Pieces without a letter, kana or kanji (a stray 」 or ！) are dropped.
    """
    out: list[str] = []
    for line in text.splitlines():
        speaker = _SPEAKER_RE.match(line)
        if speaker is not None:
            line = line[speaker.end() :]
        brackets = not _has_unclosed_bracket(line)
        for piece in _split_line(line, brackets=brackets):
            piece = piece.strip()
            if any(char.isalnum() for char in piece):
                out.append(piece)
    return out
