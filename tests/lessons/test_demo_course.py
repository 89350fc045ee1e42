"""The demo course `survival-japanese` (fixtures/) keeps its promises."""

from pathlib import Path

import pytest
from django.core.management import call_command

from lessons import exercises as engine
from lessons.models import Course
from lessons.services import furigana_version_for

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    call_command("loaddata", str(ROOT / "fixtures" / "survival_japanese.json"), verbosity=0)
    call_command("refresh_furigana", verbosity=0)
    return Course.objects.get(slug="survival-japanese")


def test_demo_course_has_six_lessons_of_life_in_japan(course):
    lessons = list(course.lessons.filter(published=True))
    assert len(lessons) >= 6
    for lesson in lessons:
        assert lesson.passages.count() >= 1
        assert lesson.vocabulary.count() >= 8
        exercises = list(lesson.exercises.filter(status="ready"))
        assert len(exercises) >= 6
        assert len({e.kind for e in exercises}) >= 4
        for exercise in exercises:
            engine.validate_data(exercise.kind, exercise.data)
        for item in lesson.vocabulary.all():
            assert item.meanings.get("en")


def test_first_two_lessons_speak_burmese_and_arabic(course):
    for lesson in course.lessons.order_by("order")[:2]:
        for passage in lesson.passages.all():
            assert {"en", "my", "ar"} <= set(passage.translations)
        for item in lesson.vocabulary.all():
            assert {"en", "my", "ar"} <= set(item.meanings)


def test_demo_lessons_are_rendered_and_served(client, course):
    version = furigana_version_for(course)
    for lesson in course.lessons.all():
        assert lesson.furigana_version == version
        assert all(p.ruby for p in lesson.passages.all())
        assert client.get(lesson.get_absolute_url()).status_code == 200


def test_course_reading_list_fixes_the_shelter_words(client, course):
    lesson = course.lessons.get(slug="earthquake")
    html = client.get(lesson.get_absolute_url()).content.decode()
    assert "<rt>ひなんじょ</rt>" in html or "<rt>じょ</rt>" in html
    assert "{避難所" not in html


@pytest.mark.parametrize(
    ("topic", "slug"), [("work", "work"), ("immigration", "immigration-bureau")]
)
def test_the_home_pages_promise_of_work_and_the_immigration_bureau_is_kept(
    client, course, topic, slug
):
    lesson = course.lessons.get(slug=slug, published=True)
    assert lesson.topic == topic
    listing = client.get("/courses/", {"topic": topic}).content.decode()
    assert course.get_absolute_url() in listing
    assert "No course matches" not in listing
    for passage in lesson.passages.all():
        assert {"en", "my", "ar"} <= set(passage.translations)
        lines = len(passage.text.splitlines())
        for code in ("en", "my", "ar"):
            assert len(passage.translations[code].splitlines()) == lines  # line by line
    for item in lesson.vocabulary.all():
        assert {"en", "my", "ar"} <= set(item.meanings)
    assert client.get(lesson.get_absolute_url()).status_code == 200
