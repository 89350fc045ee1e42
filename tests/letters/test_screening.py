"""Screening flags in Japanese and English: a table of hits and of ordinary letters that must
pass without a flag."""

import pytest

from letters.screening import Flag, FlagKind, fold, kinds, screen, segments

HITS = [
    # text, kind, matched text
    ("Write to me at hana.sato@example.com please", "email", "hana.sato@example.com"),
    ("メールは taro_1990@mail.co.jp です", "email", "taro_1990@mail.co.jp"),
    ("my mail is hana (at) example (dot) com", "email", "hana (at) example (dot) com"),
    ("Call me on 090-1234-5678 any time", "phone", "090-1234-5678"),
    ("電話番号は０９０－１２３４－５６７８です", "phone", "０９０－１２３４－５６７８"),
    ("携帯 09012345678 に電話して", "phone", "09012345678"),
    ("office (03)1234-5678", "phone", "(03)1234-5678"),
    ("電話は080ー1111ー2222", "phone", "080ー1111ー2222"),
    ("WhatsApp number +81 90 1234 5678", "phone", "+81 90 1234 5678"),
    ("my UK number is +44 7700 900123", "phone", "+44 7700 900123"),
    ("See https://example.org/help for more", "url", "https://example.org/help"),
    ("look at www.kasumi-help.jp", "url", "www.kasumi-help.jp"),
    ("find me on mysite.com/hana", "url", "mysite.com/hana"),
    ("〒123-4567 に送って", "postal_code", "〒123-4567"),
    ("私の郵便番号は", "postal_code", "郵便番号"),
    ("post code 123-4567", "postal_code", "post code 123-4567"),
    ("品川区港南5丁目5番30号に住んでいます", "address", "5丁目5番30号"),
    ("三丁目の角です", "address", "三丁目"),
    ("東京都品川区に住んでいます", "address", "東京都品川区"),
    ("マンションの202号室です", "address", "202号室"),
    ("住所を教えてください", "address", "住所"),
    ("I live at 12 Baker Street in town", "address", "12 Baker Street"),
    ("come to 221B Baker St. tomorrow", "address", "221B Baker St."),
    ("our home address is secret", "address", "home address"),
    ("follow me @hana_writes", "social", "@hana_writes"),
    ("add my LINE ID: hana123", "social", "LINE ID: hana123"),
    ("ラインIDを交換しましょう", "social", "ラインID"),
    ("find me on Instagram", "social", "Instagram"),
    ("フェイスブックで友達になって", "social", "フェイスブック"),
    ("ツイッターもやってます", "social", "ツイッター"),
    ("I can send you money next month", "money", "send you money"),
    ("Do you have PayPal?", "money", "PayPal"),
    ("I'll use Western Union", "money", "Western Union"),
    ("give me your bank account", "money", "bank account"),
    ("お金を送ってあげます", "money", "お金を送"),
    ("送金できます", "money", "送金"),
    ("銀行口座を教えて", "money", "銀行口座"),
    ("you should appeal the decision", "legal", "you should appeal"),
    ("This is legal advice from a friend", "legal", "legal advice"),
    ("You will be released soon, I promise", "legal", "You will be released"),
    ("get a lawyer now", "legal", "get a lawyer"),
    ("弁護士に相談すべきです", "legal", "弁護士に相談すべき"),
    ("難民申請はもう一度出せます", "legal", "難民申請は"),
    ("不服申し立てをしてください", "legal", "不服申し立て"),
    ("仮放免はすぐに申請", "legal", "仮放免はすぐに申請"),
]

NON_HITS = [
    "I hope you are well and that the spring is kind to you.",
    "今日は天気がいいです。桜がきれいでした。",
    "一番好きな花は桜です。",
    "The year 2024 was hard for many people.",
    "I walked down the street and thought of you.",
    "We had 3 lessons and I have 2 cats.",
    "I study law at university.",
    "My favourite line in the poem is the last one.",
    "Money cannot buy happiness, but friends help.",
    "元気ですか？ご飯を食べましたか？",
    "I will pray for you.",
    "We are 100 volunteers in 12 cities.",
    "5000円のケーキを食べました。",
    "The meeting is on 2025-04-01.",
    "I read a book about the sea.",
    "がんばってください。応援しています。",
    "My daughter is 7 years old.",
    "I like the letter A and the number 42.",
    "秋になると紅葉がとてもきれいです。",
    "Email is hard to write, letters are better.",
    "I sent you a song in my heart.",
    "We played soccer in the park with 11 players.",
]


@pytest.mark.parametrize(("text", "kind", "matched"), HITS)
def test_screening_flags(text, kind, matched):
    flags = screen(text)
    hits = [f for f in flags if f.kind == FlagKind(kind)]
    assert hits, (text, flags)
    flag = hits[0]
    assert flag.text == matched
    # The span points into the original text, full-width characters included.
    assert text[flag.start : flag.end] == flag.text


@pytest.mark.parametrize("text", NON_HITS)
def test_ordinary_letters_are_not_flagged(text):
    assert screen(text) == []


def test_the_table_is_big_enough():
    assert len(HITS) >= 30
    assert len(NON_HITS) >= 20
    assert {kind for _t, kind, _m in HITS} == {k.value for k in FlagKind}


def test_fold_keeps_every_position():
    text = "０９０－１２３４　ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ"
    assert len(fold(text)) == len(text)
    assert fold(text) == "090-1234 www.example.com"


def test_a_match_inside_a_longer_one_is_dropped():
    # 123-4567 inside the phone number is not also a postal code.
    flags = screen("090-1234-5678")
    assert [(f.kind, f.text) for f in flags] == [(FlagKind.PHONE, "090-1234-5678")]


def test_several_flags_in_one_letter_come_in_order():
    text = "Hi! Mail a@b.org, call 090-1111-2222, PayPal ok."
    assert [f.kind.value for f in screen(text)] == ["email", "phone", "money"]
    assert kinds(screen(text)) == ["email", "money", "phone"]


@pytest.mark.parametrize(
    "text",
    ["", "plain", "Mail a@b.org now", "〒123-4567 東京都品川区港南5丁目", "<script>@x</script>"],
)
def test_segments_rebuild_the_text(text):
    pieces = segments(text, screen(text))
    assert "".join(piece for piece, _kind in pieces) == text


def test_overlapping_flags_are_merged_for_highlighting():
    flags = [Flag(FlagKind.PHONE, 0, 5, "abcde"), Flag(FlagKind.URL, 3, 8, "defgh")]
    assert segments("abcdefghij", flags) == [("abcde", "phone"), ("fgh", "url"), ("ij", "")]


@pytest.mark.parametrize(
    "text",
    [
        "a@" + "b." * 2500,
        "0" * 5000,
        "1-" * 2500,
        "一" * 5000,
        "a." * 2500,
        "www." * 1250,
        "a" * 2500 + "@" + "b-" * 1200,
        "a1-." * 1250,
    ],
    ids=["at-dots", "digits", "digit-dash", "kanji-digits", "dots", "www", "long-local", "mixed"],
)
def test_screening_a_hostile_letter_of_the_maximum_length_is_fast(text):
    """No pattern backtracks over the whole body from every position (quadratic time)."""
    import time

    started = time.perf_counter()
    screen(text)
    assert time.perf_counter() - started < 0.5
