"""Numbers and counters: the reading changes at the number-counter boundary.

Japanese counters change sound after certain numerals: a final いち/ろく/はち/じゅう/ひゃく
geminates (いっ, ろっ, はっ, じゅっ, ひゃっ) before a voiceless k/s/t/h counter, an h-counter
turns to p after a geminate (いっぽん) and usually to b after ん (さんぼん, なんびき), and a few
counters take special numeral readings (四人 よにん, 九時 くじ, 四日 よっか).
"""

from __future__ import annotations

from ._kana import semi_voiced
from ._tagger import Tok

# Numeral characters -> the reading of the numeral when it ends a number.
_DIGIT_WORD = {
    "一": "いち",
    "二": "に",
    "三": "さん",
    "四": "よん",
    "五": "ご",
    "六": "ろく",
    "七": "なな",
    "八": "はち",
    "九": "きゅう",
    "十": "じゅう",
    "百": "ひゃく",
    "千": "せん",
    "万": "まん",
    "〇": "ぜろ",
    "零": "ぜろ",
    "何": "なん",
}
_ARABIC = {str(d): w for d, w in zip(range(10), "〇一二三四五六七八九", strict=True)}
_ARABIC.update({chr(0xFF10 + d): w for d, w in zip(range(10), "〇一二三四五六七八九", strict=True)})

# Gemination of a final numeral before a voiceless counter.
_GEMINATE = {"いち": "いっ", "ろく": "ろっ", "はち": "はっ", "じゅう": "じゅっ", "ひゃく": "ひゃっ"}
_KST = frozenset({"いち", "はち", "じゅう"})  # before s/t-counters only these geminate
_KH = frozenset(_GEMINATE)  # before k/h-counters ろく and ひゃく geminate too

# counter -> (base reading, numerals that geminate before it, reading after さん/なん,
#             reading after よん or None when it keeps the base form).
# Row "h": after a geminate the counter takes p (いっぽん); after ん it voices to b or p.
COUNTERS: dict[str, tuple[str, frozenset[str], str | None, str | None]] = {
    # k-row: gemination only (一個 いっこ, 六回 ろっかい, 百個 ひゃっこ); 階/軒 voice after ん.
    "個": ("こ", _KH, None, None),
    "回": ("かい", _KH, None, None),
    "階": ("かい", _KH, "がい", None),
    "軒": ("けん", _KH, "げん", None),
    "曲": ("きょく", _KH, None, None),
    "缶": ("かん", _KH, None, None),
    "ヶ月": ("かげつ", _KH, None, None),
    "か月": ("かげつ", _KH, None, None),
    "カ月": ("かげつ", _KH, None, None),
    "箇月": ("かげつ", _KH, None, None),
    "ヶ所": ("かしょ", _KH, None, None),
    "か所": ("かしょ", _KH, None, None),
    "箇所": ("かしょ", _KH, None, None),
    "課": ("か", _KH, None, None),
    "巻": ("かん", _KH, None, None),
    "校": ("こう", _KH, None, None),
    # s- and t-row: いち/はち/じゅう geminate (一冊 いっさつ, 八頭 はっとう); 足/千 voice after ん.
    "冊": ("さつ", _KST, None, None),
    "歳": ("さい", _KST, None, None),
    "才": ("さい", _KST, None, None),
    "足": ("そく", _KST, "ぞく", None),
    "週間": ("しゅうかん", _KST, None, None),
    "週": ("しゅう", _KST, None, None),
    "隻": ("せき", _KST, None, None),
    "席": ("せき", _KST, None, None),
    "千": ("せん", _KST, "ぜん", None),
    "銭": ("せん", _KST, None, None),
    "頭": ("とう", _KST, None, None),
    "通": ("つう", _KST, None, None),
    "着": ("ちゃく", _KST, None, None),
    "丁": ("ちょう", _KST, None, None),
    "点": ("てん", _KST, None, None),
    "等": ("とう", _KST, None, None),
    "センチ": ("せんち", _KST, None, None),
    "トン": ("とん", _KST, None, None),
    # h-row: p after a geminate, b or p after ん (三本 さんぼん, 三分 さんぷん, 四分 よんぷん).
    "本": ("ほん", _KH, "ぼん", None),
    "匹": ("ひき", _KH, "びき", None),
    "杯": ("はい", _KH, "ばい", None),
    "百": ("ひゃく", _KH, "びゃく", None),
    "分": ("ふん", _KH, "ぷん", "ぷん"),
    "泊": ("はく", _KH, "ぱく", "はく"),
    "発": ("はつ", _KH, "ぱつ", None),
    "品": ("ひん", _KH, "ぴん", None),
    "歩": ("ほ", _KH, "ぽ", None),
    "遍": ("へん", _KH, "べん", None),
    "敗": ("はい", _KH, "ぱい", None),
    "票": ("ひょう", _KH, "びょう", None),
    "俵": ("ひょう", _KH, "びょう", None),
    "編": ("へん", _KH, "ぺん", None),
    "片": ("へん", _KH, "ぺん", None),
    "筆": ("ひつ", _KH, "ぴつ", None),
    "版": ("はん", _KH, "ぱん", None),
    "拍": ("はく", _KH, "ぱく", None),
}

