"""The FSRS adapter: plain card states in, plain card states out (no Django).

All the arithmetic is py-fsrs's (`fsrs.Scheduler.review_card`); this module only converts our
stored state to its `Card` and back, and fixes the scheduler's options in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

import fsrs

__all__ = [
    "DEFAULT_RETENTION",
    "KNOWN_STABILITY_DAYS",
    "MAX_RETENTION",
    "MIN_RETENTION",
    "RATINGS",
    "CardState",
    "is_known",
    "new_state",
    "preview",
    "schedule",
]

#: Rating names as forms and the API send them, and their FSRS values (Again=1 ... Easy=4).
RATINGS: dict[str, int] = {"again": 1, "hard": 2, "good": 3, "easy": 4}
DEFAULT_RETENTION = 0.9
# Below 0.7 FSRS intervals grow so long that most cards are forgotten; above 0.97 the workload
# explodes (the FSRS authors' advice, also Anki's allowed range for the option).
MIN_RETENTION = 0.70
MAX_RETENTION = 0.97
#: A word counts as known once its card's stability reaches this many days. 21 days is Anki's
#: "mature" line; with retention 0.9 FSRS's interval equals the stability, so FSRS then predicts
#: at least a 90 % chance of recalling the word three weeks after the last review.
KNOWN_STABILITY_DAYS = 21.0


@dataclass(frozen=True)
class CardState:
    """What FSRS needs to know about one card; `state` is `fsrs.State` (1 learning, 2 review,
    3 relearning), `due` and `last_review` are aware datetimes."""

    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None


@lru_cache(maxsize=32)
def _scheduler(desired_retention: float) -> fsrs.Scheduler:
    # No fuzzing: the interval printed on a rating button must be the interval the learner gets,
    # and a replayed answer must land on the same due date.
    return fsrs.Scheduler(desired_retention=desired_retention, enable_fuzzing=False)


def _retention(value: float) -> float:
    return round(min(MAX_RETENTION, max(MIN_RETENTION, float(value))), 2)


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("an aware datetime is needed")
    return moment.astimezone(UTC)


def new_state(now: datetime) -> CardState:
    """A card never reviewed, due at *now*."""
    return CardState(
        state=int(fsrs.State.Learning),
        step=0,
        stability=None,
        difficulty=None,
        due=_utc(now),
        last_review=None,
    )


def _to_card(state: CardState) -> fsrs.Card:
    # card_id is given so that py-fsrs does not wait a millisecond to make a unique one.
    return fsrs.Card(
        card_id=1,
        state=fsrs.State(state.state),
        step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=_utc(state.due),
        last_review=_utc(state.last_review) if state.last_review else None,
    )


def schedule(
    state: CardState, rating: int, now: datetime, *, desired_retention: float = DEFAULT_RETENTION
) -> CardState:
    """The card's state after being rated *rating* (1-4) at *now*."""
    if rating not in RATINGS.values():
        raise ValueError(f"rating must be 1-4, not {rating!r}")
    card, _log = _scheduler(_retention(desired_retention)).review_card(
        _to_card(state), fsrs.Rating(rating), review_datetime=_utc(now)
    )
    return CardState(
        state=int(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
    )


def preview(
    state: CardState, now: datetime, *, desired_retention: float = DEFAULT_RETENTION
) -> dict[str, timedelta]:
    """Rating name -> the interval until the card is due again after that rating."""
    return {
        name: schedule(state, value, now, desired_retention=desired_retention).due - _utc(now)
        for name, value in RATINGS.items()
    }


def is_known(stability: float | None) -> bool:
    return stability is not None and stability >= KNOWN_STABILITY_DAYS
