"""Compare typed readings: kana, half-width kana, full-width letters and romaji all become hiragana.

Pure engine (stdlib only, no Django, no settings): `normalize_answer` gives the canonical form,
`answers_match` compares a learner's answer with the expected reading, and `near_miss_hint` says
what is missing from an answer that is nearly right.
"""

import re
import unicodedata
from collections.abc import Callable
from typing import NamedTuple

__all__ = [
    "NEAR_MISSES",
    "answers_match",
    "near_miss_hint",
    "normalize_answer",
    "romaji_to_hiragana",
]

# Romaji syllables as rows: a consonant prefix and its kana for the vowels a, i, u, e, o.
# Hepburn, Kunrei/Nihon-shiki and IME spellings live side by side (shi/si, chi/ti/cy-, ja/zya/jya).
_ROMAJI_ROWS: tuple[tuple[str, str], ...] = (
    ("", "あ い う え お"),
    ("k", "か き く け こ"),
    ("ky", "きゃ きぃ きゅ きぇ きょ"),
    ("s", "さ し す せ そ"),
    ("sh", "しゃ し しゅ しぇ しょ"),
    ("sy", "しゃ しぃ しゅ しぇ しょ"),
    ("t", "た ち つ て と"),
    ("ts", "つぁ つぃ つ つぇ つぉ"),
    ("ch", "ちゃ ち ちゅ ちぇ ちょ"),
    ("ty", "ちゃ ちぃ ちゅ ちぇ ちょ"),
    ("cy", "ちゃ ちぃ ちゅ ちぇ ちょ"),
    ("th", "てゃ てぃ てゅ てぇ てょ"),
    ("n", "な に ぬ ね の"),
    ("ny", "にゃ にぃ にゅ にぇ にょ"),
    ("h", "は ひ ふ へ ほ"),
    ("hy", "ひゃ ひぃ ひゅ ひぇ ひょ"),
    ("f", "ふぁ ふぃ ふ ふぇ ふぉ"),
    ("fy", "ふゃ ふぃ ふゅ ふぇ ふょ"),
    ("m", "ま み む め も"),
    ("my", "みゃ みぃ みゅ みぇ みょ"),
    ("y", "や い ゆ いぇ よ"),
    ("r", "ら り る れ ろ"),
    ("ry", "りゃ りぃ りゅ りぇ りょ"),
    ("w", "わ うぃ う うぇ を"),
    ("g", "が ぎ ぐ げ ご"),
    ("gy", "ぎゃ ぎぃ ぎゅ ぎぇ ぎょ"),
    ("z", "ざ じ ず ぜ ぞ"),
    ("zy", "じゃ じぃ じゅ じぇ じょ"),
    ("j", "じゃ じ じゅ じぇ じょ"),
    ("jy", "じゃ じぃ じゅ じぇ じょ"),
    ("d", "だ ぢ づ で ど"),
    ("dy", "ぢゃ ぢぃ ぢゅ ぢぇ ぢょ"),
    ("dh", "でゃ でぃ でゅ でぇ でょ"),
    ("b", "ば び ぶ べ ぼ"),
    ("by", "びゃ びぃ びゅ びぇ びょ"),
    ("p", "ぱ ぴ ぷ ぺ ぽ"),
    ("py", "ぴゃ ぴぃ ぴゅ ぴぇ ぴょ"),
    ("v", "ゔぁ ゔぃ ゔ ゔぇ ゔぉ"),
    # IME prefixes for small kana.
    ("x", "ぁ ぃ ぅ ぇ ぉ"),
    ("l", "ぁ ぃ ぅ ぇ ぉ"),
    ("xy", "ゃ ぃ ゅ ぇ ょ"),
    ("ly", "ゃ ぃ ゅ ぇ ょ"),
)
_ROMAJI: dict[str, str] = {
    prefix + vowel: kana
    for prefix, row in _ROMAJI_ROWS
    for vowel, kana in zip("aiueo", row.split(), strict=True)
} | {
    "xtu": "っ", "xtsu": "っ", "ltu": "っ", "ltsu": "っ",
    "xwa": "ゎ", "lwa": "ゎ", "xka": "ゕ", "xke": "ゖ", "dzu": "づ",
}  # fmt: skip
_ROMAJI_LONGEST = max(map(len, _ROMAJI))
# A consonant letter written twice (kitte, maccha) is a small っ; n and m have rules of their own.
_DOUBLING_CONSONANTS = frozenset("bcdfghjklpqrstvwxyz")
# After these letters an n starts a な-row syllable (na, nya) instead of being ん.
_N_SYLLABLE_STARTS = frozenset("aiueoy")
# Traditional Hepburn writes ん as m before b, m, p (shimbun, sempai).
_M_BEFORE = frozenset("bmp")

