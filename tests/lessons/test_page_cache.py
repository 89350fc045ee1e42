"""The lesson-page cache (issue 19, points 8 and 9): keyed by what the page depends on (not the
query string), bounded in size and life, and emptied by every change of the course or lesson,
its slug and its publication included."""

import time

import pytest
from django.core.cache import caches
from django.test import Client

from lessons import views
from lessons.selectors.learner import GENERATION_KEY
from lessons.services.authoring import course_update, lesson_publish_set
from tests.factories import UserFactory
from tests.lessons.test_views import _lesson

pytestmark = pytest.mark.django_db


def _page_entries():
    return [key for key in caches["default"]._cache if "lesson-page" in key]  # LocMemCache's


@pytest.fixture
def local_page_cache(settings):
    """An in-process page cache whatever the suite runs on, so its entries can be counted."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "page-cache-test",
        },
    }
    caches["default"].clear()
    assert caches["default"].__class__.__name__ == "LocMemCache"


def test_query_strings_do_not_add_cache_entries(client, local_page_cache):
    lesson = _lesson()
    url = lesson.get_absolute_url()
    for n in range(50):
        assert client.get(url, {"u": n}).status_code == 200
    assert len(_page_entries()) == 1


def test_a_cached_page_carries_no_visitors_query(local_page_cache):
    lesson = _lesson()
    url = lesson.get_absolute_url()
    Client().get(url, {"u": "first-visitor-secret"})
    html = Client().get(url).content.decode()
    assert "first-visitor-secret" not in html


def test_a_page_over_the_size_bound_is_served_but_not_kept(client, local_page_cache, monkeypatch):
    monkeypatch.setattr(views, "PAGE_CACHE_MAX_CHARS", 100)
    lesson = _lesson()
    assert client.get(lesson.get_absolute_url()).status_code == 200
    assert _page_entries() == []


def test_cached_pages_expire_within_the_hour(client, local_page_cache):
    lesson = _lesson()
    client.get(lesson.get_absolute_url())
    (key,) = _page_entries()
    assert 0 < caches["default"]._expire_info[key] - time.time() <= views.PAGE_CACHE_SECONDS


@pytest.fixture
def owner_lesson():
    lesson = _lesson()
    owner = UserFactory(roles=["Tutor"])
    lesson.course.owner = owner
    lesson.course.save()
    return owner, lesson


def test_a_course_given_a_new_slug_no_longer_serves_the_old_address(
    client, owner_lesson, django_capture_on_commit_callbacks
):
    owner, lesson = owner_lesson
    old_url = lesson.get_absolute_url()
    assert client.get(old_url).status_code == 200  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        course_update(
            user=owner, course=lesson.course, version=lesson.course.version, slug="renamed-course"
        )
    assert client.get(old_url).status_code == 404
    lesson.refresh_from_db()
    assert client.get(lesson.get_absolute_url()).status_code == 200


def test_an_unpublished_course_stops_serving_cached_pages(
    client, owner_lesson, django_capture_on_commit_callbacks
):
    owner, lesson = owner_lesson
    url = lesson.get_absolute_url()
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        course_update(
            user=owner, course=lesson.course, version=lesson.course.version, published=False
        )
    assert client.get(url).status_code == 404


def test_a_renamed_course_shows_its_new_title_on_cached_pages(
    client, owner_lesson, django_capture_on_commit_callbacks
):
    owner, lesson = owner_lesson
    url = lesson.get_absolute_url()
    client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        course_update(
            user=owner,
            course=lesson.course,
            version=lesson.course.version,
            title="Everyday Japanese, renamed",
        )
    assert "Everyday Japanese, renamed" in client.get(url).content.decode()


def test_an_unpublished_lesson_stops_serving_cached_pages(
    client, owner_lesson, django_capture_on_commit_callbacks
):
    owner, lesson = owner_lesson
    url = lesson.get_absolute_url()
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        lesson_publish_set(user=owner, lesson=lesson, published=False, version=lesson.version)
    assert client.get(url).status_code == 404


def test_made_up_addresses_leave_nothing_in_the_shared_cache(client, settings):
    # A cache outside the database: the request's rolled-back transaction would hide a row of
    # the database cache, while Redis keeps every key.
    settings.CACHES = {
        **settings.CACHES,
        "shared": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "shared-generation-test",
        },
    }
    caches["shared"].clear()
    lesson = _lesson()
    for n in range(20):
        assert client.get(f"/courses/no-such-course-{n}/{lesson.slug}/").status_code == 404
        assert (
            client.get(f"{lesson.course.get_absolute_url()}no-such-lesson-{n}/").status_code == 404
        )
    shared = caches["shared"]
    assert all(shared.get(GENERATION_KEY.format(f"no-such-course-{n}")) is None for n in range(20))
