"""Use cases of reviews: rating a card, checking a typed answer, settings, mistakes, merging.

Every write goes through here, for the pages, the API and the log-in signal alike. Cards and the
log are on the account when signed in, in the session otherwise (`store.py`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from learning.services import pages_mark_renew
from lessons.feedback import near_miss_message, near_miss_retry_message
from lessons.japanese import kana
from lessons.models import Exercise, LessonProgress, VocabularyItem
from lessons.review import scheduling
from lessons.review.models import (
    MAX_NEW_PER_DAY,
    MAX_REVIEWS_PER_DAY,
    NEW_QUEUE_OF_KIND,
    CardKind,
    ReviewCard,
    ReviewLog,
    ReviewSettings,
)
from lessons.review.store import (
    SESSION_KEY,
    Card,
    DbStore,
    LogEntry,
    SessionStore,
    card_of_row,
    store_for,
)

CLIENT_KEY_RE = re.compile(r"[A-Za-z0-9_.:-]{8,64}")
MAX_TYPED_CHARS = 200
# An offline app may sync answers given up to this long ago; an hour of thinking is plenty.
MAX_ANSWER_AGE = timedelta(days=365)
MAX_DURATION_MS = 3_600_000
# A wrong exercise answer may name several words; more than this is not a mistake about a word.
MAX_WORDS_PER_MISTAKE = 5


def now() -> datetime:
    """The clock of the review queue (tests move it to "tomorrow")."""
    return timezone.now()


def day_start(moment: datetime) -> datetime:
    """Local midnight (TIME_ZONE) of *moment*'s day: daily limits and "due today" count from it."""
    local = timezone.localtime(moment)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


@dataclass(frozen=True)
class ReviewPrefs:
    desired_retention: float = scheduling.DEFAULT_RETENTION
    new_per_day: int = 10
    reviews_per_day: int = 200
    fade_furigana: bool = False


def review_prefs_get(*, learner: Any, session: SessionBase | None) -> ReviewPrefs:
    if getattr(learner, "is_authenticated", False):
        row = ReviewSettings.objects.filter(learner=learner).first()
        if row is None:
            return ReviewPrefs()
        return ReviewPrefs(
            row.desired_retention, row.new_per_day, row.reviews_per_day, row.fade_furigana
        )
    store = store_for(learner=learner, session=session)
    prefs = store.prefs if isinstance(store, SessionStore) else {}
    default = ReviewPrefs()
    try:
        return ReviewPrefs(
            float(prefs.get("desired_retention", default.desired_retention)),
            int(prefs.get("new_per_day", default.new_per_day)),
            int(prefs.get("reviews_per_day", default.reviews_per_day)),
            bool(prefs.get("fade_furigana", default.fade_furigana)),
        )
    except (TypeError, ValueError):
        return default


def review_settings_update(
    *,
    learner: Any,
    session: SessionBase | None,
    desired_retention: float,
    new_per_day: int,
    reviews_per_day: int,
    fade_furigana: bool,
) -> ReviewPrefs:
    """Change the learner's review settings (account or session); out-of-range values are a
    ValidationError naming the field."""
    errors: dict[str, list[str]] = {}
    if not scheduling.MIN_RETENTION <= desired_retention <= scheduling.MAX_RETENTION:
        errors["desired_retention"] = [
            _("Desired retention must be between %(low)s and %(high)s.")
            % {"low": scheduling.MIN_RETENTION, "high": scheduling.MAX_RETENTION}
        ]
    if not 0 <= new_per_day <= MAX_NEW_PER_DAY:
        errors["new_per_day"] = [
            _("New cards per day must be between 0 and %(n)d.") % {"n": MAX_NEW_PER_DAY}
        ]
    if not 0 <= reviews_per_day <= MAX_REVIEWS_PER_DAY:
        errors["reviews_per_day"] = [
            _("Reviews per day must be between 0 and %(n)d.") % {"n": MAX_REVIEWS_PER_DAY}
        ]
    if errors:
        raise ValidationError(errors)
    prefs = ReviewPrefs(round(desired_retention, 2), new_per_day, reviews_per_day, fade_furigana)
    if getattr(learner, "is_authenticated", False):
        ReviewSettings.objects.update_or_create(
            learner=learner,
            defaults={
                "desired_retention": prefs.desired_retention,
                "new_per_day": prefs.new_per_day,
                "reviews_per_day": prefs.reviews_per_day,
                "fade_furigana": prefs.fade_furigana,
            },
        )
        review_pages_changed(learner)
        return prefs
    store = store_for(learner=learner, session=session)
    if not isinstance(store, SessionStore):
        raise ValidationError({"session": [_("Settings need a session or an account.")]})
    store.prefs = {
        "desired_retention": prefs.desired_retention,
        "new_per_day": prefs.new_per_day,
        "reviews_per_day": prefs.reviews_per_day,
        "fade_furigana": prefs.fade_furigana,
    }
    store.save()
    return prefs


