"""Home page, language switch, health check, API schema and demo fixtures."""

import json
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import DatabaseError
from django.urls import reverse
from django.utils import translation

from learning.roles import Role
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def test_home_links_to_every_part_of_the_site(client):
    html = client.get("/").content.decode()
    for path in ("/courses/", "/news/", "/partners/", "/letters/"):
        assert f'href="{path}"' in html
    assert 'href="#main"' in html  # skip link
    assert '<main id="main"' in html
    assert '<html lang="en" dir="ltr">' in html


def test_language_switch_changes_html_lang(client):
    response = client.post(reverse("language-set"), {"language": "ja", "next": "/news/"})
    assert response.status_code == 302
    assert response["Location"] == "/news/"
    html = client.get("/news/").content.decode()
    assert '<html lang="ja" dir="ltr">' in html


def test_language_switch_ignores_an_outside_next_url(client):
    response = client.post(
        reverse("language-set"), {"language": "ja", "next": "https://evil.example/"}
    )
    assert "evil.example" not in response.get("Location", "")


def test_language_switch_is_remembered_on_the_account(client):
    user = UserFactory()
    client.force_login(user)
    client.post(reverse("language-set"), {"language": "ja"})
    user.refresh_from_db()
    assert user.interface_language == "ja"


def test_account_language_applies_on_a_new_device(client):
    client.force_login(UserFactory(interface_language="ja"))
    assert '<html lang="ja"' in client.get("/").content.decode()


def test_browser_language_is_followed_without_a_choice(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="ja,en;q=0.5").content.decode()
    assert '<html lang="ja"' in html


def test_japanese_catalogue_translates_the_navigation(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "ニュース" in html
    assert "メインコンテンツへ移動" in html


@pytest.mark.parametrize(("code", "direction"), [("ar", "rtl"), ("fa", "rtl"), ("en", "ltr")])
def test_right_to_left_languages_set_dir(code, direction, rf, settings):
    from django.template.loader import render_to_string

    settings.LANGUAGES = [*settings.LANGUAGES, ("ar", "Arabic"), ("fa", "Persian")]
    request = rf.get("/")
    request.user = mock.Mock(is_authenticated=False)
    with translation.override(code):
        html = render_to_string("base.html", request=request)
    assert f'<html lang="{code}" dir="{direction}">' in html


def test_healthz_is_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "up"


def test_healthz_is_503_when_the_database_does_not_answer(client):
    with mock.patch("learning.views.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"


def test_api_docs_use_local_assets_only(client):
    html = client.get(reverse("api:docs")).content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "cdn" not in html.lower()
    script = client.get(reverse("api:docs") + "?script")
    assert script.status_code == 200
    assert "SwaggerUIBundle" in script.content.decode()


def test_schema_endpoint_serves_openapi_3(client):
    response = client.get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")
    assert "/api/v1/me/" in response.json()["paths"]


def test_schema_validates_without_warnings(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "spectacular",
            "--validate",
            "--fail-on-warn",
            "--file",
            str(tmp_path / "schema.yaml"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "openapi: 3" in (tmp_path / "schema.yaml").read_text()


FIXTURES = sorted((ROOT / "fixtures").glob("*.json"))


def test_there_is_demo_data():
    assert FIXTURES


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_every_fixture_loads(fixture):
    """Each file loads and every object it holds is in the database afterwards."""
    objects = json.loads(fixture.read_text(encoding="utf-8"))
    assert objects, f"{fixture.name} holds no objects"
    call_command("loaddata", str(fixture), verbosity=0)
    for entry in objects:
        model = apps.get_model(entry["model"])
        assert model.objects.filter(pk=entry["pk"]).exists(), (
            fixture.name,
            entry["model"],
            entry["pk"],
        )


def test_migrations_are_complete():
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_page_has_a_favicon_served_by_the_app(client):
    html = client.get(reverse("home")).content.decode()
    assert '<link rel="icon" href="/static/learning/img/favicon.ico"' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/learning/img/favicon.ico"
    assert (ROOT / "learning" / "static" / "learning" / "img" / "favicon.ico").read_bytes()[:4] == (
        b"\x00\x00\x01\x00"  # the ICO header
    )


def test_the_api_link_is_for_tutors_not_on_learner_pages(client):
    docs = reverse("api:docs")
    assert docs not in client.get("/courses/").content.decode()
    client.force_login(UserFactory())
    assert docs not in client.get("/courses/").content.decode()
    client.force_login(UserFactory(roles=[Role.TUTOR]))
    assert docs in client.get("/courses/").content.decode()
