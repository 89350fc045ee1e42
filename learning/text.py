"""The input policy for every text the site accepts: which characters no stored text may hold,
which are dropped on the way in, and how stored text is made safe for strict outputs (XML feeds).

Plain Python, no Django: forms, serializers, the JSON parser, the middleware and the engines
(`lessons.japanese.text` re-exports `text_problem`) all apply this one rule.
"""

import re
import unicodedata
from dataclasses import dataclass

# Tab, line feed and carriage return are ordinary in texts; other C0 and C1 control characters,
# DEL and lone surrogates are not (PostgreSQL refuses NUL, UTF-8 cannot encode a surrogate).
FORBIDDEN_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# Bidirectional embeddings, overrides and isolates: they reorder what a reader sees
# ("invoice\u202egnp.exe" shows as "invoiceexe.png"). The marks LRM, RLM and ALM stay: mixed
# Arabic, Farsi and Latin text needs them.
BIDI_CONTROLS_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class TextProblem:
    code: str  # "nul", "surrogate" or "control"
    index: int
    char: str


def text_problem(text: str) -> TextProblem | None:
    """The first character *text* must not hold (NUL, a lone surrogate, a control character
    other than tab and line breaks), or None."""
    found = FORBIDDEN_RE.search(text)
    if found is None:
        return None
    char = found.group()
    if char == "\x00":
        return TextProblem("nul", found.start(), char)
    if unicodedata.category(char) == "Cs":
        return TextProblem("surrogate", found.start(), char)
    return TextProblem("control", found.start(), char)


def strip_bidi_controls(text: str) -> str:
    """*text* without bidirectional embeddings, overrides and isolates."""
    return BIDI_CONTROLS_RE.sub("", text)


def text_for_output(text: str) -> str:
    """*text* with every forbidden character removed: for outputs that must never fail on what
    was stored before the policy held (XML 1.0 refuses control characters outright)."""
    return FORBIDDEN_RE.sub("", text)
