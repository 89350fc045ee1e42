"""The security baseline every page and endpoint inherits."""

import json
import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory
from tests.routes import route_paths

pytestmark = pytest.mark.django_db


ROUTES = sorted(set(route_paths()))


class _ScriptFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.inline_without_nonce = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and "src" not in attributes and "nonce" not in attributes:
            self.inline_without_nonce += 1


def _assert_baseline_headers(path, response):
    assert response.status_code < 500, path
    assert response["X-Content-Type-Options"] == "nosniff", path
    assert response["Referrer-Policy"] == "same-origin", path
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", path
    if response.get("Content-Type", "").startswith("text/html"):
        csp = response["Content-Security-Policy"]
        for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
            assert directive in csp, (path, csp)
        script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
        assert "'unsafe-inline'" not in script_src, path
        finder = _ScriptFinder()
        finder.feed(response.content.decode())
        assert finder.inline_without_nonce == 0, path


def test_the_resolver_walk_sees_every_app():
    assert len(ROUTES) > 30
    for path in ("/", "/courses/", "/news/", "/partners/", "/letters/", "/api/v1/docs/"):
        assert path in ROUTES


@pytest.mark.parametrize("path", ROUTES)
def test_security_headers_on_every_route_for_visitors(client, path):
    _assert_baseline_headers(path, client.get(path))


@pytest.mark.parametrize("path", ROUTES)
def test_security_headers_on_every_route_for_staff(client, path):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    _assert_baseline_headers(path, client.get(path))


def test_a_page_that_uses_a_nonce_gets_it_in_its_policy(rf):
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse
    from django.template import engines

    def view(request):
        source = '<script nonce="{{ request.csp_nonce }}"></script>'
        template = engines["django"].from_string(source)
        return HttpResponse(template.render({}, request))

    response = CSPMiddleware(view)(rf.get("/"))
    nonce = re.search(r'nonce="([^"]+)"', response.content.decode()).group(1)
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]


def test_forms_reject_a_post_without_a_csrf_token():
    strict = Client(enforce_csrf_checks=True)
    user = UserFactory()
    response = strict.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in strict.session


def test_forms_accept_the_same_post_with_its_csrf_token():
    strict = Client(enforce_csrf_checks=True)
    user = UserFactory()
    strict.get(reverse("login"))
    token = strict.cookies["csrftoken"].value
    response = strict.post(
        reverse("login"),
        {"username": user.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302


def test_session_api_write_needs_the_csrf_token():
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(UserFactory())
    response = strict.patch(
        reverse("api:learning:me-detail"), {"furigana": "hide"}, content_type="application/json"
    )
    assert response.status_code == 403


def test_cross_site_api_write_is_refused_even_anonymously(client):
    response = client.post(
        reverse("api:learning:token-obtain"),
        {"username": "a"},
        content_type="application/json",
        HTTP_SEC_FETCH_SITE="cross-site",
    )
    assert response.status_code == 403
    assert "Cross-site" in response.json()["detail"]


def test_api_refuses_form_encoded_bodies(client):
    response = client.post(reverse("api:learning:token-obtain"), {"username": "a"})
    assert response.status_code == 415


def _fail_login(client, username, address):
    return client.post(
        reverse("login"), {"username": username, "password": "wrong password"}, REMOTE_ADDR=address
    )


def test_login_locks_out_a_username_from_one_address_only(client, settings):
    victim = UserFactory(username="victim")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _fail_login(client, "victim", "203.0.113.9")
    locked = client.post(
        reverse("login"), {"username": "victim", "password": PASSWORD}, REMOTE_ADDR="203.0.113.9"
    )
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    # The same person from another network still logs in: nobody can lock a victim out.
    elsewhere = Client()
    ok = elsewhere.post(
        reverse("login"), {"username": "victim", "password": PASSWORD}, REMOTE_ADDR="198.51.100.7"
    )
    assert ok.status_code == 302
    assert elsewhere.session["_auth_user_id"] == str(victim.pk)
    # And another user from the locked address is not affected.
    other = UserFactory()
    third = Client()
    assert (
        third.post(
            reverse("login"),
            {"username": other.username, "password": PASSWORD},
            REMOTE_ADDR="203.0.113.9",
        ).status_code
        == 302
    )


# A real transaction: the test's own atomic block would swallow DRF's rollback-on-400.
@pytest.mark.django_db(transaction=True)
def test_token_api_is_locked_out_like_the_login_page(client, settings):
    user = UserFactory()
    url = reverse("api:learning:token-obtain")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            url,
            {"username": user.username, "password": "nope"},
            content_type="application/json",
            REMOTE_ADDR="203.0.113.5",
        )
    response = client.post(
        url,
        {"username": user.username, "password": PASSWORD},
        content_type="application/json",
        REMOTE_ADDR="203.0.113.5",
    )
    assert response.status_code in {400, 403, 429}
    assert "token" not in response.json()


@pytest.mark.parametrize("depth", [33, 2_000, 100_000])
def test_deeply_nested_json_gets_a_400(client, depth):
    body = '{"username": ' + "[" * depth + "]" * depth + "}"
    response = client.post(
        reverse("api:learning:token-obtain"), body, content_type="application/json"
    )
    assert response.status_code == 400
    assert "nested" in response.json()["detail"]


def test_moderately_nested_json_is_still_parsed(client):
    body = json.dumps({"username": [[["x"]]], "password": "y"})
    response = client.post(
        reverse("api:learning:token-obtain"), body, content_type="application/json"
    )
    assert response.status_code == 400
    assert "nested" not in json.dumps(response.json())


def test_oversized_json_body_gets_a_400(client, settings):
    body = json.dumps({"username": "x" * (settings.API_MAX_BODY_BYTES + 10), "password": "y"})
    response = client.post(
        reverse("api:learning:token-obtain"), body, content_type="application/json"
    )
    assert response.status_code == 400
    assert "larger than" in response.json()["detail"]


@pytest.mark.parametrize(
    "body",
    ["{", "[1, 2", "NaN", '{"a": Infinity}', "\x00", '"\\ud800"'],
)
def test_malformed_json_gets_a_400_with_a_json_body(client, body):
    response = client.post(
        reverse("api:learning:token-obtain"), body, content_type="application/json"
    )
    assert response.status_code == 400
    assert "detail" in response.json() or response.json()


def test_html_error_pages_do_not_leak_a_traceback(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Traceback" not in response.content


def test_no_serializer_exposes_all_model_fields():
    """Serializers list their fields: a new model field never leaks into the API by itself."""
    import importlib
    import inspect

    from django.apps import apps
    from rest_framework import serializers

    for config in apps.get_app_configs():
        if config.name not in {"learning", "lessons", "lessons.teach", "hub", "letters"}:
            continue
        for module_name in ("serializers",):
            try:
                module = importlib.import_module(f"{config.name}.{module_name}")
            except ModuleNotFoundError:
                continue
            for _name, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, serializers.ModelSerializer) and hasattr(cls, "Meta"):
                    assert getattr(cls.Meta, "fields", None) != "__all__", cls
                    assert not hasattr(cls.Meta, "exclude"), cls