# Counters that pick a special reading for the final numeral (not a sound change of the counter).
NUMERAL_BEFORE: dict[str, dict[str, str]] = {
    "人": {"四": "よ"},  # 四人 よにん
    "時": {"四": "よ", "七": "しち", "九": "く"},  # 四時 よじ, 七時 しちじ, 九時 くじ
    "時間": {"四": "よ", "九": "く"},
    "年": {"四": "よ"},
    "円": {"四": "よ"},
    "月": {"四": "し", "七": "しち", "九": "く"},  # months: 四月 しがつ (月 read がつ)
}

# Native numerals before a native counter, for the numeral exactly (not 十一晩): 一晩 ひとばん.
NATIVE_COUNT: dict[str, dict[str, str]] = {"晩": {"一": "ひと", "二": "ふた"}}

# Days of the month and day counts 2-10, 20 use native numerals with 日 か: 四日 よっか.
_NATIVE_DAY = {
    "二": "ふつ",
    "三": "みっ",
    "四": "よっ",
    "五": "いつ",
    "六": "むい",
    "七": "なの",
    "八": "よう",
    "九": "ここの",
    "十": "とお",
    "二十": "はつ",
}


def is_counter_like(surface: str) -> bool:
    """True for a counter this module knows (in either table, or 日)."""
    return (
        surface in COUNTERS
        or surface in NUMERAL_BEFORE
        or surface in NATIVE_COUNT
        or surface == "日"
    )


def is_numeral(t: Tok) -> bool:
    s = t.surface
    return t.pos2 == "数詞" and s != "幾" and (s[-1] in _DIGIT_WORD or s[-1] in _ARABIC)


def _final(t: Tok) -> str:
    """The numeral that ends the number, as a kanji (digits map to kanji; 10 -> 十)."""
    s = t.surface
    if s[-1] in _ARABIC:
        digits = "".join(_ARABIC.get(c, "") for c in s)
        stripped = digits.rstrip("〇")
        zeros = len(digits) - len(stripped)
        if not stripped:
            return "〇"
        return {0: stripped[-1], 1: "十", 2: "百", 3: "千"}.get(zeros, "万")
    return s[-1]


def apply_counter(toks: list[Tok], i: int) -> None:
    """Fix the readings of the numeral ``toks[i - 1]`` and the counter ``toks[i]`` after it."""
    num, ctr = toks[i - 1], toks[i]
    before = toks[i - 2] if i >= 2 else None
    # 二、三日 / 四、五人: an approximate range is read in Sino-Japanese numerals (にさんにち).
    approx = (
        before is not None
        and before.surface in ("、", "・", "，")
        and i >= 3
        and is_numeral(toks[i - 3])
    )
    final = _final(num)
    word = _DIGIT_WORD.get(final)
    if word is None:
        return
    digits_only = num.reading is None
    c = ctr.surface
    if c == "日":
        _apply_day(num, ctr, before, final, approx)
        return
    native = NATIVE_COUNT.get(c)
    if native is not None:
        before_is_numeral = before is not None and is_numeral(before)
        if num.surface in native and num.reading is not None and not before_is_numeral:
            num.reading = native[num.surface]
        return
    special = NUMERAL_BEFORE.get(c)
    if special and final in special and not digits_only and num.reading:
        if num.reading.endswith(word):
            num.reading = num.reading[: -len(word)] + special[final]
        if c == "月":
            ctr.reading = "がつ"
        return
    entry = COUNTERS.get(c)
    if entry is None:
        return
    base, gem, after_n, after_yon = entry
    if word in gem:
        if not digits_only and num.reading and num.reading.endswith(word):
            num.reading = num.reading[: -len(word)] + _GEMINATE[word]
        ctr.reading = semi_voiced(base)
    elif word in ("さん", "なん", "せん", "まん") and after_n is not None:
        ctr.reading = after_n if word in ("さん", "なん") or c in ("分", "泊") else base
    elif word == "よん" and after_yon is not None:
        ctr.reading = after_yon
    else:
        ctr.reading = base


def _apply_day(num: Tok, ctr: Tok, before: Tok | None, final: str, approx: bool) -> None:
    """日 after a numeral: native forms for 2-10 and 20 (みっか), 一日 ついたち only as a date."""
    s = num.surface
    if approx:
        if num.reading is not None and s in _DIGIT_WORD:
            num.reading = _DIGIT_WORD[s]
        ctr.reading = "にち"
    elif num.reading is not None and s in _NATIVE_DAY:
        num.reading = _NATIVE_DAY[s]
        ctr.reading = "か"
    elif final == "四" and num.reading and num.reading.endswith("よん"):  # 十四日 じゅうよっか
        num.reading = num.reading[:-2] + "よっ"
        ctr.reading = "か"
    elif s == "一" and before is not None and before.surface == "月":
        # ついたち cannot be divided between 一 and 日: one ruby over both tokens.
        num.parts = [("一日", "ついたち")]
        ctr.parts = []
    elif num.reading is not None and s not in _NATIVE_DAY:
        ctr.reading = "にち"


def numeral_counter_parts(t: Tok) -> list[tuple[str, str | None]] | None:
    """Parts for a two-kanji token that is a numeral + counter the analyser took for a name
    (三本 alone is tagged as the surname みもと; counting is far more likely in lesson text)."""
    s = t.surface
    if len(s) != 2 or s[0] not in _DIGIT_WORD or s[0] == "何" or s[1] not in COUNTERS:
        return None
    num = Tok(s[0], t.start, _DIGIT_WORD[s[0]], pos2="数詞")
    ctr = Tok(s[1], t.start + 1, COUNTERS[s[1]][0], pos3="助数詞")
    apply_counter([num, ctr], 1)
    return [(num.surface, num.reading), (ctr.surface, ctr.reading)]
