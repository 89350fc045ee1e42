"""A tutor builds a lesson in a real browser and a learner sees the corrected reading.

The tutor creates a lesson, types a passage (live furigana appears), clicks a word in the
preview and types the right reading, adds a word, publishes; a learner in another browser
context opens the lesson and finds the corrected reading over the word.
"""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from learning.roles import Role
from tests.factories import PASSWORD, CourseFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _log_in(page, username):
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text(f"Signed in as {username}")).to_be_visible()


def _horizontal_overflow(page):
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_a_tutor_corrects_a_reading_and_a_learner_sees_it(phone, browser, live_server):
    # Transactional tests flush the database, roles included: make sure the group exists.
    Group.objects.get_or_create(name=Role.TUTOR.value)
    tutor = UserFactory(username="tutor-hana", roles=[Role.TUTOR])
    course = CourseFactory(owner=tutor, slug="daily-life", title="Daily life", published=True)
    UserFactory(username="learner-omar")

    # The tutor creates a lesson.
    _log_in(phone, "tutor-hana")
    phone.goto(f"/teach/courses/{course.pk}/")
    phone.get_by_role("link", name="New lesson").click()
    phone.fill("#id_title", "Going to hospital")
    phone.fill("#id_slug", "hospital")
    phone.get_by_role("button", name="Save").click()
    expect(phone.locator("h1")).to_have_text("Going to hospital")
    assert _horizontal_overflow(phone) <= 0

    # A passage: the furigana preview appears while typing (engine reads 今日 as きょう).
    phone.get_by_role("link", name="Add a passage").click()
    phone.locator("#id_text").press_sequentially("今日は病院へ行きます。", delay=10)
    preview = phone.locator("#id_text-preview")
    expect(preview.locator("rt").first).to_have_text("きょう")

    # Click the word and type the right reading: the whole course now reads it so.
    with phone.expect_response(re.compile(r"/teach/courses/\d+/readings/")) as saved:
        preview.locator("ruby", has_text="今日").click()
        phone.fill("#corrector-reading", "こんにち")
        phone.get_by_role("button", name="Save for the whole course").click()
    assert saved.value.ok
    expect(phone.locator(".corrector-done")).to_contain_text("今日 → こんにち")
    expect(preview.locator("rt").first).to_have_text("こんにち")
    phone.get_by_role("button", name="Save", exact=True).click()
    expect(phone.locator("#id_text-preview rt").first).to_have_text("こんにち")

    # A word: its reading is filled in from the engine.
    phone.get_by_role("link", name="Back to the lesson").click()
    phone.get_by_role("link", name="Add a word").click()
    phone.fill("#id_expression", "病院")
    expect(phone.locator("#id_expression-preview rt")).to_have_text("びょういん")
    phone.fill("#id_meaning_en", "hospital")
    phone.get_by_role("button", name="Save", exact=True).click()
    vocabulary = phone.locator("#vocabulary")
    expect(vocabulary).to_contain_text("びょういん")
    expect(vocabulary).to_contain_text("hospital")

    # Publish.
    phone.get_by_role("button", name="Publish").click()
    expect(phone.get_by_text("The lesson is published.")).to_be_visible()
    assert _horizontal_overflow(phone) <= 0

    # A learner in another browser sees the corrected reading on the lesson page.
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="en-GB", base_url=live_server.url
    )
    try:
        learner = context.new_page()
        _log_in(learner, "learner-omar")
        learner.goto("/courses/daily-life/hospital/")
        first_line = learner.locator(".passage .line").first
        expect(first_line.locator("ruby", has_text="今日").locator("rt")).to_have_text("こんにち")
        expect(learner.locator(".vocabulary")).to_contain_text("hospital")
        expect(learner.locator(".vocabulary rt").first).to_have_text("びょういん")
        assert _horizontal_overflow(learner) <= 0
    finally:
        context.close()
