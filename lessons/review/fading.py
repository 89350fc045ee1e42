"""Fading furigana: hide the ruby of words a learner knows, in already rendered HTML (no Django).

The furigana engine writes each reading as
``<ruby>BASE<rp>(</rp><rt>READING</rt><rp>)</rp></ruby>`` (escaped text, nothing else inside),
so a word is identified by its (base, reading) pair. Pages are rendered and cached once for
everyone; `fade` runs per request on the finished HTML, with the learner's own known pairs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["MAX_KNOWN_PAIRS", "fade", "ruby_pairs"]

#: The most (base, reading) pairs one learner's known set holds (bounded work per request).
MAX_KNOWN_PAIRS = 5000

_RUBY_RE = re.compile(r"<ruby>([^<>]{1,100})<rp>\(</rp><rt>([^<>]{1,200})</rt><rp>\)</rp></ruby>")


def ruby_pairs(html: str) -> list[tuple[str, str]]:
    """The (base, reading) pairs of the engine's ruby in *html*, as escaped in the HTML."""
    return _RUBY_RE.findall(html)


def fade(html: str, known: Iterable[tuple[str, str]]) -> str:
    """*html* with the ruby of every known (base, reading) pair replaced by a word without
    `<rt>`: the reading moves to `data-reading` (and `title`), so a tap or focus can show it.
    """
    pairs = known if isinstance(known, frozenset | set) else frozenset(known)
    if not pairs:
        return html

    def replace(match: re.Match[str]) -> str:
        base, reading = match.group(1), match.group(2)
        if (base, reading) not in pairs:
            return match.group(0)
        # Both pieces are already escaped by the engine; quotes are escaped too (html.escape).
        return (
            f'<ruby class="known" tabindex="0" data-reading="{reading}" title="{reading}">'
            f"{base}</ruby>"
        )

    return _RUBY_RE.sub(replace, html)
