"""A visitor without an account switches the interface to فارسی, then to မြန်မာ, at phone size:
the page is mirrored for Farsi, meanings come in the chosen language, nothing scrolls sideways
and no text overflows its box."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "fixtures" / "survival_japanese.json"
LESSON = "/courses/survival-japanese/greetings/"
WIDTH = 360

# Elements whose text overflows their box (cut off or spilling over a neighbour), and elements
# reaching out of the screen.
OVERFLOW = """() => {
  const out = [];
  for (const el of document.querySelectorAll(
      'button, a, label, select, summary, h1, h2, h3, p, li, dt, dd, th, td, .button')) {
    const box = el.getBoundingClientRect();
    if (!box.width || getComputedStyle(el).visibility === 'hidden') continue;
    if (el.closest('.skip-link, [hidden], .visually-hidden')) continue;
    const tight = ['BUTTON', 'SELECT'].includes(el.tagName) || el.classList.contains('button');
    if (tight && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 2))
      out.push(el.tagName + ': ' + el.textContent.trim().slice(0, 40));
    if (box.left < -1 || box.right > window.innerWidth + 1)
      out.push('off-screen ' + el.tagName + ': ' + el.textContent.trim().slice(0, 40));
  }
  return out;
}"""


@pytest.fixture
def demo_course(db):
    call_command("loaddata", str(FIXTURE), verbosity=0)
    call_command("refresh_furigana", verbosity=0)


def _switch(page, code):
    page.locator(".language-switcher select").select_option(code)
    page.locator(".language-switcher button").click()
    expect(page.locator("html")).to_have_attribute("lang", code)


def _page_fits(page):
    assert (
        page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        <= 0
    )
    assert page.evaluate(OVERFLOW) == []


def _meanings_in(page, code):
    """The word list's meanings are shown in the language chosen, marked as that language."""
    words = json.loads(FIXTURE.read_text(encoding="utf-8"))
    expected = [
        r["fields"]["meanings"][code]
        for r in words
        if r["model"] == "lessons.vocabularyitem" and r["fields"]["lesson"] == 1
    ]
    shown = page.locator(f"#lesson [lang='{code}']").all_inner_texts()
    assert any(text.strip() in " ".join(shown) for text in expected)


def test_a_visitor_reads_a_lesson_in_farsi_then_in_burmese(phone, demo_course):
    phone.goto("/")
    _switch(phone, "fa")
    expect(phone.locator("html")).to_have_attribute("dir", "rtl")
    # Mirrored: the navigation starts on the right, the switcher sits to the right too.
    first_link = phone.locator(".site-nav a").first.bounding_box()
    assert first_link["x"] + first_link["width"] > WIDTH * 0.75
    brand = phone.locator(".brand").bounding_box()
    assert brand["x"] + brand["width"] > WIDTH * 0.6
    _page_fits(phone)
    phone.screenshot(path=str(ROOT / "var" / "shots-fa-home.png"), full_page=True)

    phone.goto(LESSON)
    expect(phone.locator("html")).to_have_attribute("dir", "rtl")
    _meanings_in(phone, "fa")
    switch = phone.locator("[data-toggle=furigana]").bounding_box()
    assert switch["x"] + switch["width"] > WIDTH / 2  # the display switches start on the right
    # Japanese inside the Farsi page keeps its own direction, isolated from the Farsi around it.
    japanese = phone.locator("#lesson [lang=ja]").first
    assert japanese.evaluate("el => getComputedStyle(el).direction") == "ltr"
    assert japanese.evaluate("el => getComputedStyle(el).unicodeBidi") == "isolate"
    _page_fits(phone)
    phone.screenshot(path=str(ROOT / "var" / "shots-fa-lesson.png"), full_page=True)

    _switch(phone, "my")
    expect(phone.locator("html")).to_have_attribute("dir", "ltr")
    phone.goto(LESSON)
    _meanings_in(phone, "my")
    _page_fits(phone)
    # An exercise done in Burmese: the verdict is shown in Burmese.
    section = phone.locator("section.exercise").first
    section.locator("label.choice").first.click()
    section.locator("button[type=submit]").first.click()
    verdict = section.locator(".feedback .verdict")
    expect(verdict).to_be_visible()
    assert verdict.inner_text().strip()
    assert not verdict.inner_text().strip().startswith(("Correct", "Not quite"))
    _page_fits(phone)
    phone.screenshot(path=str(ROOT / "var" / "shots-my-lesson.png"), full_page=True)


def test_the_lesson_page_sets_the_meaning_language_and_exercises_follow(phone, demo_course):
    phone.goto(LESSON)
    expect(phone.locator("html")).to_have_attribute("lang", "en")
    phone.locator("#meaning-language").select_option("uk")
    phone.locator(".meaning-choice button").click()
    expect(phone.locator("#meaning-language")).to_have_value("uk")
    expect(phone.locator("html")).to_have_attribute("lang", "en")  # the interface stays
    _meanings_in(phone, "uk")
    # The whole lesson is in Ukrainian: no note of texts shown in English.
    expect(phone.locator(".fallback-note")).to_have_count(0)
    # A matching exercise's meanings and a choice's answers come in Ukrainian too.
    assert phone.locator("section.exercise-matching option[lang=uk]").count() >= 3
    assert phone.locator("section.exercise-listening label.choice [lang=uk]").count() >= 3
    _page_fits(phone)
    phone.screenshot(path=str(ROOT / "var" / "shots-uk-meanings.png"), full_page=True)
    # Burmese meanings with a Farsi interface: mirrored page, Burmese meanings, fits.
    phone.locator("#meaning-language").select_option("my")
    phone.locator(".meaning-choice button").click()
    _meanings_in(phone, "my")
    _switch(phone, "fa")
    phone.goto(LESSON)
    expect(phone.locator("#meaning-language")).to_have_value("fa")
    _page_fits(phone)
