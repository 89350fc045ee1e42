"""Nothing leaked: a unique string written in a letter (body, name, e-mail) never appears in
public pages, the sitemap, the API for non-moderators, error pages or the logs."""

import json
import logging
import uuid
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django.views.debug import SafeExceptionReporterFilter

from learning.roles import Role
from letters.models import Letter
from tests.factories import UserFactory
from tests.letters.factories import RecipientFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def canary():
    return "canary" + uuid.uuid4().hex[:12]


def _public_pages(client):
    paths = [
        "/",
        "/sitemap.xml",
        reverse("letters:letter-index"),
        reverse("letters:letter-create"),
        reverse("letters:voice-list"),
        "/api/v1/letters/programmes/",
        "/api/v1/moderation/letters/",
        "/api/v1/schema/",
        "/letters/status/forged/",
        "/no-such-page/",
    ]
    return {path: client.get(path) for path in paths}


def test_a_letter_never_leaks(client, canary, caplog):
    caplog.set_level(logging.DEBUG)
    recipient = RecipientFactory()
    body = f"Dear friend, {canary} the spring is coming and I think of you."
    email = f"{canary}@example.org"
    name = f"Name{canary}"
    # Through the form (with a bad submission first), and through the API.
    client.post(
        reverse("letters:letter-create"),
        {"body": body, "writer_email": email, "writer_name": name, "send": "1"},
    )
    form = client.post(
        reverse("letters:letter-create"),
        {
            "idempotency_key": uuid.uuid4().hex,
            "guidelines_read": "on",
            "programme": recipient.programme.pk,
            "language": "en",
            "body": body,
            "writer_name": name,
            "writer_email": email,
            "send": "1",
        },
    )
    assert form.status_code == 302
    payload = {
        "programme": recipient.programme.slug,
        "writer_name": name,
        "writer_email": email,
        "language": "en",
        "body": body,
    }
    api = client.post("/api/v1/letters/", json.dumps(payload), content_type="application/json")
    assert api.status_code == 201
    bad = client.post(
        "/api/v1/letters/",
        json.dumps({**payload, "body": body * 200}),
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert Letter.objects.filter(body=body).count() == 2

    # Pages and API for everyone but moderators.
    for role in (None, [Role.TUTOR], [Role.EDITOR]):
        visitor = Client()
        if role:
            visitor.force_login(UserFactory(roles=role))
        for path, response in _public_pages(visitor).items():
            assert response.status_code < 500, path
            assert canary not in response.content.decode(), path

    # An unexpected error while saving: the error page and the log hold no letter.
    failing = Client(raise_request_exception=False)
    with mock.patch("letters.views.letter_submit", side_effect=RuntimeError("boom")):
        crashed = failing.post(
            reverse("letters:letter-create"),
            {
                "idempotency_key": uuid.uuid4().hex,
                "guidelines_read": "on",
                "programme": recipient.programme.pk,
                "language": "en",
                "body": body,
                "writer_name": name,
                "writer_email": email,
                "send": "1",
            },
        )
    assert crashed.status_code == 500
    assert canary not in crashed.content.decode()
    assert "Internal Server Error" in caplog.text  # the log did capture the request
    assert canary not in caplog.text
    for record in caplog.records:
        assert canary not in repr(getattr(record, "args", ""))
    # Error reports (e-mails to admins) filter the posted fields of the failed request.
    failed = next(r for r in caplog.records if r.getMessage().startswith("Internal Server Error"))
    posted = SafeExceptionReporterFilter().get_post_parameters(failed.request)
    assert canary not in json.dumps(dict(posted))
    assert (
        posted["body"] == posted["writer_email"] == SafeExceptionReporterFilter.cleansed_substitute
    )
