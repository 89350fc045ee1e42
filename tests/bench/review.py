"""Bench figures of reviews (called by `make bench` inside its test database).

The review page's served time against the trivial baseline measured in turn with it, with 10
and with 5,000 words (each a due review card and a new card; it should stay flat): the same
card shown again, and the next card after an answer (what a learner waits for), the answer's
POST itself (it prepares that next page), and FSRS scheduling of 5,000 cards.
"""

import re
import statistics
import time
import uuid
from collections.abc import Callable, Mapping
from datetime import timedelta
from functools import partial
from typing import Any

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

CARD_RE = re.compile(r'data-card="(\d+-\w+)"')


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


def _interleaved(fns: Mapping[str, Callable[[], Any]], rounds: int) -> dict[str, float]:
    """Median seconds of each call, the calls taken in turn round after round: a busy
    neighbour on the shared machine slows the baselines and the page alike."""
    for fn in fns.values():
        fn()
    times: dict[str, list[float]] = {label: [] for label in fns}
    for _ in range(rounds):
        for label, fn in fns.items():
            start = time.perf_counter()
            fn()
            times[label].append(time.perf_counter() - start)
    return {label: statistics.median(values) for label, values in times.items()}


def _next_card_after_answer(client: Client, posts: list[float]) -> Callable[[], Any]:
    """A step of a learner's review: rate the card shown Good (timed into *posts*: the answer
    is saved and the next card's page prepared there), then GET /review/ (where the answer
    redirects to), which shows the next card."""
    state = {"card": ""}

    def answered() -> float:
        card = state["card"]
        if card:
            item, _sep, kind = card.partition("-")
            start = time.perf_counter()
            client.post(
                "/review/answer/",
                {"item": item, "kind": kind, "rating": "good", "client_key": uuid.uuid4().hex},
            )
            posts.append(time.perf_counter() - start)
        start = time.perf_counter()
        response = client.get("/review/")
        elapsed = time.perf_counter() - start
        found = CARD_RE.search(response.content.decode())
        state["card"] = found.group(1) if found else ""
        return elapsed

    return answered


def _ratio(seconds: float, baseline: float) -> str:
    return f"{seconds / baseline:.2f}x trivial baseline ({seconds * 1e3:.2f} ms)"


def review_figures(row: Callable[[str, str], None]) -> None:
    """The review page against two baselines measured in turn with it: the trivial one
    (anonymous /healthz) and /healthz for the same signed-in learner (what the session and
    the account cost on every page)."""
    from lessons.review import scheduling

    for cards in (10, 5000):
        client = Client()
        client.force_login(_learner_with_cards(f"bench{cards}", cards))
        anonymous = Client()
        medians = _interleaved(
            {
                "trivial": partial(anonymous.get, "/healthz"),
                "signed-in": partial(client.get, "/healthz"),
                "review": partial(client.get, "/review/"),
            },
            rounds=40,
        )
        trivial = medians["trivial"]
        row(
            f"GET /review/ with {cards:,} cards, same card (target <= 3x)",
            _ratio(medians["review"], trivial),
        )
        # The next card after each answer: as many answers as the smaller learner has due.
        posts: list[float] = []
        step = _next_card_after_answer(client, posts)
        after: list[float] = []
        base: list[float] = []
        for _ in range(8):
            start = time.perf_counter()
            anonymous.get("/healthz")
            base.append(time.perf_counter() - start)
            after.append(step())
        next_card = statistics.median(after[1:])
        row(
            f"  the next card after an answer, {cards:,} cards",
            _ratio(next_card, statistics.median(base)),
        )
        row(
            "  the answer itself (POST: saved, next card prepared)",
            _ratio(statistics.median(posts), statistics.median(base)),
        )
        row(
            "  signed-in /healthz (session and account alone)",
            f"{medians['signed-in'] / trivial:.2f}x trivial baseline",
        )
    now = timezone.now()
    states = [scheduling.new_state(now) for _ in range(5000)]
    start = time.perf_counter()
    for state in states:
        scheduling.schedule(state, 3, now)
    row("FSRS next due dates of 5,000 cards", f"{time.perf_counter() - start:.3f} s")
