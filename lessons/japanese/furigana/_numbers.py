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

# Arabic digits, half- and full-width, and the separators written inside a number (2,000).
DIGITS = frozenset("0123456789０１２３４５６７８９")
_GROUP_SEPARATORS = frozenset(",，")
_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10**4, "億": 10**8, "兆": 10**12}
_KANJI_DIGIT = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7}
_KANJI_DIGIT.update({"八": 8, "九": 9})

# Fused day readings: digits/numeral and 日 are one word (NHK's ruby covers both).
FUSED_DAYS = {
    1: "ついたち",
    2: "ふつか",
    3: "みっか",
    4: "よっか",
    5: "いつか",
    6: "むいか",
    7: "なのか",
    8: "ようか",
    9: "ここのか",
    10: "とおか",
    14: "じゅうよっか",
    20: "はつか",
    24: "にじゅうよっか",
}
# Fused counts of people and the age twenty.
FUSED_PEOPLE = {1: "ひとり", 2: "ふたり"}
FUSED_AGE = {20: "はたち"}


def is_digits(s: str) -> bool:
    return bool(s) and all(c in DIGITS for c in s)


def is_counter_like(surface: str) -> bool:
    """True for a counter this module knows (in either table, or 日)."""
    return (
        surface in COUNTERS
        or surface in NUMERAL_BEFORE
        or surface in NATIVE_COUNT
        or surface in ("日", "日間")
    )


def is_numeral(t: Tok) -> bool:
    s = t.surface
    if is_digits(s):
        return True
    return t.pos2 == "数詞" and s != "幾" and (s[-1] in _DIGIT_WORD or s[-1] in _ARABIC)


def kanji_value(s: str) -> int | None:
    """The value of a kanji numeral (十五 15, 二千二十 2020, 三万 30000); None if not one."""
    total = 0
    group = 0
    digit: int | None = None
    for c in s:
        if c in _KANJI_DIGIT:
            if digit is not None:  # positional writing: 二〇二六
                digit = digit * 10 + _KANJI_DIGIT[c]
            else:
                digit = _KANJI_DIGIT[c]
        elif c in _UNITS:
            group += (1 if digit is None else digit) * _UNITS[c]
            digit = None
        elif c in _BIG_UNITS:
            group += digit or 0
            total += (group or 1) * _BIG_UNITS[c]
            group = 0
            digit = None
        else:
            return None
    return total + group + (digit or 0)


def number_value(text: str) -> int | None:
    """Value of a number written in digits (separators allowed) or kanji, else None."""
    digits = "".join(c for c in text if c not in _GROUP_SEPARATORS)
    if is_digits(digits):
        return int("".join(str(int(c)) if c in DIGITS else c for c in digits))
    if digits and all(
        c in DIGITS or c in _KANJI_DIGIT or c in _UNITS or c in _BIG_UNITS for c in digits
    ):
        head = "".join(c for c in digits if c in DIGITS)
        if head and digits.startswith(head):  # １万, ３億: digits then a unit
            rest = kanji_value(digits[len(head) :])
            return None if rest is None else int(head) * max(rest, 1)
        return kanji_value(digits)
    return None


_ONES = ("", "いち", "に", "さん", "よん", "ご", "ろく", "なな", "はち", "きゅう")
_HUNDREDS = {1: "ひゃく", 3: "さんびゃく", 6: "ろっぴゃく", 8: "はっぴゃく"}
_THOUSANDS = {1: "せん", 3: "さんぜん", 8: "はっせん"}


def _below_10000(n: int) -> str:
    th, rest = divmod(n, 1000)
    hu, rest = divmod(rest, 100)
    te, on = divmod(rest, 10)
    out = []
    if th:
        out.append(_THOUSANDS.get(th, _ONES[th] + "せん"))
    if hu:
        out.append(_HUNDREDS.get(hu, _ONES[hu] + "ひゃく"))
    if te:
        out.append(("" if te == 1 else _ONES[te]) + "じゅう")
    if on:
        out.append(_ONES[on])
    return "".join(out)


def say_number(n: int) -> str:
    """Sino-Japanese reading of a whole number: 2026 にせんにじゅうろく, 10000 いちまん."""
    if n == 0:
        return "ぜろ"
    if n >= 10**16:
        return "".join(_ONES[int(c)] if c != "0" else "ぜろ" for c in str(n))
    out = []
    for unit, name in ((10**12, "ちょう"), (10**8, "おく"), (10**4, "まん")):
        q, n = divmod(n, unit)
        if q:
            head = _below_10000(q)
            if name == "ちょう" and head.endswith(("いち", "はち", "じゅう")):
                head = head[:-2] + "っ" if not head.endswith("じゅう") else head[:-1] + "っ"
            out.append(head + name)
    if n:
        out.append(_below_10000(n))
    return "".join(out)


def _final_word(value: int) -> str:
    """The numeral word that ends the reading of *value* (いち, じゅう, ひゃく, まん ...)."""
    if value == 0:
        return "ぜろ"
    for unit, word in ((10**12, "ちょう"), (10**8, "おく"), (10**4, "まん")):
        if value % unit == 0:
            return word
    r = value % 10000
    for unit, word in ((1000, "せん"), (100, "ひゃく"), (10, "じゅう")):
        if r % unit == 0:
            return word
    return _ONES[r % 10]


def _run_start(toks: list[Tok], i: int) -> int:
    """Index of the first token of the number that ends at ``toks[i]`` (digit groups joined by
    a separator, or consecutive numeral tokens written next to each other)."""
    j = i
    while j > 0:
        p = toks[j - 1]
        if p.start + len(p.surface) != toks[j].start:
            break
        if is_numeral(p) and p.surface != "何":
            j -= 1
        elif p.surface in _GROUP_SEPARATORS and j >= 2 and is_digits(toks[j - 2].surface):
            j -= 2
        else:
            break
    return j


