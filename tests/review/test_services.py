"""Review services: FSRS wiring, daily limits, idempotent answers, mistakes, anonymous merge."""

from datetime import timedelta

import fsrs
import pytest
from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import timezone

from lessons.review import scheduling
from lessons.review import services as review_services
from lessons.review.models import ReviewCard, ReviewLog
from lessons.review.selectors import review_due_counts, review_known_pairs, review_queue
from lessons.review.services import (
    review_answer,
    review_check_typed,
    review_merge_session,
    review_settings_update,
)
from lessons.services import attempt_submit, lesson_render
from tests.factories import ExerciseFactory, LessonFactory, UserFactory, VocabularyItemFactory

pytestmark = pytest.mark.django_db

CHOICE = {"choices": ["passport", "resident record"], "answer": 1}


def _session():
    session = SessionStore()
    session.create()
    return session


def _studied_lesson(learner=None, session=None, words=("住民票", "病院", "保険証")):
    lesson = LessonFactory()
    items = [
        VocabularyItemFactory(lesson=lesson, expression=w, order=i) for i, w in enumerate(words)
    ]
    exercise = ExerciseFactory(lesson=lesson, data=CHOICE)
    lesson_render(lesson=lesson)
    attempt_submit(exercise=exercise, answer={"choice": 1}, learner=learner, session=session)
    for item in items:
        item.refresh_from_db()
    return lesson, items


@pytest.fixture
def clock(monkeypatch):
    """A movable clock for the review services."""
    state = {"now": timezone.now()}
    monkeypatch.setattr(review_services, "now", lambda: state["now"])
    monkeypatch.setattr("lessons.review.selectors.now", lambda: state["now"])
    return state


def test_good_on_a_new_card_is_due_when_fsrs_says(clock):
    learner = UserFactory()
    _lesson, items = _studied_lesson(learner)
    result = review_answer(
        learner=learner,
        session=None,
        item=items[0],
        kind="recognition",
        rating="good",
        client_key="key-good-1",
    )
    expected_card, _log = fsrs.Scheduler(enable_fuzzing=False).review_card(
        fsrs.Card(card_id=1), fsrs.Rating.Good, review_datetime=clock["now"]
    )
    assert result.due == expected_card.due
    card = ReviewCard.objects.get(learner=learner, item=items[0], kind="recognition")
    assert card.due == expected_card.due
    assert card.stability == pytest.approx(expected_card.stability)


def test_again_shortens_and_easy_lengthens_the_interval(clock):
    state = scheduling.new_state(clock["now"])
    after_good = scheduling.schedule(state, 3, clock["now"])
    later = after_good.due + timedelta(days=1)
    review = scheduling.schedule(
        scheduling.schedule(after_good, 3, later), 3, later + timedelta(days=3)
    )
    moment = review.due
    intervals = scheduling.preview(review, moment)
    assert intervals["again"] < intervals["hard"] < intervals["good"] < intervals["easy"]


def test_higher_desired_retention_gives_shorter_intervals(clock):
    state = scheduling.schedule(scheduling.new_state(clock["now"]), 4, clock["now"])
    low = scheduling.preview(state, state.due, desired_retention=0.8)["good"]
    high = scheduling.preview(state, state.due, desired_retention=0.95)["good"]
    assert high < low


def test_a_replayed_answer_counts_once(clock):
    learner = UserFactory()
    _lesson, items = _studied_lesson(learner)
    kwargs = dict(
        learner=learner,
        session=None,
        item=items[0],
        kind="recall",
        rating="easy",
        client_key="same-key-123",
    )
    first = review_answer(**kwargs)
    clock["now"] += timedelta(days=10)
    second = review_answer(**kwargs)
    assert second.replayed
    assert not first.replayed
    assert second.due == first.due
    assert ReviewLog.objects.filter(learner=learner).count() == 1
    assert ReviewCard.objects.get(learner=learner, item=items[0], kind="recall").reps == 1


