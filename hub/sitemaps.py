"""Sitemaps of the public pages (published content only)."""

from django.contrib.sitemaps import Sitemap

SITEMAPS: dict[str, type[Sitemap]] = {}
