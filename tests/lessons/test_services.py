"""Lesson services: furigana at save, grading, progress kept and merged without loss."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import ValidationError

from learning.models import Audio
from lessons.models import Attempt, LessonProgress
from lessons.services import (
    attempt_submit,
    course_render,
    furigana_refresh_stale,
    furigana_version_for,
    lesson_render,
    progress_merge_session,
)
from tests.factories import (
    ExerciseFactory,
    LessonFactory,
    PassageFactory,
    UserFactory,
    VocabularyItemFactory,
)

pytestmark = pytest.mark.django_db

CHOICE = {"choices": ["passport", "resident record"], "answer": 1}


def _session():
    session = SessionStore()
    session.create()
    return session


def test_lesson_render_stores_ruby_for_every_text():
    lesson = LessonFactory()
    passage = PassageFactory(lesson=lesson)
    item = VocabularyItemFactory(lesson=lesson)
    exercise = ExerciseFactory(
        lesson=lesson, kind="reading", data={"word": "在留カード", "answers": ["ざいりゅうかーど"]}
    )
    lesson_render(lesson)
    passage.refresh_from_db()
    item.refresh_from_db()
    exercise.refresh_from_db()
    assert passage.lines == [
        {"speaker": "職員", "text": "こんにちは。"},
        {"speaker": "アリ", "text": "住民票をください。"},
    ]
    assert "<rt>じゅうみん</rt>" in passage.ruby["住民票をください。"]["html"]
    assert item.reading == "じゅうみんひょう"
    assert item.ruby["住民票"]["anki"] == "住民[じゅうみん] 票[ひょう]"
    assert "<rt>ざいりゅう</rt>" in exercise.ruby["在留カード"]["html"]
    assert passage.furigana_version == furigana_version_for(lesson.course)


def test_a_course_reading_list_applies_to_every_text_and_marks_rows_stale():
    lesson = LessonFactory()
    PassageFactory(lesson=lesson, text="アリ：私は学生です。")
    lesson_render(lesson)
    course = lesson.course
    course.readings = {"私": "わたくし"}
    course.save()
    assert furigana_refresh_stale() == 1
    html = lesson.passages.get().ruby["私は学生です。"]["html"]
    assert "<rt>わたくし</rt>" in html
    assert furigana_refresh_stale() == 0


def test_tutor_reading_of_a_word_wins_over_the_engine():
    item = VocabularyItemFactory(expression="日本", reading="にっぽん", reading_is_override=True)
    course_render(item.lesson.course)
    item.refresh_from_db()
    assert item.reading == "にっぽん"
    assert item.ruby["日本"]["anki"] == "日本[にっぽん]"


@pytest.mark.parametrize(
    ("kind", "data", "answer", "correct"),
    [
        ("choice", CHOICE, {"choice": 1}, True),
        ("choice", CHOICE, {"choice": "0"}, False),
        (
            "listening",
            {
                "sentence": "駅はどこですか。",
                "choices": ["Where is the station?", "What time is it?"],
                "answer": 0,
            },
            {"choice": 0},
            True,
        ),
        ("reading", {"word": "駅", "answers": ["えき"]}, {"text": "エキ"}, True),
        ("reading", {"word": "駅", "answers": ["えき"]}, {"text": "eki"}, True),
        ("reading", {"word": "駅", "answers": ["えき"]}, {"text": "みず"}, False),
        (
            "cloze",
            {"before": "駅", "after": "どこですか。", "answers": ["は"]},
            {"text": "wa"},
            True,
        ),
        (
            "cloze",
            {"before": "駅", "after": "どこですか。", "answers": ["は"]},
            {"text": "を"},
            False,
        ),
        ("ordering", {"tiles": ["駅は", "どこ", "ですか"]}, {"order": [0, 1, 2]}, True),
        ("ordering", {"tiles": ["駅は", "どこ", "ですか"]}, {"order": "1,0,2"}, False),
        (
            "matching",
            {"pairs": [["駅", "station"], ["水", "water"]]},
            {"matches": {"0": 0, "1": 1}},
            True,
        ),
        (
            "matching",
            {"pairs": [["駅", "station"], ["水", "water"]]},
            {"matches": {"0": 1, "1": 0}},
            False,
        ),
    ],
)
def test_every_kind_is_graded_on_the_server(kind, data, answer, correct):
    exercise = ExerciseFactory(kind=kind, data=data)
    if kind == "listening":  # answered by ear: its clip must exist (a worker made it)
        lesson_render(exercise.lesson)
        Audio.objects.update(status=Audio.Status.READY, file="audio/00/clip.mp3")
        exercise.refresh_from_db()
    result = attempt_submit(exercise=exercise, answer=answer, learner=UserFactory())
    assert result.verdict.correct is correct
    assert Attempt.objects.get().correct is correct


@pytest.mark.parametrize(
    "answer",
    [{"choice": 7}, {"choice": -1}, {"choice": True}, {"choice": "x"}, {}, {"choice": "1" * 600}],
)
def test_a_forged_answer_is_refused_and_records_nothing(answer):
    exercise = ExerciseFactory(data=CHOICE)
    with pytest.raises(ValidationError):
        attempt_submit(exercise=exercise, answer=answer, learner=UserFactory())
    assert not Attempt.objects.exists()
    assert not LessonProgress.objects.exists()


def test_an_answer_over_500_characters_is_refused():
    exercise = ExerciseFactory(kind="reading", data={"word": "駅", "answers": ["えき"]})
    with pytest.raises(ValidationError) as exc:
        attempt_submit(exercise=exercise, answer={"text": "え" * 501}, learner=UserFactory())
    assert "500" in str(exc.value)


@pytest.mark.parametrize("hidden", ["draft", "unpublished lesson", "unpublished course"])
def test_hidden_exercises_cannot_be_answered(hidden):
    exercise = ExerciseFactory(data=CHOICE)
    if hidden == "draft":
        exercise.status = "draft"
        exercise.save()
    elif hidden == "unpublished lesson":
        exercise.lesson.published = False
        exercise.lesson.save()
    else:
        exercise.lesson.course.published = False
        exercise.lesson.course.save()
    with pytest.raises(ValidationError):
        attempt_submit(exercise=exercise, answer={"choice": 1}, learner=UserFactory())


def test_progress_completes_when_every_exercise_is_answered_and_never_counts_twice():
    lesson = LessonFactory()
    first, second = ExerciseFactory.create_batch(2, lesson=lesson, data=CHOICE)
    learner = UserFactory()
    attempt_submit(exercise=first, answer={"choice": 1}, learner=learner)
    again = attempt_submit(exercise=first, answer={"choice": 1}, learner=learner)
    assert again.progress.answered == 1
    assert not again.progress.completed
    done = attempt_submit(exercise=second, answer={"choice": 0}, learner=learner)
    assert done.progress.completed
    assert (done.progress.correct, done.progress.total, done.progress.score) == (1, 2, 50)
    assert LessonProgress.objects.get().completed_at is not None


def test_anonymous_progress_is_kept_in_the_session():
    lesson = LessonFactory()
    exercise = ExerciseFactory(lesson=lesson, data=CHOICE)
    session = _session()
    result = attempt_submit(exercise=exercise, answer={"choice": 1}, session=session)
    assert result.progress.completed
    assert session["lesson_progress"][str(lesson.pk)]["results"] == {str(exercise.pk): True}
    assert Attempt.objects.get().learner is None
    assert len(Attempt.objects.get().session_hash) == 32


def test_session_progress_merges_into_the_account_without_loss_or_double_counting():
    lesson = LessonFactory()
    first, second, third = ExerciseFactory.create_batch(3, lesson=lesson, data=CHOICE)
    learner = UserFactory()
    attempt_submit(exercise=first, answer={"choice": 0}, learner=learner)  # wrong on account
    session = _session()
    attempt_submit(exercise=first, answer={"choice": 1}, session=session)  # right anonymously
    attempt_submit(exercise=second, answer={"choice": 0}, session=session)
    assert progress_merge_session(learner=learner, session=session) == 1
    progress = LessonProgress.objects.get(learner=learner)
    assert progress.results == {str(first.pk): True, str(second.pk): False}
    assert progress.completed_at is None
    assert "lesson_progress" not in session
    # Merging again (a second log-in) changes nothing.
    assert progress_merge_session(learner=learner, session=session) == 0
    result = attempt_submit(exercise=third, answer={"choice": 1}, learner=learner)
    assert result.progress.completed
    assert (result.progress.correct, result.progress.total) == (2, 3)


def test_merge_ignores_lessons_that_no_longer_exist():
    session = _session()
    session["lesson_progress"] = {"999999": {"results": {"1": True}}, "junk": 3}
    assert progress_merge_session(learner=UserFactory(), session=session) == 0
    assert not LessonProgress.objects.exists()


def test_a_course_style_option_changes_page_exercises_anki_and_romaji_together():
    lesson = LessonFactory(title_ja="明日の日本語")
    PassageFactory(lesson=lesson, text="アリ：日本に住んでいます。")
    item = VocabularyItemFactory(lesson=lesson, expression="日本", example="明日、東京へ行きます。")
    exercise = ExerciseFactory(lesson=lesson, prompt="日本はどこですか。")
    course = lesson.course
    course.reading_nihon = "にっぽん"
    course.reading_ashita = "あす"
    course.romaji_style = "wapuro"
    course.save()
    assert furigana_refresh_stale() == 1
    lesson.refresh_from_db()
    item.refresh_from_db()
    exercise.refresh_from_db()
    passage = lesson.passages.get()
    assert "<rt>あす</rt>" in lesson.ruby["明日の日本語"]["html"]
    assert "<rt>にっぽん</rt>" in passage.ruby["日本に住んでいます。"]["html"]
    assert passage.ruby["日本に住んでいます。"]["romaji"].startswith("nippon ni")
    assert "<rt>にっぽん</rt>" in exercise.ruby["日本はどこですか。"]["html"]
    assert item.reading == "にっぽん"
    assert item.anki_reading == "日本[にっぽん]"
    assert item.anki_sentence.startswith("明日[あす]")
    assert item.ruby["明日、東京へ行きます。"]["romaji"] == "asu, toukyou e ikimasu."


def test_the_course_reading_list_wins_over_its_style():
    lesson = LessonFactory()
    PassageFactory(lesson=lesson, text="アリ：日本に住んでいます。")
    course = lesson.course
    course.reading_nihon = "にっぽん"
    course.readings = {"日本": "にほん"}
    course.save()
    lesson_render(lesson)
    html = lesson.passages.get().ruby["日本に住んでいます。"]["html"]
    assert "<rt>にほん</rt>" in html