def test_a_replayed_answer_counts_once_in_the_session(clock):
    session = _session()
    _lesson, items = _studied_lesson(session=session)
    for _ in range(2):
        review_answer(
            learner=None,
            session=session,
            item=items[0],
            kind="recognition",
            rating="good",
            client_key="anon-key-1",
        )
    assert len(session["review"]["logs"]) == 1
    assert session["review"]["cards"][f"{items[0].pk}:recognition"]["reps"] == 1


def test_daily_new_limit_is_respected(clock):
    learner = UserFactory()
    _lesson, _items = _studied_lesson(learner)
    review_settings_update(
        learner=learner,
        session=None,
        desired_retention=0.9,
        new_per_day=2,
        reviews_per_day=100,
        fade_furigana=False,
    )
    queue = review_queue(learner=learner, session=None, limit=50)
    assert queue.new == 2
    assert len(queue.cards) == 2
    for n, qc in enumerate(queue.cards):
        review_answer(
            learner=learner,
            session=None,
            item=qc.item,
            kind=qc.kind,
            rating="easy",
            client_key=f"limit-key-{n}",
        )
    assert review_queue(learner=learner, session=None, limit=50).cards == []
    clock["now"] += timedelta(days=1)
    assert review_queue(learner=learner, session=None, limit=50).new == 2


def test_daily_review_limit_is_respected(clock):
    learner = UserFactory()
    _lesson, items = _studied_lesson(learner)
    for n, item in enumerate(items):
        review_answer(
            learner=learner,
            session=None,
            item=item,
            kind="recognition",
            rating="again",
            client_key=f"again-key-{n}",
        )
    review_settings_update(
        learner=learner,
        session=None,
        desired_retention=0.9,
        new_per_day=0,
        reviews_per_day=1,
        fade_furigana=False,
    )
    clock["now"] += timedelta(minutes=30)
    queue = review_queue(learner=learner, session=None, limit=50)
    # Three cards are due again but only one review is allowed today... after three new ones
    # were seen, none are left for today: new cards do not count as reviews.
    assert queue.due == 1
    assert len(queue.cards) == 1


def test_settings_out_of_range_are_refused():
    with pytest.raises(ValidationError) as exc:
        review_settings_update(
            learner=UserFactory(),
            session=None,
            desired_retention=0.5,
            new_per_day=999,
            reviews_per_day=10,
            fade_furigana=False,
        )
    assert set(exc.value.message_dict) == {"desired_retention", "new_per_day"}


def test_unknown_rating_and_bad_key_are_refused(clock):
    learner = UserFactory()
    _lesson, items = _studied_lesson(learner)
    with pytest.raises(ValidationError):
        review_answer(
            learner=learner,
            session=None,
            item=items[0],
            kind="recall",
            rating="perfect",
            client_key="key-12345",
        )
    with pytest.raises(ValidationError):
        review_answer(
            learner=learner,
            session=None,
            item=items[0],
            kind="recall",
            rating="good",
            client_key="<script>",
        )
    # Studying made the new cards; neither refused answer reviewed one or logged anything.
    assert not ReviewCard.objects.filter(reps__gt=0).exists()
    assert not ReviewLog.objects.exists()


def test_typed_recall_is_graded_tolerantly():
    item = VocabularyItemFactory(expression="病院", reading="びょういん")
    assert review_check_typed(item=item, given="byouin").correct
    assert review_check_typed(item=item, given="ビョウイン").correct
    assert review_check_typed(item=item, given="病院").correct
    near = review_check_typed(item=item, given="byoin")
    assert not near.correct
    assert near.expected == "びょういん"


def test_a_wrong_exercise_answer_puts_its_words_card_forward(clock):
    learner = UserFactory()
    lesson, items = _studied_lesson(learner)
    review_answer(
        learner=learner,
        session=None,
        item=items[0],
        kind="recognition",
        rating="easy",
        client_key="forward-key",
    )
    card = ReviewCard.objects.get(learner=learner, item=items[0], kind="recognition")
    assert card.due > clock["now"] + timedelta(days=1)
    exercise = ExerciseFactory(lesson=lesson, data=CHOICE, prompt="What does 住民票 mean?")
    attempt_submit(exercise=exercise, answer={"choice": 0}, learner=learner)
    card.refresh_from_db()
    assert card.due <= clock["now"]
    assert review_queue(learner=learner, session=None).cards[0].item == items[0]


