"""Lesson API: courses, lessons with segments, attempts through the same service, progress."""

import pytest
from django.test import Client

from lessons.models import Attempt, LessonProgress
from lessons.services import lesson_render
from tests.factories import (
    CourseFactory,
    ExerciseFactory,
    LessonFactory,
    PassageFactory,
    UserFactory,
    VocabularyItemFactory,
)

pytestmark = pytest.mark.django_db
CHOICE = {"choices": ["passport", "resident record"], "answer": 1}


@pytest.fixture
def lesson():
    lesson = LessonFactory(
        course=CourseFactory(slug="survival", level="A1", topic="city-hall"), slug="city-hall"
    )
    PassageFactory(lesson=lesson)
    VocabularyItemFactory(lesson=lesson)
    ExerciseFactory(lesson=lesson, data=CHOICE)
    ExerciseFactory(lesson=lesson, status="draft", data=CHOICE)
    lesson_render(lesson)
    return lesson


def test_course_list_is_paginated_and_filtered(client, lesson):
    CourseFactory(published=False)
    data = client.get("/api/v1/courses/").json()
    assert data["count"] == 1
    assert data["results"][0]["slug"] == "survival"
    assert data["results"][0]["lesson_count"] == 1
    assert client.get("/api/v1/courses/?level=B1").json()["count"] == 0
    bad = client.get("/api/v1/courses/?topic=nope")
    assert bad.status_code == 400
    assert "topic" in bad.json()


def test_course_detail_lists_published_lessons(client, lesson):
    LessonFactory(course=lesson.course, published=False, slug="draft-lesson")
    data = client.get("/api/v1/courses/survival/").json()
    assert [item["slug"] for item in data["lessons"]] == ["city-hall"]


def test_lesson_detail_has_segments_and_hides_drafts_and_answers(client, lesson):
    data = client.get("/api/v1/courses/survival/lessons/city-hall/").json()
    line = data["passages"][0]["lines"][1]
    assert line["speaker"] == "アリ"
    assert {"text": "住民", "reading": "じゅうみん"} in line["segments"]
    assert data["vocabulary"][0]["reading"] == "じゅうみんひょう"
    assert len(data["exercises"]) == 1
    assert "answer" not in data["exercises"][0]["display"]


@pytest.mark.parametrize("hidden", ["lesson", "course"])
def test_unpublished_lessons_are_404(client, lesson, hidden):
    target = lesson if hidden == "lesson" else lesson.course
    target.published = False
    target.save()
    assert client.get("/api/v1/courses/survival/lessons/city-hall/").status_code == 404


def test_attempt_returns_the_verdict_and_keeps_progress(client, lesson):
    exercise = lesson.exercises.get(status="ready")
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        "/api/v1/attempts/",
        {"exercise": exercise.pk, "answer": {"choice": 0}},
        content_type="application/json",
    )
    assert response.status_code == 200
    data = response.json()
    assert data["correct"] is False
    assert data["expected"] == "resident record"
    assert data["progress"]["completed"] is True
    assert LessonProgress.objects.get(learner=user).results == {str(exercise.pk): False}
    progress = client.get("/api/v1/progress/").json()
    assert progress == [
        {
            "course": "survival",
            "lesson": "city-hall",
            "started": True,
            "completed": True,
            "answered": 1,
            "correct": 0,
            "total": 1,
            "score": 0,
        }
    ]


def test_anonymous_attempts_keep_progress_in_the_session(client, lesson):
    exercise = lesson.exercises.get(status="ready")
    client.post(
        "/api/v1/attempts/",
        {"exercise": exercise.pk, "answer": {"choice": 1}},
        content_type="application/json",
    )
    assert client.get("/api/v1/progress/").json()[0]["score"] == 100
    assert Client().get("/api/v1/progress/").json() == []


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"exercise": 999999, "answer": {"choice": 1}}, 404),
        ({"exercise": "x", "answer": {"choice": 1}}, 400),
        ({"answer": {"choice": 1}}, 400),
        ({"exercise": "EXERCISE", "answer": {"choice": 9}}, 400),
        ({"exercise": "EXERCISE", "answer": "1"}, 400),
        ({"exercise": "EXERCISE", "answer": {"choice": "1" * 600}}, 400),
        ({"exercise": "DRAFT", "answer": {"choice": 1}}, 404),
    ],
)
def test_bad_attempts_get_a_clear_error_and_record_nothing(client, lesson, body, status):
    ready = lesson.exercises.get(status="ready")
    draft = lesson.exercises.get(status="draft")
    body = {**body}
    if body.get("exercise") == "EXERCISE":
        body["exercise"] = ready.pk
    elif body.get("exercise") == "DRAFT":
        body["exercise"] = draft.pk
    response = client.post("/api/v1/attempts/", body, content_type="application/json")
    assert response.status_code == status
    assert response.json()
    assert not Attempt.objects.exists()
