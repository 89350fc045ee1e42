"""The benchmark run: figures, each a ratio against a baseline run in the same process.

The first figure is the baseline itself: a trivial view (`/healthz`) served by the test client
on a fresh in-memory test database holding the demo data, measured in turn with each page.
Then the bytes each page sends (gzip), the review page, and the engine figures of each app's
bench module. Throughput under load is `make load` (tests/bench/load.py).
"""

import gzip
import io
import re
import tracemalloc
from functools import partial
from pathlib import Path
from typing import Any, cast

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.db.models import Count
from django.template.base import Template
from django.test import Client
from django.test.utils import (
    _TestState,
    override_settings,
    setup_test_environment,
    teardown_test_environment,
)

# Style sheets and scripts a page loads (audio is fetched only when a learner plays it).
ASSET_RE = re.compile(r'<(?:link rel="stylesheet" href|script src)="([^"]+)"')


def _body(response: Any) -> bytes:
    content = b"".join(response) if response.streaming else response.content
    return gzip.decompress(content) if response.get("Content-Encoding") == "gzip" else content


def _asset_bytes(client: Client, url: str) -> int:
    """Bytes whitenoise sends for a static file (its pre-compressed copy after collectstatic);
    before collectstatic, the gzip size of the file the finders find."""
    name = url.removeprefix(settings.STATIC_URL)
    if (Path(settings.STATIC_ROOT) / name).is_file():
        response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        return len(b"".join(response) if response.streaming else response.content)
    found = finders.find(name)
    return len(gzip.compress(Path(str(found)).read_bytes())) if found else 0


class Command(BaseCommand):
    help = "Print benchmark figures (ratios against baselines measured in the same run)."

    def handle(self, *args: Any, **options: Any) -> None:
        setup_test_environment()
        # Pages rendered as in production: the test environment's template instrumentation
        # (a signal per template, for assertTemplateUsed) would slow template-heavy pages only.
        Template._render = _TestState.saved_data.template_render  # type: ignore[attr-defined]
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
                    for scope in cast(
                        dict[str, str], settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
                    )
                },
            }
            with override_settings(REST_FRAMEWORK=unthrottled):
                self._web_figures()
            self._deck_figures()
            from tests.bench.audio import audio_figures

            for label, value in audio_figures():
                self._row(label, value)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
            teardown_test_environment()
        self._engine_figures()

    def _row(self, label: str, value: str) -> None:
        self.stdout.write(f"{label:<58} {value}")

    def _web_figures(self) -> None:
        from lessons.models import Lesson
        from tests.bench.review import _interleaved, review_figures

        client = Client()
        paths = ["/", "/courses/", "/news/", "/partners/", "/api/v1/schema/"]
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
        # Each page in turn with the baseline, so both see the same load on a shared machine.
        medians = _interleaved(
            {"/healthz": partial(client.get, "/healthz")}
            | {path: partial(client.get, path) for path in paths},
            rounds=60,
        )
        baseline = medians["/healthz"]
        self._row("baseline: GET /healthz (test client, median)", f"{baseline * 1e3:.3f} ms")
        for path in paths:
            seconds = medians[path]
            label = f"GET {path}" + (
                " (largest demo lesson)" if largest and path == largest.get_absolute_url() else ""
            )
            self._row(label, f"{seconds / baseline:.2f}x baseline ({seconds * 1e3:.2f} ms)")
        self._weight_figures(client, paths[:-1], largest)
        review_figures(self._row)

    def _weight_figures(self, client: Client, paths: list[str], lesson: Any) -> None:
        """Bytes sent to a browser that accepts gzip: each page, and the lesson page with the
        style sheets and scripts it loads before any audio (target < 15 KB)."""
        for path in paths:
            response = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
            raw = _body(response)
            self._row(
                f"weight of {path} (sent gzip / HTML)",
                f"{len(response.content) / 1024:.1f} KB / {len(raw) / 1024:.1f} KB",
            )
        if lesson is None:
            return
        response = client.get(lesson.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip")
        total = len(response.content)
        assets = ASSET_RE.findall(_body(response).decode())
        for url in assets:
            total += _asset_bytes(client, url)
        self._row(
            f"lesson page before audio: HTML + {len(assets)} CSS/JS files (target < 15 KB)",
            f"{total / 1024:.1f} KB sent",
        )

    def _deck_figures(self) -> None:
        """The whole course export (database to .apkg) of 10,000 words against genanki alone
        writing the same notes."""
        from lessons.models import Course, Lesson, VocabularyItem
        from lessons.services import deck_export, deck_specs, ruby_map
        from tests.bench.anki import _best_of, _genanki_alone

        course = Course.objects.create(slug="bench-course", title="Bench", published=True)
        words = ["住民票", "在留カード", "病院", "保険証", "電車", "切符", "避難所", "地震"]
        entries = ruby_map([*words, *(f"{w}はどこですか。" for w in words)], {})
        for n in range(20):
            lesson = Lesson.objects.create(
                course=course, slug=f"l{n}", title=f"Lesson {n}", order=n, published=True
            )
            VocabularyItem.objects.bulk_create(
                VocabularyItem(
                    lesson=lesson,
                    order=i,
                    expression=words[i % 8],
                    example=f"{words[i % 8]}はどこですか。",
                    meanings={"en": f"word {i}", "my": f"စကားလုံး {i}"},
                    example_translations={"en": "Where is it?"},
                    anki_reading=entries[words[i % 8]]["anki"],
                    anki_sentence=entries[f"{words[i % 8]}はどこですか。"]["anki"],
                    ruby={
                        words[i % 8]: entries[words[i % 8]],
                        f"{words[i % 8]}はどこですか。": entries[f"{words[i % 8]}はどこですか。"],
                    },
                )
                for i in range(500)
            )
        counter = iter(range(1_000_000))

        def ours() -> bytes:
            # A new ETag each time: the export is built, never served from the cache.
            etag = f"bench-{next(counter)}"
            return deck_export(course=course, languages=("my",), etag=etag).content

        genanki_alone = _genanki_alone(deck_specs(course=course, languages=("my",)))
        tracemalloc.start()
        ours()
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        t_ours, t_genanki = _best_of([ours, genanki_alone], 3)
        self._row("course export, 10,000 words (database to .apkg)", f"{t_ours:.2f} s")
        self._row("genanki alone, the same notes", f"{t_genanki:.2f} s")
        self._row("ratio course export / genanki (target <= 1.5)", f"{t_ours / t_genanki:.2f}x")
        self._row("peak Python allocations of the course export", f"{peak / 2**20:.1f} MiB")

    def _engine_figures(self) -> None:
        from tests.bench.anki import anki_figures
        from tests.bench.furigana import furigana_figures

        for label, value in [*furigana_figures(), *anki_figures()]:
            self._row(label, value)
