"""API shapes of `lessons`."""

from dataclasses import asdict
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.html import escape, format_html
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from learning.display import pick_translation
from learning.drf import ContentSerializer, StrictCharField
from lessons.exercises import display as exercise_display
from lessons.feedback import near_miss_message
from lessons.japanese.ruby import entry_html
from lessons.models import Course, Exercise, Lesson, Passage, VocabularyItem
from lessons.selectors.audio import line_voices, speech_for
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


def _audio_url(context: dict[str, Any], rendered: Any, text: str, voice: str = "a") -> str | None:
    """The absolute URL of the ready clip of *text*, from the "clips" map the view put in the
    serializer's context (selectors.audio_urls); None while it is not ready."""
    found = speech_for(rendered, text, voice)
    url = context.get("clips", {}).get(found.key) if found else None
    if not url:
        return None
    request = context.get("request")
    return str(request.build_absolute_uri(url)) if request is not None else str(url)


AUDIO_HELP = "URL of the MP3 clip of this text, or null while it is being made."


class LineSerializer(serializers.Serializer):
    speaker = serializers.CharField()
    text = serializers.CharField()
    segments = SegmentSerializer(many=True)
    romaji = serializers.CharField()
    audio = serializers.URLField(allow_null=True, help_text=AUDIO_HELP)


class PassageSerializer(ContentSerializer):
    lines = serializers.SerializerMethodField()

    class Meta:
        model = Passage
        fields: tuple[str, ...] = ("kind", "title", "title_translations", "lines", "translations")

    @extend_schema_field(LineSerializer(many=True))
    def get_lines(self, passage: Any) -> list[dict[str, Any]]:
        return LineSerializer(
            [
                {
                    "speaker": line.get("speaker", ""),
                    "text": line.get("text", ""),
                    "segments": _segments(passage.ruby, line.get("text", "")),
                    "romaji": (passage.ruby.get(line.get("text", "")) or {}).get("romaji", ""),
                    "audio": _audio_url(self.context, passage.ruby, line.get("text", ""), voice),
                }
                for line, voice in zip(passage.lines, line_voices(passage.lines), strict=True)
            ],
            many=True,
        ).data


class VocabularySerializer(ContentSerializer):
    segments = serializers.SerializerMethodField()
    example_segments = serializers.SerializerMethodField()
    audio = serializers.SerializerMethodField(help_text=AUDIO_HELP)
    example_audio = serializers.SerializerMethodField(help_text=AUDIO_HELP)

    class Meta:
        model = VocabularyItem
        fields: tuple[str, ...] = (
            *("key", "expression", "segments", "reading", "part_of_speech", "meanings"),
            *("example", "example_segments", "example_translations", "audio", "example_audio"),
        )

    @extend_schema_field(SegmentSerializer(many=True))
    def get_segments(self, item: Any) -> list[dict[str, str | None]]:
        return _segments(item.ruby, item.expression)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_audio(self, item: Any) -> str | None:
        return _audio_url(self.context, item.ruby, item.expression)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_example_audio(self, item: Any) -> str | None:
        return _audio_url(self.context, item.ruby, item.example)

    @extend_schema_field(SegmentSerializer(many=True))
    def get_example_segments(self, item: Any) -> list[dict[str, str | None]]:
        return _segments(item.ruby, item.example)


class ExerciseSerializer(ContentSerializer):
    display = serializers.SerializerMethodField(
        help_text="What the learner is shown; it never holds the answer."
    )
    audio = serializers.SerializerMethodField(
        help_text="Listening exercises: URL of the sentence's clip; null while it is being "
        "made (the exercise cannot be answered until then)."
    )

    class Meta:
        model = Exercise
        fields: tuple[str, ...] = (
            "id",
            "kind",
            "prompt",
            "prompt_translations",
            "display",
            "data_translations",
            "audio",
        )

    def get_display(self, exercise: Any) -> dict[str, Any]:
        return exercise_display(exercise.kind, exercise.data, seed=exercise.pk)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_audio(self, exercise: Any) -> str | None:
        if exercise.kind != "listening" or not isinstance(exercise.data, dict):
            return None
        return _audio_url(self.context, exercise.ruby, str(exercise.data.get("sentence", "")))


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
    explanation_lang = serializers.CharField(
        help_text="The language of the explanation: the learner's first that has one."
    )
    progress = ProgressSerializer()


class LessonProgressSerializer(ProgressSerializer):
    course = serializers.SlugField()
    lesson = serializers.SlugField()


def _stored_html(rendered: object, text: str, fallback: str) -> str:
    entry = rendered.get(text) if isinstance(rendered, dict) else None
    shown = entry_html(entry) if isinstance(entry, dict) else None
    return shown if shown is not None else fallback


def verdict_payload(
    exercise: Any, result: Any, languages: tuple[str, ...] | list[str] = ()
) -> dict[str, Any]:
    """The verdict of an answer as the page script and the API send it; the *_html keys are
    the stored ruby rendering (escaped HTML), so the page shows furigana as without script.
    The explanation is in the first of the learner's *languages* that has one (English, the
    stored text, otherwise), and `explanation_lang` says which."""
    expected = result.verdict.expected
    lang, explanation = pick_translation(exercise.explanation_translations, languages)
    if not explanation:
        lang, explanation = "en", exercise.explanation
    return {
        "exercise": exercise.pk,
        "correct": result.verdict.correct,
        "score": result.verdict.score,
        "expected": expected,
        "expected_html": _stored_html(
            exercise.ruby, expected, format_html('<span lang="ja">{}</span>', expected)
        ),
        "hint": near_miss_message(result.verdict.hint, expected),
        "explanation": explanation,
        "explanation_lang": lang if explanation else "",
        "explanation_html": _stored_html(exercise.ruby, explanation, escape(explanation)),
        "progress": {**asdict(result.progress), "score": result.progress.score},
    }
