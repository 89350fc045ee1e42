"""Audio figures of `make bench`: synthesis speed (real-time factor, per lesson), queue
throughput with one worker, course deck size with audio, and a lesson page's weight before
any audio is played. Runs in the bench's test database with the demo course loaded."""

import tempfile
import time
from typing import Any

from django.db.models import Sum
from django.test import Client, override_settings


def audio_figures() -> list[tuple[str, str]]:
    from learning.audio.services import audio_refresh
    from learning.audio.tasks import audio_make
    from learning.models import Audio
    from lessons.models import Course, Lesson
    from lessons.services import deck_export

    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as media:
        storages: dict[str, Any] = {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
            "audio": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": media, "base_url": "/courses/"},
            },
        }
        tasks = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        with override_settings(STORAGES=storages, TASKS=tasks):
            audio_refresh()
            lesson = Lesson.objects.filter(published=True).select_related("course")[0]
            page = Client().get(lesson.get_absolute_url())
            rows.append(("lesson page before audio is played (HTML)", f"{len(page.content)} B"))
            keys = list(Audio.objects.values_list("key", flat=True))
            audio_make.call(keys[0])  # the synthesiser's one-off load is not throughput
            start = time.perf_counter()
            for key in keys[1:]:
                audio_make.call(key)
            elapsed = time.perf_counter() - start
            made = Audio.objects.filter(key__in=keys[1:], status=Audio.Status.READY)
            totals = made.aggregate(seconds=Sum("seconds"), size=Sum("size"))
            lessons = Lesson.objects.count() or 1
            rows += [
                ("clips synthesised by one worker (demo data)", f"{len(keys) - 1}"),
                ("queue throughput, one worker", f"{(len(keys) - 1) / elapsed:.1f} clips/s"),
                ("real-time factor (synthesis s / audio s)", f"{elapsed / totals['seconds']:.3f}"),
                (
                    "synthesis per demo lesson",
                    f"{elapsed * len(keys) / (len(keys) - 1) / lessons:.1f} s",
                ),
                ("audio size per second", f"{totals['size'] / totals['seconds'] / 1000:.1f} KB"),
            ]
            for course in Course.objects.filter(published=True):
                deck = deck_export(course=course, languages=("en",), etag=f"bench-{course.pk}")
                rows.append(
                    (f"deck with audio: {course.slug}", f"{len(deck.content) / 1e6:.2f} MB")
                )
    return rows
