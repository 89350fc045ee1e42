"""`manage.py bench`: benchmark figures, each a ratio against a baseline run in the same process.

The first figure is the baseline itself: a trivial view (`/healthz`) served by the test client
on a fresh in-memory test database. Engine figures come from each app's bench module.
"""

import time
from collections.abc import Callable
from typing import Any

from django.core.cache import caches
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import setup_test_environment, teardown_test_environment


def _best_seconds_per_call(fn: Callable[[], Any], calls: int, repeats: int = 5) -> float:
    best = float("inf")
    for _ in range(repeats):
        caches["shared"].clear()  # throttle counts: a benchmark is not an abuser
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        best = min(best, (time.perf_counter() - start) / calls)
    return best


class Command(BaseCommand):
    help = "Print benchmark figures (ratios against baselines measured in the same run)."

    def handle(self, *args: Any, **options: Any) -> None:
        setup_test_environment()
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            self._web_figures()
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
            teardown_test_environment()
        self._engine_figures()

    def _row(self, label: str, value: str) -> None:
        self.stdout.write(f"{label:<58} {value}")

    def _web_figures(self) -> None:
        client = Client()
        baseline = _best_seconds_per_call(lambda: client.get("/healthz"), calls=200)
        self._row("baseline: GET /healthz (test client)", f"{baseline * 1e3:.3f} ms/request")
        for path in ("/", "/accounts/login/", "/api/v1/schema/"):
            seconds = _best_seconds_per_call(lambda p=path: client.get(p), calls=50, repeats=3)
            self._row(f"GET {path}", f"{seconds / baseline:.2f}x baseline "
                                     f"({seconds * 1e3:.2f} ms)")

    def _engine_figures(self) -> None:
        from lessons.bench import furigana_figures

        for label, value in furigana_figures():
            self._row(label, value)
