"""Furigana engine: readings, ruby placement, overrides and markup, renderers (no database)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from lessons.japanese.furigana import (
    ENGINE_VERSION,
    FuriganaError,
    MarkupError,
    OverrideError,
    Segment,
    annotate,
    strip_markup,
    to_anki,
    to_html,
    to_kana,
    to_romaji,
    validate_overrides,
)


def anki(text: str, **kwargs: object) -> str:
    return to_anki(annotate(text, **kwargs))  # type: ignore[arg-type]


# --- ruby placement: okurigana outside, per-kanji split at kana, whole word otherwise --------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("食べる", [Segment("食", "た"), Segment("べる")]),
        ("取り扱い", [Segment("取", "と"), Segment("り"), Segment("扱", "あつか"), Segment("い")]),
        ("今日", [Segment("今日", "きょう")]),
        ("漢字です", [Segment("漢字", "かんじ"), Segment("です")]),
        ("これはペンです。", [Segment("これはペンです。")]),
        ("", []),
        ("  \n", [Segment("  \n")]),
    ],
)
def test_segments_put_ruby_only_over_kanji(text: str, expected: list[Segment]) -> None:
    assert annotate(text) == expected


# --- reading rules, each as it renders in Anki syntax ---------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # learner-standard readings
        ("私は", "私[わたし]は"),
        ("日本", "日本[にほん]"),
        ("日本人です", "日本[にほん] 人[じん]です"),
        ("明日", "明日[あした]"),
        # kinship お…さん forms
        ("お母さん", "お 母[かあ]さん"),
        ("お父さん", "お 父[とう]さん"),
        ("お兄さん", "お 兄[にい]さん"),
        ("お姉さん", "お 姉[ねえ]さん"),
        ("母さん", "母[かあ]さん"),
        ("母は", "母[はは]は"),
        # numbers and counters
        ("一人", "一人[ひとり]"),
        ("二人", "二人[ふたり]"),
        ("三月一日", "三[さん] 月[がつ] 一日[ついたち]"),
        ("一日中", "一[いち] 日[にち] 中[じゅう]"),
        ("一日、遊んだ", "一[いち] 日[にち]、 遊[あそ]んだ"),
        ("三百", "三百[さんびゃく]"),
        ("一本", "一[いっ] 本[ぽん]"),
        ("三本の木", "三[さん] 本[ぼん]の 木[き]"),
        ("六本", "六[ろっ] 本[ぽん]"),
        ("三匹", "三[さん] 匹[びき]"),
        ("一匹", "一[いっ] 匹[ぴき]"),
        ("何人", "何[なん] 人[にん]"),
        ("何本", "何[なん] 本[ぼん]"),
        ("一個", "一[いっ] 個[こ]"),
        ("八冊", "八[はっ] 冊[さつ]"),
        ("三階", "三[さん] 階[がい]"),
        ("三分", "三[さん] 分[ぷん]"),
        ("3本", "3 本[ぼん]"),
        ("10分", "10 分[ぷん]"),
        ("四人", "四[よ] 人[にん]"),
        ("九時", "九[く] 時[じ]"),
        ("四日", "四[よっ] 日[か]"),
        ("二、三日", "二[に]、 三[さん] 日[にち]"),
        ("幾本", "幾[いく] 本[ほん]"),
        ("三本", "三[さん] 本[ぼん]"),  # not the surname みもと
        ("一晩", "一[ひと] 晩[ばん]"),
        ("十一晩", "十[じゅう] 一[いち] 晩[ばん]"),
        ("一晩中", "一[ひと] 晩[ばん] 中[じゅう]"),
        # 何 by what follows
        ("何の本", "何[なん]の 本[ほん]"),
        ("何だ", "何[なん]だ"),
        ("何を", "何[なに]を"),
        ("何が", "何[なに]が"),
        ("何に使う", "何[なに]に 使[つか]う"),
        # 坊ちゃん, お家
        ("坊ちゃん", "坊[ぼっ]ちゃん"),
        ("お家へ", "お 家[うち]へ"),
        # 々 repetition inside words
        ("人々", "人々[ひとびと]"),
        ("谷々", "谷[たに] 々[だに]"),
        ("部屋々々", "部屋[へや] 々々[へや]"),
        # suffixes read by what they attach to
        ("姫君", "姫[ひめ] 君[ぎみ]"),
        ("田中君", "田中[たなか] 君[くん]"),
        ("臆病者", "臆病[おくびょう] 者[もの]"),
        ("研究者", "研究[けんきゅう] 者[しゃ]"),
        ("子供を抱いて", "子供[こども]を 抱[だ]いて"),
        ("時々", "時々[ときどき]"),
        # rendaku only inside compounds: a phrase-initial noun is not voiced
        ("その箱を", "その 箱[はこ]を"),
        ("本箱", "本箱[ほんばこ]"),
        # hypocoristic names are two morae
        ("清ちゃん", "清[きよ]ちゃん"),
        ("武ちゃん", "武[たけ]ちゃん"),
        # 音 ね for instruments, 夜が明ける
        ("笛の音", "笛[ふえ]の 音[ね]"),
        ("車の音", "車[くるま]の 音[おと]"),
        ("夜が明けた", "夜[よ]が 明[あ]けた"),
        ("世界中", "世界[せかい] 中[じゅう]"),
        ("授業中", "授業[じゅぎょう] 中[ちゅう]"),
    ],
)
def test_reading_rules(text: str, expected: str) -> None:
    assert anki(text) == expected


def test_unknown_word_gets_no_ruby() -> None:
    segs = annotate("𠮷")
    assert segs == [Segment("𠮷")]


# --- overrides and inline markup -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "overrides", "expected"),
    [
        ("正ちゃん", {"正": "しょう"}, "正[しょう]ちゃん"),
        ("日本語", {"日本": "にっぽん", "日本語": "にほんご"}, "日本語[にほんご]"),  # longest
        ("日本の", {"日本": "にっぽん", "日本語": "にほんご"}, "日本[にっぽん]の"),
        ("食べる", {"食べる": "タベル"}, "食[た]べる"),  # katakana normalised, okurigana kept out
        ("家に", {"家": "うち"}, "家[うち]に"),
    ],
)
def test_overrides_force_readings_longest_match_wins(
    text: str, overrides: dict[str, str], expected: str
) -> None:
    assert anki(text, overrides=overrides) == expected


@pytest.mark.parametrize(
    ("text", "plain", "expected"),
    [
        ("{漢字|かんじ}です", "漢字です", "漢字[かんじ]です"),
        ("{正|しょう}ちゃん", "正ちゃん", "正[しょう]ちゃん"),
        ("彼は{食べる|たべる}", "彼は食べる", "彼[かれ]は 食[た]べる"),
        ("{家|ウチ}", "家", "家[うち]"),
    ],
)
def test_inline_markup_forces_reading_and_is_removed(text: str, plain: str, expected: str) -> None:
    segs = annotate(text)
    assert "".join(s.text for s in segs) == plain == strip_markup(text)
    assert to_anki(segs) == expected


@pytest.mark.parametrize(
    ("text", "position", "message"),
    [
        ("漢字{です", 2, "never closed"),
        ("{漢字かんじ}", 0, "needs '|'"),
        ("a{|かんじ}", 1, "empty"),
        ("{漢字|}", 0, "empty"),
        ("ab}", 2, "without an opening"),
        ("{漢字|kanji}", 0, "kana"),
        ("{食べる|たのむ}", 0, "does not fit"),
        ("{ひら|ひら}", 0, "no kanji"),
    ],
)
def test_malformed_markup_raises_with_position(text: str, position: int, message: str) -> None:
    with pytest.raises(MarkupError, match=message) as info:
        annotate(text)
    assert info.value.position == position
    assert isinstance(info.value, FuriganaError)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"漢字": ""}, "empty"),
        ({"漢字": "kanji"}, "kana"),
        ({"食べる": "たのむ"}, "does not fit"),
        ({"食べる": "タノム"}, "does not fit"),
        ({"ひらがな": "ひらがな"}, "no kanji"),
        ({"": "かな"}, "empty"),
    ],
)
def test_bad_overrides_raise_clear_errors(overrides: dict[str, str], message: str) -> None:
    with pytest.raises(OverrideError, match=message):
        validate_overrides(overrides)
    with pytest.raises(FuriganaError, match=message):
        annotate("漢字を食べる", overrides=overrides)


def test_validate_overrides_normalises_katakana() -> None:
    assert validate_overrides({"日本": "ニホン"}) == {"日本": "にほん"}


# --- renderers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("segments", "expected"),
    [
        (
            [Segment("漢字", "かんじ"), Segment("です")],
            '<span lang="ja"><ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby>です</span>',
        ),
        (
            [Segment("<script>alert(1)</script>")],
            '<span lang="ja">&lt;script&gt;alert(1)&lt;/script&gt;</span>',
        ),
        ([Segment("\"&'")], '<span lang="ja">&quot;&amp;&#x27;</span>'),
        ([], '<span lang="ja"></span>'),
    ],
)
def test_to_html(segments: list[Segment], expected: str) -> None:
    assert to_html(segments) == expected


def test_to_html_escapes_analysed_markup() -> None:
    html_out = to_html(annotate("<b>漢字</b>"))
    assert "<b>" not in html_out
    assert "&lt;b&gt;<ruby>漢字" in html_out


@pytest.mark.parametrize(
    ("segments", "expected"),
    [
        (
            [Segment("これは"), Segment("漢字", "かんじ"), Segment("です")],
            "これは 漢字[かんじ]です",
        ),
        ([Segment("漢字", "かんじ"), Segment("です")], "漢字[かんじ]です"),
        ([Segment("食", "た"), Segment("べ"), Segment("物", "もの")], "食[た]べ 物[もの]"),
        ([Segment("日", "に"), Segment("本", "ほん")], "日[に] 本[ほん]"),
        ([Segment("a<b>[1]")], "a&lt;b&gt;&#91;1&#93;"),
    ],
)
def test_to_anki_leading_space_rule_and_escaping(segments: list[Segment], expected: str) -> None:
    assert to_anki(segments) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("私は学生です。", "watashi wa gakusei desu."),
        ("東京へ行きます", "tōkyō e ikimasu"),
        ("本を読んでいる", "hon o yonde iru"),
        ("一本", "ippon"),
        ("ちょっと待って", "chotto matte"),
        ("コーヒー", "kōhī"),
        ("こんにちは", "konnichiwa"),
        ("新聞", "shinbun"),
        ("", ""),
    ],
)
def test_to_romaji(text: str, expected: str) -> None:
    assert to_romaji(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("漢字です", "かんじです"),
        ("お母さんとコーヒー", "おかあさんとコーヒー"),
        ("ABC 123", "ABC ひゃくにじゅうさん"),  # digits are read out
        ("{家|うち}に帰る", "うちにかえる"),
        ("{broken", "{broken"),
    ],
)
def test_to_kana(text: str, expected: str) -> None:
    assert to_kana(text) == expected


def test_engine_version_is_a_nonempty_string() -> None:
    assert isinstance(ENGINE_VERSION, str)
    assert ENGINE_VERSION


def test_engine_imports_without_django() -> None:
    code = (
        "import sys, lessons.japanese.furigana as f, tests.bench.furigana; "
        "f.to_html(f.annotate('漢字')); "
        "sys.exit(1 if any(m == 'django' or m.startswith('django.') for m in sys.modules) else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, check=False)
    assert result.returncode == 0, result.stderr.decode()


def test_long_text_is_annotated_losslessly() -> None:
    text = ("今日は一本の木を見た。\n" * 2000)[:20000]
    segs = annotate(text)
    assert "".join(s.text for s in segs) == text
    assert sum(1 for s in segs if s.reading) > 1000