def _fuse(toks: list[Tok], j: int, i: int, reading: str) -> None:
    """One ruby over the number ``toks[j:i]`` and the counter ``toks[i]``."""
    text = "".join(t.surface for t in toks[j : i + 1])
    toks[j].parts = [(text, reading)]
    for t in toks[j + 1 : i + 1]:
        t.parts = []


def apply_counter(toks: list[Tok], i: int) -> None:
    """Fix the readings of the number before ``toks[i]`` and of the counter ``toks[i]``.

    Digits carry no ruby but get a spoken reading (``Tok.spoken``) for kana and romaji; a fused
    reading (１４日 じゅうよっか, ２人 ふたり, ２０歳 はたち) covers number and counter together.
    """
    ctr = toks[i]
    j = _run_start(toks, i - 1)
    run = toks[j:i]
    num = run[-1]
    text = "".join(t.surface for t in run)
    value = number_value(text)
    digits_only = all(t.reading is None for t in run)
    before = toks[j - 1] if j >= 1 else None
    # 二、三日 / 四、五人: an approximate range is read in Sino-Japanese numerals (にさんにち).
    approx = (
        before is not None
        and before.surface in ("、", "・", "，")
        and j >= 2
        and is_numeral(toks[j - 2])
    )
    c = ctr.surface
    if value is None:
        if num.surface.endswith("何"):
            value = -1  # 何: なん, no fused form
        else:
            return
    word = "なん" if value < 0 else _final_word(value)
    spoken = "なん" if value < 0 else say_number(value)
    if digits_only:
        run[0].spoken = spoken
        for t in run[1:]:
            t.spoken = ""
    if c in ("日", "日間") and approx:
        ctr.reading = "にち" if c == "日" else "にちかん"
        if num.reading is not None and num.surface in _DIGIT_WORD:
            num.reading = _DIGIT_WORD[num.surface]
        return
    if c in ("日", "日間"):
        fused = FUSED_DAYS.get(value)
        if (value == 1 and not (before is not None and before.surface == "月")) or c == "日間":
            fused = None if value == 1 else fused
        if fused is not None:
            if c == "日間":
                if digits_only or len(run) > 1:
                    text = "".join(t.surface for t in run) + "日"
                    run[0].parts = [(text, fused), ("間", "かん")]
                    for t in [*run[1:], ctr]:
                        t.parts = []
                else:
                    num.reading = fused[:-1]
                    ctr.reading = "かかん"
            elif digits_only or value in (1, 20) or (len(run) > 1 and value < 11):
                _fuse(toks, j, i, fused)
            else:  # 四日 よっ+か, 十四日 じゅうよっ+か: the ruby still splits number and 日
                tail = FUSED_DAYS[value % 10 if value > 10 else value]
                r = num.reading or ""
                if value > 10 and r.endswith("よん"):
                    num.reading = r[:-2] + "よっ"
                else:
                    num.reading = tail[:-1]
                ctr.reading = "か"
            if digits_only:
                run[0].spoken = fused
            return
        ctr.reading = "にち" if c == "日" else "にちかん"
        return
    if c == "人" and value in FUSED_PEOPLE and len(run) == 1 and not approx:
        _fuse(toks, j, i, FUSED_PEOPLE[value])
        return
    if c in ("歳", "才") and value in FUSED_AGE:
        _fuse(toks, j, i, FUSED_AGE[value])
        return
    if digits_only:
        _apply_sound_change(run[0], ctr, word, value, spoken=True)
    else:
        _apply_sound_change(num, ctr, word, value, spoken=False)


def _apply_sound_change(num: Tok, ctr: Tok, word: str, value: int, *, spoken: bool) -> None:
    """The sound changes at the boundary; on the numeral's ruby, or on its spoken reading when
    it is written in digits (the counter's ruby changes in both cases)."""
    c = ctr.surface
    r = (num.spoken if spoken else num.reading) or ""

    def set_num(new: str) -> None:
        if spoken:
            num.spoken = new
        else:
            num.reading = new

    native = NATIVE_COUNT.get(c)
    if native is not None:
        if not spoken and num.surface in native and value in (1, 2):
            num.reading = native[num.surface]
        elif spoken and value in (1, 2):
            num.spoken = ("ひと", "ふた")[value - 1]
        return
    special = NUMERAL_BEFORE.get(c)
    final = {4: "四", 7: "七", 9: "九"}.get(value % 10 if value % 10 else -1)
    if c == "月":
        ctr.reading = "がつ"
    elif c == "人":
        ctr.reading = "にん"
    if special is not None:
        if (
            final
            and final in special
            and r.endswith(_DIGIT_WORD[final])
            and word == _DIGIT_WORD[final]
        ):
            set_num(r[: -len(_DIGIT_WORD[final])] + special[final])
        return
    entry = COUNTERS.get(c)
    if entry is None:
        return
    base, gem, after_n, after_yon = entry
    if word in gem:
        if r.endswith(word):
            set_num(r[: -len(word)] + _GEMINATE[word])
        ctr.reading = semi_voiced(base)
    elif word in ("さん", "なん", "せん", "まん") and after_n is not None:
        ctr.reading = after_n if word in ("さん", "なん") or c != "百" else base
    elif word == "よん" and after_yon is not None:
        ctr.reading = after_yon
    else:
        ctr.reading = base


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
