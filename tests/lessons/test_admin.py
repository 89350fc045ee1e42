"""The lessons admin is read-only for content: every write goes through the authoring services."""

import pytest
from django.urls import reverse

from lessons.models import Course
from tests.factories import CourseFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_staff_can_read_a_course_in_the_admin(staff_client):
    course = CourseFactory(title="Admin course")
    response = staff_client.get(reverse("admin:lessons_course_change", args=[course.pk]))
    assert response.status_code == 200
    assert b"Admin course" in response.content


def test_a_course_change_posted_to_the_admin_is_refused_and_changes_nothing(staff_client):
    course = CourseFactory(title="Before")
    response = staff_client.post(
        reverse("admin:lessons_course_change", args=[course.pk]),
        {"title": "After", "slug": course.slug, "level": course.level, "topic": course.topic},
    )
    assert response.status_code == 403
    course.refresh_from_db()
    assert course.title == "Before"


def test_the_admin_offers_no_way_to_add_or_delete_lessons(staff_client):
    assert staff_client.get(reverse("admin:lessons_lesson_add")).status_code == 403
    course = CourseFactory()
    response = staff_client.post(
        reverse("admin:lessons_course_delete", args=[course.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Course.objects.filter(pk=course.pk).exists()