def review_pages_changed(learner: Any) -> None:
    """What the learner's review pages show has changed: a new `pages_mark` for the account
    (its kept pages are stale from now; see kept.py), also on the account object in hand, so
    a page prepared in this request is kept under the new mark. Nothing for a visitor."""
    if getattr(learner, "is_authenticated", False):
        learner.pages_mark = pages_mark_renew(learner_ids=[learner.pk])


# --- Answering a card -----------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerResult:
    item_id: int
    kind: str
    rating: int
    due: datetime
    stability: float | None
    replayed: bool


def _parse_rating(rating: int | str) -> int:
    if isinstance(rating, str):
        value = scheduling.RATINGS.get(rating.strip().lower())
        if value is None and rating.strip().isdigit():
            value = int(rating.strip())
    else:
        value = rating
    if value is None or value not in scheduling.RATINGS.values():
        raise ValidationError({"rating": [_("Choose Again, Hard, Good or Easy.")]})
    return int(value)


@transaction.atomic
def review_answer(
    *,
    learner: Any,
    session: SessionBase | None,
    item: VocabularyItem,
    kind: str,
    rating: int | str,
    client_key: str,
    reviewed_at: datetime | None = None,
    duration_ms: int | None = None,
) -> AnswerResult:
    """Rate one card and schedule it with FSRS. The same *client_key* twice is one answer:
    the second call changes nothing and returns the first result (`replayed`)."""
    if kind not in CardKind.values:
        raise ValidationError({"kind": [_("Unknown card kind.")]})
    value = _parse_rating(rating)
    if not isinstance(client_key, str) or not CLIENT_KEY_RE.fullmatch(client_key):
        raise ValidationError(
            {"client_key": [_("The answer key must be 8-64 letters, digits or . _ : -")]}
        )
    if duration_ms is not None and not 0 <= duration_ms <= MAX_DURATION_MS:
        raise ValidationError({"duration_ms": [_("The duration must be at most one hour.")]})
    current = now()
    at = current if reviewed_at is None else reviewed_at
    if (
        timezone.is_naive(at)
        or at > current + timedelta(minutes=5)
        or at < current - MAX_ANSWER_AGE
    ):
        raise ValidationError({"reviewed_at": [_("The answer time is not a plausible time.")]})
    store = store_for(learner=learner, session=session)
    if store is None:
        raise ValidationError({"session": [_("Reviews need a session or an account.")]})
    replay = store.find_log(client_key)
    if replay is not None:
        return AnswerResult(
            replay.item_id,
            replay.kind,
            replay.rating,
            replay.due_after,
            replay.stability_after,
            replayed=True,
        )
    card = store.get(item.pk, kind, lock=True) or Card(
        item.pk, kind, scheduling.new_state(at), created_at=at
    )
    if card.state.last_review is not None and at < card.state.last_review:
        raise ValidationError(
            {"reviewed_at": [_("This answer is older than the card's last review.")]}
        )
    prefs = review_prefs_get(learner=learner, session=session)
    after = scheduling.schedule(card.state, value, at, desired_retention=prefs.desired_retention)
    lapsed = value == 1 and card.state.state == 2  # forgotten in the Review state
    updated = Card(
        item.pk, kind, after, card.reps + 1, card.lapses + int(lapsed), card.created_at or at
    )
    entry = LogEntry(
        client_key,
        item.pk,
        kind,
        value,
        at,
        duration_ms,
        card.reps == 0,
        after.due,
        after.stability,
    )
    try:
        with transaction.atomic():
            store.put(updated)
            store.add_log(entry)
    except IntegrityError:
        # The same key raced in from another request: that one counted, this one did not.
        replay = store.find_log(client_key)
        if replay is None:
            raise
        return AnswerResult(
            replay.item_id,
            replay.kind,
            replay.rating,
            replay.due_after,
            replay.stability_after,
            replayed=True,
        )
    review_pages_changed(learner)
    return AnswerResult(item.pk, kind, value, after.due, after.stability, replayed=False)


