"""Sitemap of the published courses and their published lessons."""

from datetime import datetime

from django.contrib.sitemaps import Sitemap

from lessons.models import Course, Lesson


class LessonSitemap(Sitemap):
    """Published courses and their published lessons."""

    changefreq = "weekly"
    priority = 0.9

    def items(self) -> list[Course | Lesson]:
        courses = list(Course.objects.filter(published=True).order_by("slug"))
        lessons = list(
            Lesson.objects.filter(published=True, course__published=True)
            .select_related("course")
            .order_by("course__slug", "order", "pk")
        )
        return [*courses, *lessons]

    def lastmod(self, item: Course | Lesson) -> datetime:
        return item.updated_at
