"""RSS 2.0 and Atom feeds of published articles: all of them, or those readable in one language.

Django's syndication framework (the ORM adapter) over its pure `feedgenerator`.
"""

from datetime import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext_lazy as _

from hub.models import LANGUAGE_NAMES, Article
from hub.selectors import article_list_published
from learning.text import text_for_output

FEED_ITEMS = 30


def _for_xml(value: Any) -> Any:
    """*value* with control characters removed from every string in it: XML 1.0 cannot carry
    them, and one stored before the input policy held must not break the feed for everyone."""
    if isinstance(value, str):
        return text_for_output(value)
    if isinstance(value, list | tuple):
        return type(value)(_for_xml(item) for item in value)
    if isinstance(value, dict):
        return {key: _for_xml(item) for key, item in value.items()}
    return value


class _XmlSafeFeedMixin:
    """A feed generator that cleans everything it is given (feed fields and items alike)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*_for_xml(args), **_for_xml(kwargs))

    def add_item(self, *args: Any, **kwargs: Any) -> None:
        super().add_item(*_for_xml(args), **_for_xml(kwargs))  # type: ignore[misc]


class XmlSafeRssFeed(_XmlSafeFeedMixin, Rss201rev2Feed):
    pass


class XmlSafeAtomFeed(_XmlSafeFeedMixin, Atom1Feed):
    pass


class ArticleRssFeed(Feed):
    feed_type = XmlSafeRssFeed
    title = _("Kasumi: news and translated documents")
    description = _("News and documents about refugees in Japan, translated by Kasumi volunteers.")
    url_name = "hub:article-feed-rss"

    def get_object(self, request: HttpRequest, language: str = "") -> str:
        if language and language not in LANGUAGE_NAMES:
            raise Http404
        return language

    def link(self, obj: str) -> str:
        url = reverse("hub:article-list")
        return f"{url}?lang={obj}" if obj else url

    def feed_url(self, obj: str) -> str:
        kwargs = {"language": obj} if obj else {}
        return reverse(self.url_name + ("-language" if obj else ""), kwargs=kwargs)

    def items(self, obj: str) -> list[Article]:
        articles = list(article_list_published(language=obj)[:FEED_ITEMS])
        for article in articles:
            # Per item, not on the feed: one feed instance serves every request.
            article.feed_translation = next(
                (t for t in article.visible_translations if t.language == obj), None
            )
        return articles

    def _translation(self, item: Article) -> Any:
        return getattr(item, "feed_translation", None)

    def item_title(self, item: Article) -> str:
        translation = self._translation(item)
        return translation.title if translation else item.title

    def item_description(self, item: Article) -> str:
        # Sanitised when saved; the feed framework escapes it once more for the XML.
        translation = self._translation(item)
        return translation.body_html if translation else item.body_html

    def item_link(self, item: Article) -> str:
        translation = self._translation(item)
        return translation.get_absolute_url() if translation else item.get_absolute_url()

    def item_pubdate(self, item: Article) -> datetime | None:
        return item.published_at

    def item_updateddate(self, item: Article) -> datetime | None:
        return item.updated_at

    def item_author_name(self, item: Article) -> str:
        return item.author_name

    def item_categories(self, item: Article) -> list[str]:
        return [tag.name for tag in item.tags.all()]

    def item_guid(self, item: Article) -> str:
        translation = self._translation(item)
        return f"kasumi-article-{item.pk}" + (f"-{translation.language}" if translation else "")

    item_guid_is_permalink = False


class ArticleAtomFeed(ArticleRssFeed):
    feed_type = XmlSafeAtomFeed  # type: ignore[assignment]  # Atom, not RSS, is the point
    subtitle = ArticleRssFeed.description
    url_name = "hub:article-feed-atom"
