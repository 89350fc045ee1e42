"""Partner proposals: the page and the API spend one budget per client (issue 19, point 9)."""

import json

import pytest

from hub.models import OrganisationProposal

pytestmark = pytest.mark.django_db


def test_page_and_api_proposals_share_one_budget(client, settings):
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "proposal": "2/hour"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    assert client.post("/partners/propose/", {"name_en": "Group A"}).status_code == 302
    api = client.post(
        "/api/v1/proposals/",
        json.dumps({"kind": "new", "name_en": "Group B"}),
        content_type="application/json",
    )
    assert api.status_code == 201
    assert client.post("/partners/propose/", {"name_en": "Group C"}).status_code == 429
    again = client.post(
        "/api/v1/proposals/",
        json.dumps({"kind": "new", "name_en": "Group D"}),
        content_type="application/json",
    )
    assert again.status_code == 429
    assert OrganisationProposal.objects.count() == 2
