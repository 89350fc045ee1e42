"""Stored furigana for a set of strings: ruby HTML, Anki text, romaji and segments per distinct
Japanese string, with a reading list applied. Pure; the lessons, hub and letters all store it."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from lessons.japanese.furigana import (
    FuriganaError,
    ReadingStyle,
    Segment,
    annotate,
    to_anki,
    to_html,
    to_romaji,
)
from lessons.japanese.furigana.markup import find_overrides, parse_markup
from lessons.japanese.furigana.style import DEFAULT_STYLE
from lessons.japanese.text import is_japanese


@dataclass(frozen=True)
class CourseStyle:
    """How a course's texts are read and romanised (its style options)."""

    readings: ReadingStyle = DEFAULT_STYLE
    romaji: str = "hepburn"


def with_override_markup(text: str, overrides: Mapping[str, str]) -> str:
    """*text* with the course's reading list written in as inline markup, so that renderers
    that take plain text (romaji) use the same readings as the ruby."""
    if not overrides:
        return text
    out = []
    for piece, forced in parse_markup(text):
        if forced is not None:
            out.append(f"{{{piece}|{forced}}}")
            continue
        pos = 0
        for start, end, reading in find_overrides(piece, overrides):
            out.append(piece[pos:start] + f"{{{piece[start:end]}|{reading}}}")
            pos = end
        out.append(piece[pos:])
    return "".join(out)


def ruby_entry(
    text: str, overrides: Mapping[str, str], style: CourseStyle | None = None
) -> dict[str, Any]:
    style = style or CourseStyle()
    opts = style.readings
    try:
        segments = annotate(text, overrides=overrides or None, style=opts)
        romaji = to_romaji(with_override_markup(text, overrides), style=style.romaji, options=opts)
    except FuriganaError:
        # Saved text was validated when written; a reading list changed since may no longer
        # fit. Keep the text readable without ruby rather than fail the whole lesson.
        segments = [Segment(text)]
        romaji = to_romaji(text, style=style.romaji, options=opts)
    plain = "".join(s.text for s in segments)
    return {
        "html": to_html(segments),
        "anki": to_anki(segments),
        "romaji": romaji,
        "plain": plain,
        "segments": [[s.text, s.reading] for s in segments],
    }


def ruby_map(
    strings: Iterable[str], overrides: Mapping[str, str], style: CourseStyle | None = None
) -> dict[str, dict[str, Any]]:
    """Rendered furigana for every distinct Japanese string in *strings*."""
    style = style or CourseStyle()
    return {
        text: ruby_entry(text, overrides, style)
        for text in dict.fromkeys(strings)
        if text and is_japanese(text)
    }


def ruby_reading(rendered: Mapping[str, Any] | None, text: str) -> str:
    """The reading a learner is shown for *text* (kanji replaced by their furigana, the course's
    reading list and a tutor's corrections included), from a row's ruby map: what is spoken.
    The plain text when the row holds no entry for it."""
    entry = rendered.get(text) if isinstance(rendered, Mapping) else None
    segments = entry.get("segments") if isinstance(entry, Mapping) else None
    if not isinstance(segments, list):
        return text
    return "".join(
        str(reading) if reading else str(piece)
        for piece, reading in (seg for seg in segments if isinstance(seg, list) and len(seg) == 2)
    )
