"""Tables and properties for lessons.japanese.kana: which typed readings count as the same."""

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessons.japanese.kana import (
    NEAR_MISSES,
    answers_match,
    near_miss_hint,
    normalize_answer,
    romaji_to_hiragana,
)

MATCH_CASES: list[tuple[str, str, bool]] = [
    # Scripts: hiragana, katakana, half-width katakana, full-width letters.
    ("たべる", "たべる", True),
    ("タベル", "たべる", True),
    ("たべる", "タベル", True),
    ("ﾀﾍﾞﾙ", "たべる", True),
    ("ｶﾞｯｺｳ", "がっこう", True),
    ("ﾊﾟﾝ", "パン", True),
    ("ｳﾞｧｲｵﾘﾝ", "ヴァイオリン", True),
    ("か\u309bっこう", "がっこう", True),
    ("\uff54\uff41\uff42\uff45\uff52\uff55", "たべる", True),
    ("\uff34\uff21\uff22\uff25\uff32\uff35", "たべる", True),
    # Romaji: case, Hepburn and Kunrei / Nihon-shiki, IME spellings.
    ("taberu", "たべる", True),
    ("TaBeRu", "たべる", True),
    ("sushi", "すし", True),
    ("susi", "すし", True),
    ("chikara", "ちから", True),
    ("tikara", "ちから", True),
    ("tsukue", "つくえ", True),
    ("tukue", "つくえ", True),
    ("fune", "ふね", True),
    ("hune", "ふね", True),
    ("fuji", "ふじ", True),
    ("kaji", "かじ", True),
    ("kazi", "かじ", True),
    ("hanaji", "はなぢ", True),
    ("hanadi", "はなぢ", True),
    ("mikazuki", "みかづき", True),
    ("mikaduki", "みかづき", True),
    ("jama", "じゃま", True),
    ("zyama", "じゃま", True),
    ("jyama", "じゃま", True),
    ("shashin", "しゃしん", True),
    ("syasin", "しゃしん", True),
    ("ocha", "おちゃ", True),
    ("otya", "おちゃ", True),
    ("ocya", "おちゃ", True),
    ("ryokou", "りょこう", True),
    ("hyaku", "ひゃく", True),
    ("paatii", "パーティー", False),  # ti is Kunrei ち; ティ is typed thi
    ("paathii", "パーティー", True),
    ("fairu", "ファイル", True),
    ("ltsu", "っ", True),
    ("xya", "ゃ", True),
    # ん: nn, n', n before a consonant or at the end.
    ("hon", "ほん", True),
    ("honn", "ほん", True),
    ("kin'en", "きんえん", True),
    ("kin\u2019en", "きんえん", True),
    ("kinen", "きねん", True),
    ("kinen", "きんえん", False),
    ("kin'en", "きねん", False),
    ("kinnen", "きんねん", True),
    ("konnichiwa", "こんにちは", True),
    ("onna", "おんな", True),
    ("ona", "おんな", False),
    ("kin'yuu", "きんゆう", True),
    ("kinyuu", "きんゆう", False),
    ("shinbun", "しんぶん", True),
    ("shimbun", "しんぶん", True),
    ("sempai", "せんぱい", True),
    # っ: doubled consonants, tch and cch.
    ("kitte", "きって", True),
    ("kite", "きって", False),
    ("gakkou", "がっこう", True),
    ("matcha", "まっちゃ", True),
    ("maccha", "まっちゃ", True),
    ("zasshi", "ざっし", True),
    ("zassi", "ざっし", True),
    ("mittsu", "みっつ", True),
    ("mittu", "みっつ", True),
    # Long vowels: ou / oo / ō / ô / uu / ū / û / ー all count; a dropped one does not.
    ("toukyou", "とうきょう", True),
    ("tōkyō", "とうきょう", True),
    ("tôkyô", "とうきょう", True),
    ("tookyoo", "とうきょう", True),
    ("TŌKYŌ", "とうきょう", True),
    ("tokyo", "とうきょう", False),
    ("ookii", "おおきい", True),
    ("ōkii", "おおきい", True),
    ("oukii", "おおきい", True),
    ("okii", "おおきい", False),
    ("yuubin", "ゆうびん", True),
    ("yūbin", "ゆうびん", True),
    ("yûbin", "ゆうびん", True),
    ("yubin", "ゆうびん", False),
    ("obaasan", "おばあさん", True),
    ("obāsan", "おばあさん", True),
    ("obâsan", "おばあさん", True),
    ("obasan", "おばあさん", False),
    ("obaasan", "おばさん", False),
    ("onēsan", "おねえさん", True),
    ("oneesan", "おねえさん", True),
    ("ojiisan", "おじいさん", True),
    ("ojisan", "おじいさん", False),
    ("sensei", "せんせい", True),
    ("sensee", "せんせい", False),
    ("コーヒー", "こうひい", True),
    ("こうひい", "コーヒー", True),
    ("kōhī", "コーヒー", True),
    ("kouhii", "コーヒー", True),
    ("koohii", "コーヒー", True),
    ("ko-hi-", "コーヒー", True),
    ("ｺｰﾋｰ", "コーヒー", True),
    ("kohi", "コーヒー", False),
    ("keeki", "ケーキ", True),
    ("keiki", "ケーキ", False),
    # ゃゅょ are not やゆよ.
    ("hyou", "ひょう", True),
    ("hiyou", "ひょう", False),
    ("hyou", "ひよう", False),
    ("kyaku", "きやく", False),
    # Particles: は/wa/ha, へ/e/he, を/o/wo.
    ("konnichiha", "こんにちは", True),
    ("こんにちわ", "こんにちは", True),
    ("konbanwa", "こんばんは", True),
    ("watashi wa gakusei desu", "わたしはがくせいです", True),
    ("watashi ha gakusei desu", "わたしはがくせいです", True),
    ("watashiwa gakusei desu", "わたしは がくせい です", True),
    ("watashi wa gakusei desu", "わたし は がくせい です", True),
    ("gakkou e ikimasu", "がっこうへいきます", True),
    ("gakkou he ikimasu", "がっこう へ いきます", True),
    ("hon o yomu", "ほんをよむ", True),
    ("hon wo yomu", "ほんをよむ", True),
    ("wa", "は", False),
    ("ha", "は", True),
    ("e", "へ", False),
    ("gowan", "ごはん", False),
    ("wana", "はな", False),
    # Spaces, full-width spaces and punctuation are ignored.
    (" taberu ", "たべる", True),
    ("ta beru", "たべる", True),
    ("たべる。", "たべる", True),
    ("たべる", "たべる。", True),
    ("taberu!", "たべる", True),
    ("たべる！？", "たべる", True),
    ("わたし\u3000は\u3000がくせいです。", "わたしはがくせいです", True),
    ("arigatou.", "ありがとう！", True),
    ("はい、そうです", "はいそうです", True),
    # Wrong vowel, wrong consonant, wrong length.
    ("tabera", "たべる", False),
    ("taberu", "たべろ", False),
    ("kaberu", "たべる", False),
    ("tabe", "たべる", False),
    ("taberuu", "たべる", False),
    ("sushi", "すじ", False),
    ("hana", "ぱな", False),
    ("ばな", "はな", False),
    ("とうきょう", "東京", False),
    # Empty or blank answers never match.
    ("", "たべる", False),
    ("   ", "たべる", False),
    ("\u3000", "たべる", False),
    ("。", "たべる", False),
    ("", "", False),
]


