"""Anki deck downloads: pages, API and command, imported by the official Anki library."""

import time
from pathlib import Path

import pytest
from anki.collection import Collection
from django.core.management import call_command
from django.core.management.base import CommandError

from lessons.models import LessonProgress
from lessons.services import lesson_render
from tests.factories import (
    CourseFactory,
    ExerciseFactory,
    LessonFactory,
    UserFactory,
    VocabularyItemFactory,
)
from tests.lessons.ankitools import import_apkg

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    course = CourseFactory(
        slug="survival", title="Survival Japanese", level="A1", topic="city-hall"
    )
    for slug, words in (("city-hall", ["住民票", "窓口"]), ("hospital", ["病院"])):
        lesson = LessonFactory(course=course, slug=slug, title=slug.title())
        for word in words:
            VocabularyItemFactory(
                lesson=lesson,
                expression=word,
                example=f"{word}はどこですか。",
                meanings={"en": f"{word} (en)", "ar": f"{word} (ar)"},
            )
        lesson_render(lesson)
    return course


@pytest.fixture
def col(tmp_path):
    collection = Collection(str(tmp_path / "c.anki2"))
    yield collection
    collection.close()


def test_course_deck_downloads_and_imports_into_anki(client, course, col):
    response = client.get("/courses/survival/deck.apkg", {"lang": "ar"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/apkg"
    assert response["Content-Disposition"] == 'attachment; filename="kasumi-survival.apkg"'
    log = import_apkg(col, response.content)
    assert len(log.new) == 3
    assert col.card_count() == 6
    names = {d.name for d in col.decks.all_names_and_ids()}
    assert {"Survival Japanese::City-Hall", "Survival Japanese::Hospital"} <= names
    note = col.get_note(col.find_notes("Expression:住民票")[0])
    assert "<ruby><rb>住民</rb><rt>じゅうみん</rt></ruby>" in note.cards()[0].answer()
    assert 'lang="ar"' in note["Meaning"]
    assert "住民票 (en)" in note["Meaning"]
    assert "kasumi::lesson::city-hall" in note.tags


def test_a_fixed_reading_updates_the_note_in_anki_and_keeps_it_single(
    client, course, col, django_capture_on_commit_callbacks
):
    import_apkg(col, client.get("/courses/survival/deck.apkg").content)
    item = course.lessons.get(slug="hospital").vocabulary.get()
    item.reading, item.reading_is_override = "びよういん", True
    item.meanings = {"en": "hospital, clinic"}
    item.save()
    with django_capture_on_commit_callbacks(execute=True):
        lesson_render(item.lesson)
    time.sleep(1.1)  # Anki updates a note only from a newer export (second resolution)
    log = import_apkg(col, client.get("/courses/survival/deck.apkg").content)
    assert not log.new
    assert col.note_count() == 3
    note = col.get_note(col.find_notes("Expression:病院")[0])
    assert note["Meaning"].endswith("hospital, clinic</span>")
    assert "<rt>びよういん</rt>" in note.cards()[0].answer()


def test_lesson_deck_and_course_deck_do_not_duplicate_notes(client, course, col):
    import_apkg(col, client.get("/courses/survival/city-hall/deck.apkg").content)
    import_apkg(col, client.get("/courses/survival/deck.apkg").content)
    assert col.note_count() == 3


def test_deck_is_revalidated_with_its_etag(client, course):
    first = client.get("/courses/survival/deck.apkg")
    etag = first["ETag"]
    again = client.get("/courses/survival/deck.apkg", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    other_language = client.get("/courses/survival/deck.apkg", {"lang": "ar"})
    assert other_language["ETag"] != etag


def test_an_edit_changes_the_etag(client, course, django_capture_on_commit_callbacks):
    etag = client.get("/courses/survival/deck.apkg")["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        lesson_render(course.lessons.first())
    assert client.get("/courses/survival/deck.apkg")["ETag"] != etag


def test_tutor_markup_reaches_the_card_as_text(client, course, col):
    item = course.lessons.first().vocabulary.first()
    item.meanings = {"en": "<script>alert(1)</script><img src=x onerror=alert(1)>"}
    item.save()
    import_apkg(col, client.get("/courses/survival/city-hall/deck.apkg").content)
    note = col.get_note(col.find_notes(f"Key:{item.key}")[0])
    assert "<script" not in note["Meaning"]
    assert "<img" not in note["Meaning"]
    assert "&lt;script&gt;" in note["Meaning"]


@pytest.mark.parametrize(
    "url",
    [
        "/courses/nope/deck.apkg",
        "/courses/survival/nope/deck.apkg",
        "/api/v1/courses/nope/deck.apkg",
    ],
)
def test_unknown_decks_are_404(client, course, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("hidden", ["course", "lesson"])
def test_unpublished_content_is_never_in_a_deck(client, course, col, hidden):
    lesson = course.lessons.get(slug="hospital")
    target = course if hidden == "course" else lesson
    target.published = False
    target.save()
    response = client.get("/courses/survival/deck.apkg")
    if hidden == "course":
        assert response.status_code == 404
        return
    import_apkg(col, response.content)
    assert not col.find_notes("Expression:病院")
    assert client.get("/courses/survival/hospital/deck.apkg").status_code == 404


def test_api_serves_the_same_deck(client, course, col):
    response = client.get("/api/v1/courses/survival/lessons/city-hall/deck.apkg")
    assert response.status_code == 200
    import_apkg(col, response.content)
    assert col.note_count() == 2


def test_mistakes_deck_holds_the_words_answered_wrong(client, course, col):
    lesson = course.lessons.get(slug="city-hall")
    exercise = ExerciseFactory(
        lesson=lesson,
        kind="reading",
        prompt="How do you read it?",
        data={"word": "窓口", "answers": ["まどぐち"]},
    )
    user = UserFactory()
    LessonProgress.objects.create(
        learner=user,
        lesson=lesson,
        started_at="2026-11-01T00:00Z",
        results={str(exercise.pk): False},
    )
    assert client.get("/courses/my-mistakes.apkg").status_code == 302  # log in first
    client.force_login(user)
    import_apkg(col, client.get("/courses/my-mistakes.apkg").content)
    assert [col.get_note(n)["Expression"] for n in col.find_notes("")] == ["窓口"]
    assert client.get("/api/v1/progress/mistakes.apkg").status_code == 200


def _wrong_answer_to(user, lesson, word, reading):
    exercise = ExerciseFactory(
        lesson=lesson,
        kind="reading",
        prompt="How do you read it?",
        data={"word": word, "answers": [reading]},
    )
    LessonProgress.objects.create(
        learner=user,
        lesson=lesson,
        started_at="2026-11-01T00:00Z",
        results={str(exercise.pk): False},
    )


def test_mistakes_imported_beside_the_course_deck_are_tagged_for_a_filtered_deck(
    client, course, col
):
    user = UserFactory()
    _wrong_answer_to(user, course.lessons.get(slug="city-hall"), "窓口", "まどぐち")
    client.force_login(user)
    import_apkg(col, client.get("/courses/survival/deck.apkg").content)
    time.sleep(1.1)  # Anki updates a note only from a newer one (modification times in seconds)
    log = import_apkg(col, client.get("/courses/my-mistakes.apkg").content)
    assert not log.new  # the same notes, not copies
    assert col.card_count() == 6
    tagged = [col.get_note(n)["Expression"] for n in col.find_notes("tag:kasumi::mistake")]
    assert tagged == ["窓口"]


def test_an_empty_mistakes_deck_says_so_instead_of_downloading(client, course):
    client.force_login(UserFactory())
    response = client.get("/courses/my-mistakes.apkg")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "no mistakes to practise" in response.content.decode()


def test_export_deck_command_writes_the_course_or_a_lesson(course, tmp_path, col):
    call_command("export_deck", "survival", output=str(tmp_path / "c.apkg"))
    call_command("export_deck", "survival/hospital", output=str(tmp_path / "l.apkg"))
    import_apkg(col, (tmp_path / "l.apkg").read_bytes())
    assert col.note_count() == 1
    import_apkg(col, (tmp_path / "c.apkg").read_bytes())
    assert col.note_count() == 3
    with pytest.raises(CommandError):
        call_command("export_deck", "survival/nope", output=str(tmp_path / "x.apkg"))
    assert not Path(tmp_path / "x.apkg").exists()


def test_deck_downloads_are_rate_limited(client, course, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "deck": "2/hour",
        },
    }
    statuses = [client.get("/courses/survival/deck.apkg").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
