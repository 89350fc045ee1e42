"""Kept public pages (learning.pagecache) and compressed responses: what is shared with whom,
renewed when content changes, never keyed by a made-up parameter; query counts flat in the
number of items whether a page is kept or rendered."""

import gzip
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from learning import pagecache
from learning.pagecache import content_generation
from tests.factories import CourseFactory, LessonFactory, UserFactory
from tests.hub.factories import ArticleFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
NEWS = "/news/"
PARTNERS = "/partners/"
COURSES = "/courses/"


def _token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def _queries(client, path, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **extra)
    assert response.status_code == 200
    return len(queries.captured_queries), response.content.decode()


@pytest.fixture(autouse=True)
def _no_kept_pages():
    pagecache._kept.clear()


def _kept_pages():
    return len(pagecache._kept)


@pytest.mark.parametrize("path", [NEWS, PARTNERS, COURSES])
def test_a_kept_page_is_served_without_reading_content_and_with_each_visitors_token(path):
    ArticleFactory(title="記事の題")
    OrganisationFactory(name_en="Shelter Tokyo")
    LessonFactory(course=CourseFactory(title="Everyday Japanese"))
    first_queries, first = _queries(Client(), path)
    again_queries, again = _queries(Client(), path)
    # At most the content generation is read (a database table here, Redis in production).
    assert again_queries <= 1 < first_queries
    assert _token(first) != _token(again)
    assert first.replace(_token(first), "") == again.replace(_token(again), "")
    visitor = Client()
    html = visitor.get(path).content.decode()
    assert visitor.cookies["csrftoken"].value  # the token in the page is the visitor's own
    assert _token(html) not in first


def test_news_shows_a_new_article_and_the_directory_an_edit_at_once():
    ArticleFactory(title="最初の記事")
    organisation = OrganisationFactory(name_en="Shelter Tokyo")
    client = Client()
    client.get(NEWS)
    client.get(PARTNERS)
    ArticleFactory(title="新しい記事")
    organisation.name_en = "Shelter Osaka"
    organisation.save()
    assert "新しい記事" in client.get(NEWS).content.decode()
    html = client.get(PARTNERS).content.decode()
    assert "Shelter Osaka" in html
    assert "Shelter Tokyo" not in html


def test_the_course_list_renews_when_a_course_is_published_or_hidden():
    lesson = LessonFactory(course=CourseFactory(title="Hospital Japanese"))
    client = Client()
    assert "Hospital Japanese" in client.get(COURSES).content.decode()
    lesson.course.published = False
    lesson.course.save()
    assert "Hospital Japanese" not in client.get(COURSES).content.decode()
    CourseFactory(title="City Hall Japanese")
    assert "City Hall Japanese" in client.get(COURSES).content.decode()


def test_content_changes_give_a_new_generation():
    before = content_generation("hub")
    ArticleFactory()
    assert content_generation("hub") != before


def test_unknown_parameters_and_searches_are_rendered_afresh_and_never_kept():
    OrganisationFactory(name_en="Shelter Tokyo")
    client = Client()
    client.get(PARTNERS)
    kept = _kept_pages()
    for path in [f"{PARTNERS}?u=1", f"{PARTNERS}?u=2", f"{PARTNERS}?q=Shelter", f"{NEWS}?q=x"]:
        for _ in range(2):
            count, _html = _queries(client, path)
            assert count > 1
    assert _kept_pages() == kept
    # Known values are kept; an unknown value of a known filter is not.
    client.get(PARTNERS, {"prefecture": "tokyo"})
    client.get(PARTNERS, {"prefecture": "atlantis"})
    assert _kept_pages() == kept + 1


def test_a_signed_in_visitor_never_gets_the_anonymous_page():
    LessonFactory()
    Client().get(COURSES)
    client = Client()
    client.force_login(UserFactory(username="amina"))
    html = client.get(COURSES).content.decode()
    assert "Signed in as amina" in html
    assert "Log in" not in html


def test_a_visitor_with_display_switches_in_the_session_gets_their_own_course_page():
    lesson = LessonFactory(title="At city hall", title_translations={"ar": "في البلدية"})
    path = reverse("lessons:course-detail", kwargs={"course": lesson.course.slug})
    assert "في البلدية" not in Client().get(path).content.decode()
    visitor = Client()
    visitor.post(reverse("lessons:display-set"), {"meaning_language": "ar", "next": path})
    assert "في البلدية" in visitor.get(path).content.decode()


@pytest.mark.parametrize("path", [NEWS, PARTNERS])
def test_list_page_queries_do_not_grow_with_items(path):
    def make(n):
        for _ in range(n):
            ArticleFactory()
            OrganisationFactory()

    # Signed in, so the page is rendered each time: the queries of a real rendering.
    client = Client()
    client.force_login(UserFactory())
    make(2)
    few, _html = _queries(client, path)
    make(18)
    many, _html = _queries(client, path)
    assert many == few


def test_course_page_queries_do_not_grow_with_lessons():
    course = CourseFactory()
    path = reverse("lessons:course-detail", kwargs={"course": course.slug})
    client = Client()
    client.force_login(UserFactory())
    for _ in range(2):
        LessonFactory(course=course)
    few, _html = _queries(client, path)
    for _ in range(18):
        LessonFactory(course=course)
    many, html = _queries(client, path)
    assert html.count('class="card"') == 20
    assert many == few


def test_html_is_sent_gzip_compressed_to_browsers_that_accept_it():
    for _ in range(3):
        ArticleFactory()
    client = Client()
    plain = client.get(NEWS)
    packed = client.get(NEWS, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    html = gzip.decompress(packed.content).decode()
    assert "<h1>" in html
    assert len(packed.content) < len(plain.content) / 2


def test_a_deck_is_not_compressed_again():
    lesson = LessonFactory()
    response = Client().get(
        reverse("lessons:course-deck", kwargs={"course": lesson.course.slug}),
        HTTP_ACCEPT_ENCODING="gzip",
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/apkg"
    assert "Content-Encoding" not in response


def test_the_kept_pages_of_a_process_are_bounded(monkeypatch):
    monkeypatch.setattr(pagecache, "MAX_PAGES", 3)
    OrganisationFactory()
    client = Client()
    for prefecture in ["tokyo", "osaka", "kyoto", "hokkaido", "okinawa"]:
        client.get(PARTNERS, {"prefecture": prefecture})
    assert _kept_pages() == 3
