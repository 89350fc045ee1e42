"""API shapes of `lessons`."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from learning.drf import StrictCharField
from lessons.textcheck import MAX_FURIGANA_TEXT, validate_japanese_text

MAX_OVERRIDES = 2_000
MAX_OVERRIDE_WORD = 50
MAX_OVERRIDE_READING = 100


def _as_drf_error(exc: DjangoValidationError) -> serializers.ValidationError:
    return serializers.ValidationError(exc.messages)


class FuriganaRequestSerializer(serializers.Serializer):
    text = StrictCharField(
        max_length=MAX_FURIGANA_TEXT, allow_blank=True, trim_whitespace=False,
        help_text="Japanese text; inline {漢字|かんじ} markup forces a reading.",
    )
    overrides = serializers.DictField(
        child=StrictCharField(max_length=MAX_OVERRIDE_READING, trim_whitespace=False),
        required=False, allow_empty=True,
        help_text="Word -> reading (kana); the longest match wins.",
    )

    def validate_text(self, value: str) -> str:
        try:
            validate_japanese_text(value)
        except DjangoValidationError as exc:
            raise _as_drf_error(exc) from exc
        return value

    def validate_overrides(self, value: dict[str, str]) -> dict[str, str]:
        if len(value) > MAX_OVERRIDES:
            raise serializers.ValidationError(f"At most {MAX_OVERRIDES} overrides.")
        for word, reading in value.items():
            if len(word) > MAX_OVERRIDE_WORD:
                raise serializers.ValidationError(
                    f"The word {word[:20]!r}... is longer than {MAX_OVERRIDE_WORD} characters."
                )
            try:
                validate_japanese_text(word)
                validate_japanese_text(reading)
            except DjangoValidationError as exc:
                raise _as_drf_error(exc) from exc
        return value


class SegmentSerializer(serializers.Serializer):
    text = serializers.CharField()
    reading = serializers.CharField(allow_null=True, help_text="Hiragana; null without kanji.")


class FuriganaResponseSerializer(serializers.Serializer):
    segments = SegmentSerializer(many=True)
    html = serializers.CharField(help_text="Escaped <ruby> HTML wrapped in <span lang=\"ja\">.")
