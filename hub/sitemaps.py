"""Sitemaps of the hub's public pages (published content only) and the site's top pages.

An article's entry lists its published translations as hreflang alternates (the original's
language among them), as search engines expect for pages in several languages.
"""

from datetime import datetime
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from hub.models import Article, Organisation
from hub.selectors import article_list_published


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self) -> QuerySet[Article]:
        return article_list_published()

    def lastmod(self, item: Article) -> datetime:
        return item.updated_at

    def get_urls(self, page: int | str = 1, site: Any = None, protocol: str | None = None) -> Any:
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            article: Article = url["item"]
            base = url["location"]
            url["alternates"] = [
                {"lang_code": article.original_language, "location": base},
                *(
                    {"lang_code": t.language, "location": f"{base}?lang={t.language}"}
                    for t in article.visible_translations
                ),
            ]
        return urls


class OrganisationSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self) -> QuerySet[Organisation]:
        return Organisation.objects.order_by("slug")

    def lastmod(self, item: Organisation) -> datetime:
        return item.updated_at


class HubPagesSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self) -> list[str]:
        return [
            "hub:article-list",
            "hub:organisation-list",
            "lessons:course-list",
            "letters:letter-index",
            "letters:voice-list",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS: dict[str, type[Sitemap]] = {
    "hub": HubPagesSitemap,
    "articles": ArticleSitemap,
    "partners": OrganisationSitemap,
}