# Applied after NFKC and case-folding, before tokenising.
_BEFORE_TOKENS = str.maketrans(
    {
        "ā": "aa", "â": "aa", "ī": "ii", "î": "ii", "ū": "uu", "û": "uu",
        "ē": "ee", "ê": "ee", "ō": "oo", "ô": "oo",
        "-": "ー", "\u2010": "ー", "\u2212": "ー",  # IME: the minus key types ー
        "\u2018": "'", "\u2019": "'", "\u02bc": "'",  # phones type curly apostrophes
    }
)  # fmt: skip
# Spacing dakuten and handakuten become combining marks, so that NFKC joins them to the kana.
_BEFORE_NFKC = str.maketrans({"\u309b": "\u3099", "\u309c": "\u309a"})
_KATAKANA_TO_HIRAGANA = str.maketrans(
    {chr(code): chr(code - 0x60) for code in range(0x30A1, 0x30F7)}
)
# Kana that sound the same in modern standard Japanese are one kana in the canonical form.
_HOMOPHONES = str.maketrans({"ぢ": "じ", "づ": "ず", "を": "お", "ゐ": "い", "ゑ": "え"})
# A word-final は / へ may be the particle read wa / e: canonical kana and the written alternative.
_PARTICLES: dict[str, tuple[str, str]] = {
    "は": ("わ", "は"),
    "わ": ("わ", "は"),
    "へ": ("え", "へ"),
    "え": ("え", "へ"),
}

_KANA_BY_VOWEL: dict[str, str] = {
    "a": "あかさたなはまやらわがざだばぱぁゃゎゕ",
    "i": "いきしちにひみりぎじびぴぃ",
    "u": "うくすつぬふむゆるぐずぶぷぅゅゔ",
    "e": "えけせてねへめれげぜでべぺぇゖ",
    "o": "おこそとのほもよろごぞどぼぽぉょ",
}
_VOWEL_OF: dict[str, str] = {kana: vowel for vowel, row in _KANA_BY_VOWEL.items() for kana in row}
# A vowel kana after a kana of one of these vowels is a long vowel, written ー canonically.
# おう and おお are both long o (Hepburn ō); えい stays two vowels (Hepburn writes sensei).
_LENGTHENS: dict[str, frozenset[str]] = {
    "あ": frozenset("a"),
    "い": frozenset("i"),
    "う": frozenset("uo"),
    "え": frozenset("e"),
    "お": frozenset("o"),
}
_LONG_MARK = "ー"


class _Canonical(NamedTuple):
    text: str
    # Index in `text` -> the other spelling a word-final particle may have there.
    alternatives: dict[int, str]


def romaji_to_hiragana(text: str) -> str:
    """Convert the romaji in `text` to hiragana; every other character passes through.

    Case-insensitive. ん is n before a consonant or at the end, n', nn (not before a vowel
    or y) and m before b/m/p; nn before a vowel is ん plus a な-row syllable (Hepburn
    konnichiwa, onna). Letters that spell no syllable are left as they are.
    """
    text = text.lower()
    out: list[str] = []
    i, size = 0, len(text)
    while i < size:
        char, following = text[i], text[i + 1 : i + 2]
        if char == "n" and following not in _N_SYLLABLE_STARTS:
            out.append("ん")
            if following == "'":
                i += 2
            elif following == "n" and text[i + 2 : i + 3] not in _N_SYLLABLE_STARTS:
                i += 2
            else:
                i += 1
            continue
        if char == "m" and following in _M_BEFORE:
            out.append("ん")
            i += 1
            continue
        if char in _DOUBLING_CONSONANTS and (
            following == char or (char == "t" and text[i + 1 : i + 3] == "ch")
        ):
            out.append("っ")
            i += 1
            continue
        for length in range(_ROMAJI_LONGEST, 0, -1):
            kana = _ROMAJI.get(text[i : i + length])
            if kana is not None:
                out.append(kana)
                i += length
                break
        else:
            out.append(char)
            i += 1
    return "".join(out)


def _tokens(text: str) -> list[str]:
    """Split on whitespace and punctuation (except the apostrophe of n'); drop format chars."""
    tokens: list[str] = []
    current: list[str] = []
    for char in text:
        category = unicodedata.category(char)
        if char.isspace() or (category.startswith("P") and char != "'"):
            if current:
                tokens.append("".join(current))
                current = []
        elif category not in ("Cc", "Cf"):
            current.append(char)
    if current:
        tokens.append("".join(current))
    return tokens


def _canonical(text: str) -> _Canonical:
    text = unicodedata.normalize("NFKC", text.translate(_BEFORE_NFKC))
    text = text.casefold().translate(_BEFORE_TOKENS)
    words = [
        romaji_to_hiragana(token).replace("'", "").translate(_KATAKANA_TO_HIRAGANA)
        for token in _tokens(text)
    ]
    words = [word.translate(_HOMOPHONES) for word in words if word]
    pieces: list[str] = []
    alternatives: dict[int, str] = {}
    length = 0
    for word in words:
        # A lone は is the kana itself, not a particle; in a sentence or after a word it may be.
        particle = _PARTICLES.get(word[-1]) if len(word) > 1 or len(words) > 1 else None
        if particle is not None:
            word = word[:-1] + particle[0]
            alternatives[length + len(word) - 1] = particle[1]
        pieces.append(word)
        length += len(word)
    return _Canonical(_mark_long_vowels("".join(pieces)), alternatives)


