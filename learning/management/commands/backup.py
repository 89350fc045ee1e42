"""`manage.py backup FILE`: the database and uploaded media in one archive (see README)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from learning.backups import BackupError, backup_create


class Command(BaseCommand):
    help = "Write the database and the uploaded media to a .tar.gz archive (holds personal data)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("output", type=Path, help="the archive to write, e.g. kasumi.tar.gz")

    def handle(self, *args: Any, output: Path, **options: Any) -> None:
        try:
            manifest = backup_create(output=output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Wrote {output}: {manifest['engine']} database, {manifest['media_files']} media files."
        )
