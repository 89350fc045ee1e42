"""`manage.py search_reindex`: rebuild the hub's search index (after loading fixtures or
changing the analyser)."""

from typing import Any

from django.core.management.base import BaseCommand

from hub.services import articles_index_all


class Command(BaseCommand):
    help = "Rebuild the search text of every article."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Indexed {articles_index_all()} article(s).")
