"""`manage.py restore FILE --replace`: put back what `manage.py backup` wrote."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from learning.backups import BackupError, backup_restore


class Command(BaseCommand):
    help = "Replace the database with a backup archive's and restore its media files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="an archive written by manage.py backup")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="confirm that the current database is to be replaced",
        )

    def handle(self, *args: Any, archive: Path, replace: bool, **options: Any) -> None:
        if not replace:
            raise CommandError("Restoring replaces the whole database: pass --replace to go on.")
        try:
            manifest = backup_restore(archive_path=archive)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored the {manifest['engine']} database of {manifest['created']} "
            f"and {manifest['media_files']} media files."
        )
