"""Exercises, headings and explanations in the learner's language; the meaning language chosen on
the lesson page; a discreet note when texts are missing in it; what a tutor sees and adds."""

import re

import pytest
from django.urls import reverse

from learning.roles import Role
from lessons import exercises
from lessons.models import Passage
from lessons.selectors import lesson_export
from lessons.services import authoring, lesson_render
from lessons.transfer import TransferError, parse_lesson_document
from tests.factories import (
    ExerciseFactory,
    LessonFactory,
    PassageFactory,
    UserFactory,
    VocabularyItemFactory,
)

CHOICE = {"choices": ["passport", "resident record", "住民票"], "answer": 1}
MATCHING = {"pairs": [["病院", "hospital"], ["薬", "medicine"]]}


# --- The engine (pure) ----------------------------------------------------------------------


def test_translated_texts_are_checked_against_the_data():
    good = {"fa": {"choices": ["گذرنامه", "گواهی اقامت", "住民票"]}}
    assert exercises.validate_data_translations("choice", CHOICE, good) == good
    for bad, where in [
        ({"fa": {"choices": ["گذرنامه"]}}, "must be a list of 3 texts"),
        ({"fa": {"pairs": ["x", "y"]}}, "cannot be translated in a choice exercise"),
        ({"FA!": {"choices": ["a", "b", "c"]}}, "not a language code"),
        ({"fa": {"choices": ["a", "", "c"]}}, "1-500 characters"),
        ({"fa": {"choices": ["a", "b\x00", "c"]}}, "without control characters"),
        ({"fa": ["a", "b", "c"]}, "must be an object"),
        ([], "must be an object of language code"),
    ]:
        with pytest.raises(exercises.ExerciseDataError, match=where):
            exercises.validate_data_translations("choice", CHOICE, bad)
    with pytest.raises(exercises.ExerciseDataError, match="cannot be translated"):
        exercises.validate_data_translations(
            "reading", {"word": "駅", "answers": ["えき"]}, {"fa": {"translation": "x"}}
        )


def test_the_display_takes_the_first_language_that_has_a_text():
    shown = exercises.display("choice", CHOICE, seed=1)
    table = {"ar": {"choices": ["جواز السفر", "شهادة الإقامة", "住民票"]}}
    out = exercises.display_in("choice", shown, table, ("fa", "ar", "en"))
    assert [(c["text"], c["lang"]) for c in out["choices"]] == [
        ("جواز السفر", "ar"),
        ("شهادة الإقامة", "ar"),
        ("住民票", "ja"),  # Japanese stays Japanese
    ]
    english = exercises.display_in("choice", shown, table, ("fa", "en"))
    assert [c["lang"] for c in english["choices"]] == ["en", "en", "ja"]
    matching = exercises.display("matching", MATCHING, seed=3)
    rights = exercises.display_in(
        "matching", matching, {"uk": {"pairs": ["лікарня", "ліки"]}}, ("uk", "en")
    )["rights"]
    by_index = {r["index"]: (r["text"], r["lang"]) for r in rights}
    assert by_index == {0: ("лікарня", "uk"), 1: ("ліки", "uk")}


# --- The lesson page ------------------------------------------------------------------------


@pytest.fixture
def lesson(db):
    lesson = LessonFactory(title_translations={"fa": "در شهرداری"})
    PassageFactory(
        lesson=lesson,
        title="At the counter",
        title_translations={"fa": "پشت باجه"},
        translations={"en": "Hello.\nA resident record, please.", "fa": "سلام.\nلطفاً گواهی اقامت."},
    )
    VocabularyItemFactory(
        lesson=lesson,
        expression="住民票",
        meanings={"en": "resident record", "fa": "گواهی اقامت"},
        example="住民票をください。",
        example_translations={"en": "A resident record, please.", "fa": "لطفاً گواهی اقامت."},
    )
    ExerciseFactory(
        lesson=lesson,
        data=CHOICE,
        prompt="Which is the 住民票?",
        explanation="住民票 is the resident record.",
        explanation_translations={"fa": "住民票 یعنی گواهی اقامت."},
        data_translations={"fa": {"choices": ["گذرنامه", "گواهی اقامت", "住民票"]}},
    )
    lesson_render(lesson)
    return lesson


def _set_meaning(client, lesson, code):
    response = client.post(
        reverse("lessons:display-set"),
        {"meaning_language": code, "next": lesson.get_absolute_url()},
    )
    assert response.status_code == 302
    return client.get(response["Location"]).content.decode()


