"""Learner pages: course list, course, lesson, answers without JavaScript, display switches."""

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lessons.models import Attempt, LessonProgress
from lessons.services import lesson_pages_invalidate, lesson_render
from tests.factories import (
    CourseFactory,
    ExerciseFactory,
    LessonFactory,
    PassageFactory,
    UserFactory,
    VocabularyItemFactory,
)

pytestmark = pytest.mark.django_db
CHOICE = {"choices": ["passport", "resident record"], "answer": 1}


def _lesson(passages=1, words=1, exercises=1):
    lesson = LessonFactory()
    for _ in range(passages):
        PassageFactory(lesson=lesson)
    for _ in range(words):
        VocabularyItemFactory(lesson=lesson)
    for _ in range(exercises):
        ExerciseFactory(lesson=lesson, data=CHOICE)
    lesson_render(lesson)
    return lesson


def test_course_list_filters_by_level_and_topic(client):
    CourseFactory(title="Basics A1", level="A1", topic="basics")
    CourseFactory(title="Hospital A2", level="A2", topic="health")
    CourseFactory(title="Hidden", published=False)
    html = client.get(reverse("lessons:course-list"), {"level": "A2"}).content.decode()
    assert "Hospital A2" in html
    assert "Basics A1" not in html
    assert "Hidden" not in html
    html = client.get(reverse("lessons:course-list"), {"topic": "basics"}).content.decode()
    assert "Basics A1" in html
    assert "Hospital A2" not in html
    # Unknown filter values are ignored, not an error.
    assert client.get(reverse("lessons:course-list"), {"level": "Z9"}).status_code == 200


def test_lesson_page_shows_ruby_translations_and_vocabulary(client):
    lesson = _lesson()
    html = client.get(lesson.get_absolute_url()).content.decode()
    assert "<rt>じゅうみん</rt>" in html
    assert "A resident record, please." in html
    assert 'class="speaker"' in html
    assert "resident record" in html


def test_meanings_follow_the_learner_language_with_english_beside(client):
    lesson = _lesson()
    client.force_login(UserFactory(meaning_languages=["ar"]))
    html = client.get(lesson.get_absolute_url()).content.decode()
    assert 'lang="ar" dir="rtl">شهادة الإقامة' in html
    assert '<span class="english" lang="en">resident record</span>' in html


def test_translation_falls_back_to_english(client):
    lesson = _lesson()
    client.force_login(UserFactory(meaning_languages=["uk"]))
    html = client.get(lesson.get_absolute_url()).content.decode()
    assert 'lang="en" dir="ltr">A resident record, please.' in html


@pytest.mark.parametrize("hidden", ["lesson", "course"])
def test_unpublished_content_is_a_404(client, hidden):
    lesson = _lesson()
    target = lesson if hidden == "lesson" else lesson.course
    target.published = False
    target.save()
    assert client.get(lesson.get_absolute_url()).status_code == 404


def test_lesson_page_query_count_does_not_grow_with_content(client, django_assert_max_num_queries):
    small = _lesson(1, 1, 1)
    big = _lesson(6, 20, 12)
    # 17: the one look-up of the lesson's ready audio clips included.
    with django_assert_max_num_queries(17) as small_ctx:
        client.get(small.get_absolute_url())
    with django_assert_max_num_queries(17) as big_ctx:
        client.get(big.get_absolute_url())
    assert len(big_ctx.captured_queries) == len(small_ctx.captured_queries)


