"""Who may open what: every page and endpoint of `letters` (listed from the URL resolver, so a
new route without a row here fails) for every kind of visitor."""

import io
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from PIL import Image

from learning.roles import Role
from letters.models import Letter, Voice
from tests.factories import UserFactory
from tests.letters.factories import (
    BatchFactory,
    LetterFactory,
    RecipientDetailsFactory,
    letter_with_token,
)

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "writer_with_token",
    "writer_without_token",
    "learner",
    "tutor",
    "volunteer",
    "editor",
    "moderator",
    "staff",
    "superuser",
]
CANARY_BODY = "Canary body 7f3a, the spring is coming."
CANARY_EMAIL = "canary-7f3a@example.org"
# A reply's original text (moderators only) and its translation (also its letter's writer).
CANARY_REPLY = "Canary reply original 7f3a, the nights are cold."
CANARY_TRANSLATION = "Canary reply translated 7f3a, thank you."

# Expected answer per role; "login" is a redirect to the log-in page, "redirect" any other.
EVERYONE_200 = dict.fromkeys(ROLES, 200)
TOKEN_ONLY = {**dict.fromkeys(ROLES, 404), "writer_with_token": 200}
_OUTSIDERS = {"anonymous": "login", "writer_with_token": "login", "writer_without_token": "login"}
_OTHER_USERS = dict.fromkeys(["learner", "tutor", "volunteer", "editor", "staff"], 403)


def moderators(answer):
    return {**_OUTSIDERS, **_OTHER_USERS, "moderator": answer, "superuser": answer}


def api_moderators(answer):
    return {**dict.fromkeys(ROLES, 403), "moderator": answer, "superuser": answer}


# name: (method, expected by role)
MATRIX = {
    "letters:letter-index": ("get", EVERYONE_200),
    "letters:letter-create": ("get", EVERYONE_200),
    "letters:letter-status": ("get", TOKEN_ONLY),
    "letters:letter-answer": ("get", TOKEN_ONLY),
    "letters:voice-list": ("get", EVERYONE_200),
    "letters:letter-link": ("get", EVERYONE_200),
    "letters:letter-queue": ("get", moderators(200)),
    "letters:letter-moderate": ("get", moderators(200)),
    "letters:letter-translate": ("post", moderators(400)),
    "letters:letter-flag-resolve": ("post", moderators(400)),
    "letters:letter-edit": ("post", moderators(400)),
    "letters:letter-delivery": ("post", moderators("redirect")),
    "letters:batch-list": ("get", moderators(200)),
    "letters:batch-detail": ("get", moderators(200)),
    "letters:batch-print": ("get", moderators(200)),
    "letters:batch-deliver": ("get", moderators(200)),
    "letters:voice-create": ("get", moderators(200)),
    "letters:voice-moderate": ("get", moderators(200)),
    "letters:reply-create": ("get", {**moderators(200), "volunteer": 200}),
    # The volunteer here did not record the reply: only its recorder and moderators see it.
    "letters:reply-scan": ("get", moderators(200)),
    "api:letters:programme-list": ("get", EVERYONE_200),
    "api:letters:letter-create": ("post", dict.fromkeys(ROLES, 400)),
    "api:letters:letter-status": ("get", TOKEN_ONLY),
    "api:letters:letter-list": ("get", api_moderators(200)),
    "api:letters:letter-detail": ("get", api_moderators(200)),
    "api:letters:letter-decide": ("post", api_moderators(400)),
    "api:letters:letter-translate": ("post", api_moderators(400)),
    "api:letters:batch-create": ("post", api_moderators(400)),
    "api:letters:batch-deliver": ("post", api_moderators(200)),
}


