"""Lay the interface-translation corrections made in the browser over the catalogue files.

Run at start-up (`make run`, `make serve`, a deploy), so the corrections survive a new release;
run in a checkout with the production database to write them into the repository for a commit."""

from django.core.management.base import BaseCommand

from learning.catalogues import catalogues_apply


class Command(BaseCommand):
    help = "Apply the interface-translation corrections made in the browser to the catalogues."

    def handle(self, *args: object, **options: object) -> None:
        changed = catalogues_apply()
        self.stdout.write(f"{changed} catalogue entries corrected.")
