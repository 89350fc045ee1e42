"""API shapes of `lessons`."""

from dataclasses import asdict
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.html import escape, format_html
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from learning.drf import ContentSerializer, StrictCharField
from lessons.exercises import display as exercise_display
from lessons.feedback import near_miss_message
from lessons.japanese.ruby import entry_html
from lessons.models import Course, Exercise, Lesson, Passage, VocabularyItem
from lessons.textcheck import MAX_FURIGANA_TEXT, validate_japanese_text

MAX_OVERRIDES = 2_000
MAX_OVERRIDE_WORD = 50
MAX_OVERRIDE_READING = 100


def _as_drf_error(exc: DjangoValidationError) -> serializers.ValidationError:
    return serializers.ValidationError(exc.messages)


class FuriganaRequestSerializer(serializers.Serializer):
    text = StrictCharField(
        max_length=MAX_FURIGANA_TEXT,
        allow_blank=True,
        trim_whitespace=False,
        help_text="Japanese text; inline {漢字|かんじ} markup forces a reading.",
    )
    overrides = serializers.DictField(
        child=StrictCharField(max_length=MAX_OVERRIDE_READING, trim_whitespace=False),
        required=False,
        allow_empty=True,
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
    html = serializers.CharField(help_text='Escaped <ruby> HTML wrapped in <span lang="ja">.')


# --- Courses and lessons (read) ---------------------------------------------------------------


def _segments(ruby: object, text: str) -> list[dict[str, str | None]]:
    entry = ruby.get(text) if isinstance(ruby, dict) else None
    if isinstance(entry, dict) and isinstance(entry.get("segments"), list):
        return [{"text": t, "reading": r} for t, r in entry["segments"]]
    return [{"text": text, "reading": None}] if text else []


class CourseSerializer(ContentSerializer):
    lesson_count = serializers.IntegerField()

    class Meta:
        model = Course
        fields: tuple[str, ...] = (
            *("slug", "title", "title_ja", "title_translations", "description"),
            *("description_translations", "level", "topic", "lesson_count"),
        )


class LessonSummarySerializer(ContentSerializer):
    class Meta:
        model = Lesson
        fields: tuple[str, ...] = (
            *("slug", "order", "title", "title_ja", "title_translations", "can_do"),
            "can_do_translations",
        )


class CourseDetailSerializer(CourseSerializer):
    lessons = LessonSummarySerializer(many=True)

    class Meta(CourseSerializer.Meta):
        fields: tuple[str, ...] = (*CourseSerializer.Meta.fields, "lessons")


class LineSerializer(serializers.Serializer):
    speaker = serializers.CharField()
    text = serializers.CharField()
    segments = SegmentSerializer(many=True)
    romaji = serializers.CharField()


class PassageSerializer(ContentSerializer):
    lines = serializers.SerializerMethodField()

    class Meta:
        model = Passage
        fields: tuple[str, ...] = ("kind", "title", "lines", "translations")

    def get_lines(self, passage: Any) -> list[dict[str, Any]]:
        return LineSerializer(
            [
                {
                    "speaker": line.get("speaker", ""),
                    "text": line.get("text", ""),
                    "segments": _segments(passage.ruby, line.get("text", "")),
                    "romaji": (passage.ruby.get(line.get("text", "")) or {}).get("romaji", ""),
                }
                for line in passage.lines
            ],
            many=True,
        ).data


class VocabularySerializer(ContentSerializer):
    segments = serializers.SerializerMethodField()
    example_segments = serializers.SerializerMethodField()

    class Meta:
        model = VocabularyItem
        fields: tuple[str, ...] = (
            *("key", "expression", "segments", "reading", "part_of_speech", "meanings"),
            *("example", "example_segments", "example_translations"),
        )

    @extend_schema_field(SegmentSerializer(many=True))
    def get_segments(self, item: Any) -> list[dict[str, str | None]]:
        return _segments(item.ruby, item.expression)

    @extend_schema_field(SegmentSerializer(many=True))
    def get_example_segments(self, item: Any) -> list[dict[str, str | None]]:
        return _segments(item.ruby, item.example)


class ExerciseSerializer(ContentSerializer):
    display = serializers.SerializerMethodField(
        help_text="What the learner is shown; it never holds the answer."
    )

    class Meta:
        model = Exercise
        fields: tuple[str, ...] = ("id", "kind", "prompt", "prompt_translations", "display")

    def get_display(self, exercise: Any) -> dict[str, Any]:
        return exercise_display(exercise.kind, exercise.data, seed=exercise.pk)


class LessonDetailSerializer(LessonSummarySerializer):
    course = serializers.SlugField(source="course.slug")
    passages = PassageSerializer(many=True, source="passages.all")
    vocabulary = VocabularySerializer(many=True, source="vocabulary.all")
    exercises = ExerciseSerializer(many=True, source="ready_exercises")

    class Meta(LessonSummarySerializer.Meta):
        fields: tuple[str, ...] = (
            *LessonSummarySerializer.Meta.fields,
            *("course", "passages", "vocabulary", "exercises"),
        )


# --- Attempts and progress --------------------------------------------------------------------


class AttemptCreateSerializer(serializers.Serializer):
    exercise = serializers.IntegerField(min_value=1)
    answer = serializers.DictField(
        help_text='choice/listening {"choice": 0}; reading/cloze {"text": "..."}; ordering '
        '{"order": [2, 0, 1]}; matching {"matches": {"0": 1, "1": 0}}'
    )


class ProgressSerializer(serializers.Serializer):
    started = serializers.BooleanField()
    completed = serializers.BooleanField()
    answered = serializers.IntegerField()
    correct = serializers.IntegerField()
    total = serializers.IntegerField()
    score = serializers.IntegerField(help_text="Per cent of the exercises answered correctly.")


class VerdictSerializer(serializers.Serializer):
    exercise = serializers.IntegerField()
    correct = serializers.BooleanField()
    score = serializers.FloatField()
    expected = serializers.CharField()
    explanation = serializers.CharField()
    progress = ProgressSerializer()


class LessonProgressSerializer(ProgressSerializer):
    course = serializers.SlugField()
    lesson = serializers.SlugField()


def _stored_html(rendered: object, text: str, fallback: str) -> str:
    entry = rendered.get(text) if isinstance(rendered, dict) else None
    shown = entry_html(entry) if isinstance(entry, dict) else None
    return shown if shown is not None else fallback


def verdict_payload(exercise: Any, result: Any) -> dict[str, Any]:
    """The verdict of an answer as the page script and the API send it; the *_html keys are
    the stored ruby rendering (escaped HTML), so the page shows furigana as without script."""
    expected = result.verdict.expected
    return {
        "exercise": exercise.pk,
        "correct": result.verdict.correct,
        "score": result.verdict.score,
        "expected": expected,
        "expected_html": _stored_html(
            exercise.ruby, expected, format_html('<span lang="ja">{}</span>', expected)
        ),
        "hint": near_miss_message(result.verdict.hint, expected),
        "explanation": exercise.explanation,
        "explanation_html": _stored_html(
            exercise.ruby, exercise.explanation, escape(exercise.explanation)
        ),
        "progress": {**asdict(result.progress), "score": result.progress.score},
    }