def _letters_routes(patterns=None, namespace="", prefix=""):
    """(qualified name, route with <params>) of every route in a `letters` namespace."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if pattern.namespace else namespace
            yield from _letters_routes(
                pattern.url_patterns, inner.lstrip(":"), prefix + str(pattern.pattern)
            )
        elif isinstance(pattern, URLPattern) and namespace.split(":")[-1] == "letters":
            yield f"{namespace}:{pattern.name}", "/" + prefix + str(pattern.pattern)


ROUTES = dict(_letters_routes())


def test_every_letters_route_has_a_row_in_the_matrix():
    assert set(ROUTES) == set(MATRIX)


def _client(role):
    client = Client()
    users = {
        "learner": lambda: UserFactory(),
        "tutor": lambda: UserFactory(roles=[Role.TUTOR]),
        "volunteer": lambda: UserFactory(roles=[Role.VOLUNTEER]),
        "editor": lambda: UserFactory(roles=[Role.EDITOR]),
        "moderator": lambda: UserFactory(roles=[Role.MODERATOR]),
        "staff": lambda: UserFactory(is_staff=True),
        "superuser": lambda: UserFactory(is_staff=True, is_superuser=True),
    }
    if role in users:
        client.force_login(users[role]())
    return client


def _path(route, *, token, letter, batch, voice, reply):
    return (
        route.replace("<str:token>", token)
        .replace("answer/<int:pk>", f"answer/{reply.pk}")
        .replace("replies/<int:pk>", f"replies/{reply.pk}")
        .replace("voices/<int:pk>", f"voices/{voice.pk}")
        .replace("<uuid:public_id>", str(letter.public_id))
        .replace("<int:pk>", str(batch.pk))
    )


def _reply(letter):
    """An approved reply to *letter* with a photo, recorded by a volunteer of its own."""
    reply = Voice.objects.create(
        programme=letter.programme,
        letter=letter,
        language="fa",
        text=CANARY_REPLY,
        translation_language="en",
        translation=CANARY_TRANSLATION,
        consent_date="2026-01-01",
        consent_scope="writer",
        recorded_by=UserFactory(roles=[Role.VOLUNTEER]),
        published_at=timezone.now(),
    )
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "JPEG")
    reply.scan_content_type = "image/jpeg"
    reply.scan.save("page.jpg", ContentFile(out.getvalue()))
    return reply


@pytest.fixture(autouse=True)
def _private_files(tmp_path, monkeypatch):
    storage = FileSystemStorage(location=tmp_path / "private", base_url="/not-served/")
    monkeypatch.setattr(Voice._meta.get_field("scan"), "storage", storage)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_permission_matrix(name, role):
    details = RecipientDetailsFactory()
    letter, token = letter_with_token(
        recipient=details.recipient,
        programme=details.recipient.programme,
        body=CANARY_BODY,
        writer_email=CANARY_EMAIL,
    )
    batch = BatchFactory(programme=letter.programme)
    LetterFactory(programme=letter.programme, recipient=None, status="in_batch", batch=batch)
    method, expected_by_role = MATRIX[name]
    expected = expected_by_role[role]
    used_token = token if role == "writer_with_token" else "forged-" + token[7:]
    voice = Voice.objects.create(
        programme=letter.programme,
        language="en",
        text="Call me on 090-1234-5678.",
        consent_date="2026-01-01",
        consent_scope="publish",
    )
    reply = _reply(letter)
    path = _path(
        ROUTES[name], token=used_token, letter=letter, batch=batch, voice=voice, reply=reply
    )
    client = _client(role)
    if method == "get":
        response = client.get(path)
    elif name.startswith("api:"):
        response = client.post(path, json.dumps({}), content_type="application/json")
    else:
        response = client.post(path, {})
    if expected == "login":
        assert response.status_code == 302, (name, role)
        assert response.url.startswith("/accounts/login/"), (name, role)
    elif expected == "redirect":
        assert response.status_code == 302, (name, role)
        assert not response.url.startswith("/accounts/login/"), (name, role)
    else:
        assert response.status_code == expected, (name, role, response.status_code)
    content = (
        b"".join(response.streaming_content) if response.streaming else response.content
    ).decode(errors="replace")
    if role not in ("moderator", "superuser"):
        assert CANARY_EMAIL not in content
        assert "Realname Canary" not in content
        assert CANARY_REPLY not in content  # the writer reads only the translation
        assert "JFIF" not in content  # nor the photo
        if role != "writer_with_token":
            assert CANARY_BODY not in content
            assert CANARY_TRANSLATION not in content
    assert Letter.objects.filter(body=CANARY_BODY).count() == 1
