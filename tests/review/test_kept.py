"""The review page kept for each signed-in learner: served without rendering while their reviews
stay as they are, and never once they change (answers, settings, edited words, time, audio)."""

import re
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learning.models import Audio, User
from learning.pagecache import kept_pages_clear
from lessons.models import LessonProgress
from lessons.review.models import ReviewCard
from lessons.services import lesson_render
from tests.factories import LessonFactory, UserFactory, VocabularyItemFactory

pytestmark = pytest.mark.django_db

CARD_RE = re.compile(r'data-card="(\d+-\w+)"')
KEY_RE = re.compile(r'name="client_key" value="([^"]+)"')
# The queries every signed-in request makes: the session (a cache copy with Redis) and the
# account.
SESSION_AND_ACCOUNT = 2
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def clock(monkeypatch):
    """The review clock, moved by the test (the queue, the scheduler and kept pages share it)."""
    state = {"now": timezone.now()}
    monkeypatch.setattr("lessons.review.services.now", lambda: state["now"])
    monkeypatch.setattr("lessons.review.selectors.now", lambda: state["now"])
    return state


def _learner_with_words(words=("病院", "駅", "水")):
    lesson = LessonFactory()
    for order, word in enumerate(words):
        VocabularyItemFactory(
            lesson=lesson, expression=word, order=order, meanings={"en": f"meaning {order}"}
        )
    lesson_render(lesson=lesson)
    learner = UserFactory()
    LessonProgress.objects.create(learner=learner, lesson=lesson, started_at=timezone.now())
    return learner, lesson


def _page(client, url="/review/"):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _queries(client, url="/review/"):
    with CaptureQueriesContext(connection) as queries:
        html = _page(client, url)
    return html, len(queries)


def _rate(client, card, rating="good"):
    item, _sep, kind = card.partition("-")
    html = _page(client, f"/review/?card={card}&show=1")
    response = client.post(
        "/review/answer/",
        {"item": item, "kind": kind, "rating": rating, "client_key": KEY_RE.search(html)[1]},
    )
    assert response.status_code == 302


def test_the_same_page_again_costs_only_the_session_and_account_reads(client, clock):
    learner, _lesson = _learner_with_words()
    client.force_login(learner)
    first, made = _queries(client)
    again, served = _queries(client)
    assert made > SESSION_AND_ACCOUNT
    # The account, and the session unless Redis holds it: nothing of the reviews is read.
    assert served <= SESSION_AND_ACCOUNT
    assert CARD_RE.search(first)[1] == CARD_RE.search(again)[1]


def test_each_serve_has_its_own_client_key_and_the_csrf_token(client, clock):
    learner, _lesson = _learner_with_words()
    client.force_login(learner)
    card = CARD_RE.search(_page(client))[1]
    first = _page(client, f"/review/?card={card}&show=1")
    second = _page(client, f"/review/?card={card}&show=1")
    assert KEY_RE.search(first)[1] != KEY_RE.search(second)[1]
    assert "__kasumi" not in second
    assert CSRF_RE.search(second)[1]


def test_after_an_answer_the_next_card_is_ready_and_right(client, clock):
    learner, _lesson = _learner_with_words()
    client.force_login(learner)
    shown = CARD_RE.search(_page(client))[1]
    _rate(client, shown)
    html, served = _queries(client)
    assert served <= SESSION_AND_ACCOUNT  # prepared while the answer was saved
    following = CARD_RE.search(html)[1]
    assert following != shown
    # The page the answer prepared is the one a fresh render gives.
    User.objects.filter(pk=learner.pk).update(pages_mark="fresh")
    assert CARD_RE.search(_page(client))[1] == following


def test_an_answer_from_the_api_changes_the_kept_page(client, clock):
    learner, _lesson = _learner_with_words()
    client.force_login(learner)
    html = _page(client)
    shown = CARD_RE.search(html)[1]
    item, _sep, kind = shown.partition("-")
    response = client.post(
        "/api/v1/review/answers/",
        {"item": int(item), "kind": kind, "rating": "3", "client_key": "api-key-1"},
        content_type="application/json",
    )
    assert response.status_code in (200, 201), response.content
    assert CARD_RE.search(_page(client))[1] != shown


def test_an_edited_word_is_shown_as_edited(client, clock):
    learner, lesson = _learner_with_words(("病院",))
    client.force_login(learner)
    card = CARD_RE.search(_page(client))[1]
    assert "meaning 0" in _page(client, f"/review/?card={card}&show=1")
    item = lesson.vocabulary.get()
    item.meanings = {"en": "clinic"}
    item.save()
    html = _page(client, f"/review/?card={card}&show=1")
    assert "clinic" in html
    assert "meaning 0" not in html


def test_an_unpublished_lesson_leaves_the_queue_at_once(client, clock):
    learner, lesson = _learner_with_words(("病院",))
    client.force_login(learner)
    assert CARD_RE.search(_page(client))
    lesson.published = False
    lesson.save()
    assert not CARD_RE.search(_page(client))


