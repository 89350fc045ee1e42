"""Stored furigana for a set of strings: ruby HTML, Anki text, romaji and segments per distinct
Japanese string, with a reading list applied, and how a page shows a stored entry (readings of
some words hidden, or as text in brackets). Pure; the lessons, hub and letters all store it."""

import html
import re
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


# --- Showing stored entries -------------------------------------------------------------------

# A run of Japanese inside other text: kana, kanji, 々, the long mark and Japanese punctuation.
_JAPANESE_RUN_RE = re.compile(
    "[\u3000-\u303f\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]+"
)


def mixed_entry(
    text: str, overrides: Mapping[str, str], style: CourseStyle | None = None
) -> dict[str, Any]:
    """{"html": ...} for a text in another language with Japanese inside (an explanation, a
    grammar note: "見せる (to show) → 見せてください"): each Japanese run gets its own
    `<span lang="ja">` and ruby, the rest is escaped and keeps the text's own language."""
    out: list[str] = []
    position = 0
    for run in _JAPANESE_RUN_RE.finditer(text):
        if not is_japanese(run.group()):
            continue
        out.append(html.escape(text[position : run.start()]))
        out.append(ruby_entry(run.group(), overrides, style)["html"])
        position = run.end()
    out.append(html.escape(text[position:]))
    return {"html": "".join(out)}


def mixed_map(
    strings: Iterable[str], overrides: Mapping[str, str], style: CourseStyle | None = None
) -> dict[str, dict[str, Any]]:
    """`mixed_entry` for every distinct string in *strings* that holds Japanese."""
    return {
        text: mixed_entry(text, overrides, style)
        for text in dict.fromkeys(strings)
        if text and is_japanese(text)
    }


def _segments_of(entry: Mapping[str, Any]) -> list[Segment] | None:
    stored = entry.get("segments")
    if not isinstance(stored, list):
        return None
    try:
        return [
            Segment(str(text), None if reading is None else str(reading))
            for text, reading in stored
        ]
    except (TypeError, ValueError):
        return None


def _hidden_spans(plain: str, words: Iterable[str]) -> list[tuple[int, int]]:
    spans = []
    for word in words:
        if not word:
            continue
        start = plain.find(word)
        while start != -1:
            spans.append((start, start + len(word)))
            start = plain.find(word, start + 1)
    return spans


def entry_html(entry: Mapping[str, Any], hide: Iterable[str] = ()) -> str | None:
    """The stored ruby HTML of an entry, with no reading over any of the words in *hide* (the
    words an exercise on the same page asks the reading of); None when the entry has no HTML.
    """
    stored = entry.get("html")
    if not isinstance(stored, str):
        return None
    segments = _segments_of(entry)
    if segments is None:
        return stored
    spans = _hidden_spans("".join(s.text for s in segments), hide)
    if not spans:
        return stored
    shown: list[Segment] = []
    position = 0
    for segment in segments:
        end = position + len(segment.text)
        covered = any(start < end and position < stop for start, stop in spans)
        shown.append(Segment(segment.text) if covered and segment.reading else segment)
        position = end
    return to_html(shown)


def entry_mixed_html(entry: Mapping[str, Any], hide: Iterable[str] = ()) -> str | None:
    """`entry_html` for a text in another language with Japanese words inside ("What does
    住民票 mean?"): only the Japanese runs are marked `<span lang="ja">`, the rest is plain
    escaped text; no reading over the words in *hide*. None without stored segments."""
    segments = _segments_of(entry)
    if segments is None:
        return None
    spans = _hidden_spans("".join(s.text for s in segments), hide)
    out: list[str] = []
    run: list[Segment] = []
    position = 0
    for segment in segments:
        end = position + len(segment.text)
        covered = any(start < end and position < stop for start, stop in spans)
        shown = Segment(segment.text) if covered and segment.reading else segment
        position = end
        if shown.reading is not None or is_japanese(shown.text):
            run.append(shown)
            continue
        if run:
            out.append(to_html(run))
            run = []
        out.append(html.escape(shown.text))
    if run:
        out.append(to_html(run))
    return "".join(out)


def entry_reading_label(entry: Mapping[str, Any], hide: Iterable[str] = ()) -> str | None:
    """Plain text with its reading in brackets, for places that cannot hold ruby (an
    `<option>`): "乗り換えて（のりかえて）"; None when there is no reading to add (kana only,
    or a word in *hide*)."""
    segments = _segments_of(entry)
    if not segments or not any(s.reading for s in segments):
        return None
    plain = "".join(s.text for s in segments)
    if _hidden_spans(plain, hide):
        return None
    return f"{plain}（{''.join(s.reading or s.text for s in segments)}）"


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
