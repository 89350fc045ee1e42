"""The hub in a real browser: a visitor reads a translated article beside its Japanese
original on a phone (one above the other) and on a desktop (two columns), switches the
translation's language and the furigana, and finds an organisation by prefecture and language.

The demo data (fixtures/hub_demo.json) is loaded into each test's database.
"""

from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = "/news/asylum-application-steps/"


@pytest.fixture
def demo(db):
    call_command("loaddata", str(ROOT / "fixtures" / "hub_demo.json"), verbosity=0)


@pytest.fixture
def desktop(browser, live_server):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-GB", base_url=live_server.url
    )
    page = context.new_page()
    yield page
    context.close()


def _boxes(page):
    pair = page.locator(".pair").nth(1)
    return (
        pair.locator(".original").bounding_box(),
        pair.locator(".translated").bounding_box(),
    )


def _overflow(page):
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_article_on_a_phone_puts_the_translation_under_the_original(demo, phone):
    phone.goto("/news/")
    phone.get_by_role("link", name="Steps of an application for refugee status (sample)").click()
    phone.wait_for_url(f"**{ARTICLE}?lang=en")
    original, translated = _boxes(phone)
    assert translated["y"] >= original["y"] + original["height"] - 1
    assert abs(translated["x"] - original["x"]) < 2
    assert _overflow(phone) <= 0
    expect(phone.locator(".credit-translator")).to_have_text("Tomoko Sample")
    expect(phone.locator(".credit-reviewer")).to_have_text("Ren Example")


def test_article_on_a_desktop_shows_two_columns(demo, desktop):
    desktop.goto(ARTICLE + "?lang=en")
    original, translated = _boxes(desktop)
    assert abs(translated["y"] - original["y"]) < 2
    assert translated["x"] >= original["x"] + original["width"] - 1
    # Each pair starts level: paragraph by paragraph.
    assert desktop.locator(".pair").count() == 4


def test_switch_language_and_furigana(demo, phone):
    phone.goto(ARTICLE)
    choice = phone.get_by_role("navigation", name="Translation language")
    choice.locator('a[lang="my"]').click()
    phone.wait_for_url("**?lang=my")
    expect(phone.locator("h1")).to_have_attribute("lang", "my")
    expect(phone.locator(".pair .translated").first).to_have_attribute("lang", "my")
    ruby = phone.locator(".pair .original rt").first
    expect(ruby).to_be_visible()
    with phone.expect_response(lambda r: "/courses/display/" in r.url):
        phone.locator("[data-toggle=furigana]").click()
    expect(ruby).to_be_hidden()
    # The choice is remembered: the next page load keeps furigana off.
    phone.reload()
    expect(phone.locator(".pair .original rt").first).to_be_hidden()


def test_find_an_organisation_by_prefecture_and_language(demo, phone):
    phone.goto("/partners/")
    phone.select_option("#filter-prefecture", "osaka")
    phone.select_option("#filter-lang", "ne")
    phone.get_by_role("button", name="Find").click()
    phone.wait_for_url("**/partners/?*prefecture=osaka*")
    names = phone.locator(".organisation-card h2").all_inner_texts()
    assert "Sample Osaka Health Network" in names
    assert "Sample Nationwide Refugee Hotline" in names
    assert "Sample Tokyo Refugee Legal Network" not in names
    expect(phone.locator(".result-count")).to_contain_text(f"{len(names)} organisations found")
    assert _overflow(phone) <= 0
    phone.get_by_role("link", name="Sample Osaka Health Network").click()
    expect(phone.locator("h1")).to_have_text("Sample Osaka Health Network")
    expect(phone.get_by_text("Sample data: this organisation was invented")).to_be_visible()
