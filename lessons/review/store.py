"""Where a learner's cards and review log live: the database when signed in, the session when not.

Both stores offer the same few operations, so the selectors and services have one code path.
The session store is bounded (`MAX_SESSION_CARDS`, `MAX_SESSION_LOGS`); the database log is
append-only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.sessions.backends.base import SessionBase
from django.db.models import Count, Q, QuerySet
from django.utils.dateparse import parse_datetime

from lessons.models import LessonProgress, VocabularyItem
from lessons.review.models import NEW_QUEUE_OF_KIND, CardKind, CardQueue, ReviewCard, ReviewLog
from lessons.review.scheduling import CardState
from lessons.selectors import SESSION_PROGRESS_KEY

KIND_OF_NEW_QUEUE = {queue: kind for kind, queue in NEW_QUEUE_OF_KIND.items()}
SESSION_KEY = "review"
MAX_SESSION_CARDS = 2000
MAX_SESSION_LOGS = 3000
# Lessons whose words may enter the queue: only published ones of published courses.
_PUBLISHED = Q(lesson__published=True, lesson__course__published=True)


@dataclass(frozen=True)
class Card:
    """One card as pages and the API see it, wherever it is stored."""

    item_id: int
    kind: str
    state: CardState
    reps: int = 0
    lapses: int = 0
    created_at: datetime | None = None
    # Made when its lesson was studied and waiting among the new cards (never reviewed, not
    # brought forward); only the database store has such cards.
    queued_new: bool = False


@dataclass(frozen=True)
class LogEntry:
    client_key: str
    item_id: int
    kind: str
    rating: int
    reviewed_at: datetime
    duration_ms: int | None
    was_new: bool
    due_after: datetime
    stability_after: float | None


def _state_of(row: ReviewCard) -> CardState:
    return CardState(
        state=row.state,
        step=row.step,
        stability=row.stability,
        difficulty=row.difficulty,
        due=row.due,
        last_review=row.last_review,
    )


def card_of_row(row: ReviewCard) -> Card:
    return Card(
        row.item_id,
        row.kind,
        _state_of(row),
        row.reps,
        row.lapses,
        row.created_at,
        queued_new=row.queue != CardQueue.REVIEW,
    )


def _time(value: Any) -> datetime | None:
    return parse_datetime(value) if isinstance(value, str) else None


def items_published(ids: list[int]) -> QuerySet[VocabularyItem]:
    return VocabularyItem.objects.filter(_PUBLISHED, pk__in=ids).select_related("lesson__course")


def items_published_in(lesson_ids: list[int]) -> QuerySet[VocabularyItem]:
    return VocabularyItem.objects.filter(_PUBLISHED, lesson_id__in=lesson_ids)


class DbStore:
    def __init__(self, learner: Any) -> None:
        self.learner = learner
        # Words read with the due cards (one join), so the queue need not read them again.
        self._items: dict[int, VocabularyItem] = {}

    def items(self, ids: list[int]) -> dict[int, VocabularyItem]:
        """Published words by id: those already read with the due cards, the rest in one query."""
        missing = [pk for pk in ids if pk not in self._items]
        if missing:
            self._items.update((item.pk, item) for item in items_published(missing))
        return {pk: self._items[pk] for pk in ids if pk in self._items}

    def studied_lesson_ids(self) -> list[int]:
        return list(
            LessonProgress.objects.filter(learner=self.learner).values_list("lesson_id", flat=True)
        )

    def get(self, item_id: int, kind: str, *, lock: bool = False) -> Card | None:
        rows = ReviewCard.objects.filter(learner=self.learner, item_id=item_id, kind=kind)
        row = (rows.select_for_update() if lock else rows).first()
        return card_of_row(row) if row else None

    def put(self, card: Card) -> None:
        s = card.state
        ReviewCard.objects.update_or_create(
            learner=self.learner,
            item_id=card.item_id,
            kind=card.kind,
            defaults={
                "queue": CardQueue.REVIEW,
                "state": s.state,
                "step": s.step,
                "stability": s.stability,
                "difficulty": s.difficulty,
                "due": s.due,
                "last_review": s.last_review,
                "reps": card.reps,
                "lapses": card.lapses,
            },
            create_defaults={
                "queue": CardQueue.REVIEW,
                "state": s.state,
                "step": s.step,
                "stability": s.stability,
                "difficulty": s.difficulty,
                "due": s.due,
                "last_review": s.last_review,
                "reps": card.reps,
                "lapses": card.lapses,
                "created_at": card.created_at or s.due,
            },
        )

    def find_log(self, client_key: str) -> LogEntry | None:
        log = (
            ReviewLog.objects.filter(learner=self.learner, client_key=client_key)
            .select_related("card")
            .first()
        )
        if log is None:
            return None
        return LogEntry(
            log.client_key,
            log.card.item_id,
            log.card.kind,
            log.rating,
            log.reviewed_at,
            log.duration_ms,
            log.was_new,
            log.due_after,
            log.stability_after,
        )

    def add_log(self, entry: LogEntry) -> None:
        card = ReviewCard.objects.get(learner=self.learner, item_id=entry.item_id, kind=entry.kind)
        ReviewLog.objects.create(
            learner=self.learner,
            card=card,
            rating=entry.rating,
            reviewed_at=entry.reviewed_at,
            duration_ms=entry.duration_ms,
            client_key=entry.client_key,
            was_new=entry.was_new,
            due_after=entry.due_after,
            stability_after=entry.stability_after,
        )

    def counts_since(self, start: datetime) -> tuple[int, int]:
        """(new cards introduced, other reviews) since *start*."""
        counts = ReviewLog.objects.filter(learner=self.learner, reviewed_at__gte=start).aggregate(
            new=Count("pk", filter=Q(was_new=True)), old=Count("pk", filter=Q(was_new=False))
        )
        return counts["new"], counts["old"]

    def _rows(self, queue: int) -> QuerySet[ReviewCard]:
        # One range of the (learner, queue, due) index; the join only drops unpublished words.
        return ReviewCard.objects.filter(
            Q(item__lesson__published=True, item__lesson__course__published=True),
            learner=self.learner,
            queue=queue,
        )

    def due(self, until: datetime, limit: int) -> list[Card]:
        if limit <= 0:
            return []
        rows = (
            self._rows(CardQueue.REVIEW)
            .filter(due__lte=until)
            .select_related("item__lesson__course")
            .order_by("due", "pk")
        )
        cards = []
        for row in rows[:limit]:
            self._items[row.item_id] = row.item
            cards.append(card_of_row(row))
        return cards

    def due_count(self, until: datetime, cap: int) -> int:
        """Cards due by *until*, counted up to *cap* (the day's limit: no need to count on)."""
        if cap <= 0:
            return 0
        return self._rows(CardQueue.REVIEW).filter(due__lte=until).values("pk")[:cap].count()

    def _new_rows(self) -> QuerySet[ReviewCard]:
        # Both new queues lie above the reviews in the (learner, queue, due) index: one range,
        # recognition (queue 1) before recall (queue 2), so one query serves both kinds.
        return ReviewCard.objects.filter(
            Q(item__lesson__published=True, item__lesson__course__published=True),
            learner=self.learner,
            queue__gt=CardQueue.REVIEW,
        )

    def new_cards(self, limit: int) -> list[tuple[int, str]]:
        """(item id, kind) of cards never seen, recognition before recall, in the order their
        lessons were studied and their words listed."""
        if limit <= 0:
            return []
        rows = self._new_rows().order_by("queue", "due", "pk")
        return [
            (pk, str(KIND_OF_NEW_QUEUE[queue]))
            for pk, queue in rows.values_list("item_id", "queue")[:limit]
        ]

    def new_count(self, limit: int) -> int:
        """How many new cards there are, counted up to *limit* (no need to count further)."""
        if limit <= 0:
            return 0
        return self._new_rows().values("pk")[:limit].count()

    def known_cards(self, min_stability: float, limit: int) -> list[tuple[int, str]]:
        """(item id, kind) of cards whose stability reaches *min_stability*."""
        return list(
            ReviewCard.objects.filter(learner=self.learner, stability__gte=min_stability)
            .order_by("-stability")
            .values_list("item_id", "kind")[:limit]
        )


class SessionStore:
    """Cards keyed "item:kind" and a list of log entries, as JSON in the session."""

    def __init__(self, session: SessionBase) -> None:
        self.session = session
        stored = session.get(SESSION_KEY, {})
        stored = stored if isinstance(stored, dict) else {}
        cards = stored.get("cards")
        logs = stored.get("logs")
        self.cards: dict[str, dict[str, Any]] = dict(cards) if isinstance(cards, dict) else {}
        self.logs: list[dict[str, Any]] = list(logs) if isinstance(logs, list) else []
        prefs = stored.get("prefs")
        self.prefs: dict[str, Any] = dict(prefs) if isinstance(prefs, dict) else {}

    def save(self) -> None:
        self.logs = self.logs[-MAX_SESSION_LOGS:]
        self.session[SESSION_KEY] = {"cards": self.cards, "logs": self.logs, "prefs": self.prefs}

    def is_empty(self) -> bool:
        return not self.cards and not self.logs and not self.prefs

    def studied_lesson_ids(self) -> list[int]:
        stored = self.session.get(SESSION_PROGRESS_KEY, {})
        if not isinstance(stored, dict):
            return []
        return [int(k) for k in stored if str(k).isdigit()]

    @staticmethod
    def _card(key: str, data: Any) -> Card | None:
        try:
            item, kind = key.split(":", 1)
            due = _time(data["due"])
            if due is None or kind not in CardKind.values:
                return None
            state = CardState(
                state=int(data["state"]),
                step=None if data.get("step") is None else int(data["step"]),
                stability=None if data.get("stability") is None else float(data["stability"]),
                difficulty=None if data.get("difficulty") is None else float(data["difficulty"]),
                due=due,
                last_review=_time(data.get("last_review")),
            )
            return Card(
                int(item),
                kind,
                state,
                int(data.get("reps", 0)),
                int(data.get("lapses", 0)),
                _time(data.get("created_at")),
            )
        except (KeyError, TypeError, ValueError):
            return None

    def all_cards(self) -> list[Card]:
        return [c for k, v in self.cards.items() if (c := self._card(k, v)) is not None]

    def get(self, item_id: int, kind: str, *, lock: bool = False) -> Card | None:
        key = f"{item_id}:{kind}"
        return self._card(key, self.cards[key]) if key in self.cards else None

    def put(self, card: Card) -> None:
        s = card.state
        self.cards[f"{card.item_id}:{card.kind}"] = {
            "state": s.state,
            "step": s.step,
            "stability": s.stability,
            "difficulty": s.difficulty,
            "due": s.due.isoformat(),
            "last_review": s.last_review.isoformat() if s.last_review else None,
            "reps": card.reps,
            "lapses": card.lapses,
            "created_at": (card.created_at or s.due).isoformat(),
        }
        self.save()

    def all_logs(self) -> list[LogEntry]:
        out = []
        for data in self.logs:
            try:
                reviewed_at, due_after = _time(data["at"]), _time(data["due"])
                if reviewed_at is None or due_after is None:
                    continue
                out.append(
                    LogEntry(
                        str(data["key"]),
                        int(data["item"]),
                        str(data["kind"]),
                        int(data["rating"]),
                        reviewed_at,
                        None if data.get("ms") is None else int(data["ms"]),
                        bool(data.get("new")),
                        due_after,
                        None if data.get("stability") is None else float(data["stability"]),
                    )
                )
            except (KeyError, TypeError, ValueError):
                continue
        return out

    def find_log(self, client_key: str) -> LogEntry | None:
        return next((e for e in self.all_logs() if e.client_key == client_key), None)

    def add_log(self, entry: LogEntry) -> None:
        self.logs.append(
            {
                "key": entry.client_key,
                "item": entry.item_id,
                "kind": entry.kind,
                "rating": entry.rating,
                "at": entry.reviewed_at.isoformat(),
                "ms": entry.duration_ms,
                "new": entry.was_new,
                "due": entry.due_after.isoformat(),
                "stability": entry.stability_after,
            }
        )
        self.save()

    def counts_since(self, start: datetime) -> tuple[int, int]:
        new = old = 0
        for entry in self.all_logs():
            if entry.reviewed_at >= start:
                new, old = (new + 1, old) if entry.was_new else (new, old + 1)
        return new, old

    def items(self, ids: list[int]) -> dict[int, VocabularyItem]:
        return {item.pk: item for item in items_published(ids)} if ids else {}

    def _published_ids(self, ids: set[int]) -> set[int]:
        if not ids:
            return set()
        return set(
            VocabularyItem.objects.filter(_PUBLISHED, pk__in=ids).values_list("pk", flat=True)
        )

    def _due_cards(self, until: datetime) -> list[Card]:
        cards = [c for c in self.all_cards() if c.state.due <= until]
        live = self._published_ids({c.item_id for c in cards})
        return sorted((c for c in cards if c.item_id in live), key=lambda c: c.state.due)

    def due(self, until: datetime, limit: int) -> list[Card]:
        return self._due_cards(until)[: max(0, limit)]

    def due_count(self, until: datetime, cap: int) -> int:
        return min(max(0, cap), len(self._due_cards(until)))

    def new_cards(self, limit: int) -> list[tuple[int, str]]:
        studied = self.studied_lesson_ids()
        if limit <= 0 or not studied or len(self.cards) >= MAX_SESSION_CARDS:
            return []
        limit = min(limit, MAX_SESSION_CARDS - len(self.cards))
        ids = list(
            VocabularyItem.objects.filter(_PUBLISHED, lesson_id__in=studied)
            .order_by("lesson__course_id", "lesson__order", "order", "pk")
            .values_list("pk", flat=True)
        )
        out: list[tuple[int, str]] = []
        for kind in (CardKind.RECOGNITION, CardKind.RECALL):
            out += [(pk, str(kind)) for pk in ids if f"{pk}:{kind}" not in self.cards]
        return out[:limit]

    def new_count(self, limit: int) -> int:
        return len(self.new_cards(limit))

    def known_cards(self, min_stability: float, limit: int) -> list[tuple[int, str]]:
        cards = [
            c
            for c in self.all_cards()
            if c.state.stability is not None and c.state.stability >= min_stability
        ]
        return [(c.item_id, c.kind) for c in cards[:limit]]


def store_for(*, learner: Any, session: SessionBase | None) -> DbStore | SessionStore | None:
    """The learner's store; None for a visitor without a session (nothing to read or keep)."""
    if getattr(learner, "is_authenticated", False):
        return DbStore(learner)
    return SessionStore(session) if session is not None else None
