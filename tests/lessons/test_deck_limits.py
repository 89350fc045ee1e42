"""Deck downloads on shared Wi-Fi (issue 14, point 8): signed-in learners are limited per
account, anonymous clients per address with a classroom-sized budget, and a limited learner
gets a page in their language."""

import pytest
from django.test import Client
from django.utils import translation

from lessons.services import lesson_render
from tests.factories import CourseFactory, LessonFactory, UserFactory, VocabularyItemFactory

pytestmark = pytest.mark.django_db
DECK = "/courses/survival/deck.apkg"
ROUTER = "203.0.113.60"


@pytest.fixture
def course():
    course = CourseFactory(slug="survival")
    lesson = LessonFactory(course=course)
    VocabularyItemFactory(lesson=lesson, expression="住民票", meanings={"en": "resident record"})
    lesson_render(lesson)
    return course


@pytest.fixture
def small_budgets(settings):
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "deck": "2/hour"}
    rates["deck-user"] = "2/hour"
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}


def test_signed_in_learners_behind_one_router_each_have_their_own_budget(course, small_budgets):
    for _learner in range(3):
        client = Client(REMOTE_ADDR=ROUTER)
        client.force_login(UserFactory())
        codes = [client.get(DECK).status_code for _ in range(3)]
        assert codes == [200, 200, 429]
    # Anonymous visitors on the same router still have the address's budget.
    anonymous = Client(REMOTE_ADDR=ROUTER)
    assert [anonymous.get(DECK).status_code for _ in range(3)] == [200, 200, 429]


def test_the_anonymous_budget_suits_a_classroom(settings):
    rate = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["deck"]
    allowed, period = rate.split("/")
    assert period == "hour"
    assert int(allowed) >= 30 * 5  # a class of 30, a few decks each


def test_a_limited_learner_gets_a_page_in_their_language(course, small_budgets):
    client = Client(REMOTE_ADDR=ROUTER)
    client.cookies["django_language"] = "ja"
    for _ in range(2):
        client.get(DECK)
    response = client.get(DECK)
    assert response.status_code == 429
    assert response["Content-Type"].startswith("text/html")
    assert int(response["Retry-After"]) > 0
    with translation.override("ja"):
        heading = translation.gettext("Too many downloads")
    assert heading != "Too many downloads"
    assert heading in response.content.decode()


def test_the_api_door_answers_json_and_shares_the_budget(course, small_budgets):
    client = Client(REMOTE_ADDR=ROUTER)
    assert client.get(DECK).status_code == 200
    assert client.get("/api/v1/courses/survival/deck.apkg").status_code == 200
    response = client.get("/api/v1/courses/survival/deck.apkg")
    assert response.status_code == 429
    assert "detail" in response.json()