@pytest.mark.parametrize(("given_answer", "expected", "should_match"), MATCH_CASES)
def test_answer_matches_expected_reading_as_listed(
    given_answer: str, expected: str, should_match: bool
) -> None:
    assert answers_match(given_answer, expected) is should_match


@pytest.mark.parametrize(("given_answer", "expected", "should_match"), MATCH_CASES)
def test_matching_does_not_depend_on_which_side_is_expected(
    given_answer: str, expected: str, should_match: bool
) -> None:
    assert answers_match(expected, given_answer) is should_match


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("とうきょう", "とーきょー"),
        ("tōkyō", "とーきょー"),
        ("コーヒー", "こーひー"),
        ("はなぢ", "はなじ"),
        ("ほんを", "ほんお"),
        ("こんにちは", "こんにちわ"),
        ("は", "は"),
        ("Kin'en.", "きんえん"),
        ("東京", "東京"),
        ("  。", ""),
    ],
)
def test_normalized_answer_is_canonical_hiragana(text: str, canonical: str) -> None:
    assert normalize_answer(text) == canonical


@pytest.mark.parametrize(
    ("romaji", "hiragana"),
    [
        ("kitte", "きって"),
        ("matcha", "まっちゃ"),
        ("kin'en", "きんえん"),
        ("konnichiwa", "こんにちわ"),
        ("honn", "ほん"),
        ("shimbun", "しんぶん"),
        ("tsu", "つ"),
        ("ltsu", "っ"),
        ("wo", "を"),
        ("vu", "ゔ"),
        ("thi", "てぃ"),
        ("KYOU", "きょう"),
        ("たべru", "たべる"),
        ("qx", "qx"),
    ],
)
def test_romaji_becomes_hiragana(romaji: str, hiragana: str) -> None:
    assert romaji_to_hiragana(romaji) == hiragana


