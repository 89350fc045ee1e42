"""`manage.py bench`: benchmark figures, each a ratio against a baseline run in the same process.

The first figure is the baseline itself: a trivial view (`/healthz`) served by the test client
on a fresh in-memory test database holding the demo data. Engine figures come from each app's
bench module.
"""

import io
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import (
    override_settings,
    setup_test_environment,
    teardown_test_environment,
)


def _median_seconds(fn: Callable[[], Any], calls: int) -> float:
    """Median wall time of *calls* calls, after a few warm-up calls."""
    for _ in range(3):
        fn()
    times = []
    for _ in range(calls):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


class Command(BaseCommand):
    help = "Print benchmark figures (ratios against baselines measured in the same run)."

    def handle(self, *args: Any, **options: Any) -> None:
        setup_test_environment()
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            fixtures = sorted(str(p) for p in (Path(settings.BASE_DIR) / "fixtures").glob("*.json"))
            if fixtures:
                call_command("loaddata", *fixtures, verbosity=0)
            call_command("refresh_furigana", verbosity=0, stdout=io.StringIO())
            # A benchmark is not an abuser: lift the API throttles for it.
            unthrottled = {
                **settings.REST_FRAMEWORK,
                "DEFAULT_THROTTLE_RATES": {
                    scope: "1000000/min"
                    for scope in settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
                },
            }
            with override_settings(REST_FRAMEWORK=unthrottled):
                self._web_figures()
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
            teardown_test_environment()
        self._engine_figures()

    def _row(self, label: str, value: str) -> None:
        self.stdout.write(f"{label:<58} {value}")

    def _web_figures(self) -> None:
        from lessons.models import Lesson

        client = Client()
        baseline = _median_seconds(lambda: client.get("/healthz"), calls=300)
        self._row("baseline: GET /healthz (test client, median)", f"{baseline * 1e3:.3f} ms")
        paths = ["/", "/courses/", "/api/v1/schema/"]
        largest = (
            Lesson.objects.filter(published=True, course__published=True)
            .annotate(
                size=Count("passages", distinct=True)
                + Count("vocabulary", distinct=True)
                + Count("exercises", distinct=True)
            )
            .order_by("-size")
            .select_related("course")
            .first()
        )
        if largest is not None:
            paths.insert(2, largest.get_absolute_url())
        for path in paths:
            seconds = _median_seconds(lambda p=path: client.get(p), calls=60)
            label = f"GET {path}" + (
                " (largest demo lesson)" if largest and path == largest.get_absolute_url() else ""
            )
            self._row(label, f"{seconds / baseline:.2f}x baseline ({seconds * 1e3:.2f} ms)")

    def _engine_figures(self) -> None:
        from lessons.anki_bench import anki_figures
        from lessons.bench import furigana_figures

        for label, value in [*furigana_figures(), *anki_figures()]:
            self._row(label, value)
