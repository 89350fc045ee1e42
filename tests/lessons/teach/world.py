"""Test data of the tutor workspace tests: a published course with one lesson of every part."""

from types import SimpleNamespace

from django.contrib.auth.models import Group

from learning.roles import Role
from lessons.models import Classroom
from lessons.services import lesson_render
from tests.factories import (
    CourseFactory,
    ExerciseFactory,
    LessonFactory,
    PassageFactory,
    VocabularyItemFactory,
)

CHOICE = {"choices": ["passport", "resident record"], "answer": 1}
ORDERING = {"tiles": ["住民票", "を", "ください"]}


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def workspace_setup(settings):
    """Users are made in every test: a fast hasher keeps the matrix quick. The role groups
    come from a migration, which a transactional test's flush may have emptied."""
    settings.PASSWORD_HASHERS = FAST_HASHERS
    for role in Role:
        Group.objects.get_or_create(name=role.value)


def make_world(tutor):
    """A published course owned by *tutor*: one lesson with a passage, a word, a ready
    exercise and a draft, rendered; and a class with a known join code."""
    course = CourseFactory(owner=tutor, published=True)
    lesson = LessonFactory(course=course, order=1)
    passage = PassageFactory(lesson=lesson)
    item = VocabularyItemFactory(lesson=lesson)
    exercise = ExerciseFactory(lesson=lesson, data=CHOICE)
    draft = ExerciseFactory(lesson=lesson, kind="ordering", data=ORDERING, status="draft")
    lesson_render(lesson)
    classroom = Classroom.objects.create(
        course=course, name="Tuesday class", created_by=tutor, join_code="ABCD2345"
    )
    lesson.refresh_from_db()
    return SimpleNamespace(
        tutor=tutor,
        course=course,
        lesson=lesson,
        passage=passage,
        item=item,
        exercise=exercise,
        draft=draft,
        classroom=classroom,
    )
