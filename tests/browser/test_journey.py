"""Where a new learner on a 360 px phone was stopped or misled (issue 14): the word list, the
furigana everywhere, messages beside the exercise without JavaScript, sign-up that keeps the
learner's choices and place."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from learning.models import User
from lessons.models import Exercise
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
LESSON = "/courses/survival-japanese/city-hall/"
MIN_RUBY_PX = 11


@pytest.fixture
def demo_course(db):
    call_command("loaddata", str(ROOT / "fixtures" / "survival_japanese.json"), verbosity=0)
    call_command("refresh_furigana", verbosity=0)


def _overflow(page):
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_the_word_list_reads_as_cards_on_a_phone(phone, demo_course):
    phone.goto(LESSON)
    rows = phone.locator(".vocabulary tbody tr")
    assert rows.count() >= 8
    for i in range(rows.count()):
        row = rows.nth(i)
        reading = row.locator("td.reading")
        box = reading.bounding_box()
        assert box is not None
        assert box["width"] > 250, "the reading gets the card's width"
        # Readings on one line: no column squeezed to one kana per line.
        spans = reading.locator('span[lang="ja"]')
        if spans.count() and spans.first.is_visible():
            line = float(spans.first.evaluate("el => parseFloat(getComputedStyle(el).lineHeight)"))
            assert spans.first.bounding_box()["height"] < 2 * line
    # The header row is for screen readers; each card labels its parts instead.
    expect(phone.locator(".vocabulary thead")).not_to_be_in_viewport()
    assert "Reading" in rows.first.locator("td.reading").evaluate(
        "el => getComputedStyle(el, '::before').content"
    )
    assert _overflow(phone) <= 0


def test_furigana_are_legible_everywhere_and_follow_the_switch(phone, demo_course):
    phone.goto(LESSON)
    sizes = phone.locator("#lesson rt").evaluate_all(
        "els => els.map(el => parseFloat(getComputedStyle(el).fontSize))"
    )
    assert sizes
    assert min(sizes) >= MIN_RUBY_PX
    prompt_sizes = phone.locator(".exercise .prompt rt, .exercise .choices rt").evaluate_all(
        "els => els.map(el => parseFloat(getComputedStyle(el).fontSize))"
    )
    assert prompt_sizes
    assert min(prompt_sizes) >= MIN_RUBY_PX
    # Cloze choices (見せて, 見せる...) carry furigana.
    cloze = phone.locator(".exercise-cloze").first
    expect(cloze.locator(".choices rt").first).to_be_visible()
    # Japanese inside the English grammar note carries furigana too.
    expect(phone.locator(".passage-grammar .translation rt").first).to_be_visible()

    # Switched off on the lesson page, the course page and the course list follow.
    phone.locator("[data-toggle=furigana]").click()
    phone.wait_for_timeout(300)
    for url in ("/courses/survival-japanese/", "/courses/"):
        phone.goto(url)
        title = phone.locator(".ja-title").first
        expect(title.locator("rt").first).to_be_attached()
        expect(title.locator("rt").first).to_be_hidden()


def test_a_reading_question_does_not_give_its_answer_away(phone, demo_course):
    reading = Exercise.objects.get(lesson__slug="city-hall", data__word="窓口")
    phone.goto(LESSON)
    page_text = phone.locator("#lesson").inner_text()
    assert "まどぐち" not in page_text
    # The word list shows it only when the learner asks.
    disclosure = phone.locator("details.asked-reading").first
    disclosure.locator("summary").click()
    expect(disclosure).to_contain_text("まどぐち")
    # A near miss: a hint, and the answer stays in the box for another try.
    section = phone.locator(f"#exercise-{reading.pk}")
    box = section.get_by_label("Type the reading")
    box.fill("madokuchi")
    section.get_by_role("button", name="Check").click()
    expect(section.locator(".verdict-almost")).to_contain_text("Almost")
    expect(box).to_have_value("madokuchi")


def test_without_javascript_a_problem_shows_beside_the_exercise(browser, live_server, demo_course):
    ordering = Exercise.objects.get(lesson__slug="city-hall", kind="ordering")
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        locale="en-GB",
        base_url=live_server.url,
        java_script_enabled=False,
    )
    try:
        page = context.new_page()
        page.goto(LESSON)
        section = page.locator(f"#exercise-{ordering.pk}")
        selects = section.locator("[data-positions] select")
        for i in range(selects.count()):
            selects.nth(i).select_option(index=1)  # the same word everywhere
        with page.expect_navigation():
            section.get_by_role("button", name="Check").click()
        message = section.locator(".verdict-error")
        expect(message).to_contain_text("Each word can go in only one place")
        expect(message).to_be_in_viewport()
        assert "tile" not in message.inner_text()
        # The learner's choices are still there.
        first = selects.first.input_value()
        assert first
        assert all(selects.nth(i).input_value() == first for i in range(selects.count()))
        # A display switch comes back to this exercise.
        with page.expect_navigation():
            page.locator("button[data-toggle=romaji]").click()
        assert page.url.endswith(f"#exercise-{ordering.pk}")
        expect(section).to_be_in_viewport()
    finally:
        context.close()


def test_sign_up_keeps_the_learners_choices_and_brings_them_back(phone, demo_course):
    phone.goto(LESSON)
    with phone.expect_response("**/courses/display/"):
        phone.locator("[data-toggle=furigana]").click()
    with phone.expect_response("**/courses/display/"):
        phone.locator("[data-toggle=romaji]").click()
    phone.get_by_role("link", name="Sign up").click()
    phone.locator("input[name=username]").fill("amina")
    phone.locator("input[name=password1]").fill(PASSWORD)
    phone.locator("input[name=password2]").fill(PASSWORD)
    phone.get_by_role("button", name="Sign up").click()
    phone.wait_for_url(re.compile(re.escape(LESSON) + "$"))
    expect(phone.locator("article#lesson")).to_have_class(re.compile(r"\bfurigana-off\b"))
    expect(phone.locator("article#lesson")).to_have_class(re.compile(r"\bromaji-on\b"))
    user = User.objects.get(username="amina")
    assert user.furigana == User.Furigana.HIDE
    assert user.show_romaji
