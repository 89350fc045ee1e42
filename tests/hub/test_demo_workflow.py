"""The README's walk-through works with the demo accounts: demo-editor writes and translates,
publication is refused until demo-editor-2 reviews the translation, then it is published."""

from pathlib import Path

import pytest
from django.core.management import call_command

from hub.models import Article, Status

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def demo_users():
    call_command("loaddata", str(ROOT / "fixtures" / "demo_users.json"), verbosity=0)


def _login(client, username):
    response = client.post(
        "/accounts/login/", {"username": username, "password": "kasumi-demo-password"}
    )
    assert response.status_code == 302, username


def test_two_demo_editors_can_take_a_translated_document_to_publication(client, demo_users):
    _login(client, "demo-editor")
    client.post(
        "/news/write/",
        {
            "kind": "translation",
            "slug": "walkthrough",
            "original_language": "ja",
            "title": "難民申請の手引き",
            "body": "難民認定の申請をします。",
        },
    )
    article = Article.objects.get(slug="walkthrough")
    client.post(
        "/news/walkthrough/translations/en/edit/",
        {"title": "Guide", "body": "You apply for refugee status.", "translator_name": "Ed"},
    )
    client.post("/news/walkthrough/action/", {"action": "publish"})
    article.refresh_from_db()
    assert article.status != Status.PUBLISHED  # no reviewed translation yet
    client.post("/news/walkthrough/action/", {"action": "approve-translation", "language": "en"})
    assert article.translations.get().status != Status.PUBLISHED  # not by its translator
    client.logout()

    _login(client, "demo-editor-2")
    assert "walkthrough" in client.get("/news/editor/").content.decode()
    client.post("/news/walkthrough/action/", {"action": "approve-translation", "language": "en"})
    client.post("/news/walkthrough/action/", {"action": "publish"})
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert article.translations.get().reviewer_name
    client.logout()
    assert "walkthrough" in client.get("/news/?q=nanmin").content.decode()