def test_the_lesson_page_offers_the_meaning_language(client, lesson):
    html = client.get(lesson.get_absolute_url()).content.decode()
    assert 'name="meaning_language"' in html
    assert re.search(r'<option value="fa" lang="fa" dir="rtl"[^>]*>فارسی</option>', html)
    html = _set_meaning(client, lesson, "fa")
    assert re.search(r'<option value="fa"[^>]* selected>', html)
    # Choices, the heading and the meaning in Farsi, the Japanese choice as it is.
    assert '<span lang="fa" dir="rtl">گواهی اقامت</span>' in html
    assert '<span lang="ja" dir="ltr"><span lang="ja"><ruby>住民' in html
    assert '<span lang="ja">گذرنامه' not in html
    assert "پشت باجه" in html
    assert "At the counter" not in html


def test_the_explanation_comes_in_the_learners_language(client, lesson):
    _set_meaning(client, lesson, "fa")
    exercise = lesson.exercises.get()
    url = reverse(
        "lessons:exercise-answer",
        kwargs={"course": lesson.course.slug, "lesson": lesson.slug, "pk": exercise.pk},
    )
    html = client.get(client.post(url, {"choice": "1"})["Location"]).content.decode()
    assert re.search(r'<p class="explanation" lang="fa" dir="rtl">.*گواهی اقامت', html)
    data = client.post(url, {"choice": "1"}, HTTP_ACCEPT="application/json").json()
    assert data["explanation_lang"] == "fa"


def test_missing_texts_are_said_discreetly_and_shown_in_english(
    client, lesson, django_capture_on_commit_callbacks
):
    html = _set_meaning(client, lesson, "fa")
    # The lesson's goal has no Farsi: one text is missing.
    assert "1 text of this lesson is not yet in" in html
    assert '<bdi lang="fa">فارسی</bdi>' in html
    html = _set_meaning(client, lesson, "uk")
    assert re.search(r"\d+ texts of this lesson are not yet in <bdi lang=\"uk\">", html)
    assert '<span lang="en" dir="ltr">resident record</span>' in html
    html = _set_meaning(client, lesson, "en")
    assert "not yet in" not in html
    with django_capture_on_commit_callbacks(execute=True):  # the cached pages go on commit
        lesson.can_do_translations = {"fa": "می‌توانم در شهرداری گواهی اقامت بخواهم."}
        lesson.save()
        lesson_render(lesson)
    assert "not yet in" not in _set_meaning(client, lesson, "fa")


# --- The tutor ------------------------------------------------------------------------------


@pytest.fixture
def tutor_client(client, lesson):
    tutor = UserFactory(roles=[Role.TUTOR])
    lesson.course.owner = tutor
    lesson.course.save()
    client.force_login(tutor)
    return client


def test_the_tutor_sees_which_languages_a_lesson_lacks(tutor_client, lesson, settings):
    html = tutor_client.get(reverse("teach:lesson-update", kwargs={"lesson": lesson.pk})).content
    html = html.decode()
    assert 'id="languages-missing"' in html
    assert re.search(r'<span lang="fa" dir="auto">فارسی</span>: <strong>1 missing</strong>', html)
    arabic = r'<span lang="ar" dir="auto">العربية</span>: <strong>\d+ missing</strong>'
    assert re.search(arabic, html)


def test_the_tutor_adds_choices_and_an_explanation_in_a_language(tutor_client, lesson):
    exercise = lesson.exercises.get()
    url = reverse("teach:exercise-update", kwargs={"lesson": lesson.pk, "pk": exercise.pk})
    form = tutor_client.get(url).context["form"]
    assert form["data_fa"].value() == "گذرنامه\nگواهی اقامت\n住民票"
    fields = {
        "kind": "choice",
        "status": "ready",
        "version": lesson.version,
        "prompt": exercise.prompt,
        "choices": "passport\nresident record\n住民票",
        "right": "2",
        "explanation": exercise.explanation,
        "explanation_uk": "住民票 — це довідка про місце проживання.",
        "data_uk": "паспорт\nдовідка про місце проживання\n住民票",
    }
    response = tutor_client.post(url, fields)
    assert response.status_code == 302, response.context["form"].errors
    exercise.refresh_from_db()
    assert exercise.data_translations["uk"]["choices"][1] == "довідка про місце проживання"
    assert "fa" not in exercise.data_translations  # the Farsi lines were left empty
    assert exercise.explanation_translations["uk"].startswith("住民票")
    lesson.refresh_from_db()
    response = tutor_client.post(url, fields | {"version": lesson.version, "data_uk": "один"})
    assert response.status_code == 200
    assert "must be a list of 3 texts" in " ".join(response.context["form"].errors["data_uk"])


