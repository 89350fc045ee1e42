"""Screening of letter bodies: flags personal contact details, requests for money, legal
advice and promises (visits, jobs, release), in Japanese and English, with the digits and money
words of Farsi, Dari and Arabic, and the span and text of each match.

Pure: no Django. Flags are hints shown to a moderator; they never approve or reject a letter on
their own, but every flag must be resolved before a letter is approved or printed
(`flag_key` names a flag for that).

Linear time: every repetition is bounded or delimited so that no pattern rescans the rest of the
body from each position; `tests/letters/test_screening.py` feeds hostile bodies of the maximum
length.
"""

import re
from dataclasses import dataclass
from enum import StrEnum


class FlagKind(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    URL = "url"
    POSTAL_CODE = "postal_code"
    ADDRESS = "address"
    SOCIAL = "social"
    MONEY = "money"
    LEGAL = "legal"
    PROMISE = "promise"
    # Never found in a text by `screen`: the letter form sets it when its hidden anti-spam
    # field comes back filled (a bot, or a browser's autofill), so a moderator looks first.
    HIDDEN_FIELD = "hidden_field"


@dataclass(frozen=True)
class Flag:
    kind: FlagKind
    start: int
    end: int
    text: str


# Full-width ASCII (０９０, ＠, ｗｗｗ) and the dashes people type in numbers, mapped one
# character to one character so spans found in the folded text hold in the original.
_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
# The katakana long-vowel mark ー stays: it is part of words (ツイッター); the phone pattern
# accepts it as a separator itself.
_FOLD |= {ord(c): ord("-") for c in "‐‑‒–—―−－﹣"}
_FOLD |= {0x3000: 0x20}
# Persian (۰-۹) and Arabic-Indic (٠-٩) digits are the digits 0-9.
_FOLD |= {0x06F0 + n: ord("0") + n for n in range(10)}
_FOLD |= {0x0660 + n: ord("0") + n for n in range(10)}

_KANJI_DIGITS = "0-9一二三四五六七八九十百"
_I = re.IGNORECASE
# Spelled-out "@" and "." of e-mail addresses: hana at gmail dot com, hana(at)gmail(dot)com,
# hana [at] gmail.com, hana アットマーク gmail ドット com.
_AT = (
    r"(?:\s{0,3}@\s{0,3}|\s{0,3}[\[(<{（]\s{0,3}at\s{0,3}[\])>}）]\s{0,3}"
    r"|\s{0,3}(?:アットマーク|あっと|アット)\s{0,3})"
)
_DOT = (
    r"(?:\s{0,3}\.\s{0,3}|\s{0,3}[\[(<{（]\s{0,3}dot\s{0,3}[\])>}）]\s{0,3}|\s{1,3}dot\s{1,3}"
    r"|\s{0,3}(?:ドット|どっと)\s{0,3})"
)
# A bare " at " is an ordinary word ("look at www.example.jp"): it counts only before a mail
# provider or with the dot spelled out too.
_SPELLED_DOT = (
    r"(?:\s{0,3}[\[(<{（]\s{0,3}dot\s{0,3}[\])>}）]\s{0,3}|\s{1,3}dot\s{1,3}"
    r"|\s{0,3}(?:ドット|どっと)\s{0,3})"
)
_PROVIDERS = r"(?:gmail|yahoo|hotmail|outlook|icloud|proton(?:mail)?|docomo|ezweb|softbank|mail)"
_TLD = (
    r"(?:com|net|org|edu|gov|info|io|me|jp|co|ne|ac|or|ir|af|iq|sy|tr|pk|mm|np|lk|bd|uk|de"
    r"|fr|ru|cn|kr)"
)
# An amount of money: ¥5000, $50, 10,000 yen, 3万円, 100 tomans.
_CURRENCY_WORDS = (
    r"(?:yen|dollars?|euros?|pounds?|usd|jpy|eur|rials?|tomans?|afghanis?|lira|liras"
    r"|円|万円|ドル|ユーロ)"
)
_AMOUNT = rf"(?:[¥$€£]\s?\d[\d,.]{{0,12}}|\d[\d,.]{{0,12}}\s?{_CURRENCY_WORDS})"

PATTERNS: tuple[tuple[FlagKind, re.Pattern[str]], ...] = (
    (
        FlagKind.EMAIL,
        re.compile(
            r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
        ),
    ),
    (
        FlagKind.EMAIL,
        re.compile(
            r"(?<![\w.+-])[\w.+-]+\s*[\[(]\s*at\s*[\])]\s*[\w-]+"
            r"\s*(?:[\[(]\s*dot\s*[\])]\s*\w+)+",
            _I,
        ),
    ),
    (FlagKind.URL, re.compile(r"(?:https?://|www\.)[^\s<>\"'、。）)]+", _I)),
    (
        FlagKind.URL,
        re.compile(
            r"(?<![a-z0-9.-])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|org|net|info|io|me|jp|co\.jp|ly|gl)"
            r"\b(?:/[^\s<>\"']*)?",
            _I,
        ),
    ),
    # Japanese numbers: 090-1234-5678, 03 1234 5678, 09012345678, (03)1234-5678.
    (
        FlagKind.PHONE,
        re.compile(r"(?<!\d)\(?0\d{1,4}\)?[-\sー.]?\d{1,4}[-\sー.]?\d{3,4}(?!\d)"),
    ),
    (FlagKind.PHONE, re.compile(r"(?<![\w+])\+\d{1,3}[-\s.]?(?:\(?\d{1,4}\)?[-\s.]?){2,4}\d{2,4}")),
    (FlagKind.POSTAL_CODE, re.compile(r"〒\s*\d{3}-?\d{4}")),
    (FlagKind.POSTAL_CODE, re.compile(r"(?<![\d-])\d{3}-\d{4}(?![\d-])")),
    (
        FlagKind.POSTAL_CODE,
        re.compile(r"\b(?:postal code|post code|postcode|zip code)\s*:?\s*\d[\d-]*", _I),
    ),
    (FlagKind.POSTAL_CODE, re.compile(r"郵便番号")),
    (
        FlagKind.ADDRESS,
        re.compile(
            rf"(?<![{_KANJI_DIGITS}])[{_KANJI_DIGITS}]+\s*丁目(?:\s*[{_KANJI_DIGITS}]+\s*番地?)?(?:\s*[{_KANJI_DIGITS}]+\s*号)?"
        ),
    ),
    (
        FlagKind.ADDRESS,
        re.compile(
            rf"(?<![{_KANJI_DIGITS}])[{_KANJI_DIGITS}]+\s*(?:番地|号室|番\s*[{_KANJI_DIGITS}]+\s*号)"
        ),
    ),
    (
        FlagKind.ADDRESS,
        re.compile(r"(?:東京都|北海道|(?:大阪|京都)府|\w{2,3}県)\w{1,6}?[市区町村郡]"),
    ),
    (FlagKind.ADDRESS, re.compile(r"住所")),
    (
        FlagKind.ADDRESS,
        re.compile(
            r"\b\d{1,5}[A-Za-z]?\s+(?:[A-Z][A-Za-z'-]*\s+){1,3}"
            r"(?:Street|Avenue|Road|Lane|Boulevard|Drive|Court|Place|St|Ave|Rd|Ln|Blvd|Dr)\b\.?"
        ),
    ),
    (
        FlagKind.ADDRESS,
        re.compile(r"\b(?:my|our|home) address\b|\b(?:apartment|apt\.?|room) \d+", _I),
    ),
    (FlagKind.SOCIAL, re.compile(r"(?<![\w.@])@[A-Za-z0-9_.]{2,30}\b")),
    (FlagKind.SOCIAL, re.compile(r"\bLINE\s*(?:ID)?\s*[:：]?\s*[A-Za-z0-9._-]{3,}|\bLINE\b")),
    (FlagKind.SOCIAL, re.compile(r"(?:ライン|LINE)\s*(?:ID|アイディー)|ラインで(?:連絡|友達)")),
    (
        FlagKind.SOCIAL,
        re.compile(
            r"\b(?:instagram|insta|facebook|twitter|telegram|whatsapp|wechat|viber|signal app"
            r"|tiktok|snapchat|discord|skype)\b",
            _I,
        ),
    ),
    (
        FlagKind.SOCIAL,
        re.compile(r"インスタ(?:グラム)?|フェイスブック|ツイッター|テレグラム|ワッツアップ"),
    ),
    (
        FlagKind.MONEY,
        re.compile(
            r"\b(?:send|wire|transfer|give|lend|pay)\s+(?:you\s+|me\s+)?(?:some\s+)?"
            r"(?:money|cash|funds)\b|\bmoney\s+(?:transfer|order)\b|\bpay\s*pal\b|\bvenmo\b"
            r"|\bwestern union\b|\bbank (?:account|transfer|details)\b|\bgift cards?\b"
            r"|\bbitcoin\b|\bcrypto(?:currency)?\b|\bdonat(?:e|ion) to me\b",
            _I,
        ),
    ),
    (
        FlagKind.MONEY,
        re.compile(
            r"送金|お金を(?:送|あげ|貸|振り込|振込|ください|下さい)|振り?込み?|銀行口座|口座番号"
            r"|ペイパル|ビットコイン|仮想通貨|現金を送"
        ),
    ),
    (
        FlagKind.LEGAL,
        re.compile(
            r"\blegal advice\b|\byou should (?:appeal|sue|apply for|claim|file|lie|tell the "
            r"(?:judge|officers?|immigration))\b|\b(?:get|hire|find) (?:a|another) lawyer\b"
            r"|\bappeal (?:the|your) (?:decision|case|rejection)\b"
            r"|\byour (?:asylum|refugee) (?:case|claim|application)\b"
            r"|\byou will (?:win|be released|get (?:refugee )?status)\b",
            _I,
        ),
    ),
    (
        FlagKind.LEGAL,
        re.compile(
            r"弁護士に.{0,20}?(?:すべき|した方が|したほうが|相談して|頼んで|依頼して)|難民申請(?:は|を)"
            r"|不服申(?:し)?立て|審査請求|在留特別許可|仮放免(?:を|は).{0,12}?(?:申請|もらえ|される)"
            r"|裁判を起こ|入管に.{0,10}?(?:言うべき|言わない|嘘)"
        ),
    ),
    # Obfuscated e-mail addresses (the plain form is above).
    (
        FlagKind.EMAIL,
        re.compile(
            rf"(?<![\w.+-])[\w.+-]{{1,64}}{_AT}[\w-]{{1,63}}(?:{_DOT}[\w-]{{1,63}}){{0,3}}"
            rf"{_DOT}{_TLD}\b",
            _I,
        ),
    ),
    (
        FlagKind.EMAIL,
        re.compile(
            rf"(?<![\w.+-])[\w.+-]{{1,64}}\s{{1,3}}at\s{{1,3}}"
            rf"(?:{_PROVIDERS}(?:{_DOT}[\w-]{{1,63}}){{0,2}}{_DOT}{_TLD}"
            rf"|[\w-]{{1,63}}(?:{_DOT}[\w-]{{1,63}}){{0,2}}{_SPELLED_DOT}{_TLD})\b",
            _I,
        ),
    ),
    (
        FlagKind.EMAIL,
        re.compile(
            r"\bmy\s(?:e-?mail|gmail|yahoo|hotmail|outlook|icloud)(?:\saddress)?(?:\sis|:)", _I
        ),
    ),
    (FlagKind.EMAIL, re.compile(r"メールアドレスを教え|メアド")),
    # Digits typed with spaces, dots or dashes between them: 0 9 0 1 2 3 4 5 6 7 8.
    (
        FlagKind.PHONE,
        re.compile(r"(?<![\d+])\d(?:[\s.\-ー()]{0,3}\d){9,13}(?!\d)"),
    ),
    (
        FlagKind.PHONE,
        re.compile(
            r"\bmy\s(?:phone|mobile|cell)(?:\snumber)?\s(?:is|:)"
            r"|شماره\s?(?:تلفن|موبایل|من)|رقم\s?(?:هاتفي|الهاتف|جوالي)",
            _I,
        ),
    ),
    # Japanese addresses in romaji: 3-5-2 Umeda, Kita-ku, Osaka; 2-chome.
    (
        FlagKind.ADDRESS,
        re.compile(r"(?<![\d-])\d{1,2}-\d{1,3}-\d{1,3}(?![\d-]),?\s{1,3}[A-Z][a-z]{2,20}"),
    ),
    (
        FlagKind.ADDRESS,
        re.compile(
            r"\b[A-Z][a-z]{1,20}-(?:ku|shi|cho|machi|mura|gun|ken)\b|\b\d{1,2}[- ]?chome\b", _I
        ),
    ),
    # ... and in kana: 3ちょうめ, 5ばんち, 202ごうしつ, じゅうしょ, とうきょうと.
    (
        FlagKind.ADDRESS,
        re.compile(
            rf"(?<![{_KANJI_DIGITS}])[{_KANJI_DIGITS}]{{1,6}}\s?(?:ちょうめ|チョウメ|ばんち|バンチ"
            r"|ごうしつ|ゴウシツ)|じゅうしょ|ジュウショ|とうきょうと|おおさかふ|きょうとふ|ほっかいどう"
        ),
    ),
    # Money: an amount asked for or offered, cash in an envelope, and money words of Farsi,
    # Dari and Arabic.
    (
        FlagKind.MONEY,
        re.compile(
            r"\b(?:send|lend|give|wire|transfer|pay|borrow|loan|owe|need)\s{1,3}"
            r"(?:(?:me|you|him|her|us|them)\s{1,3})?(?:(?:about|some|around|only)\s{1,3})?"
            rf"{_AMOUNT}",
            _I,
        ),
    ),
    (
        FlagKind.MONEY,
        re.compile(
            r"\bcash\s(?:in|inside)\s(?:an?|the|your|my)\senvelope\b"
            r"|\benvelope\s(?:of|with|full\sof)\s(?:cash|money)\b"
            r"|\b(?:send|put|hide|mail)\s(?:you\s)?(?:some\s)?cash\b",
            _I,
        ),
    ),
    (
        FlagKind.MONEY,
        re.compile(
            rf"[0-9{_KANJI_DIGITS}千万]{{1,12}}\s?(?:円|万円|ドル)(?:を|ほど|くらい|ぐらい)?\s?"
            r"(?:送|貸|あげ|振り?込|渡)|現金|封筒に(?:お金|おかね)|おかねを(?:おく|かし|あげ)"
        ),
    ),
    (
        FlagKind.MONEY,
        re.compile(
            r"(?<!\w)(?:پول|تومان|ریال|دلار|قرض|یورو|افغانی|نقود|فلوس|حواله|حوالة|دولار|دينار"
            r"|قرض|مبلغ)(?:ی|ها|های|ت|م|ك|ي)?(?!\w)"
        ),
    ),
    # Promises the writer cannot keep, or must not make: visits, jobs, release.
    (
        FlagKind.PROMISE,
        re.compile(
            r"\b(?:I|we)(?:'ll|'m\sgoing\sto|\swill|\scan|\scould|\sam\sgoing\sto"
            r"|\sare\sgoing\sto|\spromise\sto|\swant\sto|\swould\slike\sto)\s"
            r"(?:come\s(?:and\s|to\s)?)?(?:visit|meet)\syou\b"
            r"|\bcome\s(?:and|to)\s(?:see|visit)\syou\b"
            r"|\b(?:get|find|give|offer|promise)\syou\s(?:a\s)?(?:job|work|visa|sponsorship)\b"
            r"|\ba\sjob\sfor\syou\b|\bhire\syou\b|\bsponsor\s(?:you|your\svisa)\b"
            r"|\b(?:get|help)\syou\s(?:get\s)?out\b"
            r"|\byou(?:'ll|\swill)\s(?:be\sfree|get\sout|be\sout)\b",
            _I,
        ),
    ),
    (
        FlagKind.PROMISE,
        re.compile(
            r"会いに行(?:く|き|こ)|面会に行|面会し(?:ます|に)|仕事を(?:紹介|見つけ|あげ|用意|探してあげ)"
            r"|雇って?あげ|(?:すぐ|もうすぐ)に?(?:出られ|釈放)|釈放され(?:ます|る)"
            r"|あいにいき|しごとをしょうかい"
            r"|ملاقاتت|به\sدیدنت|سأزورك|سازورك|وظيفة\sلك|عمل\sلك|کار\sبرایت|کار\sبرات"
            r"|آزاد\sمی\u200c?شوی|سيفرج\sعنك|ستخرج\sقريبا"
        ),
    ),
)


def fold(text: str) -> str:
    """*text* with full-width ASCII and dash variants as plain ASCII; same length."""
    return text.translate(_FOLD)


def flag_key(kind: str, text: str) -> str:
    """A name for a flag that survives edits elsewhere in the text: its kind and its folded,
    lower-cased text with runs of spaces as one."""
    return f"{kind}:{' '.join(fold(text).casefold().split())}"


def screen(text: str) -> list[Flag]:
    """Every flag in *text*, ordered by position; a match inside a longer one is dropped."""
    folded = fold(text)
    found = [
        Flag(kind, m.start(), m.end(), text[m.start() : m.end()])
        for kind, pattern in PATTERNS
        for m in pattern.finditer(folded)
        if m.end() > m.start()
    ]
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[Flag] = []
    for flag in found:
        if any(k.start <= flag.start and flag.end <= k.end for k in kept):
            continue
        kept.append(flag)
    return kept


def kinds(flags: list[Flag]) -> list[str]:
    """The distinct kinds among *flags*, sorted."""
    return sorted({f.kind.value for f in flags})


def segments(text: str, flags: list[Flag]) -> list[tuple[str, str]]:
    """*text* cut into (piece, kind) runs for highlighting; kind "" for unflagged text.

    Overlapping flags are merged into one run named by the first of them.
    """
    out: list[tuple[str, str]] = []
    pos = 0
    for flag in sorted(flags, key=lambda f: f.start):
        start = max(flag.start, pos)
        if flag.end <= start:
            continue
        if start > pos:
            out.append((text[pos:start], ""))
        out.append((text[start : flag.end], flag.kind.value))
        pos = flag.end
    if pos < len(text):
        out.append((text[pos:], ""))
    return out
