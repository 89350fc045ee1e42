"""Review pages and API: no-JS forms, idempotent API answers, fading furigana per learner."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from lessons.models import LessonProgress
from lessons.review.models import ReviewCard, ReviewLog, ReviewSettings
from lessons.services import lesson_render
from tests.factories import ExerciseFactory, LessonFactory, UserFactory, VocabularyItemFactory

pytestmark = pytest.mark.django_db

CHOICE = {"choices": ["passport", "resident record"], "answer": 1}
ROOT = Path(__file__).resolve().parents[2]


def _lesson():
    lesson = LessonFactory()
    VocabularyItemFactory(
        lesson=lesson,
        expression="病院",
        reading="びょういん",
        order=0,
        meanings={"en": "hospital"},
        example="病院に行きます。",
    )
    exercise = ExerciseFactory(lesson=lesson, data=CHOICE)
    lesson_render(lesson=lesson)
    return lesson, exercise


def _study(client, lesson, exercise):
    url = reverse(
        "lessons:exercise-answer",
        kwargs={"course": lesson.course.slug, "lesson": lesson.slug, "pk": exercise.pk},
    )
    client.post(url, {"choice": "1"})


def test_review_page_without_javascript_shows_rate_and_moves_on(client):
    lesson, exercise = _lesson()
    _study(client, lesson, exercise)
    page = client.get("/review/")
    assert page.status_code == 200
    assert "What does this word mean?" in page.content.decode()
    item = lesson.vocabulary.get()
    back = client.get(f"/review/?card={item.pk}-recognition&show=1")
    html = back.content.decode()
    assert "hospital" in html
    assert 'name="client_key"' in html
    assert "8 days" in html
    key = html.split('name="client_key" value="')[1].split('"')[0]
    form = {"item": item.pk, "kind": "recognition", "rating": "easy", "client_key": key}
    response = client.post("/review/answer/", form)
    assert response.status_code == 302
    assert response["Location"] == "/review/"
    client.post("/review/answer/", form)  # a double submit
    assert len(client.session["review"]["logs"]) == 1
    # Next: the recall card of the same word.
    assert "How do you say this in Japanese?" in client.get("/review/").content.decode()


def test_typed_recall_check_keeps_what_was_typed(client):
    lesson, exercise = _lesson()
    _study(client, lesson, exercise)
    item = lesson.vocabulary.get()
    response = client.post("/review/check/", {"item": item.pk, "kind": "recall", "answer": "byoin"})
    assert response.status_code == 302
    # A near miss (the long vowel) first: the front again, the hint and what was typed, no
    # answer yet, and the form says this is the second try.
    assert "show=1" not in response["Location"]
    html = client.get(response["Location"]).content.decode()
    assert "Almost. Try once more." in html
    assert 'value="byoin"' in html
    assert 'name="retried" value="1"' in html
    assert "びょういん" not in html
    assert 'id="card-back"' not in html
    response = client.post(
        "/review/check/", {"item": item.pk, "kind": "recall", "answer": "byoin", "retried": "1"}
    )
    assert "show=1" in response["Location"]
    html = client.get(response["Location"]).content.decode()
    assert "Not quite." in html
    assert "byoin" in html
    assert "びょういん" in html


def test_a_plainly_wrong_typed_answer_shows_the_answer_at_once(client):
    lesson, exercise = _lesson()
    _study(client, lesson, exercise)
    item = lesson.vocabulary.get()
    response = client.post("/review/check/", {"item": item.pk, "kind": "recall", "answer": "neko"})
    assert "show=1" in response["Location"]
    html = client.get(response["Location"]).content.decode()
    assert "Not quite." in html
    assert "Almost" not in html
    assert "びょういん" in html
    response = client.post(
        "/review/check/", {"item": item.pk, "kind": "recall", "answer": "x" * 201}
    )
    assert response.status_code == 302
    assert "longer than" in client.get(response["Location"]).content.decode()


def test_bad_review_posts_are_not_server_errors(client):
    assert client.post("/review/answer/", {"item": "abc", "kind": "recall"}).status_code == 404
    lesson, _exercise = _lesson()
    item = lesson.vocabulary.get()
    response = client.post(
        "/review/answer/",
        {"item": item.pk, "kind": "recall", "rating": "9", "client_key": "k" * 10},
    )
    assert response.status_code == 302
    assert not ReviewCard.objects.filter(reps__gt=0).exists()
    assert not ReviewLog.objects.exists()


def test_settings_page_saves_for_a_signed_in_learner(client):
    learner = UserFactory()
    client.force_login(learner)
    response = client.post(
        "/review/settings/",
        {
            "desired_retention": "0.85",
            "new_per_day": "5",
            "reviews_per_day": "50",
            "fade_furigana": "on",
        },
    )
    assert response.status_code == 302
    row = ReviewSettings.objects.get(learner=learner)
    assert (row.desired_retention, row.new_per_day, row.fade_furigana) == (0.85, 5, True)
    bad = client.post(
        "/review/settings/", {"desired_retention": "2", "new_per_day": "5", "reviews_per_day": "50"}
    )
    assert bad.status_code == 200
    assert "field-error" in bad.content.decode()


def test_api_queue_and_idempotent_answers(client):
    lesson, exercise = _lesson()
    learner = UserFactory()
    client.force_login(learner)
    _study(client, lesson, exercise)
    queue = client.get("/api/v1/review/queue/").json()
    assert queue["new"] == 2
    assert queue["cards"][0]["kind"] == "recognition"
    assert queue["cards"][0]["intervals"]["easy"] == 8 * 86400
    body = {
        "item": queue["cards"][0]["item"],
        "kind": "recognition",
        "rating": "good",
        "client_key": "offline-0001",
    }
    first = client.post("/api/v1/review/answers/", body, content_type="application/json")
    again = client.post("/api/v1/review/answers/", body, content_type="application/json")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["replayed"]
    assert again.json()["due"] == first.json()["due"]
    assert ReviewLog.objects.filter(learner=learner).count() == 1
    bad = client.post(
        "/api/v1/review/answers/", {**body, "rating": "maybe"}, content_type="application/json"
    )
    assert bad.status_code == 400
    assert "rating" in str(bad.json())


def test_api_queue_queries_do_not_grow_with_the_cards(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    lesson, exercise = _lesson()
    client.force_login(UserFactory())
    _study(client, lesson, exercise)
    client.get("/api/v1/review/queue/")  # warm: the session and throttle rows exist
    with CaptureQueriesContext(connection) as few:
        assert len(client.get("/api/v1/review/queue/?limit=50").json()["cards"]) == 2
    VocabularyItemFactory.create_batch(20, lesson=lesson, expression="保険証")
    with CaptureQueriesContext(connection) as many:
        assert (
            len(client.get("/api/v1/review/queue/?limit=50").json()["cards"]) == 10
        )  # the daily new-card limit
    # A fixed number of queries (one per card kind at most), never one per card.
    assert len(many) <= len(few)


def _known(learner, item):
    from django.utils import timezone

    now = timezone.now()
    ReviewCard.objects.update_or_create(
        learner=learner,
        item=item,
        kind="recognition",
        defaults={
            "queue": 0,
            "state": 2,
            "stability": 40.0,
            "difficulty": 5.0,
            "due": now,
            "last_review": now,
            "reps": 5,
            "created_at": now,
        },
    )
    ReviewSettings.objects.create(learner=learner, fade_furigana=True)


def test_a_known_word_loses_its_rt_for_that_learner_only(client):
    lesson, _exercise = _lesson()
    item = lesson.vocabulary.get()
    url = lesson.get_absolute_url()
    knower, other = UserFactory(), UserFactory()
    _known(knower, item)
    client.force_login(other)
    assert "<rt>びょういん</rt>" in client.get(url).content.decode()
    client.force_login(knower)
    html = client.get(url).content.decode()
    assert "<rt>びょういん</rt>" not in html
    assert 'class="known" tabindex="0" data-reading="びょういん"' in html
    client.logout()
    # A visitor served the same cached page still sees every reading.
    assert "<rt>びょういん</rt>" in client.get(url).content.decode()
    assert "<rt>びょういん</rt>" in client.get(url).content.decode()


def test_pure_review_modules_import_no_django():
    probe = (
        "import importlib, sys\n"
        "for m in ('lessons.review.scheduling', 'lessons.review.fading'):\n"
        "    importlib.import_module(m)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


def test_a_known_word_loses_its_rt_in_articles_too(client):
    from tests.hub.factories import ArticleFactory

    article = ArticleFactory(body="病院に行きます。")
    lesson, _exercise = _lesson()
    learner = UserFactory()
    client.force_login(learner)
    assert "<rt>びょういん</rt>" in client.get(article.get_absolute_url()).content.decode()
    _known(learner, lesson.vocabulary.get())
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<rt>びょういん</rt>" not in html
    assert 'data-reading="びょういん"' in html


def _learner_with_words(client, words):
    """A signed-in learner who studied a lesson of *words* words and reviewed each once."""
    from django.utils import timezone

    lesson = LessonFactory()
    VocabularyItemFactory.create_batch(words, lesson=lesson, expression="病院")
    learner = UserFactory()
    LessonProgress.objects.create(learner=learner, lesson=lesson, started_at=timezone.now())
    past = timezone.now() - timezone.timedelta(hours=1)
    ReviewCard.objects.filter(learner=learner, kind="recognition").update(
        queue=0, state=2, stability=5.0, difficulty=5.0, due=past, last_review=past, reps=3
    )
    client.force_login(learner)
    return learner


@pytest.mark.parametrize("words", [10, 300])
def test_review_page_queries_do_not_grow_with_the_cards(
    client, words, django_assert_max_num_queries
):
    learner = _learner_with_words(client, words)
    # Studying made a new card of each kind per word: nothing left to search for at review time.
    assert ReviewCard.objects.filter(learner=learner).count() == 2 * words
    client.get("/review/")  # warm: the session row exists
    # Session, user, settings, today's log counts, due cards (with their words), due count,
    # new cards of both kinds in one query, and the account's groups for the header's role
    # checks (no transaction: the page only reads): the same eight for 10 or 300 words.
    with django_assert_max_num_queries(8):
        response = client.get("/review/")
    assert response.status_code == 200
    assert f"{min(words, 200)} cards due" in response.content.decode()  # the daily limit


def test_studying_a_lesson_or_adding_a_word_makes_new_cards(client):
    from django.utils import timezone

    lesson = LessonFactory()
    item = VocabularyItemFactory(lesson=lesson, expression="病院")
    learner, other = UserFactory(), UserFactory()
    LessonProgress.objects.create(learner=learner, lesson=lesson, started_at=timezone.now())
    assert set(ReviewCard.objects.values_list("learner", "item", "kind", "queue", "reps")) == {
        (learner.pk, item.pk, "recognition", 1, 0),
        (learner.pk, item.pk, "recall", 2, 0),
    }
    added = VocabularyItemFactory(lesson=lesson, expression="保険証")
    assert ReviewCard.objects.filter(item=added, learner=learner).count() == 2
    assert not ReviewCard.objects.filter(learner=other).exists()


def test_chosen_recall_without_javascript_is_graded_on_the_server(client):
    lesson, exercise = _lesson()
    for order, (word, reading) in enumerate(
        [("保険証", "ほけんしょう"), ("住民票", "じゅうみんひょう"), ("電車", "でんしゃ")], 1
    ):
        VocabularyItemFactory(lesson=lesson, expression=word, reading=reading, order=order)
    lesson_render(lesson=lesson)
    _study(client, lesson, exercise)
    item = lesson.vocabulary.get(expression="病院")
    front = client.get(f"/review/?card={item.pk}-recall&recall=choose").content.decode()
    buttons = front.split('name="choice" value="')[1:]
    offered = sorted(int(b.split('"')[0]) for b in buttons)
    assert offered == sorted(lesson.vocabulary.values_list("pk", flat=True))
    # The choice is remembered for the next recall cards, until the learner types again.
    assert (
        client.get(f"/review/?card={item.pk}-recall").content.decode().count('name="choice"') == 4
    )
    wrong = lesson.vocabulary.get(expression="電車")
    form = {"item": item.pk, "kind": "recall", "choice": wrong.pk}
    response = client.post("/review/choose/", form)
    assert response.status_code == 302
    assert response["Location"] == f"/review/?card={item.pk}-recall&show=1"
    html = client.get(response["Location"]).content.decode()
    assert "Not quite." in html
    assert "You chose:" in html
    assert "電車" in html
    assert 'value="again"' in html  # the rating form follows the verdict
    response = client.post("/review/choose/", {**form, "choice": item.pk})
    assert "Correct!" in client.get(response["Location"]).content.decode()
    # Nothing chosen, or a word that does not exist: a message, never a server error.
    for bad in ("", "abc", "999999"):
        response = client.post("/review/choose/", {**form, "choice": bad})
        assert response.status_code == 302
        assert "Choose one of the words." in client.get(response["Location"]).content.decode()
    assert (
        'name="answer"'
        in client.get(f"/review/?card={item.pk}-recall&recall=type").content.decode()
    )


def test_chosen_recall_falls_back_to_typing_without_other_words(client):
    lesson, exercise = _lesson()
    _study(client, lesson, exercise)
    item = lesson.vocabulary.get()
    html = client.get(f"/review/?card={item.pk}-recall&recall=choose").content.decode()
    assert 'name="choice"' not in html
    assert 'name="answer"' in html
    assert "not enough other words" in html
