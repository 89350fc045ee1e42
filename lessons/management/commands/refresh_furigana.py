"""`manage.py refresh_furigana`: re-render lessons rendered by another engine version or
reading list (or never rendered, e.g. just loaded from fixtures)."""

from typing import Any

from django.core.management.base import BaseCommand

from lessons.models import Course
from lessons.services import course_render, furigana_refresh_stale


class Command(BaseCommand):
    help = "Re-render stale furigana (all of it with --all)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--all", action="store_true", help="Re-render every lesson.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["all"]:
            count = sum(course_render(course) for course in Course.objects.all())
        else:
            count = furigana_refresh_stale()
        self.stdout.write(f"Rendered {count} lesson(s).")