# --- Typed recall ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TypedCheck:
    given: str
    correct: bool
    expected: str
    hint: str
    #: The hint without the reading, for a second try before the answer is shown ("" for an
    #: answer that is right or not nearly right).
    retry_hint: str = ""


def review_check_typed(*, item: VocabularyItem, given: str) -> TypedCheck:
    """Grade a typed recall answer like a typed exercise: the reading in kana or romaji (any
    width, either kana) or the word as written."""
    if not isinstance(given, str):
        raise ValidationError({"answer": [_("Type an answer.")]})
    if len(given) > MAX_TYPED_CHARS:
        raise ValidationError(
            {"answer": [_("The answer is longer than %(n)d characters.") % {"n": MAX_TYPED_CHARS}]}
        )
    text = unicodedata.normalize("NFKC", given).strip()
    reading = item.reading or item.expression
    correct = bool(text) and (
        text == unicodedata.normalize("NFKC", item.expression).strip()
        or any(kana.answers_match(text, r) for r in [reading, *item.also_accept])
    )
    code = None if correct or not text else kana.near_miss_hint(reading, text)
    return TypedCheck(
        given=given,
        correct=correct,
        expected=reading,
        hint=near_miss_message(code, reading),
        retry_hint=near_miss_retry_message(code),
    )


def review_check_chosen(*, item: VocabularyItem, chosen: VocabularyItem | None) -> TypedCheck:
    """Grade a chosen recall answer: right when the word chosen is the card's word (or a word
    written the same way). *chosen* None (nothing or an unknown word sent) is a ValidationError.
    """
    if chosen is None:
        raise ValidationError({"choice": [_("Choose one of the words.")]})
    correct = chosen.pk == item.pk or (
        unicodedata.normalize("NFKC", chosen.expression).strip()
        == unicodedata.normalize("NFKC", item.expression).strip()
    )
    return TypedCheck(
        given=chosen.expression,
        correct=correct,
        expected=item.reading or item.expression,
        hint="",
    )


# --- Mistakes feed reviews ------------------------------------------------------------------


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


def exercise_words(exercise: Exercise) -> list[VocabularyItem]:
    """The lesson's words that an exercise asks about: those written in its prompt or data."""
    texts = "\n".join([exercise.prompt, *_strings(exercise.data)])
    words = [
        item
        for item in VocabularyItem.objects.filter(lesson_id=exercise.lesson_id)
        if item.expression and item.expression in texts
    ]
    # The longest first: 住民票 rather than 票 when both are words of the lesson.
    words.sort(key=lambda item: -len(item.expression))
    return words[:MAX_WORDS_PER_MISTAKE]


@transaction.atomic
def review_cards_bring_forward(
    *, exercise: Exercise, learner: Any, session: SessionBase | None
) -> int:
    """After a wrong answer: make the exercise's words due now (a word without a card gets a
    recognition card at once). Returns how many cards moved."""
    store = store_for(learner=learner, session=session)
    if store is None:
        return 0
    moment = now()
    moved = 0
    for item in exercise_words(exercise):
        cards = [store.get(item.pk, kind, lock=True) for kind in CardKind.values]
        # A word never reviewed comes forward as its recognition card only (as a word without
        # any card does); its new recall card waits its turn.
        existing = [
            card
            for card in cards
            if card is not None and not (card.queued_new and card.kind == CardKind.RECALL)
        ]
        if not existing:
            existing_new = Card(
                item.pk, CardKind.RECOGNITION, scheduling.new_state(moment), created_at=moment
            )
            store.put(existing_new)
            moved += 1
            continue
        for card in existing:
            if card.queued_new or card.state.due > moment:
                state = card.state
                store.put(
                    Card(
                        card.item_id,
                        card.kind,
                        scheduling.CardState(
                            state.state,
                            state.step,
                            state.stability,
                            state.difficulty,
                            moment,
                            state.last_review,
                        ),
                        card.reps,
                        card.lapses,
                        card.created_at,
                    )
                )
                moved += 1
    if moved:
        review_pages_changed(learner)
    return moved


