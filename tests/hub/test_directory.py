"""The directory's facet engine: filters combine, counts follow the other filters (no DB)."""

import pytest

from hub.directory import Entry, Selection, facet_counts, matches

PREFECTURES = ["tokyo", "osaka", "aichi"]


def entry(prefectures, help_kinds, languages):
    return Entry(frozenset(prefectures), frozenset(help_kinds), frozenset(languages))


ROWS = {
    "tokyo-legal-fa": entry(["tokyo"], ["legal"], ["ja", "fa"]),
    "tokyo-medical-en": entry(["tokyo"], ["medical"], ["ja", "en"]),
    "osaka-legal-en": entry(["osaka"], ["legal", "food"], ["en"]),
    "national-hotline": entry(["nationwide"], ["asylum"], ["fa", "ar"]),
}


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        (Selection(), set(ROWS)),
        (Selection(prefecture="tokyo"), {"tokyo-legal-fa", "tokyo-medical-en", "national-hotline"}),
        (Selection(prefecture="tokyo", help_kind="legal"), {"tokyo-legal-fa"}),
        (Selection(prefecture="tokyo", language="fa"), {"tokyo-legal-fa", "national-hotline"}),
        (Selection(prefecture="tokyo", help_kind="legal", language="fa"), {"tokyo-legal-fa"}),
        (Selection(prefecture="tokyo", help_kind="legal", language="en"), set()),
        (Selection(help_kind="legal", language="en"), {"osaka-legal-en"}),
        (Selection(prefecture="aichi"), {"national-hotline"}),
        (Selection(language="ar"), {"national-hotline"}),
    ],
)
def test_filters_combine(selection, expected):
    assert {name for name, row in ROWS.items() if matches(row, selection)} == expected
    assert facet_counts(ROWS.values(), selection, PREFECTURES).total == len(expected)


def test_counts_follow_the_other_filters():
    facets = facet_counts(ROWS.values(), Selection(prefecture="tokyo", language="fa"), PREFECTURES)
    # Kinds of help among organisations in Tokyo (or nationwide) speaking Farsi.
    assert facets.help_kinds == {"legal": 1, "asylum": 1}
    # Languages among organisations in Tokyo (any help).
    assert facets.languages == {"ja": 2, "fa": 2, "en": 1, "ar": 1}
    # Prefectures among Farsi speakers; the nationwide one counts everywhere.
    assert facets.prefectures == {"tokyo": 2, "osaka": 1, "aichi": 1, "nationwide": 1}


def test_counts_with_nothing_chosen_cover_everything():
    facets = facet_counts(ROWS.values(), Selection(), PREFECTURES)
    assert facets.total == 4
    assert facets.prefectures["tokyo"] == 3
    assert facets.help_kinds["legal"] == 2
    assert facets.languages["en"] == 2
