"""Furigana engine: Japanese text -> segments with hiragana readings -> ruby HTML, Anki, romaji.

Pure Python on fugashi + unidic-lite (no Django). Public API::

    annotate(text, *, overrides=None) -> list[Segment]
    to_html(segments) / to_anki(segments) / to_romaji(text) / to_kana(text)
    strip_markup(text), validate_overrides(mapping), FuriganaError, MarkupError, OverrideError

Losslessness: ``"".join(s.text for s in annotate(t)) == strip_markup(t)``, which is ``t`` itself
whenever *t* holds no ``{`` or ``}`` (inline markup ``{漢字|かんじ}`` is removed from the output
text; its reading is forced).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ._align import align
from ._tagger import Tok, tokenize
from .markup import (
    FuriganaError,
    MarkupError,
    OverrideError,
    find_overrides,
    parse_markup,
    strip_markup,
    validate_overrides,
)
from .rules import apply_rules
from .style import DEFAULT_STYLE, ReadingStyle

#: Bump whenever the output for some input changes; stored beside rendered text so stale rows
#: can be re-rendered.
ENGINE_VERSION = "1.1.0"

__all__ = [
    "ENGINE_VERSION",
    "FuriganaError",
    "MarkupError",
    "OverrideError",
    "ReadingStyle",
    "Segment",
    "annotate",
    "strip_markup",
    "to_anki",
    "to_html",
    "to_kana",
    "to_romaji",
    "validate_overrides",
]


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of text; ``reading`` (hiragana) is set only when ``text`` contains kanji."""

    text: str
    reading: str | None = None


Pair = tuple[str, str | None]


def annotate(
    text: str,
    *,
    overrides: Mapping[str, str] | None = None,
    style: ReadingStyle | None = None,
) -> list[Segment]:
    """Split *text* into segments, kanji segments carrying their reading.

    *overrides* maps words to readings (longest match wins) and inline ``{base|reading}`` markup
    forces a reading; both raise FuriganaError subclasses when a reading cannot belong to its
    word. Any other str is accepted: characters the analyser cannot read pass through plain.
    *style* holds the course's choices for 日本 and 明日 (overrides and markup win over it).
    """
    table = validate_overrides(overrides) if overrides else {}
    pairs: list[Pair] = []
    for piece, forced in parse_markup(text):
        if forced is not None:
            pairs.extend(align(piece, forced))
            continue
        pos = 0
        for start, end, reading in find_overrides(piece, table):
            if start > pos:
                _analyse(piece[pos:start], pairs, style)
            pairs.extend(align(piece[start:end], reading))
            pos = end
        if pos < len(piece):
            _analyse(piece[pos:] if pos else piece, pairs, style)
    return _to_segments(pairs)


def _analyse(text: str, out: list[Pair], style: ReadingStyle | None = None) -> None:
    """Tag *text*, apply the reading rules and append its (text, reading) pairs to *out*."""
    toks = _tokens(text, style)
    plain = 0  # text[plain:] up to the current token is plain: gaps and tokens without ruby
    for t in toks:
        parts = t.parts
        reading = t.reading  # only tokens with kanji have one
        if parts is None and reading is None:
            continue
        if t.start > plain:
            out.append((text[plain : t.start], None))
        plain = t.start + len(t.surface)
        if parts is not None:
            out.extend(parts)
        elif reading is not None:
            out.extend(align(t.surface, reading))
    if plain < len(text):
        out.append((text[plain:], None))


def _to_segments(pairs: list[Pair]) -> list[Segment]:
    """Merge neighbouring plain pieces; drop empty ones."""
    segs: list[Segment] = []
    buf: list[str] = []
    for text, reading in pairs:
        if reading is None:
            if text:
                buf.append(text)
        else:
            if buf:
                segs.append(Segment("".join(buf)))
                buf = []
            segs.append(Segment(text, reading))
    if buf:
        segs.append(Segment("".join(buf)))
    return segs


def _tokens(text: str, style: ReadingStyle | None = None) -> list[Tok]:
    """Tokens of *text* (markup removed) after the reading rules and the course's style; used
    by the renderers."""
    toks = tokenize(text)
    apply_rules(toks)
    if style is not None and style != DEFAULT_STYLE:
        for t in toks:
            if t.reading is not None and t.surface in ("日本", "明日"):
                t.reading = style.choose(t.surface, t.reading)
    return toks


from .render import to_anki, to_html, to_kana, to_romaji  # noqa: E402  (render needs Segment)
