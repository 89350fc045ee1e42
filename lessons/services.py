"""Use cases of `lessons`."""

from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from lessons.japanese.furigana import (
    FuriganaError,
    OverrideError,
    Segment,
    annotate,
    to_html,
)
from lessons.textcheck import validate_japanese_text


@dataclass(frozen=True)
class FuriganaResult:
    segments: list[Segment]
    html: str


def furigana_render(*, text: str, overrides: Mapping[str, str] | None = None) -> FuriganaResult:
    """Annotate *text* (limits checked) and render it; a bad override or markup is a
    ValidationError naming the problem."""
    validate_japanese_text(text)
    try:
        segments = annotate(text, overrides=overrides or None)
    except FuriganaError as exc:
        field = "overrides" if isinstance(exc, OverrideError) else "text"
        raise ValidationError({field: [str(exc)]}) from exc
    return FuriganaResult(segments=segments, html=to_html(segments))
