"""Furigana on everyday modern Japanese: dates, numbers, counters, context, compounds."""

import pytest

from lessons.japanese.furigana import ReadingStyle, annotate, to_html, to_kana, to_romaji


def ruby(text: str, **kw) -> list[tuple[str, str | None]]:
    return [(s.text, s.reading) for s in annotate(text, **kw)]


def rubies(text: str) -> list[tuple[str, str]]:
    return [(s.text, s.reading) for s in annotate(text) if s.reading]


# --- the table, row by row ------------------------------------------------------------


def test_a_fused_day_reading_covers_the_digits_and_the_counter():
    assert ruby("１４日に病院へ行きます")[0] == ("１４日", "じゅうよっか")
    assert "<ruby>１４日<rp>(</rp><rt>じゅうよっか</rt>" in to_html(annotate("１４日"))
    assert to_romaji("１４日に病院へ行きます") == "jūyokka ni byōin e ikimasu"


def test_a_regular_date_leaves_the_digits_plain_and_reads_the_counter():
    assert ruby("４月１３日") == [("４", None), ("月", "がつ"), ("１３", None), ("日", "にち")]


@pytest.mark.parametrize(
    ("text", "counter", "reading"),
    [("１０分", "分", "ぷん"), ("１万本", "本", "ぼん"), ("１２月、東京で", "月", "がつ")],
)
def test_counters_after_digits_take_their_sound_change(text, counter, reading):
    assert (counter, reading) in rubies(text)


def test_nationality_suffix_is_jin():
    assert rubies("外国人") == [("外国", "がいこく"), ("人", "じん")]


def test_agent_suffix_after_an_action_noun_stays_nin():
    assert ("人", "にん") in rubies("管理人")


def test_iu_is_written_iu():
    assert rubies("言う") == [("言", "い")]


@pytest.mark.parametrize(
    ("text", "piece"),
    [("映画会社", ("会社", "がいしゃ")), ("相談所", ("所", "じょ")), ("公約通り", ("通", "どお"))],
)
def test_rendaku_in_noun_compounds(text, piece):
    assert piece in rubies(text)


def test_a_word_starting_a_phrase_is_not_voiced():
    assert ("会社", "かいしゃ") in rubies("会社に行きます")


def test_kata_for_a_person_and_hou_in_a_comparison():
    assert ("方", "かた") in rubies("受験生の方は")
    assert ("方", "ほう") in rubies("こちらの方がいいです")
    assert ("方", "ほう") in rubies("山の方へ行く")


def test_okonau_when_there_is_no_destination():
    assert ("行", "おこな") in rubies("毎年行っています")
    assert ("行", "おこな") in rubies("説明を行った")
    assert ("行", "い") in rubies("学校に行っています")


@pytest.mark.parametrize(
    ("text", "romaji"),
    [
        ("こんにちは", "konnichiwa"),
        ("こんばんは", "konbanwa"),
        ("袋はいりますか", "fukuro wa irimasu ka"),
        ("ようこそ", "yōkoso"),
        ("市役所", "shiyakusho"),
    ],
)
def test_romaji_rows_of_the_table(text, romaji):
    assert to_romaji(text) == romaji


# --- counter classes, in half-width digits, full-width digits and kanji -----------------------

COUNTER_CASES = [
    # (number in three spellings, counter, reading of the counter, fused reading or None)
    (("3", "３", "三"), "本", "ぼん", None),
    (("1", "１", "一"), "本", "ぽん", None),
    (("6", "６", "六"), "回", "かい", None),
    (("3", "３", "三"), "階", "がい", None),
    (("8", "８", "八"), "歳", "さい", None),
    (("10", "１０", "十"), "分", "ぷん", None),
    (("2", "２", "二"), "分", "ふん", None),
    (("4", "４", "四"), "分", "ぷん", None),
    (("3", "３", "三"), "匹", "びき", None),
    (("5", "５", "五"), "円", "えん", None),
    (("9", "９", "九"), "時", "じ", None),
    (("3", "３", "三"), "月", "がつ", None),
    (("3", "３", "三"), "人", "にん", None),
    (("3", "３", "三"), "番", "ばん", None),
    (("3", "３", "三"), "日", None, "みっか"),
    (("20", "２０", "二十"), "日", None, "はつか"),
    (("2", "２", "二"), "人", None, "ふたり"),
    (("20", "２０", "二十"), "歳", None, "はたち"),
]


