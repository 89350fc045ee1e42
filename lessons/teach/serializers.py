"""API shapes of the tutor workspace (/api/v1/teach/): input shapes for the authoring services
and output shapes of what a tutor edits. Each lists its fields."""

from typing import Any

from rest_framework import serializers

from learning.drf import StrictCharField
from lessons.models import Course, Exercise, Level, Passage, Topic, VocabularyItem

MAX_IMPORT_CSV = 250_000


def _texts(**kwargs: Any) -> serializers.DictField:
    return serializers.DictField(
        child=StrictCharField(max_length=4000, allow_blank=True, trim_whitespace=False),
        required=False,
        **kwargs,
    )


class VersionSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=0,
        required=False,
        allow_null=True,
        help_text="The lesson's version when you read it; a stale one is a 409.",
    )


# --- Courses --------------------------------------------------------------------------------


class CourseWriteSerializer(serializers.Serializer):
    slug = serializers.SlugField(max_length=80)
    title = StrictCharField(max_length=200)
    title_ja = StrictCharField(max_length=200, required=False, allow_blank=True)
    description = StrictCharField(max_length=4000, required=False, allow_blank=True)
    title_translations = _texts()
    description_translations = _texts()
    level = serializers.ChoiceField(choices=Level.choices, required=False)
    topic = serializers.ChoiceField(choices=Topic.choices, required=False)
    published = serializers.BooleanField(required=False)
    reading_nihon = serializers.ChoiceField(choices=Course.Nihon.choices, required=False)
    reading_ashita = serializers.ChoiceField(choices=Course.Ashita.choices, required=False)
    romaji_style = serializers.ChoiceField(choices=Course.RomajiStyle.choices, required=False)
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


class TeachCourseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    title = serializers.CharField()
    title_ja = serializers.CharField()
    description = serializers.CharField()
    title_translations = serializers.DictField(child=serializers.CharField())
    description_translations = serializers.DictField(child=serializers.CharField())
    level = serializers.CharField()
    topic = serializers.CharField()
    published = serializers.BooleanField()
    reading_nihon = serializers.CharField()
    reading_ashita = serializers.CharField()
    romaji_style = serializers.CharField()
    readings = serializers.DictField(child=serializers.CharField())
    owner = serializers.SerializerMethodField()
    shared_with = serializers.SerializerMethodField()
    version = serializers.IntegerField()

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
    readings = serializers.DictField(child=serializers.CharField())


# --- Lessons and parts --------------------------------------------------------------------


class LessonWriteSerializer(VersionSerializer):
    slug = serializers.SlugField(max_length=80)
    title = StrictCharField(max_length=200)
    title_ja = StrictCharField(max_length=200, required=False, allow_blank=True)
    can_do = StrictCharField(max_length=300, required=False, allow_blank=True)
    title_translations = _texts()
    can_do_translations = _texts()


class PassageWriteSerializer(VersionSerializer):
    kind = serializers.ChoiceField(choices=Passage.Kind.choices, required=False)
    title = StrictCharField(max_length=200, required=False, allow_blank=True)
    text = StrictCharField(max_length=20_000, trim_whitespace=False)
    translations = _texts()


class VocabularyWriteSerializer(VersionSerializer):
    expression = StrictCharField(max_length=100)
    reading = StrictCharField(
        max_length=200,
        required=False,
        allow_blank=True,
        help_text="Empty: the engine's reading. Another reading is a tutor override.",
    )
    part_of_speech = serializers.ChoiceField(
        choices=VocabularyItem.PartOfSpeech.choices, required=False
    )
    meanings = _texts()
    example = StrictCharField(max_length=500, required=False, allow_blank=True)
    example_translations = _texts()


class ExerciseWriteSerializer(VersionSerializer):
    kind = serializers.ChoiceField(choices=Exercise.Kind.choices)
    prompt = StrictCharField(max_length=500, required=False, allow_blank=True)
    prompt_translations = _texts()
    data = serializers.DictField(help_text="The kind's data (see exercises.validate_data).")
    explanation = StrictCharField(max_length=2000, required=False, allow_blank=True)
    explanation_translations = _texts()
    status = serializers.ChoiceField(choices=Exercise.Status.choices, required=False)


class TeachPassageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    order = serializers.IntegerField()
    kind = serializers.CharField()
    title = serializers.CharField()
    text = serializers.CharField()
    translations = serializers.DictField(child=serializers.CharField())
    lines = serializers.ListField(child=serializers.DictField())


class TeachVocabularySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    key = serializers.UUIDField()
    order = serializers.IntegerField()
    expression = serializers.CharField()
    reading = serializers.CharField()
    reading_is_override = serializers.BooleanField()
    part_of_speech = serializers.CharField()
    meanings = serializers.DictField(child=serializers.CharField())
    example = serializers.CharField()
    example_translations = serializers.DictField(child=serializers.CharField())


class TeachExerciseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    order = serializers.IntegerField()
    kind = serializers.CharField()
    status = serializers.CharField()
    generated = serializers.BooleanField()
    prompt = serializers.CharField()
    prompt_translations = serializers.DictField(child=serializers.CharField())
    data = serializers.DictField()
    explanation = serializers.CharField()
    explanation_translations = serializers.DictField(child=serializers.CharField())


class TeachLessonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    course = serializers.IntegerField(source="course_id")
    order = serializers.IntegerField()
    slug = serializers.SlugField()
    title = serializers.CharField()
    title_ja = serializers.CharField()
    can_do = serializers.CharField()
    title_translations = serializers.DictField(child=serializers.CharField())
    can_do_translations = serializers.DictField(child=serializers.CharField())
    published = serializers.BooleanField()
    version = serializers.IntegerField()


class TeachLessonDetailSerializer(TeachLessonSerializer):
    passages = TeachPassageSerializer(many=True, source="passages.all")
    vocabulary = TeachVocabularySerializer(many=True, source="vocabulary.all")
    exercises = TeachExerciseSerializer(many=True, source="exercises.all")


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


class TeachClassroomSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    course = serializers.IntegerField(source="course_id")
    name = serializers.CharField()
    join_code = serializers.CharField()


class JoinSerializer(serializers.Serializer):
    code = StrictCharField(max_length=12)


class ProgressCellSerializer(serializers.Serializer):
    lesson = serializers.IntegerField()
    started = serializers.BooleanField()
    completed = serializers.BooleanField()
    answered = serializers.IntegerField()
    correct = serializers.IntegerField()
    total = serializers.IntegerField()
    score = serializers.IntegerField()


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
