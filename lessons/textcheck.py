"""Checks on Japanese text that people send us, shared by forms, serializers and services."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from learning.validators import validate_text

MAX_FURIGANA_TEXT = 20_000


def validate_japanese_text(text: str, *, max_length: int = MAX_FURIGANA_TEXT) -> None:
    """Raise ValidationError saying what is wrong with *text*, or return None when it is fine."""
    if len(text) > max_length:
        raise ValidationError(
            _("The text has %(length)d characters; the limit is %(limit)d."),
            params={"length": len(text), "limit": max_length},
            code="too_long",
        )
    validate_text(text)
