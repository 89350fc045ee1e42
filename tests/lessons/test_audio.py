"""Audio clips: asked for when a lesson is saved (never made in the request), made by the job,
retried, shown as a player only once ready, served with byte ranges, carried by Anki decks; a
listening exercise counts in the lesson's progress only once its clip can be heard."""

import io

import pytest
import soundfile
from anki.collection import Collection
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from learning.audio.services import audio_refresh, audio_requeue_stale, audio_synthesize
from learning.audio.tasks import audio_make
from learning.models import Audio
from lessons.japanese import speech
from lessons.models import ClassMembership, Classroom, Exercise, LessonProgress
from lessons.selectors import (
    audio_status,
    classroom_report,
    exercise_ids_counted,
    lesson_speech,
    progress_by_lesson,
    speech_for,
)
from lessons.services import attempt_submit, lesson_render, progress_merge_session
from tests.factories import (
    ExerciseFactory,
    LessonFactory,
    PassageFactory,
    UserFactory,
    VocabularyItemFactory,
)
from tests.lessons.ankitools import import_apkg

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def audio_storage():
    return storages["audio"]


@pytest.fixture
def lesson():
    lesson = LessonFactory(course__readings={})
    PassageFactory(lesson=lesson, kind="dialogue", text="職員：こんにちは。\nアリ：はい。")
    VocabularyItemFactory(lesson=lesson, expression="窓口", example="窓口はどこですか。")
    ExerciseFactory(
        lesson=lesson,
        kind="listening",
        prompt="What did you hear?",
        data={"sentence": "はい。", "choices": ["yes", "no"], "answer": 0},
    )
    return lesson


def _render(lesson, capture):
    with capture(execute=True):
        lesson_render(lesson)


def _make_all():
    for key in Audio.objects.values_list("key", flat=True):
        audio_synthesize(key=key)


def test_saving_a_lesson_asks_for_every_clip_and_queues_them_without_synthesising(
    lesson, django_capture_on_commit_callbacks
):
    _render(lesson, django_capture_on_commit_callbacks)
    readings = set(Audio.objects.values_list("reading", flat=True))
    # Two dialogue lines, the word, its example and the listening sentence.
    assert {"こんにちは。", "はい。", "まどぐち", "まどぐちはどこですか。"} <= readings
    assert set(Audio.objects.values_list("status", flat=True)) == {Audio.Status.PENDING}
    assert not Audio.objects.exclude(file="").exists()
    jobs = DBTaskResult.objects.filter(task_path="learning.audio.tasks.audio_make")
    assert sorted(j.args_kwargs["args"][0] for j in jobs) == sorted(
        Audio.objects.values_list("key", flat=True)
    )
    # The second speaker (アリ) speaks in another voice than the first and the narrator, so
    # the same はい。 is two clips: the dialogue line and the listening exercise.
    assert Audio.objects.get(reading="こんにちは。").voice == "a"
    assert set(Audio.objects.filter(reading="はい。").values_list("voice", flat=True)) == {"a", "b"}
    assert Audio.objects.count() == 5


def test_saving_again_queues_nothing_new(lesson, django_capture_on_commit_callbacks):
    _render(lesson, django_capture_on_commit_callbacks)
    before = DBTaskResult.objects.count()
    _render(lesson, django_capture_on_commit_callbacks)
    assert DBTaskResult.objects.count() == before


def test_a_tutors_reading_correction_is_what_is_spoken(lesson, django_capture_on_commit_callbacks):
    item = lesson.vocabulary.get()
    item.reading, item.reading_is_override = "まどくち", True
    item.save()
    _render(lesson, django_capture_on_commit_callbacks)
    item.refresh_from_db()
    assert Audio.objects.get(key=item.word_audio).reading == "まどくち"
    course = lesson.course
    course.readings = {"窓口": "まどくち"}
    course.save()
    _render(lesson, django_capture_on_commit_callbacks)
    item.refresh_from_db()
    assert Audio.objects.get(key=item.sentence_audio).reading == "まどくちはどこですか。"


