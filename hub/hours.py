"""Opening hours written the way people write them -> weekly intervals, and "open now"
(a pure engine: plain data in, plain data out; no Django, no clock of its own).

Understood: English day names and abbreviations (Mon, Tuesday, Tue.), Japanese ones (月, 月曜,
月曜日), ranges (Mon–Fri, 月〜金), lists (Tue and Thu, Mon, Wed, 火・木), "every day", "daily",
"weekdays", 毎日, 平日, times as 10:00–17:00 or 9:30-12 (24:00 closes at midnight; 22:00–06:00
runs past it), "24 hours" / 24時間, and several parts joined by ";" or "/" or a new line. Text
it cannot read gives no intervals: such an organisation is neither open nor closed now.
"""

import re
from dataclasses import dataclass
from datetime import datetime

DAYS_EN = ("mo", "tu", "we", "th", "fr", "sa", "su")
DAYS_JA = "月火水木金土日"
HSDS_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
MINUTES_PER_DAY = 24 * 60

_DASH = r"\s*(?:-|–|—|〜|~|～|to|から)\s*"
_TIME = r"(\d{1,2})(?:[:：](\d{2}))?(?:\s*時)?"
_TIME_RANGE = re.compile(_TIME + _DASH + _TIME)
_DAY_WORD = re.compile(
    r"(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|([月火水木金土日])(?:曜日?)?", re.IGNORECASE
)
_EVERY_DAY = re.compile(r"every\s*day|daily|毎日|年中無休|7\s*days", re.IGNORECASE)
_WEEKDAYS = re.compile(r"week\s*days|平日", re.IGNORECASE)
_NOT_A_DAY = re.compile(r"祝日|祭日|休日|holidays?", re.IGNORECASE)
_ALL_DAY = re.compile(r"24\s*(?:hours|h\b|時間)", re.IGNORECASE)
_PARTS = re.compile(r"[;；/\n]|。")


@dataclass(frozen=True, order=True)
class Interval:
    weekday: int  # 0 = Monday
    opens: int  # minutes after midnight
    closes: int  # minutes after midnight, up to 1440


def _day_index(match: re.Match[str]) -> int:
    english, japanese = match.group(1), match.group(2)
    return DAYS_EN.index(english[:2].lower()) if english else DAYS_JA.index(japanese)


def _days(text: str) -> list[int]:
    """The weekdays a part names, in order; [] if it names none."""
    if _EVERY_DAY.search(text):
        return list(range(7))
    found: set[int] = set(range(5)) if _WEEKDAYS.search(text) else set()
    # 平日 and 祝日 hold 日 (Sunday) without meaning it.
    text = _NOT_A_DAY.sub(" ", _WEEKDAYS.sub(" ", text))
    matches = list(_DAY_WORD.finditer(text))
    for i, match in enumerate(matches):
        day = _day_index(match)
        found.add(day)
        if i + 1 < len(matches):
            between = text[match.end() : matches[i + 1].start()]
            if re.fullmatch(_DASH, between):
                end = _day_index(matches[i + 1])
                span = (end - day) % 7
                found.update((day + k) % 7 for k in range(span + 1))
    return sorted(found)


def _minutes(hours: str, minutes: str | None) -> int | None:
    value = int(hours) * 60 + int(minutes or 0)
    return value if 0 <= value <= MINUTES_PER_DAY and int(minutes or 0) < 60 else None


def parse_hours(text: str) -> list[Interval]:
    """Weekly intervals of *text*, sorted; [] when nothing in it can be read."""
    out: set[Interval] = set()
    for part in _PARTS.split(text or ""):
        days = _days(part)
        if not days:
            continue
        if _ALL_DAY.search(part):
            out.update(Interval(day, 0, MINUTES_PER_DAY) for day in days)
            continue
        for match in _TIME_RANGE.finditer(part):
            opens = _minutes(match.group(1), match.group(2))
            closes = _minutes(match.group(3), match.group(4))
            if opens is None or closes is None or opens == closes:
                continue
            for day in days:
                if closes > opens:
                    out.add(Interval(day, opens, closes))
                else:  # past midnight: the rest of the day, then the next morning
                    out.add(Interval(day, opens, MINUTES_PER_DAY))
                    if closes:
                        out.add(Interval((day + 1) % 7, 0, closes))
    return sorted(out)


def is_open(intervals: list[Interval], at: datetime) -> bool | None:
    """Whether the place is open at *at* (a local time of the place); None if unknown."""
    if not intervals:
        return None
    minute = at.hour * 60 + at.minute
    return any(i.weekday == at.weekday() and i.opens <= minute < i.closes for i in intervals)


def hhmm(minutes: int) -> str:
    """`09:30:00` (HSDS time), with 24:00 as 23:59:59."""
    if minutes >= MINUTES_PER_DAY:
        return "23:59:59"
    return f"{minutes // 60:02d}:{minutes % 60:02d}:00"