@pytest.mark.parametrize(
    ("spelling", "number", "counter", "reading", "fused"),
    [(i, n[i], c, r, f) for n, c, r, f in COUNTER_CASES for i in range(3)],
)
def test_counter_classes_in_every_spelling(spelling, number, counter, reading, fused):
    segs = annotate(number + counter)
    assert "".join(s.text for s in segs) == number + counter
    if fused is not None and spelling < 2:
        assert [(s.text, s.reading) for s in segs] == [(number + counter, fused)]
    elif fused is not None:
        assert "".join(s.reading or "" for s in segs) == fused
    else:
        assert (counter, reading) in [(s.text, s.reading) for s in segs]
        if spelling < 2:  # digits carry no ruby
            assert segs[0].text == number
            assert segs[0].reading is None


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("十五日", "じゅうごにち"),
        ("十四日", "じゅうよっか"),
        ("二十四日", "にじゅうよっか"),
        ("十日", "とおか"),
        ("四月一日", "しがついちにち"),
    ],
)
def test_kanji_dates(text, reading):
    if text == "四月一日":
        reading = "しがつついたち"
    assert "".join(s.reading or s.text for s in annotate(text)) == reading


def test_days_after_a_month_and_on_their_own():
    assert ("１日", "ついたち") in rubies("４月１日")
    assert ruby("１日") == [("１", None), ("日", "にち")]
    assert ("日", "にち") in rubies("２、３日")


def test_ordinals_floors_money():
    assert rubies("第３回") == [("第", "だい"), ("回", "かい")]
    assert rubies("３番目") == [("番", "ばん"), ("目", "め")]
    assert rubies("１階") == [("階", "かい")]
    assert rubies("１億円") == [("億", "おく"), ("円", "えん")]


@pytest.mark.parametrize(
    ("text", "kana"),
    [
        ("１４日", "じゅうよっか"),
        ("１０分", "じゅっぷん"),
        ("３０分", "さんじゅっぷん"),
        ("2,000円", "にせんえん"),
        ("２０２６年", "にせんにじゅうろくねん"),
        ("１万本", "いちまんぼん"),
        ("４人", "よにん"),
        ("４時", "よじ"),
    ],
)
def test_kana_reads_the_digits_out(text, kana):
    assert to_kana(text) == kana


# --- romaji golden cases -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "hepburn", "wapuro"),
    [
        ("東京へ行きます", "tōkyō e ikimasu", "toukyou e ikimasu"),
        ("住所", "jūsho", "juusho"),
        ("思う", "omou", "omou"),
        ("お母さん", "okāsan", "okaasan"),
        ("コーヒー", "kōhī", "koohii"),
        ("本を読んでいる", "hon o yonde iru", "hon o yonde iru"),
        ("１０分", "juppun", "juppun"),
        ("５０００円", "gosen'en", "gosen'en"),
        ("十五日", "jūgonichi", "juugonichi"),
        ("私は学生です。", "watashi wa gakusei desu.", "watashi wa gakusei desu."),
    ],
)
def test_romaji_golden(text, hepburn, wapuro):
    assert to_romaji(text) == hepburn
    assert to_romaji(text, style="wapuro") == wapuro


def test_style_options_choose_nihon_and_ashita():
    assert rubies("日本") == [("日本", "にほん")]
    assert ruby("日本", style=ReadingStyle(nihon="にっぽん")) == [("日本", "にっぽん")]
    assert ruby("明日", style=ReadingStyle(ashita="あす")) == [("明日", "あす")]
    assert to_romaji("日本", options=ReadingStyle(nihon="にっぽん")) == "nippon"


def test_overrides_win_over_the_style():
    style = ReadingStyle(nihon="にっぽん")
    assert ruby("日本", overrides={"日本": "にほん"}, style=style) == [("日本", "にほん")]


def test_a_style_outside_the_choices_is_refused():
    with pytest.raises(ValueError, match="cannot be read"):
        ReadingStyle(nihon="やまと")


def test_family_suffix_after_a_surname_and_go_after_a_span():
    assert ("家", "け") in rubies("田中家")
    assert ("家", "か") in rubies("専門家")
    assert ("後", "ご") in rubies("終了後")


def test_days_of_the_week_voice_hi():
    assert ("日", "び") in rubies("土曜日")


@pytest.mark.parametrize(
    ("text", "piece"),
    [
        ("長野町", ("町", "ちょう")),
        ("町に住む", ("町", "まち")),
        ("他の店", ("他", "た")),
        ("駅の他に", ("他", "ほか")),
        ("何らかの", ("何", "なん")),
        ("何種類", ("何", "なん")),
        ("何を", ("何", "なに")),
        ("一周した", ("一", "いっ")),
        ("インターネット上", ("上", "じょう")),
        ("机の上", ("上", "うえ")),
    ],
)
def test_context_readings(text, piece):
    assert piece in rubies(text)
