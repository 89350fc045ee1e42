"""The hub in a real browser: a visitor reads a translated article beside its Japanese
original on a phone (one above the other) and on a desktop (two columns), switches the
translation's language and the furigana, hears the original paragraph by paragraph (with and
without JavaScript), and finds an organisation by prefecture and language.

The demo data (fixtures/hub_demo.json) is loaded into each test's database.
"""

from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from hub.models import Article
from hub.selectors import paragraph_speech
from learning.audio.services import audio_synthesize
from tests.browser.players import SHORT_RECORDER, play_plain, wait_ended

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


@pytest.fixture
def heard(demo):
    """The demo articles rendered as a deploy does, and the clips of the one read here made."""
    call_command("render_articles", verbosity=0)
    article = Article.objects.get(slug=ARTICLE.strip("/").split("/")[-1])
    for found in paragraph_speech(article.paragraph_readings):
        audio_synthesize(key=found.key)
    return article


def test_a_japanese_article_is_read_aloud_on_a_phone(heard, phone, tmp_path):
    phone.add_init_script(SHORT_RECORDER)
    phone.goto(ARTICLE + "?lang=en")
    players = phone.locator(".pair .original [data-player]")
    expect(players).to_have_count(len(heard.paragraphs))
    # JavaScript took over: a 🔊 and a slow button per paragraph, in the interface language.
    expect(players.first.locator("audio")).to_be_hidden()
    expect(players.first.get_by_role("button", name="Listen slowly: paragraph 1")).to_be_visible()
    box = players.first.get_by_role("button", name="Listen: paragraph 1").bounding_box()
    assert box["width"] >= 44
    assert box["height"] >= 44

    phone.get_by_role("button", name="Play all").click()
    wait_ended(phone, len(heard.paragraphs))
    wanted = players.locator("audio").evaluate_all("els => els.map(a => a.src)")
    assert [p["src"] for p in phone.evaluate("window.__plays")] == wanted
    players.nth(1).get_by_role("button", name="Listen slowly: paragraph 2").click()
    wait_ended(phone, len(heard.paragraphs) + 1)
    assert phone.evaluate("window.__plays")[-1] == {"src": wanted[1], "rate": 0.75}
    expect(phone.locator(".play-error")).to_have_count(0)
    # The translation beside it has no player (it is not Japanese).
    expect(phone.locator(".pair .translated [data-player]")).to_have_count(0)
    assert _overflow(phone) <= 0
    phone.screenshot(path=tmp_path / "article-audio-360.png", full_page=True)


def test_without_javascript_an_article_plays_in_plain_audio_elements(heard, phone_without_js):
    page = phone_without_js
    page.goto(ARTICLE + "?lang=en")
    audio = page.locator(".pair .original audio")
    expect(audio).to_have_count(len(heard.paragraphs))
    expect(audio.first).to_be_visible()
    expect(audio.first).to_have_attribute("preload", "none")
    expect(page.get_by_role("button", name="Play all")).to_be_hidden()
    assert _overflow(page) <= 0
    box = audio.first.bounding_box()
    assert box["x"] + box["width"] <= 360
    assert play_plain(page, audio.first) > 1