def test_the_job_makes_a_complete_file_and_the_page_gets_a_player(
    lesson, client, django_capture_on_commit_callbacks, audio_storage
):
    _render(lesson, django_capture_on_commit_callbacks)
    page = client.get(lesson.get_absolute_url()).content.decode()
    assert "<audio" not in page
    assert "not ready yet" in page  # the listening exercise waits
    status = audio_status(keys=[s.key for s in lesson_speech(lesson)])
    assert status.ready == 0
    assert status.waiting == status.total > 0

    item = lesson.vocabulary.get()
    assert audio_make.call(item.word_audio) is True
    audio = Audio.objects.get(key=item.word_audio)
    assert audio.status == Audio.Status.READY
    assert audio.size > 0
    assert audio.seconds > 0
    frames, rate = soundfile.read(io.BytesIO(audio_storage.open(audio.file.name).read()))
    assert len(frames) / rate > 0.3

    page = client.get(lesson.get_absolute_url()).content.decode()
    url = audio_storage.url(audio.file.name)
    assert f'<audio controls preload="none" src="{url}"' in page
    assert page.count("<audio") == 1  # only the ready clip has a player


def test_a_listening_exercise_without_audio_is_not_counted(
    lesson, django_capture_on_commit_callbacks
):
    _render(lesson, django_capture_on_commit_callbacks)
    exercise = lesson.exercises.get(kind=Exercise.Kind.LISTENING)
    learner = UserFactory()
    with pytest.raises(ValidationError, match="not ready"):
        attempt_submit(exercise=exercise, answer={"choice": 0}, learner=learner)
    assert not exercise.attempts.exists()
    _make_all()
    result = attempt_submit(exercise=exercise, answer={"choice": 0}, learner=learner)
    assert result.verdict.correct


def test_the_clip_is_served_whole_and_by_byte_range(
    lesson, client, django_capture_on_commit_callbacks, audio_storage
):
    _render(lesson, django_capture_on_commit_callbacks)
    item = lesson.vocabulary.get()
    audio = audio_synthesize(key=item.word_audio)
    url = audio_storage.url(audio.file.name)
    whole = client.get(url)
    assert whole.status_code == 200
    assert whole["Content-Type"] == "audio/mpeg"
    assert whole["Accept-Ranges"] == "bytes"
    assert "immutable" in whole["Cache-Control"]
    data = whole.content
    part = client.get(url, headers={"Range": "bytes=0-99"})
    assert part.status_code == 206
    assert part.content == data[:100]
    assert part["Content-Range"] == f"bytes 0-99/{len(data)}"
    assert client.get(url, headers={"Range": "bytes=-10"}).content == data[-10:]
    assert client.get(url, headers={"Range": f"bytes={len(data)}-"}).status_code == 416
    assert client.get("/courses/audio/00/" + "0" * 64 + ".mp3").status_code == 404


def test_an_unspeakable_reading_fails_at_once_and_shows_no_player(
    django_capture_on_commit_callbacks,
):
    Audio.objects.create(key="f" * 64, reading="😀", voice="a", engine_version="x")
    assert audio_make.call("f" * 64) is False
    audio = Audio.objects.get(key="f" * 64)
    assert audio.status == Audio.Status.FAILED
    assert "no kana" in audio.error
    assert DBTaskResult.objects.count() == 0  # not retried


def test_a_failing_job_is_retried_later_then_given_up(monkeypatch, settings):
    settings.AUDIO_MAX_ATTEMPTS = 2
    Audio.objects.create(key="e" * 64, reading="はい", voice="a", engine_version="x")

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(speech, "synthesize", broken)
    with pytest.raises(OSError, match="disk full"):
        audio_make.call("e" * 64)
    audio = Audio.objects.get(key="e" * 64)
    assert (audio.status, audio.attempts) == (Audio.Status.PENDING, 1)
    retry = DBTaskResult.objects.get()
    assert retry.run_after is not None
    assert retry.args_kwargs["args"] == ["e" * 64]
    with pytest.raises(OSError, match="disk full"):
        audio_make.call("e" * 64)
    audio.refresh_from_db()
    assert (audio.status, audio.attempts) == (Audio.Status.FAILED, 2)
    assert DBTaskResult.objects.count() == 1  # no third try


