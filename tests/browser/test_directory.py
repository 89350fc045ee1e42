"""A Farsi-speaking visitor on a phone (360 px) finds an organisation near them that speaks
Farsi and is open now: once from the map of prefectures, once from the list alone.

The demo data is loaded; "now" is a Wednesday at noon in Japan, so the result does not
depend on when the test runs.
"""

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
NOON = dt.datetime(2026, 12, 2, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))
CLINIC = "Sample Shinjuku Free Clinic"  # Tokyo, staff speak Farsi, Mon–Sat 9:00–20:00


@pytest.fixture
def demo(db, monkeypatch):
    call_command("loaddata", str(ROOT / "fixtures" / "hub_demo.json"), verbosity=0)
    monkeypatch.setattr("hub.views.local_now", lambda: NOON)


def _overflow(page):
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def _farsi_and_open_now(phone):
    phone.select_option("#filter-lang", "fa")
    phone.get_by_label("Open now").check()
    phone.get_by_role("button", name="Find").click()
    phone.wait_for_url("**lang=fa**")


def _check_results(phone):
    cards = phone.locator(".organisation-card")
    names = cards.locator("h2").all_inner_texts()
    assert CLINIC in names
    assert "Sample Osaka Health Network" not in names  # not near: Osaka
    clinic = cards.filter(has_text=CLINIC)
    expect(clinic.locator(".badge-open")).to_have_text("Open now")
    expect(clinic.locator('span[lang="fa"]').first).to_be_visible()
    assert _overflow(phone) <= 0
    clinic.get_by_role("link", name=CLINIC).click()
    expect(phone.locator("h1")).to_have_text(CLINIC)


def test_farsi_speaker_finds_an_open_organisation_from_the_map(demo, phone):
    phone.goto("/partners/")
    expect(phone.get_by_role("heading", name="Need help now?")).to_be_visible()
    tokyo = phone.locator("#map-tokyo")
    expect(tokyo).to_be_visible()
    tokyo.click()
    phone.wait_for_url("**prefecture=tokyo**")
    expect(phone.locator("#map-tokyo")).to_have_attribute("aria-current", "true")
    expect(phone.locator("#filter-prefecture")).to_have_value("tokyo")
    _farsi_and_open_now(phone)
    assert "prefecture=tokyo" in phone.url
    _check_results(phone)


def test_farsi_speaker_finds_an_open_organisation_from_the_list(demo, phone):
    phone.goto("/partners/")
    phone.select_option("#filter-prefecture", "tokyo")
    _farsi_and_open_now(phone)
    assert "open=1" in phone.url
    _check_results(phone)
