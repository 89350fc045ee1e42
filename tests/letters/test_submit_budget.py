"""One budget of accepted letters per writer, whichever door they use (issue 16, point 8; issue
19, point 9): the page form and the JSON API count the same letters, and only accepted ones."""

import json

import pytest

from letters.models import Letter
from tests.factories import UserFactory
from tests.letters.factories import RecipientFactory
from tests.letters.test_views import WRITE, _form

pytestmark = pytest.mark.django_db
SUBMIT = "/api/v1/letters/"


@pytest.fixture
def recipient():
    return RecipientFactory()


@pytest.fixture
def two_an_hour(settings):
    rates = {
        **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
        "letter-submit": "2/hour",
        "letter-submit-user": "2/hour",
    }
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}


def _api(client, to, **overrides):
    payload = {
        "programme": to.programme.slug,
        "recipient": str(to.public_id),
        "writer_name": "Hana",
        "language": "en",
        "body": "Dear friend, the cherry trees are blooming and I thought of you today.",
        **overrides,
    }
    return client.post(SUBMIT, json.dumps(payload), content_type="application/json")


def test_page_and_api_share_one_budget(client, recipient, two_an_hour):
    assert client.post(WRITE, _form(recipient)).status_code == 302
    assert _api(client, recipient).status_code == 201
    assert _api(client, recipient).status_code == 429
    assert client.post(WRITE, _form(recipient)).status_code == 429
    assert Letter.objects.count() == 2


def test_refused_api_letters_cost_nothing(client, recipient, two_an_hour):
    for _attempt in range(4):
        assert _api(client, recipient, body="").status_code == 400
    assert [_api(client, recipient).status_code for _ in range(3)] == [201, 201, 429]
    assert Letter.objects.count() == 2


def test_an_api_retry_with_the_same_key_costs_nothing(client, recipient, two_an_hour):
    headers = {"HTTP_IDEMPOTENCY_KEY": "retry-key-123"}
    payload = {
        "programme": recipient.programme.slug,
        "recipient": str(recipient.public_id),
        "writer_name": "Hana",
        "language": "en",
        "body": "Dear friend, the cherry trees are blooming and I thought of you today.",
    }
    codes = [
        client.post(
            SUBMIT, json.dumps(payload), content_type="application/json", **headers
        ).status_code
        for _ in range(3)
    ]
    assert codes == [201, 200, 200]
    assert _api(client, recipient).status_code == 201
    assert _api(client, recipient).status_code == 429


def test_signed_in_writers_spend_their_account_budget_through_the_api(
    client, recipient, two_an_hour
):
    # Two anonymous letters use up the address's budget; a signed-in writer on the same
    # network still has their own.
    assert [_api(client, recipient).status_code for _ in range(3)] == [201, 201, 429]
    client.force_login(UserFactory())
    assert [_api(client, recipient).status_code for _ in range(3)] == [201, 201, 429]
    assert client.post(WRITE, _form(recipient)).status_code == 429
