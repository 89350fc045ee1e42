"""The hub's API: published content with the pages' filters, proposals by POST, bad input."""

import json

import pytest
from django.urls import reverse

from hub.models import Organisation, OrganisationProposal
from hub.services import proposal_approve
from tests.hub.factories import OrganisationFactory, TranslationFactory, editor
from tests.hub.safety import PAGE_TAGS, XSS_PAYLOADS, unsafe

pytestmark = pytest.mark.django_db
PROPOSALS = "/api/v1/proposals/"


def _post(client, data, **extra):
    return client.post(PROPOSALS, json.dumps(data), content_type="application/json", **extra)


def test_article_detail_has_translations_with_credits(client):
    translation = TranslationFactory()
    data = client.get(
        reverse("api:hub:article-detail", kwargs={"slug": translation.article.slug})
    ).json()
    assert data["source"]["url"] == "https://example.org/guide"
    assert data["translations"][0]["translator"] == "Tara Translator"
    assert data["translations"][0]["reviewer"] == "Rei Reviewer"
    assert data["translations"][0]["outdated"] is False
    assert len(data["paragraphs"]) == len(data["translations"][0]["paragraphs"]) == 2
    listed = client.get(
        reverse("api:hub:translation-list", kwargs={"slug": translation.article.slug})
    ).json()
    assert [t["language"] for t in listed] == ["en"]


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/articles/?kind=rumour", "kind"),
        ("/api/v1/articles/?lang=xx", "lang"),
        ("/api/v1/organisations/?prefecture=atlantis", "prefecture"),
        ("/api/v1/organisations/?help=magic", "help"),
        ("/api/v1/organisations/?lang=%3Cscript%3E", "lang"),
    ],
)
def test_unknown_filter_values_are_a_400_naming_the_choices(client, url, field):
    response = client.get(url)
    assert response.status_code == 400
    assert "choose one of" in response.json()[field][0]


@pytest.mark.parametrize("url", ["/api/v1/articles/?page=99", "/api/v1/organisations/?page=99"])
def test_a_page_past_the_end_is_a_404_saying_so(client, url):
    TranslationFactory()
    OrganisationFactory()
    response = client.get(url)
    assert response.status_code == 404
    assert "Invalid page" in response.json()["detail"]


def test_a_proposal_by_post_waits_for_approval(client):
    response = _post(
        client,
        {
            "kind": "new",
            "name_en": "Harbour Help",
            "prefectures": ["osaka"],
            "help_kinds": ["food"],
            "languages": ["ja", "en"],
            "message": "They hand out food.",
        },
    )
    assert response.status_code == 201
    assert response.json()["decision"] == "pending"
    assert client.get("/api/v1/organisations/").json()["count"] == 0
    proposal_approve(proposal=OrganisationProposal.objects.get(), by=editor())
    assert client.get("/api/v1/organisations/?prefecture=osaka").json()["count"] == 1


def test_a_correction_names_an_organisation(client):
    organisation = OrganisationFactory()
    response = _post(
        client, {"kind": "correction", "organisation": organisation.slug, "message": "Moved."}
    )
    assert response.status_code == 201
    assert _post(client, {"kind": "correction", "organisation": "nobody"}).status_code == 404
    assert _post(client, {"kind": "correction", "message": "?"}).status_code == 400


@pytest.mark.parametrize(
    "body",
    [
        {"kind": "new", "name_en": 12},
        {"kind": "new", "name_en": ["a"]},
        {"kind": "new", "name_en": "X", "prefectures": ["atlantis"]},
        {"kind": "new", "name_en": "X", "website": "javascript:alert(1)"},
        {"kind": "new", "name_en": "X", "prefectures": "tokyo"},
        {"kind": "new", "name_en": "X", "languages": ["klingon"]},
        {"kind": "new"},
        {"kind": "gift", "name_en": "X"},
        {"kind": "new", "name_en": "X" * 201},
        [],
        "text",
    ],
)
def test_bad_proposals_are_a_400(client, body):
    response = _post(client, body)
    assert response.status_code == 400
    assert not OrganisationProposal.objects.exists()


def test_a_two_megabyte_body_is_a_400(client):
    response = _post(client, {"kind": "new", "name_en": "X", "description": "x" * 2 * 1024 * 1024})
    assert response.status_code == 400
    assert "larger than" in response.json()["detail"]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_markup_in_an_api_proposal_is_kept_as_text_and_shown_harmlessly(client, payload):
    response = _post(
        client,
        {
            "kind": "new",
            "name_en": f"Group {payload}"[:200],
            "description": payload,
            "prefectures": ["tokyo"],
        },
    )
    assert response.status_code == 201
    organisation = proposal_approve(proposal=OrganisationProposal.objects.get(), by=editor())
    assert Organisation.objects.get().description == payload.strip()
    html = client.get(organisation.get_absolute_url()).content.decode()
    assert unsafe(html, PAGE_TAGS) == []


def test_proposals_are_throttled(client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "proposal": "2/hour",
        },
    }
    codes = [_post(client, {"kind": "new", "name_en": f"G{n}"}).status_code for n in range(3)]
    assert codes == [201, 201, 429]