def _mark_long_vowels(kana: str) -> str:
    """Write each long vowel as ー (こうひい, こおひい -> こーひー), keeping one char per char."""
    out: list[str] = []
    vowel: str | None = None
    for char in kana:
        if vowel is not None and vowel in _LENGTHENS.get(char, ()):
            out.append(_LONG_MARK)
        else:
            out.append(char)
            if char != _LONG_MARK:
                vowel = _VOWEL_OF.get(char)
    return "".join(out)


def normalize_answer(text: str) -> str:
    """Return the canonical hiragana form of a typed reading; never raises.

    NFKC (full-width letters, half-width katakana with ﾞﾟ), case, spaces and punctuation
    are ignored; romaji becomes hiragana, katakana becomes hiragana. Long vowels are one ー
    whatever the spelling (ō ô ou oo, ū uu, ー), but a missing long vowel is an error: おばさん
    and おばあさん stay different. じ/ぢ, ず/づ, お/を are merged as they sound. A word-final
    は/へ (after a word, or as its own word in a sentence) is read as the particle わ/え, so
    こんにちは matches konnichiwa. Kanji are kept as they are and only match themselves.
    """
    return _canonical(text).text


def answers_match(given: str, expected: str) -> bool:
    """Whether a learner's typed reading matches the expected reading; never raises.

    True when both canonical forms are equal and not empty. In addition, a particle that
    one side marks as a word of its own (watashi wa gakusei) may be は/へ where the other
    side runs the words together (わたしはがくせい).
    """
    given_form, expected_form = _canonical(given), _canonical(expected)
    if not given_form.text or len(given_form.text) != len(expected_form.text):
        return False
    return all(
        ours == theirs
        or given_form.alternatives.get(index) == theirs
        or expected_form.alternatives.get(index) == ours
        for index, (ours, theirs) in enumerate(
            zip(given_form.text, expected_form.text, strict=True)
        )
    )


# --- Near misses ----------------------------------------------------------------------------

#: What `near_miss_hint` may answer, in the order it checks them.
NEAR_MISSES = ("long_vowel", "small_tsu", "small_ya", "dakuten", "one_kana")
_SMALL_Y = str.maketrans({"ゃ": "や", "ゅ": "ゆ", "ょ": "よ"})
# A voiced or half-voiced kana and its plain kana (が -> か, ぱ -> は): the ゛ a learner forgets.
_UNVOICED = str.maketrans(
    {
        unicodedata.normalize("NFC", plain + mark): plain
        for plain in "かきくけこさしすせそたちつてとはひふへほ"
        for mark in ("\u3099", "\u309a")
        if len(unicodedata.normalize("NFC", plain + mark)) == 1
    }
    | {"ゔ": "う"}
)
_KANA_ONLY_RE = re.compile("[\u3041-\u3096ー]+")
# The one-kana check needs enough kana around the slip to be a near miss, not another word.
_MIN_ONE_KANA = 3


def _one_edit_apart(a: str, b: str) -> bool:
    """Exactly one kana changed, left out or added (Levenshtein distance 1)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def near_miss_hint(expected: str, given: str) -> str | None:
    """What is nearly right about *given*, a typed reading that does not match *expected*.

    One of NEAR_MISSES, or None when the answer is right, far off, or not all kana:
    "long_vowel" a long vowel dropped or added (tokyo for とうきょう), "small_tsu" a small っ
    missing or added, "small_ya" a small ゃ/ゅ/ょ missing or written large, "dakuten" a ゛ or ゜
    missing or added, "one_kana" one kana wrong, missing or extra (in words of three kana or
    more). The answer stays wrong; the hint lets the learner try again. Never raises.
    """
    if answers_match(given, expected):
        return None
    ours, theirs = normalize_answer(given), normalize_answer(expected)
    if not _KANA_ONLY_RE.fullmatch(ours) or not _KANA_ONLY_RE.fullmatch(theirs):
        return None
    checks: tuple[tuple[str, Callable[[str], str]], ...] = (
        ("long_vowel", lambda t: t.replace(_LONG_MARK, "")),
        ("small_tsu", lambda t: t.replace("っ", "")),
        ("small_ya", lambda t: t.translate(_SMALL_Y)),
        ("dakuten", lambda t: t.translate(_UNVOICED)),
    )
    for name, fold in checks:
        if fold(ours) == fold(theirs):
            return name
    # A small ゃ/ゅ/ょ left out altogether (hiku for ひゃく) is also the small-ya slip.
    if ours == re.sub("[ゃゅょ]", "", theirs):
        return "small_ya"
    if max(len(ours), len(theirs)) >= _MIN_ONE_KANA and _one_edit_apart(ours, theirs):
        return "one_kana"
    return None
