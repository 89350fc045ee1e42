"""`manage.py synthesize_audio`: ask for the clips of every lesson (new readings, a new engine
version), queue again the clips a killed worker lost, and with --now make them in this process
instead of waiting for a worker."""

from typing import Any

from django.core.management.base import BaseCommand

from lessons.models import Audio
from lessons.services.audio import audio_refresh, audio_synthesize


class Command(BaseCommand):
    help = "Queue audio for every lesson text that has none (or a stale one)."

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
            made = 0
            waiting = Audio.objects.exclude(status__in=[Audio.Status.READY, Audio.Status.FAILED])
            for key in waiting.values_list("key", flat=True):
                made += audio_synthesize(key=key) is not None
            self.stdout.write(f"Synthesised {made} clip(s).")