def test_a_passage_heading_is_translated_in_the_workspace(tutor_client, lesson):
    passage = lesson.passages.get()
    url = reverse("teach:passage-update", kwargs={"lesson": lesson.pk, "pk": passage.pk})
    response = tutor_client.post(
        url,
        {
            "kind": passage.kind,
            "title": passage.title,
            "title_uk": "Біля віконця",
            "text": passage.text,
            "translation_en": passage.translations["en"],
            "version": lesson.version,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Passage.objects.get(pk=passage.pk).title_translations == {"uk": "Біля віконця"}


def test_the_lesson_file_carries_the_texts_in_every_language(lesson):
    document = lesson_export(lesson=lesson)
    parsed = parse_lesson_document(document)
    assert parsed.exercises[0]["data_translations"]["fa"]["choices"][0] == "گذرنامه"
    assert parsed.passages[0]["title_translations"] == {"fa": "پشت باجه"}
    tutor = UserFactory(roles=[Role.TUTOR])
    lesson.course.owner = tutor
    lesson.course.save()
    copy = authoring.lesson_duplicate(user=tutor, lesson=lesson)
    assert copy.exercises.get().data_translations == lesson.exercises.get().data_translations
    assert copy.passages.get().title_translations == {"fa": "پشت باجه"}
    document["exercises"][0]["data_translations"] = {"fa": {"choices": ["x"]}}
    with pytest.raises(TransferError) as caught:
        parse_lesson_document(document)
    assert "3 texts" in str(caught.value.problems)


def test_an_english_question_is_english_with_its_japanese_marked(client, lesson):
    ExerciseFactory(
        lesson=lesson,
        kind="reading",
        prompt="How do you read 住民票?",
        data={"word": "住民票", "answers": ["じゅうみんひょう"]},
    )
    lesson_render(lesson)
    html = client.get(lesson.get_absolute_url()).content.decode()
    # The reading asked on the page is not given away by any question's ruby.
    question = '<p class="prompt" lang="en" dir="ltr">Which is the <span lang="ja">住民票</span>?'
    assert question in html
    asked = re.search(r'<p class="prompt" lang="en" dir="ltr">How do you read (.*?)\?</p>', html)
    assert asked
    assert "<rt>" not in asked[1]
    assert "住民票" in asked[1]
    assert '<span lang="ja">Which' not in html


def test_the_engines_refusals_reach_the_tutor_in_their_language(tutor_client, lesson, settings):
    from django.utils import translation

    from lessons.feedback import exercise_data_message, furigana_error_message
    from lessons.japanese.furigana import MarkupError

    tutor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ja"
    url = reverse("teach:exercise-create", kwargs={"lesson": lesson.pk}) + "?kind=choice"
    form = {"kind": "choice", "status": "ready", "version": lesson.version, "right": "1"}
    response = tutor_client.post(url, form | {"choices": "a\na"})
    shown = " ".join(response.context["form"].errors["choices"])
    duplicate = exercises.ExerciseDataError(
        "choices[1]", "duplicate of %(other)s (%(text)s)", {"other": "choices[0]", "text": "'a'"}
    )
    with translation.override("ja"):
        japanese = exercise_data_message(duplicate)
    assert shown == japanese
    assert "duplicate" not in shown
    assert "choices" not in shown
    assert "2" in shown
    passage_url = reverse("teach:passage-create", kwargs={"lesson": lesson.pk})
    response = tutor_client.post(
        passage_url, {"kind": "reading", "text": "{漢字", "version": lesson.version}
    )
    shown = " ".join(response.context["form"].errors["text"])
    with translation.override("ja"):
        japanese = furigana_error_message(MarkupError("'{' is never closed by '}'", 0))
    assert shown == japanese
    assert "never closed" not in shown


def test_titles_in_a_right_to_left_language_carry_their_direction(client, lesson):
    lesson.course.title_translations = {"fa": "ژاپنی برای زندگی"}
    lesson.course.description_translations = {"fa": "ژاپنی برای ماه‌های اول."}
    lesson.course.save()
    html = _set_meaning(client, lesson, "fa")  # the interface stays English
    assert '<html lang="en" dir="ltr">' in html
    assert '<h1 lang="fa" dir="rtl">در شهرداری</h1>' in html
    assert re.search(r'<a href="[^"]+" lang="fa" dir="rtl">ژاپنی برای زندگی</a>', html)
    assert "<title>در شهرداری · ژاپنی برای زندگی · " in html
    course = client.get(lesson.course.get_absolute_url()).content.decode()
    assert '<h1 lang="fa" dir="rtl">ژاپنی برای زندگی</h1>' in course
    assert '<p lang="fa" dir="rtl">ژاپنی برای ماه‌های اول.</p>' in course
    courses = client.get(reverse("lessons:course-list")).content.decode()
    assert re.search(r'<h2 lang="fa" dir="rtl"><a href="[^"]+">ژاپنی برای زندگی</a></h2>', courses)
