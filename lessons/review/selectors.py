"""Reads of reviews: the queue, the due counts, and the words a learner knows (for furigana)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.contrib.sessions.backends.base import SessionBase

from lessons.models import VocabularyItem
from lessons.review import scheduling
from lessons.review.fading import MAX_KNOWN_PAIRS, ruby_pairs
from lessons.review.models import CardKind, CardQueue, ReviewCard
from lessons.review.services import ReviewPrefs, day_start, now, review_prefs_get
from lessons.review.store import Card, items_published, items_published_in, store_for

# A card in a learning step due within this time is shown now rather than after a wait
# (Anki's "learn ahead limit").
LEARN_AHEAD = timedelta(minutes=20)
MAX_QUEUE = 100
#: Words offered on a chosen recall card (the right one among them).
CHOICES = 4
#: Other words read to draw the wrong choices from, per query.
MAX_CHOICE_CANDIDATES = 50


@dataclass(frozen=True)
class QueueCard:
    item: VocabularyItem
    kind: str
    card: Card | None  # None: a new card, never reviewed

    @property
    def is_new(self) -> bool:
        return self.card is None or self.card.reps == 0

    def state(self, moment: datetime) -> scheduling.CardState:
        return self.card.state if self.card else scheduling.new_state(moment)


@dataclass(frozen=True)
class ReviewQueue:
    cards: list[QueueCard]
    due: int  # reviews left today (within the daily limit)
    new: int  # new cards left today (within the daily limit)
    prefs: ReviewPrefs
    now: datetime

    @property
    def total(self) -> int:
        return self.due + self.new


@dataclass(frozen=True)
class DueCounts:
    due: int
    new: int

    @property
    def total(self) -> int:
        return self.due + self.new


def _remaining(store: Any, prefs: ReviewPrefs, moment: datetime) -> tuple[int, int]:
    new_done, reviews_done = store.counts_since(day_start(moment))
    return max(0, prefs.new_per_day - new_done), max(0, prefs.reviews_per_day - reviews_done)


def review_due_counts(*, learner: Any, session: SessionBase | None) -> DueCounts:
    """Cards due by the end of today and new cards, each within the learner's daily limit.
    No query for a visitor who has neither studied nor reviewed anything."""
    store = store_for(learner=learner, session=session)
    if store is None or (
        not getattr(learner, "is_authenticated", False)
        and store.is_empty()  # type: ignore[union-attr]
        and not store.studied_lesson_ids()
    ):
        return DueCounts(0, 0)
    moment = now()
    prefs = review_prefs_get(learner=learner, session=session)
    new_left, reviews_left = _remaining(store, prefs, moment)
    end_of_day = day_start(moment) + timedelta(days=1)
    due = store.due_count(end_of_day, reviews_left)
    return DueCounts(due, store.new_count(new_left))


def review_queue(*, learner: Any, session: SessionBase | None, limit: int = 1) -> ReviewQueue:
    """The next *limit* cards to review now (due ones first, then new ones), with the counts."""
    moment = now()
    prefs = review_prefs_get(learner=learner, session=session)
    store = store_for(learner=learner, session=session)
    if store is None:
        return ReviewQueue([], 0, 0, prefs, moment)
    limit = max(1, min(limit, MAX_QUEUE))
    new_left, reviews_left = _remaining(store, prefs, moment)
    ahead = store.due(moment + LEARN_AHEAD, min(limit, reviews_left))
    # Fewer due cards than asked for are all there are: no need to count them again.
    due_total = (
        store.due_count(moment + LEARN_AHEAD, reviews_left)
        if len(ahead) == min(limit, reviews_left)
        else len(ahead)
    )
    # Today's new cards (at most the daily limit) give both the count and the cards shown.
    new_today = store.new_cards(new_left)
    new_total = len(new_today)
    # Cards due now come first, then new ones; a card whose learning step ends within the
    # learn-ahead window waits while there is anything else (as in Anki), so a word just
    # answered does not come straight back.
    due_cards = [c for c in ahead if c.state.due <= moment]
    if not due_cards and not new_today:
        due_cards = ahead
    new_ids = new_today[: max(0, limit - len(due_cards))]
    wanted = [c.item_id for c in due_cards] + [pk for pk, _kind in new_ids]
    items = store.items(wanted)
    cards = [QueueCard(items[c.item_id], c.kind, c) for c in due_cards if c.item_id in items]
    cards += [QueueCard(items[pk], kind, None) for pk, kind in new_ids if pk in items]
    return ReviewQueue(cards, due_total, new_total, prefs, moment)


def review_card_get(
    *, learner: Any, session: SessionBase | None, item_id: int, kind: str
) -> QueueCard | None:
    """One card of a published word (new if the learner has none yet); None if no such word."""
    if kind not in CardKind.values:
        return None
    item = items_published([item_id]).first()
    if item is None:
        return None
    store = store_for(learner=learner, session=session)
    return QueueCard(item, kind, store.get(item_id, kind) if store else None)


def review_recall_choices(
    *, learner: Any, session: SessionBase | None, item: VocabularyItem, count: int = CHOICES
) -> list[VocabularyItem]:
    """Up to *count* words to choose from for a recall card: *item* and others of the lessons
    the learner studied (its own lesson first), never two written alike, in an order fixed per
    word (a reload shows the same choices). Empty when there is nothing else to choose from.
    Three queries at most (the studied lessons, then two each bounded by
    `MAX_CHOICE_CANDIDATES`)."""
    store = store_for(learner=learner, session=session)
    studied = [pk for pk in (store.studied_lesson_ids() if store else []) if pk != item.lesson_id]
    seen = {item.expression}
    pool: list[VocabularyItem] = []
    for lessons in ([item.lesson_id], studied):
        if len(pool) >= count - 1 or not lessons:
            continue
        candidates = (
            items_published_in(lessons)
            .exclude(expression=item.expression)
            .only("pk", "expression", "reading", "ruby", "lesson_id")
            .order_by("lesson_id", "order", "pk")[:MAX_CHOICE_CANDIDATES]
        )
        fresh = [c for c in candidates if c.expression not in seen]
        # Not a secret: a fixed order per word, so a reload offers the same words.
        random.Random(f"{item.pk}:{len(pool)}").shuffle(fresh)  # noqa: S311
        for candidate in fresh:
            if len(pool) < count - 1 and candidate.expression not in seen:
                seen.add(candidate.expression)
                pool.append(candidate)
    if not pool:
        return []
    choices = [item, *pool]
    random.Random(item.pk).shuffle(choices)  # noqa: S311
    return choices


def review_known_pairs(
    *, learner: Any, session: SessionBase | None, prefs: ReviewPrefs | None = None
) -> frozenset[tuple[str, str]]:
    """The (base, reading) ruby pairs of the words whose recognition card is known, when the
    learner chose fading furigana; empty otherwise. Two queries at most."""
    prefs = prefs or review_prefs_get(learner=learner, session=session)
    store = store_for(learner=learner, session=session)
    if not prefs.fade_furigana or store is None:
        return frozenset()
    ids = [
        item_id
        for item_id, kind in store.known_cards(scheduling.KNOWN_STABILITY_DAYS, MAX_KNOWN_PAIRS)
        if kind == CardKind.RECOGNITION
    ]
    if not ids:
        return frozenset()
    pairs: set[tuple[str, str]] = set()
    for expression, ruby in VocabularyItem.objects.filter(pk__in=ids).values_list(
        "expression", "ruby"
    ):
        entry = ruby.get(expression) if isinstance(ruby, dict) else None
        html = entry.get("html") if isinstance(entry, dict) else None
        if isinstance(html, str):
            pairs.update(ruby_pairs(html))
    return frozenset(list(pairs)[:MAX_KNOWN_PAIRS])


def review_next_change(*, learner: Any, moment: datetime) -> datetime | None:
    """When the learner's review page next changes by itself, as time passes (two indexed
    queries); None for a visitor."""
    if not getattr(learner, "is_authenticated", False):
        return None
    later = ReviewCard.objects.filter(learner=learner, queue=CardQueue.REVIEW).order_by("due")
    # The next card to fall due (it comes before new cards then), and the next to come within
    # the learn-ahead window (it is shown when nothing else is left).
    due = later.filter(due__gt=moment).values_list("due", flat=True).first()
    ahead = later.filter(due__gt=moment + LEARN_AHEAD).values_list("due", flat=True).first()
    moments = [m for m in (due, ahead - LEARN_AHEAD if ahead else None) if m is not None]
    return min(moments, default=None)
