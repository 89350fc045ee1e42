"""What counts as Japanese text, and which characters no text we store may hold. Pure: callers
turn a `TextProblem` into their own error (a form error, a 400, an engine exception).

The character policy itself lives in `learning.text` (shared by every app); it is re-exported
here for the engines and the lessons code that import it from this module.
"""

import re

from learning.text import FORBIDDEN_RE, TextProblem, text_problem

__all__ = ["FORBIDDEN_RE", "JAPANESE_RE", "TextProblem", "is_japanese", "text_problem"]

# Hiragana, katakana (also half-width), the iteration mark 々 and CJK ideographs.
JAPANESE_RE = re.compile(
    "[\u3041-\u3096\u30a1-\u30fa\u3005\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9d]"
)


def is_japanese(text: str) -> bool:
    """True when *text* holds at least one kana or kanji."""
    return JAPANESE_RE.search(text) is not None
