"""Exercises drafted from a lesson's vocabulary and passages, for a tutor to review."""

import pytest

from lessons import exercises as engine
from lessons.models import Exercise
from lessons.services import exercise_drafts_generate
from tests.factories import LessonFactory, PassageFactory, VocabularyItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson():
    lesson = LessonFactory()
    PassageFactory(lesson=lesson, text="職員：こんにちは。\nアリ：私は住民票を取りに来ました。")
    for expression, reading, meaning in [
        ("住民票", "じゅうみんひょう", "resident record"),
        ("窓口", "まどぐち", "counter"),
        ("在留カード", "ざいりゅうかーど", "residence card"),
    ]:
        VocabularyItemFactory(
            lesson=lesson, expression=expression, reading=reading, meanings={"en": meaning}
        )
    return lesson


def test_drafts_cover_reading_meaning_particles_and_order(lesson):
    drafts = exercise_drafts_generate(lesson=lesson)
    kinds = {d.kind for d in drafts}
    assert kinds == {"reading", "choice", "cloze", "ordering"}
    assert all(d.status == Exercise.Status.DRAFT and d.generated for d in drafts)
    for draft in drafts:
        engine.validate_data(draft.kind, draft.data)  # every draft is a valid exercise
    reading = next(d for d in drafts if d.kind == "reading" and d.data["word"] == "窓口")
    assert reading.data["answers"] == ["まどぐち"]
    cloze = next(d for d in drafts if d.kind == "cloze")
    assert (
        cloze.data["before"] + cloze.data["answers"][0] + cloze.data["after"]
        == "私は住民票を取りに来ました。"
    )
    assert cloze.data["answers"][0] in cloze.data["choices"]
    ordering = next(d for d in drafts if d.kind == "ordering")
    assert "".join(ordering.data["tiles"]) == "私は住民票を取りに来ました。"
    meaning = next(d for d in drafts if d.kind == "choice" and "窓口" in d.prompt)
    assert meaning.data["choices"][meaning.data["answer"]] == "counter"


def test_drafts_are_invisible_to_learners_until_reviewed(client, lesson):
    exercise_drafts_generate(lesson=lesson)
    html = client.get(lesson.get_absolute_url()).content.decode()
    assert "How do you read" not in html


def test_generating_twice_adds_no_duplicates(lesson):
    first = exercise_drafts_generate(lesson=lesson)
    assert first
    assert exercise_drafts_generate(lesson=lesson) == []


def test_drafting_after_a_new_word_drafts_only_what_is_new(lesson):
    first = exercise_drafts_generate(lesson=lesson)
    VocabularyItemFactory(
        lesson=lesson, expression="申請書", reading="しんせいしょ", meanings={"en": "application"}
    )
    again = exercise_drafts_generate(lesson=lesson)
    # The new word changes every meaning question's choices; those are not drafted twice.
    assert sorted((d.kind, d.data.get("word") or d.prompt) for d in again) == [
        ("choice", "What does 申請書 mean?"),
        ("reading", "申請書"),
    ]
    assert Exercise.objects.filter(lesson=lesson).count() == len(first) + 2


def test_an_accepted_draft_the_tutor_edited_is_not_drafted_again(lesson):
    drafts = exercise_drafts_generate(lesson=lesson)
    for draft in drafts:
        if draft.kind == "reading":
            draft.data = {**draft.data, "answers": [*draft.data["answers"], "extra"]}
        draft.prompt = "Edited by the tutor"
        draft.status = Exercise.Status.READY
        draft.save()
    assert exercise_drafts_generate(lesson=lesson) == []


def test_a_drafted_reading_exercise_accepts_every_reading_the_tutor_listed():
    lesson = LessonFactory()
    VocabularyItemFactory(
        lesson=lesson, expression="明日", reading="あした", also_accept=["あす", "みょうにち"]
    )
    (draft,) = [d for d in exercise_drafts_generate(lesson=lesson) if d.kind == "reading"]
    assert draft.data["answers"] == ["あした", "あす", "みょうにち"]
    assert engine.grade("reading", draft.data, {"text": "asu"}).correct
