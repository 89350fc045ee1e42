"""Sitemaps of the hub's public pages (published content only) and the site's top pages."""

from datetime import datetime

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
