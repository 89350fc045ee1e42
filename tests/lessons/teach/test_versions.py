"""Lost updates: every write of a course or lesson is made on the version the tutor read.

A stale course form, a course PATCH on an old version, a lesson DELETE or a CSV import without
the version the tutor saw: each is refused (409 in the API, a message on the form) and the other
tutor's work stays. The race of two PATCHes at once runs in real transactions on PostgreSQL.
"""

import threading

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.urls import reverse

from learning.roles import Role
from lessons.models import Course, Lesson, VocabularyItem
from lessons.services import authoring
from tests.factories import UserFactory
from tests.lessons.teach.world import make_world


def _api(name, **kwargs):
    return reverse(f"api:teach:{name}", kwargs=kwargs)


def _patch(client, url, data):
    return client.patch(url, data, content_type="application/json")


def _course_form(course, **changes):
    return {
        "title": course.title,
        "slug": course.slug,
        "level": course.level,
        "topic": course.topic,
        "readings": "",
        "shared_with": "",
        "version": course.version,
    } | changes


@pytest.mark.django_db
def test_a_stale_course_form_does_not_revert_another_tutors_title(client, world):
    url = reverse("teach:course-update", kwargs={"course": world.course.pk})
    stale = _course_form(world.course, description="my note")  # opened at version 1
    authoring.course_update(
        user=world.tutor, course=world.course, version=world.course.version, title="New title"
    )
    client.force_login(world.tutor)
    response = client.post(url, stale)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this course since you opened it" in html
    assert "my note" in html  # what the tutor typed is kept
    course = Course.objects.get(pk=world.course.pk)
    assert (course.title, course.description) == ("New title", world.course.description)


@pytest.mark.django_db
def test_a_course_form_without_a_version_is_not_saved(client, world):
    client.force_login(world.tutor)
    data = _course_form(world.course, title="Without version")
    del data["version"]
    client.post(reverse("teach:course-update", kwargs={"course": world.course.pk}), data)
    assert Course.objects.get(pk=world.course.pk).title != "Without version"


@pytest.mark.django_db
def test_a_course_form_on_the_current_version_saves_and_counts_the_change(client, world):
    client.force_login(world.tutor)
    url = reverse("teach:course-update", kwargs={"course": world.course.pk})
    response = client.post(url, _course_form(world.course, title="Renamed"))
    assert response.status_code == 302
    course = Course.objects.get(pk=world.course.pk)
    assert (course.title, course.version) == ("Renamed", 2)


@pytest.mark.django_db
def test_a_reading_correction_makes_an_open_course_form_stale(world):
    version = world.course.version
    authoring.course_reading_set(
        user=world.tutor, course=world.course, word="今日", reading="きょう"
    )
    with pytest.raises(authoring.CourseVersionConflict):
        authoring.course_update(user=world.tutor, course=world.course, version=version, readings={})
    assert Course.objects.get(pk=world.course.pk).readings == {"今日": "きょう"}


@pytest.mark.django_db
def test_a_course_patch_needs_the_version_and_a_stale_one_is_409(client, world):
    client.force_login(world.tutor)
    url = _api("course-detail", course=world.course.pk)
    read = client.get(url).json()
    assert read["version"] == 1
    missing = _patch(client, url, {"title": "No version"})
    assert missing.status_code == 400
    assert "version" in missing.json()
    first = _patch(client, url, {"title": "First", "version": read["version"]})
    assert (first.status_code, first.json()["version"]) == (200, 2)
    second = _patch(client, url, {"description": "Second", "version": read["version"]})
    assert second.status_code == 409
    course = Course.objects.get(pk=world.course.pk)
    assert (course.title, course.description) == ("First", world.course.description)


@pytest.mark.django_db
def test_a_lesson_delete_without_a_version_deletes_nothing(client, world):
    client.force_login(world.tutor)
    url = _api("lesson-detail", lesson=world.lesson.pk)
    assert client.delete(url).status_code == 400
    assert client.delete(f"{url}?version=x").status_code == 400
    stale = client.delete(f"{url}?version={world.lesson.version - 1 or 99}")
    assert stale.status_code == 409
    assert Lesson.objects.filter(pk=world.lesson.pk).exists()
    assert client.delete(f"{url}?version={world.lesson.version}").status_code == 204
    assert not Lesson.objects.filter(pk=world.lesson.pk).exists()


@pytest.mark.django_db
def test_the_delete_page_without_a_version_deletes_nothing(client, world):
    client.force_login(world.tutor)
    response = client.post(reverse("teach:lesson-delete", kwargs={"lesson": world.lesson.pk}))
    assert response.status_code == 200
    assert "out of date" in response.content.decode()
    assert Lesson.objects.filter(pk=world.lesson.pk).exists()


@pytest.mark.django_db
def test_a_csv_import_through_the_api_needs_the_version(client, world):
    client.force_login(world.tutor)
    url = _api("vocabulary-import", lesson=world.lesson.pk)
    body = {"csv": "expression,meaning_en\n病院,hospital\n"}
    assert client.post(url, body, content_type="application/json").status_code == 400
    stale = client.post(
        url, body | {"version": world.lesson.version + 5}, content_type="application/json"
    )
    assert stale.status_code == 409
    assert not VocabularyItem.objects.filter(expression="病院").exists()


@pytest.mark.django_db
def test_a_csv_preview_through_the_api_saves_nothing(client, world):
    client.force_login(world.tutor)
    url = _api("vocabulary-import", lesson=world.lesson.pk)
    body = {
        "csv": f"expression,meaning_en\n{world.item.expression},new meaning\n病院,hospital\n",
        "version": world.lesson.version,
        "preview": True,
    }
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 200
    plan = response.json()
    assert [w["expression"] for w in plan["added"]] == ["病院"]
    assert plan["changed"][0]["changes"] == [
        {"field": "meaning_en", "old": world.item.meanings["en"], "new": "new meaning"}
    ]
    assert not VocabularyItem.objects.filter(expression="病院").exists()


@pytest.mark.skipif(connection.vendor == "sqlite", reason="needs a database with row locks")
@pytest.mark.django_db(transaction=True)
def test_of_two_simultaneous_patches_on_one_version_exactly_one_is_saved(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    Group.objects.get_or_create(name=Role.TUTOR.value)
    world = make_world(UserFactory(roles=[Role.TUTOR]))
    rounds, outcomes = 5, []
    for n in range(rounds):
        version = Course.objects.get(pk=world.course.pk).version
        barrier = threading.Barrier(2)
        results = []

        def edit(field, value, version=version, barrier=barrier, results=results):
            try:
                course = Course.objects.get(pk=world.course.pk)
                barrier.wait(timeout=10)
                authoring.course_update(
                    user=world.tutor, course=course, version=version, **{field: value}
                )
                results.append(field)
            except authoring.CourseVersionConflict:
                results.append("conflict")
            finally:
                connection.close()

        threads = [
            threading.Thread(target=edit, args=("title", f"Title {n}")),
            threading.Thread(target=edit, args=("description", f"Description {n}")),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert sorted(results).count("conflict") == 1, results
        outcomes.append(next(r for r in results if r != "conflict"))
    course = Course.objects.get(pk=world.course.pk)
    assert course.version == 1 + rounds  # one counted change per round, none lost unseen