def test_a_mistake_on_a_word_never_reviewed_brings_its_recognition_card_forward(clock):
    learner = UserFactory()
    lesson, items = _studied_lesson(learner)
    exercise = ExerciseFactory(lesson=lesson, data=CHOICE, prompt="What does 病院 mean?")
    attempt_submit(exercise=exercise, answer={"choice": 0}, learner=learner)
    moved = ReviewCard.objects.filter(learner=learner, queue=0)
    assert list(moved.values_list("item", "kind")) == [(items[1].pk, "recognition")]
    queue = review_queue(learner=learner, session=None)
    assert (queue.cards[0].item, queue.cards[0].kind) == (items[1], "recognition")
    assert queue.due == 1


def test_anonymous_reviews_merge_at_sign_up_without_double_counting(clock):
    session = _session()
    _lesson, items = _studied_lesson(session=session)
    review_answer(
        learner=None,
        session=session,
        item=items[0],
        kind="recognition",
        rating="good",
        client_key="anon-merge-1",
    )
    review_answer(
        learner=None,
        session=session,
        item=items[1],
        kind="recognition",
        rating="easy",
        client_key="anon-merge-2",
    )
    learner = UserFactory()
    # The account already holds one of those answers (synced earlier by the API).
    review_answer(
        learner=learner,
        session=None,
        item=items[1],
        kind="recognition",
        rating="easy",
        client_key="anon-merge-2",
    )
    request = RequestFactory().get("/")
    request.session = session
    user_logged_in.send(sender=type(learner), request=request, user=learner)
    assert ReviewCard.objects.filter(learner=learner, reps__gt=0).count() == 2
    assert sorted(
        ReviewLog.objects.filter(learner=learner).values_list("client_key", flat=True)
    ) == [
        "anon-merge-1",
        "anon-merge-2",
    ]
    assert "review" not in session
    assert review_merge_session(learner=learner, session=session) == 0
    assert ReviewLog.objects.filter(learner=learner).count() == 2


def test_due_count_drops_after_a_review(clock):
    learner = UserFactory()
    _lesson, items = _studied_lesson(learner)
    before = review_due_counts(learner=learner, session=None)
    assert before.new == 6
    review_answer(
        learner=learner,
        session=None,
        item=items[0],
        kind="recognition",
        rating="easy",
        client_key="drop-key-1",
    )
    after = review_due_counts(learner=learner, session=None)
    assert after.total == before.total - 1


def test_known_words_are_those_with_stable_recognition_cards(clock):
    learner = UserFactory()
    _lesson, items = _studied_lesson(learner)
    review_settings_update(
        learner=learner,
        session=None,
        desired_retention=0.9,
        new_per_day=10,
        reviews_per_day=100,
        fade_furigana=True,
    )
    assert review_known_pairs(learner=learner, session=None) == frozenset()
    ReviewCard.objects.filter(learner=learner, item=items[1], kind="recognition").update(
        queue=0,
        state=2,
        stability=30.0,
        difficulty=5.0,
        due=clock["now"] + timedelta(days=30),
        last_review=clock["now"],
        reps=4,
    )
    assert review_known_pairs(learner=learner, session=None) == {("病院", "びょういん")}


def test_typed_recall_gives_the_exercises_near_miss_hint_and_accepts_other_readings():
    item = VocabularyItemFactory(expression="明日", reading="あした", also_accept=["あす"])
    near = review_check_typed(item=item, given="ashito")
    assert not near.correct
    assert "あした" in near.hint
    assert "kana" in near.hint
    assert review_check_typed(item=item, given="asu").correct
    item = VocabularyItemFactory(expression="病院", reading="びょういん")
    assert "long vowel" in review_check_typed(item=item, given="byoin").hint
