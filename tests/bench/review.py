"""Bench figures of reviews (called by `manage.py bench` inside its test database).

The review page's served time against the trivial baseline, with 10 and with 5,000 words (each
a due review card and a new card; it should stay flat), and FSRS scheduling of 5,000 cards.
"""

import statistics
import time
from collections.abc import Callable
from datetime import timedelta
from functools import partial
from typing import Any

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone


def _median(fn: Callable[[], Any], calls: int) -> float:
    for _ in range(3):
        fn()
    times = []
    for _ in range(calls):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _learner_with_cards(name: str, cards: int) -> Any:
    from lessons.models import Course, Lesson, LessonProgress, VocabularyItem
    from lessons.review.models import ReviewCard

    learner = get_user_model().objects.create_user(username=name, password=name * 3)
    course = Course.objects.create(slug=f"bench-{name}", title=name, published=True)
    lesson = Lesson.objects.create(course=course, slug="l", title="L", published=True)
    now = timezone.now()
    items = VocabularyItem.objects.bulk_create(
        VocabularyItem(
            lesson=lesson,
            order=i,
            expression="病院",
            reading="びょういん",
            meanings={"en": f"word {i}"},
        )
        for i in range(cards)
    )
    # Studying the lesson makes a new card of each kind per word (as on the site); then the
    # word-to-meaning cards become reviews, due over the last two days.
    LessonProgress.objects.create(learner=learner, lesson=lesson, started_at=now)
    for i, item in enumerate(items):
        ReviewCard.objects.filter(learner=learner, item=item, kind="recognition").update(
            queue=0,
            state=2,
            stability=5.0,
            difficulty=5.0,
            due=now - timedelta(hours=1 + i % 48),
            last_review=now - timedelta(days=5),
            reps=3,
        )
    return learner


def review_figures(baseline: float, row: Callable[[str, str], None]) -> None:
    from lessons.review import scheduling

    for cards in (10, 5000):
        client = Client()
        client.force_login(_learner_with_cards(f"bench{cards}", cards))
        seconds = _median(partial(client.get, "/review/"), calls=40)
        row(
            f"GET /review/ with {cards:,} cards (target <= 3x)",
            f"{seconds / baseline:.2f}x baseline ({seconds * 1e3:.2f} ms)",
        )
    now = timezone.now()
    states = [scheduling.new_state(now) for _ in range(5000)]
    start = time.perf_counter()
    for state in states:
        scheduling.schedule(state, 3, now)
    row("FSRS next due dates of 5,000 cards", f"{time.perf_counter() - start:.3f} s")
