"""RSS 2.0 and Atom feeds of published articles: all of them, or those readable in one language.

Django's syndication framework (the ORM adapter) over its pure `feedgenerator`. Entry ids are
tag URIs (RFC 4151) minted from the article's key and creation date, so they never change when
the site moves or an article is edited; each entry carries the language it is written in.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hub.models import LANGUAGE_NAMES, Article, ArticleTranslation
from hub.reading import choose_translation, reader_languages
from hub.selectors import article_list_published
from learning.text import text_for_output

FEED_ITEMS = 30


def tag_authority() -> str:
    """The domain in our tag URIs: FEED_TAG_AUTHORITY, else the host of SITE_URL."""
    configured = getattr(settings, "FEED_TAG_AUTHORITY", "")
    return configured or urlsplit(settings.SITE_URL).hostname or "localhost"


def article_tag_uri(article: Article, translation: ArticleTranslation | None = None) -> str:
    """`tag:kasumi.example,2026-04-01:article/106` (`/en` for its English translation)."""
    minted = article.created_at.date().isoformat()
    suffix = f"/{translation.language}" if translation else ""
    return f"tag:{tag_authority()},{minted}:article/{article.pk}{suffix}"


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


@dataclass(frozen=True)
class FeedScope:
    language: str  # "" for every article
    readers: tuple[str, ...]  # languages to choose each article's translation by


class _EntryLanguageAtom(XmlSafeAtomFeed):
    """Atom with `xml:lang` on each entry: a mixed feed's entries are in several languages."""

    def item_attributes(self, item: dict[str, Any]) -> dict[str, str]:
        attributes = dict(super().item_attributes(item))
        if item.get("language"):
            attributes["xml:lang"] = item["language"]
        return attributes


class ArticleRssFeed(Feed):
    feed_type: type[SyndicationFeed] = XmlSafeRssFeed
    title = _("Kasumi: news and translated documents")
    description = _("News and documents about refugees in Japan, translated by Kasumi volunteers.")
    url_name = "hub:article-feed-rss"

    def get_object(self, request: HttpRequest, language: str = "") -> FeedScope:
        if language and language not in LANGUAGE_NAMES:
            raise Http404
        readers = (language,) if language else reader_languages(interface=get_language())
        return FeedScope(language=language, readers=readers)

    def get_feed(self, obj: FeedScope, request: HttpRequest) -> SyndicationFeed:
        feed = super().get_feed(obj, request)
        # A one-language feed is in that language; a mixed one has none (RSS) or says it per
        # entry (Atom), its own title being in the interface language.
        feed.feed["language"] = obj.language or self.mixed_language()
        return feed

    def mixed_language(self) -> str | None:
        return None

    def link(self, obj: FeedScope) -> str:
        url = reverse("hub:article-list")
        return f"{url}?lang={obj.language}" if obj.language else url

    def feed_url(self, obj: FeedScope) -> str:
        kwargs = {"language": obj.language} if obj.language else {}
        return reverse(self.url_name + ("-language" if obj.language else ""), kwargs=kwargs)

    def items(self, obj: FeedScope) -> list[Article]:
        articles = list(article_list_published(language=obj.language)[:FEED_ITEMS])
        for article in articles:
            # Per item, not on the feed: one feed instance serves every request.
            article.feed_translation = choose_translation(
                article.visible_translations, obj.readers, article.original_language
            )
        return articles

    def _translation(self, item: Article) -> ArticleTranslation | None:
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
        translation = self._translation(item)
        dates = [item.updated_at, translation.updated_at if translation else None]
        return max(d for d in dates if d is not None)

    def item_author_name(self, item: Article) -> str:
        return item.author_name

    def item_categories(self, item: Article) -> list[str]:
        return [tag.name for tag in item.tags.all()]

    def item_guid(self, item: Article) -> str:
        return article_tag_uri(item, self._translation(item))

    item_guid_is_permalink = False

    def item_extra_kwargs(self, item: Article) -> dict[str, Any]:
        translation = self._translation(item)
        return {"language": translation.language if translation else item.original_language}


class ArticleAtomFeed(ArticleRssFeed):
    feed_type = _EntryLanguageAtom
    subtitle = ArticleRssFeed.description
    url_name = "hub:article-feed-atom"

    def mixed_language(self) -> str | None:
        return get_language()
