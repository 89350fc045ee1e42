"""API shapes of the tutor workspace (/api/v1/teach/): input shapes for the authoring services
(each field with its limit) and output shapes of what a tutor edits (model serializers: the model
says each field's type)."""

from typing import Any

from rest_framework import serializers

from learning.drf import ContentSerializer, ContentWriteSerializer, StrictCharField, TextsField
from lessons.models import (
    Classroom,
    Course,
    Exercise,
    Lesson,
    Passage,
    VocabularyItem,
)
from lessons.serializers import ProgressSerializer

MAX_IMPORT_CSV = 250_000


class VersionSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=0,
        required=False,
        allow_null=True,
        help_text="The lesson's version when you read it; a stale one is a 409.",
    )


# --- Courses --------------------------------------------------------------------------------


class CourseWriteSerializer(ContentWriteSerializer):
    readings = serializers.DictField(
        child=StrictCharField(max_length=100), required=False, help_text="Word -> reading (kana)."
    )
    shared_with = serializers.ListField(
        child=StrictCharField(max_length=150), required=False, help_text="Usernames of tutors."
    )
    version = serializers.IntegerField(
        min_value=0,
        required=False,
        allow_null=True,
        help_text="PATCH: the course's version when you read it (required); a stale one is a 409.",
    )

    class Meta:
        model = Course
        fields = (
            *("slug", "title", "title_ja", "description", "title_translations"),
            *("description_translations", "level", "topic", "published", "reading_nihon"),
            *("reading_ashita", "romaji_style", "readings", "shared_with", "version"),
        )


class TeachCourseSerializer(ContentSerializer):
    owner = serializers.SerializerMethodField()
    shared_with = serializers.SerializerMethodField()

    class Meta:
        model = Course
        fields: tuple[str, ...] = (
            *("id", "slug", "title", "title_ja", "description"),
            *("title_translations", "description_translations", "level", "topic", "published"),
            *("reading_nihon", "reading_ashita", "romaji_style", "readings"),
            *("owner", "shared_with", "version"),
        )

    def get_owner(self, course: Any) -> str | None:
        return course.owner.get_username() if course.owner_id else None

    def get_shared_with(self, course: Any) -> list[str]:
        return sorted(u.get_username() for u in course.shared_with.all())


class ReadingSerializer(serializers.Serializer):
    word = StrictCharField(max_length=50)
    reading = StrictCharField(
        max_length=100, allow_blank=True, help_text="Kana; empty removes the word from the list."
    )


class ReadingsSerializer(serializers.Serializer):
    readings = TextsField()


# --- Lessons and parts --------------------------------------------------------------------


class LessonWriteSerializer(VersionSerializer, ContentWriteSerializer):
    class Meta:
        model = Lesson
        fields = (
            *("version", "slug", "title", "title_ja", "can_do", "title_translations"),
            "can_do_translations",
        )


class PassageWriteSerializer(VersionSerializer, ContentWriteSerializer):
    text = StrictCharField(max_length=Passage.MAX_TEXT, trim_whitespace=False)

    class Meta:
        model = Passage
        fields = ("version", "kind", "title", "text", "translations")


class VocabularyWriteSerializer(VersionSerializer, ContentWriteSerializer):
    class Meta:
        model = VocabularyItem
        fields = (
            *("version", "expression", "reading", "part_of_speech", "meanings", "example"),
            "example_translations",
        )


class ExerciseWriteSerializer(VersionSerializer, ContentWriteSerializer):
    data = serializers.DictField(help_text="The kind's data (see exercises.validate_data).")

    class Meta:
        model = Exercise
        fields = (
            *("version", "kind", "prompt", "prompt_translations", "data", "explanation"),
            *("explanation_translations", "status"),
        )


class TeachPassageSerializer(ContentSerializer):
    lines = serializers.ListField(child=serializers.DictField())

    class Meta:
        model = Passage
        fields: tuple[str, ...] = ("id", "order", "kind", "title", "text", "translations", "lines")


class TeachVocabularySerializer(ContentSerializer):
    class Meta:
        model = VocabularyItem
        fields: tuple[str, ...] = (
            *("id", "key", "order", "expression", "reading", "reading_is_override"),
            *("part_of_speech", "meanings", "example", "example_translations"),
        )


class TeachExerciseSerializer(ContentSerializer):
    data = serializers.DictField()

    class Meta:
        model = Exercise
        fields: tuple[str, ...] = (
            *("id", "order", "kind", "status", "generated", "prompt", "prompt_translations"),
            *("data", "explanation", "explanation_translations"),
        )


class TeachLessonSerializer(ContentSerializer):
    class Meta:
        model = Lesson
        fields: tuple[str, ...] = (
            *("id", "course", "order", "slug", "title", "title_ja", "can_do"),
            *("title_translations", "can_do_translations", "published", "version"),
        )


class TeachLessonDetailSerializer(TeachLessonSerializer):
    passages = TeachPassageSerializer(many=True, source="passages.all")
    vocabulary = TeachVocabularySerializer(many=True, source="vocabulary.all")
    exercises = TeachExerciseSerializer(many=True, source="exercises.all")

    class Meta(TeachLessonSerializer.Meta):
        fields: tuple[str, ...] = (
            *TeachLessonSerializer.Meta.fields,
            *("passages", "vocabulary", "exercises"),
        )


class PublishSerializer(VersionSerializer):
    published = serializers.BooleanField()


class MoveSerializer(VersionSerializer):
    direction = serializers.ChoiceField(choices=["up", "down"])


class PartMoveSerializer(MoveSerializer):
    part = serializers.ChoiceField(choices=["passage", "vocabulary", "exercise"])
    pk = serializers.IntegerField(min_value=1)


class VocabularyImportSerializer(VersionSerializer):
    csv = StrictCharField(
        max_length=MAX_IMPORT_CSV,
        trim_whitespace=False,
        help_text="The CSV file's text: expression, reading, part_of_speech, meaning_<lang>...",
    )
    preview = serializers.BooleanField(
        required=False, default=False, help_text="Answer what would change; save nothing."
    )


class LessonImportSerializer(serializers.Serializer):
    document = serializers.DictField(help_text="A lesson document from the export endpoint.")
    replace_version = serializers.IntegerField(
        min_value=0,
        required=False,
        allow_null=True,
        help_text="Replace the course's lesson with the document's slug, made on this version "
        "of it (a stale one is a 409); without it a taken slug gets a number.",
    )


# --- Classes --------------------------------------------------------------------------------


class ClassroomWriteSerializer(serializers.Serializer):
    name = StrictCharField(max_length=120)


class TeachClassroomSerializer(ContentSerializer):
    class Meta:
        model = Classroom
        fields: tuple[str, ...] = ("id", "course", "name", "join_code")


class JoinSerializer(serializers.Serializer):
    code = StrictCharField(max_length=12)


class ProgressCellSerializer(ProgressSerializer):
    lesson = serializers.IntegerField()


class LearnerProgressSerializer(serializers.Serializer):
    learner = serializers.CharField()
    lessons = ProgressCellSerializer(many=True)


class MissedSerializer(serializers.Serializer):
    exercise = serializers.IntegerField()
    lesson = serializers.IntegerField()
    kind = serializers.CharField()
    prompt = serializers.CharField()
    wrong = serializers.IntegerField()
    learners = serializers.IntegerField()


class ClassReportSerializer(serializers.Serializer):
    classroom = TeachClassroomSerializer()
    learners = LearnerProgressSerializer(many=True)
    not_started = serializers.ListField(child=serializers.CharField())
    missed = MissedSerializer(many=True)
