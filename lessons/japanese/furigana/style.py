"""A course's reading choices where Japanese has two standard readings (pure, stdlib only)."""

from __future__ import annotations

from dataclasses import dataclass

NIHON_READINGS = ("にほん", "にっぽん")
ASHITA_READINGS = ("あした", "あす")


@dataclass(frozen=True, slots=True)
class ReadingStyle:
    """日本 read にほん (everyday, default) or にっぽん; 明日 read あした (default) or あす.

    A course's reading list still wins: it is applied before the analyser sees the text.
    """

    nihon: str = "にほん"
    ashita: str = "あした"

    def __post_init__(self) -> None:
        if self.nihon not in NIHON_READINGS:
            raise ValueError(f"日本 cannot be read {self.nihon!r}")
        if self.ashita not in ASHITA_READINGS:
            raise ValueError(f"明日 cannot be read {self.ashita!r}")

    def choose(self, surface: str, reading: str) -> str:
        """The reading of a word under this style (日本 and 明日; others unchanged)."""
        if surface == "日本" and reading in NIHON_READINGS:
            return self.nihon
        if surface == "明日" and reading in ASHITA_READINGS:
            return self.ashita
        return reading


DEFAULT_STYLE = ReadingStyle()
