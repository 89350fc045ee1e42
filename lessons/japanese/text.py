"""What counts as Japanese text, and which characters no text we store may hold. Pure: callers
turn a `TextProblem` into their own error (a form error, a 400, an engine exception)."""

import re
import unicodedata
from dataclasses import dataclass

# Hiragana, katakana (also half-width), the iteration mark 々 and CJK ideographs.
JAPANESE_RE = re.compile(
    "[\u3041-\u3096\u30a1-\u30fa\u3005\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9d]"
)
# Tab, line feed and carriage return are ordinary in texts; other control characters are not.
FORBIDDEN_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def is_japanese(text: str) -> bool:
    """True when *text* holds at least one kana or kanji."""
    return JAPANESE_RE.search(text) is not None


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
