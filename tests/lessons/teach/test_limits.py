"""Each limit of stored content is written once, on the model: the tutor's forms and the tutor
API's input shapes refuse the same lengths, and offer the same choices."""

import pytest

from lessons.models import Course, Exercise, Lesson, Passage, VocabularyItem
from lessons.teach import serializers
from lessons.teach.forms import CourseForm, ExerciseForm, LessonForm, PassageForm, VocabularyForm

CASES = [
    (CourseForm, serializers.CourseWriteSerializer, Course, ["title", "title_ja", "slug"]),
    (LessonForm, serializers.LessonWriteSerializer, Lesson, ["title", "title_ja", "can_do"]),
    (PassageForm, serializers.PassageWriteSerializer, Passage, ["title", "text"]),
    (VocabularyForm, serializers.VocabularyWriteSerializer, VocabularyItem, ["expression"]),
    (ExerciseForm, serializers.ExerciseWriteSerializer, Exercise, ["prompt", "explanation"]),
]


@pytest.mark.parametrize(("form_class", "serializer_class", "model", "names"), CASES)
def test_form_and_api_take_the_model_limits(form_class, serializer_class, model, names):
    form_fields = (form_class(kind="choice") if form_class is ExerciseForm else form_class()).fields
    api_fields = serializer_class().fields
    for name in names:
        limit = model._meta.get_field(name).max_length
        assert limit
        assert form_fields[name].max_length == limit, name
        assert api_fields[name].max_length == limit, name
        assert form_fields[name].widget.attrs.get("maxlength") == str(limit), name


def test_a_title_one_character_too_long_is_refused_by_form_and_api():
    limit = Lesson._meta.get_field("title").max_length
    form = LessonForm(data={"title": "あ" * (limit + 1)})
    assert not form.is_valid()
    assert "title" in form.errors
    api = serializers.LessonWriteSerializer(data={"slug": "s", "title": "あ" * (limit + 1)})
    assert not api.is_valid()
    assert "title" in api.errors
    assert serializers.LessonWriteSerializer(data={"slug": "s", "title": "あ" * limit}).is_valid()


def test_api_choices_are_the_model_choices():
    fields = serializers.CourseWriteSerializer().fields
    assert dict(fields["level"].choices) == dict(Course._meta.get_field("level").choices)
    assert dict(fields["reading_nihon"].choices) == dict(Course.Nihon.choices)


def test_the_api_refuses_a_number_where_text_is_expected():
    api = serializers.LessonWriteSerializer(data={"slug": "s", "title": 12})
    assert not api.is_valid()
    assert "title" in api.errors
