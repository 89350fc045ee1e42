"""Checks on Japanese text that people send us, shared by forms, serializers and services."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_FURIGANA_TEXT = 20_000
# Tab, line feed and carriage return are ordinary in texts; other control characters are not.
ALLOWED_CONTROLS = frozenset("\t\n\r")


def validate_japanese_text(text: str, *, max_length: int = MAX_FURIGANA_TEXT) -> None:
    """Raise ValidationError saying what is wrong with *text*, or return None when it is fine."""
    if len(text) > max_length:
        raise ValidationError(
            _("The text has %(length)d characters; the limit is %(limit)d."),
            params={"length": len(text), "limit": max_length},
            code="too_long",
        )
    for index, char in enumerate(text):
        if char == "\x00":
            raise ValidationError(
                _("The text contains a NUL character at position %(index)d."),
                params={"index": index},
                code="nul",
            )
        category = unicodedata.category(char)
        if category == "Cs":
            raise ValidationError(
                _("The text contains a lone surrogate (U+%(code)04X) at position %(index)d."),
                params={"code": ord(char), "index": index},
                code="surrogate",
            )
        if category == "Cc" and char not in ALLOWED_CONTROLS:
            raise ValidationError(
                _("The text contains a control character (U+%(code)04X) at position %(index)d."),
                params={"code": ord(char), "index": index},
                code="control",
            )