def test_a_cached_lesson_page_costs_one_query_and_keeps_tokens_apart(client):
    lesson = _lesson(2, 3, 2)
    first = client.get(lesson.get_absolute_url()).content.decode()
    with CaptureQueriesContext(connection) as queries:
        again = client.get(lesson.get_absolute_url()).content.decode()
    # At most the content generation, from the shared cache: a database table without Redis,
    # no query at all with it (savepoints are the test's own transaction).
    real = [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert len(real) <= 1, real
    assert all("kasumi_shared_cache" in sql for sql in real), real
    assert again.count("<rt>") == first.count("<rt>") > 0
    other = Client()
    html = other.get(lesson.get_absolute_url()).content.decode()
    token = other.cookies["csrftoken"].value
    assert "__kasumi_csrf_token__" not in html
    # Each visitor's forms carry a token that their own cookie accepts.
    exercise = lesson.exercises.first()
    form_token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    strict = Client(enforce_csrf_checks=True)
    strict.cookies["csrftoken"] = token
    response = strict.post(
        reverse(
            "lessons:exercise-answer",
            kwargs={"course": lesson.course.slug, "lesson": lesson.slug, "pk": exercise.pk},
        ),
        {"choice": "1", "csrfmiddlewaretoken": form_token},
    )
    assert response.status_code == 302


def test_an_edit_shows_at_once_on_a_cached_page(client, django_capture_on_commit_callbacks):
    lesson = _lesson()
    client.get(lesson.get_absolute_url())
    item = lesson.vocabulary.get()
    item.meanings = {"en": "certificate of residence"}
    item.save()
    with django_capture_on_commit_callbacks(execute=True):
        lesson_render(lesson)
    assert "certificate of residence" in client.get(lesson.get_absolute_url()).content.decode()


def test_unpublishing_hides_a_cached_page(client, django_capture_on_commit_callbacks):
    lesson = _lesson()
    assert client.get(lesson.get_absolute_url()).status_code == 200
    lesson.published = False
    lesson.save()
    with django_capture_on_commit_callbacks(execute=True):
        lesson_pages_invalidate(lesson.course)
    assert client.get(lesson.get_absolute_url()).status_code == 404


def test_answer_without_javascript_redirects_back_with_feedback(client):
    lesson = _lesson(exercises=1)
    exercise = lesson.exercises.get()
    url = reverse(
        "lessons:exercise-answer",
        kwargs={"course": lesson.course.slug, "lesson": lesson.slug, "pk": exercise.pk},
    )
    response = client.post(url, {"choice": "0"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#exercise-{exercise.pk}")
    html = client.get(lesson.get_absolute_url()).content.decode()
    assert 'class="verdict verdict-wrong"' in html
    assert "resident record" in html
    assert "Lesson complete!</strong>" in html
    # The feedback is shown once.
    assert "verdict-wrong" not in client.get(lesson.get_absolute_url()).content.decode()


def test_answer_with_javascript_gets_json_verdict(client):
    lesson = _lesson(exercises=2)
    exercise = lesson.exercises.first()
    url = reverse(
        "lessons:exercise-answer",
        kwargs={"course": lesson.course.slug, "lesson": lesson.slug, "pk": exercise.pk},
    )
    data = client.post(url, {"choice": "1"}, HTTP_ACCEPT="application/json").json()
    assert data["correct"] is True
    assert data["progress"] == {
        "started": True,
        "completed": False,
        "answered": 1,
        "correct": 1,
        "total": 2,
        "score": 50,
    }


def test_forged_choice_gets_a_clear_error_and_no_score(client):
    lesson = _lesson()
    exercise = lesson.exercises.get()
    url = reverse(
        "lessons:exercise-answer",
        kwargs={"course": lesson.course.slug, "lesson": lesson.slug, "pk": exercise.pk},
    )
    response = client.post(url, {"choice": "99"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert "answer" in response.json()["errors"]
    response = client.post(url, {"choice": "99"}, follow=True)
    assert "could not be read" in response.content.decode()
    assert not Attempt.objects.exists()


def test_answer_to_an_exercise_of_another_lesson_is_a_404(client):
    lesson = _lesson()
    other = ExerciseFactory(data=CHOICE)
    url = reverse(
        "lessons:exercise-answer",
        kwargs={"course": lesson.course.slug, "lesson": lesson.slug, "pk": other.pk},
    )
    assert client.post(url, {"choice": "1"}).status_code == 404
    assert client.post(url.replace(str(other.pk), "999999"), {"choice": "1"}).status_code == 404


def test_replayed_answer_is_counted_once(client):
    lesson = _lesson(exercises=2)
    exercise = lesson.exercises.first()
    client.force_login(UserFactory())
    url = reverse(
        "lessons:exercise-answer",
        kwargs={"course": lesson.course.slug, "lesson": lesson.slug, "pk": exercise.pk},
    )
    for _ in range(3):
        client.post(url, {"choice": "1"})
    assert LessonProgress.objects.get().results == {str(exercise.pk): True}


def test_answer_needs_the_csrf_token():
    lesson = _lesson()
    exercise = lesson.exercises.get()
    url = reverse(
        "lessons:exercise-answer",
        kwargs={"course": lesson.course.slug, "lesson": lesson.slug, "pk": exercise.pk},
    )
    assert Client(enforce_csrf_checks=True).post(url, {"choice": "1"}).status_code == 403


def test_display_switches_are_remembered_in_the_session_and_on_the_account(client):
    lesson = _lesson()
    client.post(
        reverse("lessons:display-set"),
        {"furigana": "0", "romaji": "1", "next": lesson.get_absolute_url()},
    )
    html = client.get(lesson.get_absolute_url()).content.decode()
    assert 'class="lesson furigana-off romaji-on"' in html
    user = UserFactory()
    client.force_login(user)
    client.post(reverse("lessons:display-set"), {"furigana": "0"}, HTTP_ACCEPT="application/json")
    user.refresh_from_db()
    assert user.furigana == "hide"


def test_display_switch_refuses_an_outside_redirect(client):
    response = client.post(
        reverse("lessons:display-set"), {"furigana": "1", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/courses/"


def test_course_page_shows_progress(client):
    lesson = _lesson()
    exercise = lesson.exercises.get()
    client.post(
        reverse(
            "lessons:exercise-answer",
            kwargs={"course": lesson.course.slug, "lesson": lesson.slug, "pk": exercise.pk},
        ),
        {"choice": "1"},
    )
    html = client.get(lesson.course.get_absolute_url()).content.decode()
    assert "Completed" in html
    assert "Score 100%" in html
    assert "1 of 1 lesson completed" in client.get(reverse("lessons:course-list")).content.decode()


def test_progress_merges_at_log_in(client):
    lesson = _lesson()
    exercise = lesson.exercises.get()
    client.post(
        reverse(
            "lessons:exercise-answer",
            kwargs={"course": lesson.course.slug, "lesson": lesson.slug, "pk": exercise.pk},
        ),
        {"choice": "1"},
    )
    user = UserFactory()
    client.post(
        reverse("login"), {"username": user.username, "password": "correct horse battery staple"}
    )
    progress = LessonProgress.objects.get(learner=user)
    assert progress.results == {str(exercise.pk): True}
    assert progress.completed_at is not None


def test_progress_merges_at_sign_up(client):
    lesson = _lesson()
    exercise = lesson.exercises.get()
    client.post(
        reverse(
            "lessons:exercise-answer",
            kwargs={"course": lesson.course.slug, "lesson": lesson.slug, "pk": exercise.pk},
        ),
        {"choice": "0"},
    )
    client.post(
        reverse("signup"),
        {
            "username": "newlearner",
            "password1": "a long passphrase 1",
            "password2": "a long passphrase 1",
        },
    )
    assert LessonProgress.objects.get(learner__username="newlearner").results == {
        str(exercise.pk): False
    }
    assert json.loads(json.dumps(client.session.get("lesson_progress", {}))) == {}


def test_sitemap_lists_published_lessons_only(client):
    shown = _lesson()
    hidden = _lesson()
    hidden.published = False
    hidden.save()
    xml = client.get("/sitemap.xml").content.decode()
    assert shown.get_absolute_url() in xml
    assert hidden.get_absolute_url() not in xml
    assert "/letters/voices/" in xml


def test_course_list_queries_do_not_grow_with_courses(client, django_assert_max_num_queries):
    for _ in range(2):
        _lesson()
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("lessons:course-list"))
    for _ in range(6):
        _lesson()
    with django_assert_max_num_queries(10) as many:
        client.get(reverse("lessons:course-list"))
    assert len(many.captured_queries) == len(few.captured_queries)


# --- Issue 14: the learner's journey ----------------------------------------------------------


def _answer_url(exercise):
    lesson = exercise.lesson
    return reverse(
        "lessons:exercise-answer",
        kwargs={"course": lesson.course.slug, "lesson": lesson.slug, "pk": exercise.pk},
    )


def _reading_lesson():
    """A lesson whose words include 住民票 and which asks the reading of 住民票."""
    lesson = _lesson(exercises=0)
    exercise = ExerciseFactory(
        lesson=lesson,
        kind="reading",
        prompt="How do you read 住民票?",
        data={"word": "住民票", "answers": ["じゅうみんひょう"]},
    )
    lesson_render(lesson)
    return lesson, exercise


def test_a_page_that_asks_a_reading_never_shows_it(client):
    lesson, _exercise = _reading_lesson()
    html = client.get(lesson.get_absolute_url()).content.decode()
    # Not over the prompt, the word list, its example or the dialogue: no ruby on 住民票.
    assert "<rt>じゅうみん" not in html
    assert "How do you read" in html
    # The word list keeps the reading behind a disclosure the learner opens on purpose.
    assert '<details class="asked-reading">' in html
    words = html[html.index('id="vocabulary-heading"') :]
    assert words.index("<details") < words.index("じゅうみんひょう")


def test_a_nearly_right_reading_gets_a_hint_and_is_not_counted(client):
    _lesson_obj, exercise = _reading_lesson()
    data = client.post(
        _answer_url(exercise), {"text": "jumin hyo"}, HTTP_ACCEPT="application/json"
    ).json()
    assert data["correct"] is False
    assert "long vowel" in data["hint"]
    assert "じゅうみんひょう" in data["hint"]
    assert not Attempt.objects.exists()
    assert not client.session.get("lesson_progress")
    # Without JavaScript: the hint in the exercise, the typed answer still in the box.
    response = client.post(_answer_url(exercise), {"text": "jumin hyo"}, follow=True)
    html = response.content.decode()
    section = html[html.index(f'id="exercise-{exercise.pk}"') :]
    assert "verdict-almost" in section
    assert 'value="jumin hyo"' in section
    assert not Attempt.objects.exists()
    # The right answer then counts once.
    client.post(_answer_url(exercise), {"text": "juuminhyou"})
    assert Attempt.objects.get().correct


def test_without_javascript_a_problem_is_shown_in_the_exercise_with_the_answer_kept(client):
    lesson = _lesson(exercises=0)
    ordering = ExerciseFactory(
        lesson=lesson, kind="ordering", data={"tiles": ["住民票を", "ください。", "すみません、"]}
    )
    lesson_render(lesson)
    response = client.post(
        _answer_url(ordering),
        {"position_1": "0", "position_2": "0", "position_3": "1"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="ja",
    )
    html = response.content.decode()
    assert "tile 0" not in html  # no developer words
    section = html[html.index(f'id="exercise-{ordering.pk}"') :]
    section = section[: section.index("</section>")]
    assert "verdict-error" in section
    assert "一度だけ" in section  # the Japanese message, in the exercise itself
    assert section.count('value="0" selected') == 2  # the learner's choices stay
    assert 'value="1" selected' in section
    # The display switches come back to this exercise, not to the top of the page.
    assert f'name="next" value="{lesson.get_absolute_url()}#exercise-{ordering.pk}"' in html


def test_answer_and_explanation_show_furigana_and_keep_english_out_of_japanese(client):
    lesson = _lesson(exercises=0)
    cloze = ExerciseFactory(
        lesson=lesson,
        kind="cloze",
        data={
            "before": "",
            "after": "をください。",
            "answers": ["住民票"],
            "choices": ["住民票", "窓口"],
        },
        explanation="Ask for 住民票 (a resident record) at the counter.",
    )
    lesson_render(lesson)
    data = client.post(_answer_url(cloze), {"choice": "1"}, HTTP_ACCEPT="application/json").json()
    assert (
        "<rt>じゅうみんひょう</rt>" in data["expected_html"]
        or "<rt>じゅうみん</rt>" in data["expected_html"]
    )
    assert data["explanation_html"].startswith('Ask for <span lang="ja"><ruby>')
    assert data["explanation_html"].endswith(" (a resident record) at the counter.")
    html = client.post(_answer_url(cloze), {"choice": "1"}, follow=True).content.decode()
    feedback = html[html.index(f'id="exercise-{cloze.pk}-feedback"') :]
    assert "<ruby>" in feedback[: feedback.index("</div>")]
    # The choices themselves carry furigana.
    choices = html[html.index(f'id="exercise-{cloze.pk}"') :]
    assert "<ruby>窓口" in choices or "<ruby>窓" in choices


def test_japanese_inside_a_translated_note_gets_furigana(client):
    lesson = LessonFactory()
    PassageFactory(
        lesson=lesson,
        kind="grammar",
        text="見せてください。",
        translations={"en": "Please show it. 見せる (to show) → 見せてください."},
    )
    lesson_render(lesson)
    html = client.get(lesson.get_absolute_url()).content.decode()
    assert 'Please show it. <span lang="ja"><ruby>見<rp>(</rp><rt>み</rt>' in html


def test_course_list_and_course_page_follow_the_furigana_switch(client):
    lesson = _lesson()
    course = lesson.course
    from lessons.services import course_title_render

    course_title_render(course)
    for url in (reverse("lessons:course-list"), course.get_absolute_url()):
        assert "furigana-off" not in client.get(url).content.decode()
    client.post(reverse("lessons:display-set"), {"furigana": "0"})
    for url in (reverse("lessons:course-list"), course.get_absolute_url()):
        html = client.get(url).content.decode()
        assert 'class="wrap furigana-off"' in html
        assert "<rt>" in html  # the stored ruby, hidden by the switch


def test_a_lesson_topic_finds_its_course(client):
    lesson = _lesson()
    lesson.topic = "work"
    lesson.save()
    CourseFactory(title="Other course", topic="health")
    html = client.get(reverse("lessons:course-list"), {"topic": "work"}).content.decode()
    assert lesson.course.title in html
    assert "Other course" not in html
