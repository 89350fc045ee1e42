"""The feeds never fail on stored content: control characters are dropped on the way out."""

import xml.etree.ElementTree as ET

import pytest

from hub.models import Article
from tests.hub.factories import ArticleFactory, TagFactory, TranslationFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
DIRTY = "Guide\x07 to\x1b asylum\x0b"


def _stored_with_control_characters():
    """An article saved before the input policy held: written straight to the table."""
    article = ArticleFactory()
    tag = TagFactory(name="visa\x01")
    article.tags.add(tag)
    Article.objects.filter(pk=article.pk).update(
        title=DIRTY, author_name="Aya\x02", body_html="<p>body\x08</p>"
    )
    TranslationFactory(article=article, title=DIRTY, body_html="<p>en\x0c</p>")
    return article


@pytest.mark.parametrize("path", ["/news/feed/", "/news/atom/", "/news/feed/en/", "/news/atom/en/"])
def test_a_control_character_in_a_published_article_never_breaks_a_feed(client, path):
    _stored_with_control_characters()
    response = client.get(path)
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314  our own feed; strict XML 1.0 parser
    titles = [el.text for el in root.iter() if el.tag in {"title", f"{ATOM}title"}]
    assert "Guide to asylum" in titles
    assert not any(ch in response.content.decode() for ch in "\x01\x02\x07\x08\x0b\x0c\x1b")
