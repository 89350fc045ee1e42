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
    # E-mail addresses written so that a filter misses them.
    ("write to hana at gmail dot com", "email", "hana at gmail dot com"),
    ("hana(at)gmail(dot)com is me", "email", "hana(at)gmail(dot)com"),
    ("hana [at] yahoo [dot] co [dot] jp", "email", "hana [at] yahoo [dot] co [dot] jp"),
    ("mail: hana at gmail.com", "email", "hana at gmail.com"),
    ("hana(at)example.org", "email", "hana(at)example.org"),
    ("hana @ gmail . com", "email", "hana @ gmail . com"),
    ("hana.k AT outlook DOT com", "email", "hana.k AT outlook DOT com"),
    ("hana アットマーク gmail ドット com", "email", "hana アットマーク gmail ドット com"),
    ("ｈａｎａ＠ｇｍａｉｌ．ｃｏｍ", "email", "ｈａｎａ＠ｇｍａｉｌ．ｃｏｍ"),
    ("my email is secret", "email", "my email is"),
    ("My gmail: hana", "email", "My gmail:"),
    ("メールアドレスを教えてください", "email", "メールアドレスを教え"),
    ("メアド交換しよう", "email", "メアド"),
    ("reza at proton dot me", "email", "reza at proton dot me"),
    ("hana{at}mail{dot}ir", "email", "hana{at}mail{dot}ir"),
    # Phone numbers in Persian, Arabic-Indic, full-width and spaced digits.
    ("تلفنم ۰۹۱۲ ۳۴۵ ۶۷۸۹ است", "phone", "۰۹۱۲ ۳۴۵ ۶۷۸۹"),
    ("۰۹۱۲۳۴۵۶۷۸۹ زنگ بزن", "phone", "۰۹۱۲۳۴۵۶۷۸۹"),
    ("اتصل بي ٠٩٠١٢٣٤٥٦٧٨", "phone", "٠٩٠١٢٣٤٥٦٧٨"),
    ("هاتفي ٠٧٧٠ ١٢٣ ٤٥٦٧", "phone", "٠٧٧٠ ١٢٣ ٤٥٦٧"),
    ("call 0 9 0 1 2 3 4 5 6 7 8", "phone", "0 9 0 1 2 3 4 5 6 7 8"),
    ("my number 090 1234 5678", "phone", "090 1234 5678"),
    ("０８０　１２３４　５６７８に電話", "phone", "０８０　１２３４　５６７８"),
    ("0.9.0.1.2.3.4.5.6.7.8", "phone", "0.9.0.1.2.3.4.5.6.7.8"),
    ("+98 912 345 6789", "phone", "+98 912 345 6789"),
    ("+۹۸ ۹۱۲ ۳۴۵ ۶۷۸۹", "phone", "+۹۸ ۹۱۲ ۳۴۵ ۶۷۸۹"),
    ("00 98 912 345 6789", "phone", "00 98 912 345 6789"),
    ("my phone number is below", "phone", "my phone number is"),
    ("شماره تلفن را بفرست", "phone", "شماره تلفن"),
    ("03-1234-5678 is the office", "phone", "03-1234-5678"),
    ("090 - 1234 - 5678", "phone", "090 - 1234 - 5678"),
    ("٠٣-١٢٣٤-٥٦٧٨", "phone", "٠٣-١٢٣٤-٥٦٧٨"),
    # Japanese addresses in romaji and in kana.
    ("I live at 3-5-2 Umeda, Kita-ku, Osaka", "address", "3-5-2 Umeda"),
    ("we are in Kita-ku now", "address", "Kita-ku"),
    ("Shinagawa-ku Konan 5", "address", "Shinagawa-ku"),
    ("near Ushiku-shi", "address", "Ushiku-shi"),
    ("1-2-3 Nishi-Shinjuku", "address", "1-2-3 Nishi"),
    ("it is 2-chome, next to the station", "address", "2-chome"),
    ("5 chome 3 ban", "address", "5 chome"),
    ("うめだ3ちょうめ5ばんち", "address", "3ちょうめ"),
    ("きたく 五ばんち です", "address", "五ばんち"),
    ("202ごうしつにすんでいます", "address", "202ごうしつ"),
    ("じゅうしょをおしえて", "address", "じゅうしょ"),
    ("とうきょうとにすんでいます", "address", "とうきょうと"),
    ("おおさかふのちかく", "address", "おおさかふ"),
    ("大阪府大阪市北区梅田3丁目", "address", "大阪府大阪市"),
    ("神奈川県横浜市に住んでいる", "address", "神奈川県横浜市"),
    ("東京都港区南青山に住んでいます", "address", "東京都港区"),
    ("my address is 12 Park Road", "address", "my address"),
    ("apartment 5 on the second floor", "address", "apartment 5"),
    # Money in yen and other currencies, and cash in envelopes.
    ("please lend me 10000 yen", "money", "lend me 10000 yen"),
    ("I can send you ¥5,000 next week", "money", "send you ¥5,000"),
    ("I will give you $50", "money", "give you $50"),
    ("I need 20,000 yen for the lawyer", "money", "need 20,000 yen"),
    ("can you pay 100 dollars", "money", "pay 100 dollars"),
    ("I will send some 3000 yen", "money", "send some 3000 yen"),
    ("borrow 50 euros from me", "money", "borrow 50 euros"),
    ("there is cash in an envelope for you", "money", "cash in an envelope"),
    ("an envelope with money inside", "money", "envelope with money"),
    ("I will send you cash", "money", "send you cash"),
    ("1万円を送ります", "money", "1万円を送"),
    ("三千円貸してください", "money", "三千円貸"),
    ("現金を封筒に入れます", "money", "現金"),
    ("封筒にお金を入れた", "money", "封筒にお金"),
    ("おかねをおくります", "money", "おかねをおく"),
    ("lend me money please", "money", "lend me money"),
    ("برایت پول می‌فرستم", "money", "پول"),
    ("صد دلار می‌دهم", "money", "دلار"),
    ("یک میلیون تومان", "money", "تومان"),
    ("أرسل لك نقود", "money", "نقود"),
    ("عندي فلوس لك", "money", "فلوس"),
    ("پولی لازم داری؟", "money", "پولی"),
    ("قرض بده", "money", "قرض"),
    ("I send 5000 tomans", "money", "send 5000 tomans"),
    # Promises of visits, jobs or release.
    ("I will visit you next month", "promise", "I will visit you"),
    ("We'll come and visit you soon", "promise", "We'll come and visit you"),
    ("I'm going to meet you at the centre", "promise", "I'm going to meet you"),
    ("I want to come to see you", "promise", "come to see you"),
    ("I can get you a job at my company", "promise", "get you a job"),
    ("there is a job for you here", "promise", "a job for you"),
    ("my father can hire you", "promise", "hire you"),
    ("I will help you get out", "promise", "help you get out"),
    ("you'll be free by summer", "promise", "you'll be free"),
    ("I promise you a visa", "promise", "promise you a visa"),
    ("来月会いに行きます", "promise", "会いに行き"),
    ("面会に行きますね", "promise", "面会に行"),
    ("仕事を紹介します", "promise", "仕事を紹介"),
    ("もうすぐ出られますよ", "promise", "もうすぐ出られ"),
    ("あいにいきます", "promise", "あいにいき"),
    ("به دیدنت می‌آیم", "promise", "به دیدنت"),
    ("سأزورك قريبا", "promise", "سأزورك"),
    ("لدي عمل لك", "promise", "عمل لك"),
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
    # Ordinary letters that look a little like a flag but are not.
    "Look at the stars at night, they are the same everywhere.",
    "I was at school at 8 and at home at 5.",
    "Hana at the library sends her greetings.",
    "I drew a dot at the end of each line.",
    "We met at the station and ate at a café.",
    "Cherry blossoms bloom in April.",
    "My phone broke, so I write by hand.",
    "I called my grandmother yesterday.",
    "The score was 3 to 2 and everyone cheered.",
    "Osaka is famous for its food.",
    "I visited Kyoto last year with my family.",
    "I hope you can visit the sea one day.",
    "Your letter made my day brighter.",
    "My job is teaching children to swim.",
    "I found a job last spring and I like it.",
    "She will be free to travel after exams.",
    "I paid for my ticket with my savings.",
    "The book cost 1200 yen and it was worth it.",
    "We saved 3000 yen for a school trip.",
    "Money is not everything.",
    "I put a flower in the envelope.",
    "The envelope is blue, like the sky.",
    "I read 100 pages this week.",
    "In 2019, 2020 and 2021 I lived in Tokyo.",
    "Page 12-13 of my notebook has a drawing.",
    "Room for dreams is always open.",
    "I study at Tokyo University.",
    "I am 19 years old and I love music.",
    "We won 2-1 in the final.",
    "Tea at three, dinner at seven.",
    "Smile, friend: the sun comes back.",
    "東京に行ったことがあります。",
    "大阪の食べ物はおいしいです。",
    "三月に桜が咲きます。",
    "友だちと公園で遊びました。",
    "毎日日本語を勉強しています。",
    "手紙を書くのが好きです。",
    "お元気でお過ごしください。",
    "百円ショップで鉛筆を買いました。",
    "お金より大切なものがあります。",
    "私の仕事は先生です。",
    "仕事が忙しいですが、元気です。",
    "今日はいい天気ですね。",
    "家族の写真を見ました。",
    "三年前に日本に来ました。",
    "えきのちかくにこうえんがあります。",
    "きょうはあめでした。",
    "ひらがなをべんきょうしています。",
    "سلام دوست عزیز، امیدوارم حالت خوب باشد.",
    "بهار در ژاپن خیلی زیباست.",
    "ما به تو فکر می‌کنیم.",
    "مرحبا يا صديقي، أتمنى أن تكون بخير.",
    "الطقس جميل اليوم.",
    "نحن نفكر فيك دائما.",
    "Salut mon ami, je pense à toi.",
    "I have 2 brothers and 3 sisters.",
    "The train leaves at 10:30 from platform 4.",
    "Our group has 15 members.",
    "I visited the museum and saw old letters.",
    "We will meet again in our hearts.",
    "Line by line, I wrote this for you.",
    "A small gift: a poem.",
    "I hope your case of the flu is over.",
    "Stay strong, my friend.",
    "We sang songs at the festival.",
    "My cat sleeps all day.",
    "I like rice, fish and miso soup.",
    "It snowed 30 centimetres.",
    "The year has 365 days and every one is a new start.",
    "I walked 10,000 steps today.",
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
    assert len(HITS) + len(NON_HITS) >= 200
    assert len(NON_HITS) >= 80
    found_in_text = {k.value for k in FlagKind} - {FlagKind.HIDDEN_FIELD}
    assert {kind for _t, kind, _m in HITS} == found_in_text


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
        "a at " * 1000,
        "0 " * 2500,
        "۰ " * 2500,
        "hana(at)" * 625,
        "a [at] b [dot] " * 350,
        "1-2-3 " * 830,
        "I will " * 700,
        "send me " * 600,
        "¥1," * 1600,
        "x" * 4000 + " at gmail dot",
    ],
    ids=[
        "at-dots",
        "digits",
        "digit-dash",
        "kanji-digits",
        "dots",
        "www",
        "long-local",
        "mixed",
        "spelled-at",
        "spaced-digits",
        "persian-digits",
        "bracket-at",
        "bracket-at-dot",
        "romaji-address",
        "promises",
        "money-verbs",
        "yen-commas",
        "long-word-at",
    ],
)
def test_screening_a_hostile_letter_of_the_maximum_length_is_fast(text):
    """No pattern backtracks over the whole body from every position (quadratic time)."""
    import time

    started = time.perf_counter()
    screen(text)
    assert time.perf_counter() - started < 0.5
