"""The directory finds help by language and need: language names in every interface
language, kinds of help, descriptions, synonyms; eligibility and open-now filters; verified
and open organisations first, closed or stale ones last and marked; the map; urgent help."""

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone, translation

from hub import prefecture_map
from hub.directory import Selection
from hub.models import Prefecture, SearchSynonym
from hub.selectors import organisation_list
from tests.hub.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
# A Wednesday at noon in Japan.
NOON = dt.datetime(2026, 12, 2, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))
NIGHT = NOON.replace(hour=23)


@pytest.fixture
def directory():
    return {
        "nepali": OrganisationFactory(
            slug="nepali", name_en="Himalaya Friends", languages=["ja"],
            interpreter_languages=["ne"], help_kinds=["medical"],
            description="A **free** clinic.", eligibility=["no-status"],
            opening_hours="Mon–Fri 10:00–17:00",
        ),
        "lawyers": OrganisationFactory(
            slug="lawyers", name_en="Harbour Counsel", languages=["en", "fa"],
            help_kinds=["legal"], eligibility=["asylum-seekers", "provisional-release"],
            opening_hours="Every day 24 hours",
        ),
        "open-to-all": OrganisationFactory(
            slug="open-to-all", name_en="Anyone Welcome", languages=["ja"],
            help_kinds=["food"], eligibility=["anyone"], opening_hours="Sat 10:00–13:00",
        ),
        "closed": OrganisationFactory(
            slug="closed", name_en="Aaa Closed Group", languages=["fa"], help_kinds=["legal"],
            state="temporarily-closed", opening_hours="Every day 24 hours",
        ),
        "stale": OrganisationFactory(
            slug="stale", name_en="Aab Stale Group", languages=["fa"], help_kinds=["legal"],
            last_verified=timezone.localdate() - dt.timedelta(days=800),
            opening_hours="Every day 24 hours",
        ),
    }  # fmt: skip


def _slugs(query="", at=NOON, **selection):
    return [o.slug for o in organisation_list(selection=Selection(**selection), query=query, at=at)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Nepali", {"nepali"}),  # the language's English name
        ("nepali", {"nepali"}),
        ("ネパール", {"nepali"}),  # its Japanese name (the ja catalogue)
        ("नेपाली", {"nepali"}),  # its own name
        ("clinic", {"nepali"}),  # the description
        ("Medical", {"nepali"}),  # a kind of help
        ("医療", {"nepali"}),  # a kind of help in Japanese
        ("provisional release", {"lawyers"}),  # a group of people
        ("Farsi", {"lawyers", "closed", "stale"}),
        ("ペルシャ", {"lawyers", "closed", "stale"}),
        ("Nepali clinic", {"nepali"}),  # every word must match
        ("Nepali lawyer", set()),
    ],
)
def test_search_finds_languages_help_and_descriptions_in_every_interface_language(
    directory, query, expected
):
    with translation.override("en"):
        assert set(_slugs(query)) == expected


def test_search_through_the_editors_synonyms(directory):
    assert _slugs("病院") == []
    assert _slugs("弁護士") == []
    SearchSynonym.objects.create(terms="病院, 医療, hospital")
    SearchSynonym.objects.create(terms="弁護士, 法律相談, legal advice")
    assert _slugs("病院") == ["nepali"]
    assert set(_slugs("弁護士")) == {"lawyers", "closed", "stale"}


@pytest.mark.parametrize(
    ("group", "expected"),
    [
        ("no-status", {"nepali", "open-to-all"}),  # an organisation for anyone counts
        ("provisional-release", {"lawyers", "open-to-all"}),
        ("asylum-seekers", {"lawyers", "open-to-all"}),
    ],
)
def test_filter_by_eligibility(directory, group, expected):
    assert set(_slugs(eligibility=group)) == expected


def test_open_now_follows_the_opening_hours(directory):
    assert set(_slugs(open_now=True)) == {"nepali", "lawyers", "closed", "stale"}
    assert set(_slugs(open_now=True, at=NIGHT)) == {"lawyers", "closed", "stale"}


def test_verified_and_open_first_closed_and_stale_last(directory):
    assert _slugs() == ["lawyers", "nepali", "open-to-all", "closed", "stale"]
    # Nobody but the hotline is open at night: by name among them.
    assert _slugs(at=NIGHT) == ["lawyers", "open-to-all", "nepali", "closed", "stale"]
    saturday = NOON + dt.timedelta(days=3)
    assert _slugs(at=saturday)[:3] == ["open-to-all", "lawyers", "nepali"]  # both open: by name


def test_list_page_marks_open_closed_and_stale_and_filters_by_query_string(
    client, directory, monkeypatch
):
    monkeypatch.setattr("hub.views.local_now", lambda: NOON)
    html = client.get("/partners/?for=no-status&open=1").content.decode()
    assert "Himalaya Friends" in html
    assert "Anyone Welcome" not in html  # closed on Wednesdays
    assert "Open now" in html
    everything = client.get("/partners/").content.decode()
    assert "Not verified for over a year" in everything
    assert "Temporarily closed" in everything
    assert everything.index("Harbour Counsel") < everything.index("Aaa Closed Group")


def test_description_markdown_is_rendered_and_eligibility_note_set_apart(client, directory):
    organisation = directory["nepali"]
    organisation.eligibility_note = "Bring any papers you have."
    organisation.save()
    html = client.get("/partners/nepali/").content.decode()
    assert "<strong>free</strong>" in html
    assert "**free**" not in html
    assert 'People without residence status<br><span class="eligibility-note">' in html


def test_map_links_each_prefecture_keeping_the_other_filters(client, directory):
    html = client.get("/partners/?lang=fa&prefecture=tokyo").content.decode()
    assert html.count('class="tile') == 47
    assert 'href="?lang=fa&amp;prefecture=osaka#results"' in html
    assert 'id="map-tokyo" aria-label="Tokyo (3)" aria-current="true"' in html


def test_map_covers_every_prefecture_once():
    assert set(prefecture_map.LAYOUT) == set(Prefecture.values) - {"nationwide"}
    positions = [(column, row) for column, row, _label in prefecture_map.LAYOUT.values()]
    assert len(set(positions)) == len(positions) == 47


def test_the_shipped_static_map_is_the_drawing_the_engine_makes():
    shipped = Path(__file__).resolve().parents[2] / "hub/static/hub/img/prefectures.svg"
    with translation.override("en"):
        names = {code: str(label) for code, label in Prefecture.choices}
    assert shipped.read_text() == prefecture_map.static_document(names)


@pytest.mark.parametrize("url", ["/", "/partners/"])
@pytest.mark.parametrize("language", ["en", "ja"])
def test_urgent_help_with_emergency_numbers_in_every_interface_language(client, url, language):
    client.cookies["django_language"] = language
    with translation.override("en"):
        html = client.get(url).content.decode()
    assert 'href="tel:110"' in html
    assert 'href="tel:119"' in html
    assert 'href="tel:0120762029"' in html
    heading = {"en": "Need help now?", "ja": "今すぐ助けが必要ですか？"}[language]
    assert heading in html


def test_a_kept_directory_page_follows_the_clock(client, directory, monkeypatch):
    monkeypatch.setattr("hub.views.local_now", lambda: NOON)
    assert "Himalaya Friends" in client.get("/partners/?open=1").content.decode()
    monkeypatch.setattr("hub.views.local_now", lambda: NIGHT)
    assert "Himalaya Friends" not in client.get("/partners/?open=1").content.decode()
