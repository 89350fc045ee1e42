"""Feeds: entry ids are tag URIs that never change (RFC 4287 §4.2.6, RFC 4151), each entry has
its own updated date and says its language, per-language feeds are advertised; the sitemap
lists translations as hreflang alternates; robots.txt points at it. The feeds never fail on
stored content: control characters are dropped on the way out."""

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
from django.test import override_settings
from django.utils import timezone

from hub.models import Article
from tests.hub.factories import ArticleFactory, TagFactory, TranslationFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
# RFC 4151: tag:authority,date:specific
TAG_URI = re.compile(r"^tag:[a-z0-9.-]+,\d{4}(-\d{2}(-\d{2})?)?:[\w./-]+$")


def _xml(content):
    return ET.fromstring(content)  # noqa: S314


def _entries(client, url):
    return _xml(client.get(url).content).findall(f"{ATOM}entry")


def test_atom_entry_ids_are_tag_uris(client):
    TranslationFactory()
    ArticleFactory()
    entries = _entries(client, "/news/atom/")
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(ids) == 2
    assert all(TAG_URI.match(i) for i in ids), ids
    assert len(set(ids)) == 2


def test_entry_id_does_not_change_when_the_article_is_edited_or_the_site_moves(client):
    article = ArticleFactory()
    before = _entries(client, "/news/atom/")[0].findtext(f"{ATOM}id")
    article.title = "新しい題"
    article.save()
    after = _entries(client, "/news/atom/")[0].findtext(f"{ATOM}id")
    with override_settings(SITE_URL="https://elsewhere.example", FEED_TAG_AUTHORITY="localhost"):
        moved = _entries(client, "/news/atom/")[0].findtext(f"{ATOM}id")
    assert before == after == moved
    assert before.endswith(f":article/{article.pk}")


def test_each_entry_has_its_own_updated_date_from_what_it_shows(client):
    translation = TranslationFactory()
    later = timezone.now() + dt.timedelta(minutes=5)
    type(translation).objects.filter(pk=translation.pk).update(updated_at=later)
    ArticleFactory()
    entries = _entries(client, "/news/atom/en/") + _entries(client, "/news/atom/ja/")
    updated = {entry.findtext(f"{ATOM}id"): entry.findtext(f"{ATOM}updated") for entry in entries}
    assert len(updated) == 3  # the English entry, its original, the other article
    assert len(set(updated.values())) == 3
    english = next(v for k, v in updated.items() if k.endswith("/en"))
    assert abs(dt.datetime.fromisoformat(english) - later) < dt.timedelta(seconds=1)


def test_entries_say_their_language_and_one_language_feeds_are_in_that_language(client):
    TranslationFactory(language="fa", title="راهنما")
    ArticleFactory(title="お知らせ")
    root = _xml(client.get("/news/atom/").content)
    languages = sorted(entry.get(XML_LANG) for entry in root.findall(f"{ATOM}entry"))
    assert languages == ["ja", "ja"]  # an English reader: no English, so the originals
    persian = _xml(client.get("/news/atom/fa/").content)
    assert persian.get(XML_LANG) == "fa"
    assert persian.find(f"{ATOM}entry").get(XML_LANG) == "fa"
    rss = _xml(client.get("/news/feed/fa/").content)
    assert rss.find("channel").findtext("language") == "fa"
    mixed = _xml(client.get("/news/feed/").content)
    assert mixed.find("channel").find("language") is None  # several languages: none claimed


def test_news_page_links_and_advertises_the_feed_of_each_language(client):
    TranslationFactory(language="fa")
    html = client.get("/news/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml" hreflang="fa"' in html
    assert 'href="/news/atom/fa/"' in html
    assert 'href="/news/feed/fa/" hreflang="fa"' in html
    assert 'href="/news/atom/ja/"' in html


def test_sitemap_lists_each_translation_as_an_hreflang_alternate(client):
    translation = TranslationFactory(language="my")
    root = _xml(client.get("/sitemap.xml").content)
    url = next(
        u
        for u in root.findall(f"{SITEMAP}url")
        if u.findtext(f"{SITEMAP}loc").endswith(translation.article.get_absolute_url())
    )
    alternates = {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
    assert set(alternates) == {"ja", "my"}
    assert alternates["my"].endswith("?lang=my")


def test_robots_txt_keeps_private_pages_out_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /letters/status/" in text
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /news/\n" not in text


def test_feed_ids_use_the_date_the_article_was_created(client):
    article = ArticleFactory()
    entry_id = _entries(client, "/news/atom/")[0].findtext(f"{ATOM}id")
    assert entry_id == f"tag:localhost,{article.created_at.date().isoformat()}:article/{article.pk}"


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
    root = _xml(response.content)  # strict XML 1.0 parser
    titles = [el.text for el in root.iter() if el.tag in {"title", f"{ATOM}title"}]
    assert "Guide to asylum" in titles
    assert not any(ch in response.content.decode() for ch in "\x01\x02\x07\x08\x0b\x0c\x1b")
