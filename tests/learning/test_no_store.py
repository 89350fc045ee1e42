"""Pages and answers that carry personal data or secrets are never kept by a browser or proxy,
and the language cookie is SameSite (issue 19, point 12)."""

import pytest
from django.urls import reverse

from learning.roles import Role
from lessons.services.authoring import classroom_create
from tests.factories import PASSWORD, CourseFactory, LessonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tutor_client(client):
    tutor = UserFactory(roles=[Role.TUTOR])
    course = CourseFactory(owner=tutor)
    lesson = LessonFactory(course=course)
    classroom = classroom_create(user=tutor, course=course, name="Tuesday class")
    client.force_login(tutor)
    return client, course, lesson, classroom


def _no_store(response):
    return "no-store" in response.get("Cache-Control", "")


def test_every_tutor_page_is_no_store(tutor_client):
    client, course, lesson, classroom = tutor_client
    pages = [
        reverse("teach:dashboard"),
        reverse("teach:course-detail", kwargs={"course": course.pk}),
        reverse("teach:course-update", kwargs={"course": course.pk}),
        reverse("teach:lesson-update", kwargs={"lesson": lesson.pk}),
        reverse("teach:lesson-preview", kwargs={"lesson": lesson.pk}),
        reverse("teach:draft-list", kwargs={"lesson": lesson.pk}),
        reverse("teach:classroom-detail", kwargs={"pk": classroom.pk}),
        reverse("teach:classroom-export", kwargs={"pk": classroom.pk}),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert _no_store(response), url


def test_tutor_api_answers_are_no_store(tutor_client):
    client, course, lesson, _classroom = tutor_client
    for url in (
        "/api/v1/teach/courses/",
        f"/api/v1/teach/courses/{course.pk}/classes/",
        f"/api/v1/teach/lessons/{lesson.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert _no_store(response), url


def test_the_api_token_answer_is_no_store(client):
    user = UserFactory()
    response = client.post(
        reverse("api:learning:token-obtain"),
        {"username": user.username, "password": PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert "token" in response.json()
    assert _no_store(response)


def test_the_language_cookie_is_samesite(client):
    response = client.post(reverse("language-set"), {"language": "ja", "next": "/"})
    assert response.cookies["django_language"]["samesite"] == "Lax"
