"""Showing stored furigana entries: readings hidden for asked words, Japanese inside other text,
readings as text where ruby cannot go."""

import re
from html import unescape

import pytest

from lessons.japanese.ruby import entry_html, entry_reading_label, mixed_entry, ruby_entry


@pytest.mark.parametrize(
    ("text", "hide", "hidden", "kept"),
    [
        ("明日、病院に行きます。", ["明日"], "あした", "びょういん"),
        ("給料明細を見てください。", ["給料"], "きゅうりょう", "めいさい"),
        ("How do you read 窓口?", ["窓口"], "まど", None),
        ("病院です。", ["明日"], None, "びょういん"),  # not on the page: nothing hidden
    ],
)
def test_an_asked_word_loses_its_reading_and_nothing_else(text, hide, hidden, kept):
    html = entry_html(ruby_entry(text, {}), hide)
    assert html is not None
    if hidden:
        assert f"<rt>{hidden}" not in html
    if kept:
        assert f"<rt>{kept}</rt>" in html
    # The text itself is all there, in order.
    assert unescape(re.sub(r"<rt>.*?</rt>|<rp>.*?</rp>|<[^>]+>", "", html)) == text


def test_japanese_inside_english_is_marked_and_escaped():
    html = mixed_entry('Use 見せる <b> "here"', {})["html"]
    assert html.startswith('Use <span lang="ja"><ruby>見<rp>(</rp><rt>み</rt>')
    assert html.endswith(" &lt;b&gt; &quot;here&quot;")


@pytest.mark.parametrize(
    ("text", "hide", "label"),
    [
        ("乗り換えて", (), "乗り換えて（のりかえて）"),
        ("ください。", (), None),  # kana only: nothing to add
        ("明日", ("明日",), None),  # asked on the page
    ],
)
def test_a_reading_label_for_places_without_ruby(text, hide, label):
    assert entry_reading_label(ruby_entry(text, {}), hide) == label
