"""`manage.py synthesize_audio`: ask every app for the clips of all its texts (lesson words,
sentences, lines and listening exercises; Japanese article paragraphs), queue again the clips a
killed worker lost, and with --now make them in this process instead of waiting for a worker.

Clips are named by a digest of reading, voice and engine version, so after an upgrade of the
engine this asks for the new ones."""

from typing import Any

from django.core.management.base import BaseCommand

from learning.audio.services import audio_refresh, audio_synthesize_waiting


class Command(BaseCommand):
    help = "Queue audio for every text that has none (or a stale one)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--retry-failed", action="store_true", help="Try the failed clips again too."
        )
        parser.add_argument(
            "--now",
            action="store_true",
            help="Synthesise the waiting clips here and now, without a queue worker.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        new, again = audio_refresh(retry_failed=options["retry_failed"])
        self.stdout.write(f"Queued {new} new clip(s) and {again} lost or failed one(s).")
        if options["now"]:
            self.stdout.write(f"Synthesised {audio_synthesize_waiting()} clip(s).")
