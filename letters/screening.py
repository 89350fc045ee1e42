"""Screening of letter bodies: flags personal contact details, requests for money and legal
advice, in Japanese and English, with the span and text of each match.

Pure: no Django. Flags are hints shown to a moderator; they never approve or reject a letter.
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

_KANJI_DIGITS = "0-9一二三四五六七八九十百"
_I = re.IGNORECASE

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
)


def fold(text: str) -> str:
    """*text* with full-width ASCII and dash variants as plain ASCII; same length."""
    return text.translate(_FOLD)


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
