"""`manage.py render_articles`: render the HTML and furigana of articles rendered by another
version (or never, e.g. just loaded from fixtures); `--all` renders every article."""

from typing import Any

from django.core.management.base import BaseCommand

from hub.services import articles_render_stale


class Command(BaseCommand):
    help = "Render stale article HTML and furigana (all of it with --all)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--all", action="store_true", help="Render every article.")

    def handle(self, *args: Any, **options: Any) -> None:
        count = articles_render_stale(everything=options["all"])
        self.stdout.write(f"Rendered {count} article(s).")
