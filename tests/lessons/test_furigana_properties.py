"""Property tests of the furigana engine over arbitrary Unicode (hypothesis, no database)."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessons.japanese.furigana import (
    MarkupError,
    annotate,
    strip_markup,
    to_anki,
    to_html,
    to_kana,
    to_romaji,
)
from lessons.japanese.furigana._kana import has_kanji

PROPS = settings(max_examples=300, derandomize=True, deadline=None)

# Japanese-heavy alphabet plus the awkward cases: emoji, combining marks, half-width katakana,
# control characters, NUL, full-width forms, HTML-special characters. Braces are excluded here
# (they are markup); markup has its own property below.
_JAPANESE = st.sampled_from(
    list("日本語漢字今日私何一二三四五六七八九十百千万人本匹時月母父兄姉坊箱音夜家々〆ヶ〇")
    + list("あいうえおかがきくけこさしすせそたちつてとなにぬねの")
    + list("はばぱひびぴまやゆよらりるれろわをんっゃゅょー")
    + list("アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモンッャュョヴ")
    + list("ｱｲｳｴｵｶﾞｷﾟｯｬｰ")  # half-width katakana with sound marks
    + ["\u3099", "\u309a", "\u0301", "\u200d", "\ufe0f"]  # combining marks, ZWJ, VS16
    + ["😀", "👩\u200d👩\u200d👧", "🇯🇵", "𠮷", "\U0002a6b2"]
    + list("。、「」！？・（）　 \n\t\r\x00\x07\x1b<>&\"'[]|")
    + ["\ud800", "\udfff"]  # lone surrogates
    + list("ＡＢＣ１２３abcXYZ019")
)
# Elements may be several code points (ZWJ emoji sequences, flags), so join lists of them.
JAPANESE_TEXT = st.lists(_JAPANESE, max_size=40).map("".join)
ANY_TEXT = st.text(
    alphabet=st.characters(blacklist_characters="{}", blacklist_categories=()), max_size=60
)
TEXTS = st.one_of(JAPANESE_TEXT, ANY_TEXT)

_RT_RP = re.compile(r"<rt>.*?</rt>|<rp>.*?</rp>", re.S)
_TAG = re.compile(r"<[^>]*>")


@PROPS
@given(TEXTS)
def test_annotate_is_lossless(text: str) -> None:
    assert "".join(s.text for s in annotate(text)) == text


@PROPS
@given(TEXTS)
def test_readings_only_on_kanji_segments_and_all_hiragana(text: str) -> None:
    for seg in annotate(text):
        assert seg.text
        if seg.reading is not None:
            assert has_kanji(seg.text)
            assert re.fullmatch("[\u3041-\u3096ー]+", seg.reading), seg


@PROPS
@given(TEXTS)
def test_html_without_ruby_text_is_the_input(text: str) -> None:
    out = to_html(annotate(text))
    assert out.startswith('<span lang="ja">')
    visible = html.unescape(_TAG.sub("", _RT_RP.sub("", out)))
    assert visible == text


@PROPS
@given(TEXTS)
def test_other_renderers_never_raise(text: str) -> None:
    assert isinstance(to_anki(annotate(text)), str)
    assert isinstance(to_kana(text), str)
    assert isinstance(to_romaji(text), str)


_MARKUP = st.builds(
    lambda base, reading: "{" + base + "|" + reading + "}",
    st.sampled_from(["漢字", "日本", "家", "食べる", "取り扱い"]),
    st.sampled_from(["かんじ", "にほん", "うち", "たべる", "とりあつかい", "カンジ"]),
)


@PROPS
@given(st.lists(st.one_of(JAPANESE_TEXT, _MARKUP, st.sampled_from(["{", "}", "|"])), max_size=6))
def test_markup_is_lossless_against_stripped_text_or_raises(parts: list[str]) -> None:
    text = "".join(parts)
    try:
        plain = strip_markup(text)
    except MarkupError:
        with pytest.raises(MarkupError) as info:
            annotate(text)
        assert 0 <= info.value.position < len(text)
        return
    assert "".join(s.text for s in annotate(text)) == plain