# --- Studying makes new cards ------------------------------------------------------------


@transaction.atomic
def review_cards_add_new(
    *, lesson_id: int, learner_ids: list[int] | None = None, item_ids: list[int] | None = None
) -> int:
    """Give the learners who studied a lesson (or *learner_ids*) a new card of each kind for
    its words (or *item_ids*) they have no card for yet; returns the cards made.

    Called when a lesson is first studied and when a word is added to a studied lesson, so the
    queue reads new cards from one index range instead of searching for words without a card.
    """
    if learner_ids is None:
        learner_ids = list(
            LessonProgress.objects.filter(lesson_id=lesson_id).values_list("learner_id", flat=True)
        )
    items = VocabularyItem.objects.filter(lesson_id=lesson_id)
    if item_ids is not None:
        items = items.filter(pk__in=item_ids)
    ids = list(items.order_by("order", "pk").values_list("pk", flat=True))
    if not learner_ids or not ids:
        return 0
    moment = now()
    made = ReviewCard.objects.bulk_create(
        [
            ReviewCard(
                learner_id=learner_id,
                item_id=item_id,
                kind=kind,
                queue=queue,
                state=1,  # fsrs.State.Learning, step 0: what `scheduling.new_state` gives
                step=0,
                due=moment,
                created_at=moment,
            )
            for learner_id in learner_ids
            for kind, queue in NEW_QUEUE_OF_KIND.items()
            for item_id in ids
        ],
        ignore_conflicts=True,
    )
    pages_mark_renew(learner_ids=learner_ids)
    return len(made)


# --- Log-in -------------------------------------------------------------------------------


@transaction.atomic
def review_merge_session(*, learner: Any, session: SessionBase) -> int:
    """Move a visitor's cards, log and settings from *session* into the account; returns the
    cards merged.

    Where both sides have a card, the one reviewed last wins (its state already includes the
    other reviews it saw); log entries are keyed by their client key, so an entry already on
    the account is not added again. The session's copy is removed afterwards.
    """
    store = SessionStore(session)
    if store.is_empty():
        return 0
    db = DbStore(learner)
    cards = store.all_cards()
    live = set(
        VocabularyItem.objects.filter(pk__in={c.item_id for c in cards}).values_list(
            "pk", flat=True
        )
    )
    merged = 0
    for card in cards:
        if card.item_id not in live:
            continue
        mine = db.get(card.item_id, card.kind, lock=True)
        theirs_last = card.state.last_review
        mine_last = mine.state.last_review if mine else None
        if (
            mine is None
            or mine.queued_new
            or (theirs_last is not None and (mine_last is None or theirs_last > mine_last))
        ):
            db.put(card)
        merged += 1
    rows = {
        (row.item_id, row.kind): row
        for row in ReviewCard.objects.filter(learner=learner, item_id__in=live)
    }
    ReviewLog.objects.bulk_create(
        [
            ReviewLog(
                learner=learner,
                card=rows[(entry.item_id, entry.kind)],
                rating=entry.rating,
                reviewed_at=entry.reviewed_at,
                duration_ms=entry.duration_ms,
                client_key=entry.client_key,
                was_new=entry.was_new,
                due_after=entry.due_after,
                stability_after=entry.stability_after,
            )
            for entry in store.all_logs()
            if (entry.item_id, entry.kind) in rows
        ],
        ignore_conflicts=True,
    )
    if store.prefs and not ReviewSettings.objects.filter(learner=learner).exists():
        prefs = review_prefs_get(learner=None, session=session)
        ReviewSettings.objects.create(
            learner=learner,
            desired_retention=prefs.desired_retention,
            new_per_day=prefs.new_per_day,
            reviews_per_day=prefs.reviews_per_day,
            fade_furigana=prefs.fade_furigana,
        )
    session.pop(SESSION_KEY, None)
    review_pages_changed(learner)
    return merged


__all__ = [
    "AnswerResult",
    "ReviewPrefs",
    "TypedCheck",
    "card_of_row",
    "day_start",
    "exercise_words",
    "now",
    "review_answer",
    "review_cards_add_new",
    "review_cards_bring_forward",
    "review_check_chosen",
    "review_check_typed",
    "review_merge_session",
    "review_pages_changed",
    "review_prefs_get",
    "review_settings_update",
]