def test_settings_and_display_switches_change_the_page(client, clock):
    learner, _lesson = _learner_with_words()
    client.force_login(learner)
    assert "furigana-off" not in _page(client)
    learner.furigana = User.Furigana.HIDE
    learner.save()
    assert "furigana-off" in _page(client)
    _page(client)
    response = client.post(
        "/review/settings/",
        {"desired_retention": "0.9", "new_per_day": "0", "reviews_per_day": "200"},
    )
    assert response.status_code == 302
    assert not CARD_RE.search(_page(client))  # no new cards today any more


def test_a_card_falling_due_appears_without_any_change(client, clock):
    learner, _lesson = _learner_with_words(("病院",))
    client.force_login(learner)
    ReviewCard.objects.filter(learner=learner).update(
        queue=0,
        state=2,
        stability=5.0,
        difficulty=5.0,
        reps=2,
        last_review=clock["now"] - timedelta(days=4),
        due=clock["now"] + timedelta(hours=3),
    )
    User.objects.filter(pk=learner.pk).update(pages_mark="cards-moved")
    assert not CARD_RE.search(_page(client))
    clock["now"] += timedelta(hours=3)
    assert CARD_RE.search(_page(client))


def test_a_full_save_of_the_account_never_brings_an_old_mark_back(client, clock):
    learner, _lesson = _learner_with_words()
    client.force_login(learner)
    shown = CARD_RE.search(_page(client))[1]
    stale = User.objects.get(pk=learner.pk)  # read before the answer renews the mark
    _rate(client, shown)
    stale.first_name = "Amal"
    stale.save()
    assert CARD_RE.search(_page(client))[1] != shown
    assert User.objects.get(pk=learner.pk).first_name == "Amal"


def test_learners_never_see_each_others_pages(client, clock):
    first, _lesson = _learner_with_words(("病院",))
    second = UserFactory()
    client.force_login(first)
    assert CARD_RE.search(_page(client))
    client.force_login(second)
    assert not CARD_RE.search(_page(client))


def test_a_corrected_interface_translation_reaches_the_kept_page(client, clock):
    learner, _lesson = _learner_with_words()
    client.force_login(learner)
    _page(client)
    _, before = _queries(client)
    kept_pages_clear()  # what applying a translator's correction does in each process
    _, after = _queries(client)
    assert before <= SESSION_AND_ACCOUNT
    assert after > SESSION_AND_ACCOUNT


def test_a_clip_becoming_ready_reaches_the_page_within_a_minute(client, clock):
    learner, lesson = _learner_with_words(("病院",))
    client.force_login(learner)
    html = _page(client)
    assert "<audio" not in html
    key = lesson.vocabulary.get().word_audio
    name = f"audio/{key[:2]}/{key}.mp3"
    storages["audio"].save(name, ContentFile(b"ID3"))
    Audio.objects.filter(key=key).update(status=Audio.Status.READY, file=name)
    assert "<audio" not in _page(client)  # kept a little longer
    clock["now"] += timedelta(seconds=61)
    html = _page(client)
    assert html.count("<audio") == 1
    assert 'preload="none"' in html
    assert storages["audio"].url(name) in html


def test_a_visitor_without_an_account_gets_the_page_afresh(client, clock):
    lesson = LessonFactory()
    VocabularyItemFactory(lesson=lesson, expression="病院", meanings={"en": "hospital"})
    lesson_render(lesson=lesson)
    session = client.session
    session["lesson_progress"] = {str(lesson.pk): {}}
    session.save()
    _page(client)
    _, again = _queries(client)
    assert again > SESSION_AND_ACCOUNT


def test_a_word_just_answered_waits_while_other_cards_are_left(client, clock):
    learner, _lesson = _learner_with_words(("病院",))
    client.force_login(learner)
    recognition = CARD_RE.search(_page(client))[1]
    assert recognition.endswith("-recognition")
    _rate(client, recognition)  # its learning step ends in minutes, within the learn-ahead
    recall = CARD_RE.search(_page(client))[1]
    assert recall.endswith("-recall")  # the new card first
    _rate(client, recall)
    # Nothing else is left: the card whose step ends soonest is shown now (learn-ahead).
    assert CARD_RE.search(_page(client))[1] == recognition


def test_rendering_a_lesson_renews_its_learners_marks_once(client, clock):
    learner, lesson = _learner_with_words()
    before = User.objects.get(pk=learner.pk).pages_mark
    with CaptureQueriesContext(connection) as queries:
        lesson_render(lesson)
    renewals = [q for q in queries if 'UPDATE "learning_user"' in q["sql"]]
    assert len(renewals) == 1  # the lesson's save, not one per word
    assert User.objects.get(pk=learner.pk).pages_mark != before