HIRAGANA = st.text(st.characters(min_codepoint=0x3041, max_codepoint=0x3096), min_size=1)


@settings(max_examples=300, derandomize=True)
@given(HIRAGANA)
def test_any_hiragana_answer_matches_itself(text: str) -> None:
    assert answers_match(text, text)


@settings(max_examples=300, derandomize=True)
@given(HIRAGANA)
def test_katakana_spelling_matches_hiragana(text: str) -> None:
    katakana = "".join(chr(ord(char) + 0x60) for char in text)
    assert answers_match(katakana, text)


@settings(max_examples=300, derandomize=True)
@given(st.text(), st.text())
def test_arbitrary_text_never_raises_and_is_symmetric(given_answer: str, expected: str) -> None:
    assert answers_match(given_answer, expected) is answers_match(expected, given_answer)
    assert answers_match(given_answer, given_answer) is bool(normalize_answer(given_answer))


@pytest.mark.parametrize("text", ["\ud800", "\x00", "\u3099", "n'", "'", "ー", "x" * 10_000])
def test_odd_text_never_raises(text: str) -> None:
    assert answers_match(text, "たべる") is False


def test_kana_engine_imports_without_django() -> None:
    code = "import sys, lessons.japanese.kana; sys.exit('django' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], check=False, timeout=60)
    assert result.returncode == 0


# --- Near misses (issue 14) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expected", "given_answer", "hint"),
    [
        ("とうきょう", "tokyo", "long_vowel"),  # both long vowels dropped
        ("じゅうしょ", "jusho", "long_vowel"),
        ("おばあさん", "obasan", "long_vowel"),  # a different word, but a learner's slip
        ("びょういん", "byoin", "long_vowel"),
        ("きって", "kite", "small_tsu"),
        ("がっこう", "gakou", "small_tsu"),
        ("ひゃく", "hiyaku", "small_ya"),  # large や for small ゃ
        ("ひゃく", "hiku", "small_ya"),  # small ゃ left out
        ("びょういん", "biyouin", "small_ya"),
        ("がっこう", "kakkou", "dakuten"),
        ("ぱん", "han", "dakuten"),
        ("あした", "ashito", "one_kana"),
        ("まどぐち", "madoguti", None),  # ti is ち: simply right
        ("あした", "kuruma", None),  # far off
        ("あした", "明日", None),  # not kana: nothing to say about kana
        ("いえ", "ia", None),  # too short for a one-kana hint
        ("えき", "eki", None),  # right answers get no hint
    ],
)
def test_a_near_miss_says_what_to_mind(expected: str, given_answer: str, hint: str | None) -> None:
    assert near_miss_hint(expected, given_answer) == hint
    if hint is not None:
        assert hint in NEAR_MISSES
        assert not answers_match(given_answer, expected)  # still wrong: only a hint


@settings(max_examples=200, derandomize=True)
@given(st.text(max_size=30), st.text(max_size=30))
def test_near_miss_never_raises_and_never_hints_a_right_answer(
    given_answer: str, expected: str
) -> None:
    hint = near_miss_hint(expected, given_answer)
    assert hint is None or hint in NEAR_MISSES
    if answers_match(given_answer, expected):
        assert hint is None
