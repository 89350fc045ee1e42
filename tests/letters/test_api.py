"""Letters API: JSON-only submission with an origin check and idempotency keys, status by
token, and moderation endpoints for moderators only."""

import json

import pytest
from django.test import Client

from learning.models import User
from learning.roles import Role
from letters.models import Letter
from letters.screening import flag_key
from letters.services import letter_flag_resolve
from tests.factories import UserFactory
from tests.letters.factories import LetterFactory, RecipientFactory, letter_with_token

pytestmark = pytest.mark.django_db
BODY = "Dear friend, the cherry trees are blooming and I thought of you today."
SUBMIT = "/api/v1/letters/"


@pytest.fixture
def recipient():
    return RecipientFactory()


@pytest.fixture
def moderator_client():
    client = Client()
    client.force_login(UserFactory(roles=[Role.MODERATOR], username="api-mod"))
    return client


def _payload(to, **overrides):
    return {
        "programme": to.programme.slug,
        "recipient": str(to.public_id),
        "writer_name": "Hana",
        "writer_email": "hana@example.org",
        "language": "en",
        "body": BODY,
        **overrides,
    }


def _post(client, url, data, **headers):
    return client.post(url, json.dumps(data), content_type="application/json", **headers)


def test_submit_json_returns_the_status_token_once(client, recipient):
    response = _post(client, SUBMIT, _payload(recipient))
    assert response.status_code == 201
    data = response.json()
    assert data["status"] == "submitted"
    assert data["status_url"].endswith(f"/letters/status/{data['status_token']}/")
    assert Letter.objects.get().public_id.hex == data["id"].replace("-", "")
    status = client.get(f"/api/v1/letters/status/{data['status_token']}/")
    assert status.status_code == 200
    assert status.json()["status"] == "submitted"
    assert status.json()["body"] == BODY
    assert status["Cache-Control"] == "no-store"


def test_form_encoded_submission_gets_415(client, recipient):
    response = client.post(SUBMIT, _payload(recipient))
    assert response.status_code == 415
    assert not Letter.objects.exists()


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"HTTP_ORIGIN": "https://evil.example"}, 403),
        ({"HTTP_ORIGIN": "null"}, 403),
        ({"HTTP_SEC_FETCH_SITE": "cross-site"}, 403),
        ({"HTTP_ORIGIN": "http://testserver"}, 201),
        ({}, 201),
    ],
)
def test_submissions_from_another_site_are_refused(client, recipient, headers, expected):
    response = _post(client, SUBMIT, _payload(recipient), **headers)
    assert response.status_code == expected
    assert Letter.objects.count() == (1 if expected == 201 else 0)


def test_idempotency_key_header_makes_a_retry_return_the_same_letter(client, recipient):
    first = _post(client, SUBMIT, _payload(recipient), HTTP_IDEMPOTENCY_KEY="retry-key-0001")
    again = _post(client, SUBMIT, _payload(recipient), HTTP_IDEMPOTENCY_KEY="retry-key-0001")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert first.json()["status_token"] == again.json()["status_token"]  # one letter, one link
    assert Letter.objects.count() == 1
    other = _post(
        client, SUBMIT, _payload(recipient, body=BODY + "!"), HTTP_IDEMPOTENCY_KEY="retry-key-0001"
    )
    assert other.status_code == 400
    assert "already used" in json.dumps(other.json())


BAD = [
    ({"body": "x" * 50_000}, "body"),
    ({"body": ""}, "body"),
    ({"body": 12345}, "body"),
    ({"body": ["a"]}, "body"),
    ({"programme": "no-such-programme"}, "programme"),
    ({"recipient": "00000000-0000-4000-8000-000000000000"}, "recipient"),
    ({"recipient": "not-a-uuid"}, "recipient"),
    ({"language": "xx"}, "language"),
    ({"writer_email": "nope"}, "writer_email"),
    ({"writer_name": None}, "writer_name"),
]


@pytest.mark.parametrize(("overrides", "field"), BAD)
def test_bad_input_is_a_400_naming_the_field(client, recipient, overrides, field):
    response = _post(client, SUBMIT, _payload(recipient, **overrides))
    assert response.status_code == 400
    assert field in response.json()
    assert not Letter.objects.exists()


def test_inactive_recipient_is_a_400(client, recipient):
    recipient.is_active = False
    recipient.save()
    response = _post(client, SUBMIT, _payload(recipient))
    assert response.status_code == 400
    assert "cannot receive letters" in response.json()["recipient"][0]


def test_submissions_are_throttled(client, recipient, settings):
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "letter-submit": "2/hour"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    codes = [_post(client, SUBMIT, _payload(recipient)).status_code for _ in range(3)]
    assert codes == [201, 201, 429]


