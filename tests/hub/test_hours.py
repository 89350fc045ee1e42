"""Opening hours as people write them -> weekly intervals, and "open now" (engine table)."""

from datetime import datetime

import pytest

from hub.hours import Interval, is_open, parse_hours


def _days(intervals):
    return sorted({i.weekday for i in intervals})


@pytest.mark.parametrize(
    ("text", "days", "first"),
    [
        ("Mon–Fri 10:00–17:00 (sample)", [0, 1, 2, 3, 4], (600, 1020)),
        ("Hotline: Tue and Thu 13:00–16:00", [1, 3], (780, 960)),
        ("Mon, Wed 9:30-12", [0, 2], (570, 720)),
        ("月〜金 10:00〜17:00", [0, 1, 2, 3, 4], (600, 1020)),
        ("火・木曜日 13時〜16時", [1, 3], (780, 960)),
        ("平日 9:00-17:00", [0, 1, 2, 3, 4], (540, 1020)),
        ("月〜金 10:00〜17:00（祝日休み）", [0, 1, 2, 3, 4], (600, 1020)),
        ("Every day 24 hours", [0, 1, 2, 3, 4, 5, 6], (0, 1440)),
        ("毎日 24時間", [0, 1, 2, 3, 4, 5, 6], (0, 1440)),
        ("Fri–Mon 10:00–14:00", [0, 4, 5, 6], (600, 840)),
        ("Saturday 10:00 to 13:00", [5], (600, 780)),
    ],
)
def test_hours_written_in_english_or_japanese_are_read(text, days, first):
    intervals = parse_hours(text)
    assert _days(intervals) == days
    assert (intervals[0].opens, intervals[0].closes) == first


def test_several_parts_each_keep_their_days():
    intervals = parse_hours("Mon–Fri 10:00–17:00; Sat 10:00–13:00")
    assert Interval(5, 600, 780) in intervals
    assert Interval(4, 600, 1020) in intervals
    assert Interval(5, 600, 1020) not in intervals


def test_hours_past_midnight_run_into_the_next_day():
    assert parse_hours("Fri 22:00–02:00") == [Interval(4, 1320, 1440), Interval(5, 0, 120)]


@pytest.mark.parametrize("text", ["", "Call us first", "By appointment", "Mon 25:00-26:00"])
def test_text_without_readable_hours_gives_nothing(text):
    assert parse_hours(text) == []


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (datetime(2026, 12, 2, 10, 0), True),  # a Wednesday, at opening
        (datetime(2026, 12, 2, 16, 59), True),
        (datetime(2026, 12, 2, 17, 0), False),  # closing time is closed
        (datetime(2026, 12, 5, 12, 0), False),  # Saturday
    ],
)
def test_open_now_follows_the_intervals(at, expected):
    assert is_open(parse_hours("Mon–Fri 10:00–17:00"), at) is expected


def test_unknown_hours_are_neither_open_nor_closed():
    assert is_open([], datetime(2026, 12, 2, 12, 0)) is None