def test_a_clip_lost_with_its_worker_is_queued_again(django_capture_on_commit_callbacks):
    Audio.objects.create(
        key="d" * 64, reading="はい", voice="a", engine_version="x", status="running", attempts=1
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert audio_requeue_stale(lease_seconds=0) == 1
    assert DBTaskResult.objects.get().args_kwargs["args"] == ["d" * 64]
    with django_capture_on_commit_callbacks(execute=True):
        assert audio_requeue_stale() == 0  # just queued: within its lease


def test_refresh_asks_for_clips_of_lessons_loaded_without_rendering(
    lesson, django_capture_on_commit_callbacks
):
    _render(lesson, django_capture_on_commit_callbacks)
    Audio.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        new, _again = audio_refresh()
    assert new == Audio.objects.count() > 0


def test_the_lesson_api_gives_audio_urls_once_ready(
    lesson, client, django_capture_on_commit_callbacks
):
    _render(lesson, django_capture_on_commit_callbacks)
    url = f"/api/v1/courses/{lesson.course.slug}/lessons/{lesson.slug}/"
    before = client.get(url).json()
    assert before["vocabulary"][0]["audio"] is None
    _make_all()
    after = client.get(url).json()
    word = after["vocabulary"][0]
    assert word["audio"].startswith("http://testserver/courses/audio/")
    assert word["example_audio"].endswith(".mp3")
    assert all(line["audio"] for line in after["passages"][0]["lines"])
    listening = next(e for e in after["exercises"] if e["kind"] == "listening")
    assert listening["audio"].endswith(".mp3")
    assert client.get(word["audio"].removeprefix("http://testserver")).status_code == 200


def test_the_anki_deck_carries_the_audio_as_media(
    lesson, client, django_capture_on_commit_callbacks, tmp_path
):
    _render(lesson, django_capture_on_commit_callbacks)
    _make_all()
    item = lesson.vocabulary.get()
    response = client.get(f"/courses/{lesson.course.slug}/deck.apkg")
    col = Collection(str(tmp_path / "c.anki2"))
    try:
        import_apkg(col, response.content)
        note = col.get_note(col.find_notes("Expression:窓口")[0])
        word_file = f"kasumi-{item.word_audio}.mp3"
        assert f"[sound:{word_file}]" in note["Reading"]
        assert f"[sound:kasumi-{item.sentence_audio}.mp3]" in note["Sentence"]
        card = note.cards()[0]
        answer = card.answer()
        # Anki's furigana filter left the sounds alone (they became play buttons) and still
        # made the ruby; the answer plays the word, then the sentence.
        assert "<ruby>" in answer
        assert "[anki:play:a:0]" in answer
        assert "sound:" not in answer
        played = [tag.filename for tag in card.answer_av_tags()]
        assert played == [word_file, f"kasumi-{item.sentence_audio}.mp3"]
        stored = tmp_path / "c.media" / word_file
        frames, rate = soundfile.read(io.BytesIO(stored.read_bytes()))
        assert len(frames) / rate > 0.3
    finally:
        col.close()


def test_a_clip_whose_file_went_missing_breaks_no_page_and_no_deck(
    lesson, client, django_capture_on_commit_callbacks, audio_storage, tmp_path
):
    _render(lesson, django_capture_on_commit_callbacks)
    _make_all()
    item = lesson.vocabulary.get()
    gone = Audio.objects.get(key=item.word_audio).file.name
    audio_storage.delete(gone)
    page = client.get(lesson.get_absolute_url())
    assert page.status_code == 200
    assert client.get(audio_storage.url(gone)).status_code == 404
    response = client.get(f"/courses/{lesson.course.slug}/deck.apkg")
    assert response.status_code == 200
    col = Collection(str(tmp_path / "c.anki2"))
    try:
        import_apkg(col, response.content)
        note = col.get_note(col.find_notes("Expression:窓口")[0])
        # The word goes without its sound; the sentence keeps its own.
        assert "[sound:" not in note["Reading"]
        assert f"[sound:kasumi-{item.sentence_audio}.mp3]" in note["Sentence"]
    finally:
        col.close()


# --- Progress totals: a listening exercise counts once it can be heard ------------------------


@pytest.fixture
def two_exercises(django_capture_on_commit_callbacks):
    """A published lesson with a choice and a listening exercise, rendered (its clips asked
    for, none made yet)."""
    lesson = LessonFactory(course__readings={})
    choice = ExerciseFactory(lesson=lesson, data={"choices": ["a", "b"], "answer": 1})
    listening = ExerciseFactory(
        lesson=lesson,
        kind="listening",
        data={"sentence": "はい。", "choices": ["yes", "no"], "answer": 0},
    )
    _render(lesson, django_capture_on_commit_callbacks)
    listening.refresh_from_db()
    return lesson, choice, listening


def _listening_ready(listening):
    audio_synthesize(key=speech_for(listening.ruby, listening.data["sentence"]).key)


def _answer_url(lesson, exercise):
    return reverse(
        "lessons:exercise-answer",
        kwargs={"course": lesson.course.slug, "lesson": lesson.slug, "pk": exercise.pk},
    )


def test_a_listening_exercise_without_its_clip_is_left_out_of_the_totals(two_exercises):
    lesson, choice, listening = two_exercises
    learner = UserFactory()
    assert exercise_ids_counted(lesson_ids=[lesson.pk]) == {lesson.pk: [choice.pk]}
    result = attempt_submit(exercise=choice, answer={"choice": 1}, learner=learner)
    # Nothing else can be answered: the lesson is complete, and all of it was right.
    assert (result.progress.answered, result.progress.total) == (1, 1)
    assert result.progress.completed
    assert result.progress.score == 100
    assert LessonProgress.objects.get().completed_at is not None

    _listening_ready(listening)
    assert exercise_ids_counted(lesson_ids=[lesson.pk]) == {lesson.pk: [choice.pk, listening.pk]}
    now = progress_by_lesson(learner=learner, session=None, lesson_ids=[lesson.pk])[lesson.pk]
    assert (now.answered, now.total, now.completed) == (1, 2, True)
    done = attempt_submit(exercise=listening, answer={"choice": 0}, learner=learner)
    assert (done.progress.answered, done.progress.total, done.progress.score) == (2, 2, 100)


def test_a_clip_made_later_counts_before_the_lesson_is_complete(two_exercises):
    lesson, choice, listening = two_exercises
    other = ExerciseFactory(lesson=lesson, data={"choices": ["a", "b"], "answer": 0})
    session = SessionStore()
    session.create()
    first = attempt_submit(exercise=choice, answer={"choice": 1}, session=session)
    assert (first.progress.answered, first.progress.total, first.progress.completed) == (
        1,
        2,
        False,
    )
    _listening_ready(listening)
    second = attempt_submit(exercise=other, answer={"choice": 0}, session=session)
    # The listening exercise can be heard now: it counts, and the lesson waits for it.
    assert (second.progress.answered, second.progress.total) == (2, 3)
    assert not second.progress.completed
    last = attempt_submit(exercise=listening, answer={"choice": 0}, session=session)
    assert last.progress.completed


def test_the_lesson_page_counts_what_can_be_answered(client, two_exercises):
    lesson, choice, listening = two_exercises
    other = ExerciseFactory(lesson=lesson, data={"choices": ["a", "b"], "answer": 0})
    client.post(_answer_url(lesson, choice), {"choice": "1"})
    page = client.get(lesson.get_absolute_url()).content.decode()
    assert "1 of 2 exercises answered." in page
    assert "not ready yet, so it is not counted" in page
    _listening_ready(listening)
    page = client.get(lesson.get_absolute_url()).content.decode()
    assert "1 of 3 exercises answered." in page
    assert "not ready yet" not in page
    client.post(_answer_url(lesson, other), {"choice": "0"})
    client.post(_answer_url(lesson, listening), {"choice": "0"})
    assert "Lesson complete!" in client.get(lesson.get_absolute_url()).content.decode()


def test_merged_progress_completes_without_the_exercise_that_cannot_be_heard(two_exercises):
    _lesson, choice, _listening = two_exercises
    session = SessionStore()
    session.create()
    attempt_submit(exercise=choice, answer={"choice": 1}, session=session)
    learner = UserFactory()
    assert progress_merge_session(learner=learner, session=session) == 1
    assert LessonProgress.objects.get(learner=learner).completed_at is not None


def test_the_class_report_counts_what_can_be_answered(two_exercises):
    lesson, choice, listening = two_exercises
    lesson.course.published = True
    lesson.course.save()
    classroom = Classroom.objects.create(
        course=lesson.course, created_by=UserFactory(), name="Evening", join_code="ABCD2345"
    )
    learner = UserFactory()
    ClassMembership.objects.create(classroom=classroom, learner=learner)
    attempt_submit(exercise=choice, answer={"choice": 1}, learner=learner)
    cell = classroom_report(classroom=classroom).rows[0].cells[0]
    assert (cell.answered, cell.total, cell.completed) == (1, 1, True)
    _listening_ready(listening)
    cell = classroom_report(classroom=classroom).rows[0].cells[0]
    assert (cell.answered, cell.total) == (1, 2)