def test_forged_status_token_is_a_404(client):
    LetterFactory()
    assert client.get("/api/v1/letters/status/forged-token-123/").status_code == 404


def test_programme_list_shows_pseudonyms_only(client):
    recipient = RecipientFactory()
    RecipientFactory(programme=recipient.programme, is_active=False, pseudonym="Gone G.")
    data = client.get("/api/v1/letters/programmes/").json()
    assert data[0]["recipients"] == [
        {
            "id": str(recipient.public_id),
            "pseudonym": recipient.pseudonym,
            "languages": ["fa", "en"],
        }
    ]


MODERATION = [
    ("get", "/api/v1/moderation/letters/"),
    ("get", "/api/v1/moderation/letters/{id}/"),
    ("post", "/api/v1/moderation/letters/{id}/decisions/"),
    ("post", "/api/v1/moderation/letters/{id}/translations/"),
    ("post", "/api/v1/moderation/batches/"),
    ("post", "/api/v1/moderation/batches/1/deliver/"),
]


@pytest.mark.parametrize(("method", "url"), MODERATION)
@pytest.mark.parametrize("role", [None, "learner", Role.TUTOR, Role.EDITOR, "staff"])
def test_moderation_endpoints_require_the_moderator_role(method, url, role):
    letter = LetterFactory()
    client = Client()
    if role == "staff":
        client.force_login(UserFactory(is_staff=True))
    elif role == "learner":
        client.force_login(UserFactory())
    elif role:
        client.force_login(UserFactory(roles=[role]))
    url = url.format(id=letter.public_id)
    if method == "get":
        response = client.get(url)
    else:
        response = client.post(url, "{}", content_type="application/json")
    assert response.status_code == 403
    assert BODY not in response.content.decode()


def test_moderator_decides_translates_and_delivers_through_the_api(moderator_client):
    letter = LetterFactory(body=BODY + " call 090-1234-5678", recipient__languages=["ja"])
    queue = moderator_client.get("/api/v1/moderation/letters/?flag=phone").json()
    assert [row["id"] for row in queue["results"]] == [str(letter.public_id)]
    detail = moderator_client.get(f"/api/v1/moderation/letters/{letter.public_id}/").json()
    assert detail["flags"][0]["text"] == "090-1234-5678"
    assert detail["writer_email"] == "hana@example.org"
    url = f"/api/v1/moderation/letters/{letter.public_id}/decisions/"
    assert _post(moderator_client, url, {"action": "request_changes"}).status_code == 400
    refused = _post(moderator_client, url, {"action": "approve"})
    assert refused.status_code == 400
    assert "Resolve the 1 screening flag first" in str(refused.json())
    letter_flag_resolve(
        letter=letter,
        moderator=User.objects.get(username="api-mod"),
        key=flag_key("phone", "090-1234-5678"),
        note="The office number of our school, printed on every leaflet.",
    )
    approved = _post(moderator_client, url, {"action": "approve"})
    assert approved.status_code == 200
    assert approved.json()["status"] == "approved"
    conflict = _post(moderator_client, url, {"action": "approve"})
    assert conflict.status_code == 409
    assert "already Approved (by api-mod)" in conflict.json()["detail"]
    translation = _post(
        moderator_client,
        f"/api/v1/moderation/letters/{letter.public_id}/translations/",
        {"language": "ja", "text": "元気ですか。"},
    )
    assert translation.status_code == 201
    assert "<rt>げんき</rt>" in translation.json()["ruby_html"]
    batch = _post(
        moderator_client, "/api/v1/moderation/batches/", {"programme": letter.programme.slug}
    )
    assert batch.status_code == 201
    assert batch.json()["letters"] == [str(letter.public_id)]
    deliver_url = f"/api/v1/moderation/batches/{batch.json()['id']}/deliver/"
    assert _post(moderator_client, deliver_url, {}).status_code == 200
    assert _post(moderator_client, deliver_url, {}).status_code == 409
    letter.refresh_from_db()
    assert letter.status == "delivered"


def test_moderation_api_validates_filters(moderator_client):
    assert moderator_client.get("/api/v1/moderation/letters/?status=nope").status_code == 400
    assert moderator_client.get("/api/v1/moderation/letters/?flag=nope").status_code == 400
    empty = _post(moderator_client, "/api/v1/moderation/batches/", {"programme": "nope"})
    assert empty.status_code == 400


def test_writer_status_shows_reason_and_delivered(client, moderator_client):
    letter, token = letter_with_token()
    _post(
        moderator_client,
        f"/api/v1/moderation/letters/{letter.public_id}/decisions/",
        {"action": "request_changes", "reason": "Remove the address."},
    )
    data = client.get(f"/api/v1/letters/status/{token}/").json()
    assert data["status"] == "changes_requested"
    assert data["reason"] == "Remove the address."
    assert "writer_email" not in data
