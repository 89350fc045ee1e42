"""Authoring services of the tutor workspace: rules, side effects, corrections that stick."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from learning.roles import Role
from lessons import selectors, transfer
from lessons.models import Attempt, Exercise, Lesson, LessonProgress, VocabularyItem
from lessons.services import attempt_submit, authoring, lesson_render
from tests.factories import (
    CourseFactory,
    ExerciseFactory,
    UserFactory,
)
from tests.lessons.teach.world import CHOICE

pytestmark = pytest.mark.django_db


def _fresh(obj):
    obj.refresh_from_db()
    return obj


# --- Permissions --------------------------------------------------------------------------


def test_tutors_see_their_own_and_shared_courses_editors_see_all(world):
    other = UserFactory(roles=[Role.TUTOR])
    editor = UserFactory(roles=[Role.EDITOR])
    theirs = CourseFactory(owner=other)
    assert set(selectors.course_list_for_teacher(user=world.tutor)) == {world.course}
    assert set(selectors.course_list_for_teacher(user=other)) == {theirs}
    assert set(selectors.course_list_for_teacher(user=editor)) >= {world.course, theirs}
    authoring.course_share_set(user=world.tutor, course=world.course, usernames=[other.username])
    assert set(selectors.course_list_for_teacher(user=other)) == {world.course, theirs}
    # Sharing lets the other tutor edit, but not re-share.
    authoring.lesson_update(user=other, lesson=world.lesson, version=None, title="Shared edit")
    with pytest.raises(PermissionDenied):
        authoring.course_share_set(user=other, course=world.course, usernames=[])


def test_another_tutor_cannot_edit_a_course_or_its_lessons(world):
    other = UserFactory(roles=[Role.TUTOR])
    with pytest.raises(PermissionDenied):
        authoring.lesson_update(user=other, lesson=world.lesson, version=None, title="Mine now")
    with pytest.raises(PermissionDenied):
        authoring.course_reading_set(user=other, course=world.course, word="今日", reading="きょう")
    assert _fresh(world.lesson).title != "Mine now"


def test_a_learner_cannot_create_a_course():
    with pytest.raises(PermissionDenied):
        authoring.course_create(user=UserFactory(), slug="x", title="X")


def test_sharing_only_with_tutors(world):
    learner = UserFactory()
    with pytest.raises(ValidationError, match="Not a tutor"):
        authoring.course_share_set(
            user=world.tutor, course=world.course, usernames=[learner.username]
        )
    with pytest.raises(ValidationError, match="No such user"):
        authoring.course_share_set(user=world.tutor, course=world.course, usernames=["ghost"])


# --- Corrections that stick -------------------------------------------------------------------


def test_a_reading_corrected_once_shows_on_page_exercises_anki_and_api(
    world, client, django_capture_on_commit_callbacks
):
    lesson = world.lesson
    # A choice, not a reading exercise: a page that asks a word's reading hides it (issue 14).
    asking = ExerciseFactory(
        lesson=lesson, kind="choice", data={"choices": ["住民票", "窓口"], "answer": 0}
    )
    with django_capture_on_commit_callbacks(execute=True):
        lesson_render(lesson)
    page = client.get(lesson.get_absolute_url()).content.decode()  # cached from here on
    assert "<rt>じゅうみん</rt>" in page or "<rt>じゅうみんひょう</rt>" in page
    with django_capture_on_commit_callbacks(execute=True):
        readings = authoring.course_reading_set(
            user=world.tutor, course=world.course, word="住民票", reading="じゅうみんぴょう"
        )
    assert readings == {"住民票": "じゅうみんぴょう"}
    page = client.get(lesson.get_absolute_url()).content.decode()
    assert "<rt>じゅうみんぴょう</rt>" in page
    passage = _fresh(world.passage)
    assert any("じゅうみんぴょう" in entry["html"] for entry in passage.ruby.values())
    item = _fresh(world.item)
    assert item.ruby["住民票"]["anki"] == "住民票[じゅうみんぴょう]"
    assert item.reading == "じゅうみんぴょう"
    exercise = Exercise.objects.get(pk=asking.pk)
    assert "じゅうみんぴょう" in exercise.ruby["住民票"]["html"]
    api = client.get(
        reverse(
            "api:lessons:lesson-detail",
            kwargs={"course": world.course.slug, "lesson": lesson.slug},
        )
    ).json()
    segments = api["vocabulary"][0]["segments"]
    assert segments == [{"text": "住民票", "reading": "じゅうみんぴょう"}]


def test_a_reading_that_cannot_belong_to_its_word_is_refused(world):
    with pytest.raises(ValidationError) as excinfo:
        authoring.course_reading_set(
            user=world.tutor, course=world.course, word="食べる", reading="のむ"
        )
    assert "readings" in excinfo.value.message_dict
    assert _fresh(world.course).readings == {}


def test_an_empty_reading_removes_the_word_from_the_list(world):
    authoring.course_reading_set(
        user=world.tutor, course=world.course, word="今日", reading="こんにち"
    )
    assert (
        authoring.course_reading_set(user=world.tutor, course=world.course, word="今日", reading="")
        == {}
    )


def test_a_reading_list_in_katakana_is_kept_as_hiragana(world):
    authoring.course_update(
        user=world.tutor, course=world.course, version=1, readings={"今日": "コンニチ"}
    )
    assert _fresh(world.course).readings == {"今日": "こんにち"}


def test_inline_markup_forces_a_reading_in_any_text(world):
    passage = authoring.passage_create(
        user=world.tutor, lesson=world.lesson, version=None, text="{今日|こんにち}は。"
    )
    assert "<rt>こんにち</rt>" in passage.ruby["{今日|こんにち}は。"]["html"]
    exercise = authoring.exercise_create(
        user=world.tutor, lesson=world.lesson, version=None, kind="choice",
        prompt="{日本|にっぽん}はどこ？", data=CHOICE,
    )  # fmt: skip
    assert "<rt>にっぽん</rt>" in _fresh(exercise).ruby["{日本|にっぽん}はどこ？"]["html"]
    with pytest.raises(ValidationError) as excinfo:
        authoring.passage_create(user=world.tutor, lesson=world.lesson, version=None, text="{今日")
    assert "text" in excinfo.value.message_dict


# --- Vocabulary -----------------------------------------------------------------------------


def test_vocabulary_reading_comes_from_the_engine_and_a_typed_one_is_an_override(world):
    lesson = world.lesson
    item = authoring.vocabulary_create(
        user=world.tutor, lesson=lesson, version=None, expression="病院",
        meanings={"en": "hospital"},
    )  # fmt: skip
    assert (item.reading, item.reading_is_override) == ("びょういん", False)
    item = authoring.vocabulary_update(
        user=world.tutor, item=item, version=None, reading="ビョウイン"
    )
    assert (item.reading, item.reading_is_override) == ("びょういん", False)  # same as the engine
    item = authoring.vocabulary_update(user=world.tutor, item=item, version=None, reading="やまい")
    assert (item.reading, item.reading_is_override) == ("やまい", True)
    assert "<rt>やまい</rt>" in item.ruby["病院"]["html"]
    with pytest.raises(ValidationError) as excinfo:  # a reading must be kana
        authoring.vocabulary_update(user=world.tutor, item=item, version=None, reading="byouin")
    assert "reading" in excinfo.value.message_dict
    item = _fresh(item)
    item = authoring.vocabulary_update(user=world.tutor, item=item, version=None, reading="")
    assert (item.reading, item.reading_is_override) == ("びょういん", False)


def test_a_typed_override_is_kept_when_the_reading_field_is_left_out(world):
    item = authoring.vocabulary_update(
        user=world.tutor, item=world.item, version=None, reading="じゅうみんぴょう"
    )
    assert item.reading_is_override
    item = authoring.vocabulary_update(
        user=world.tutor, item=item, version=None, meanings={"en": "residence certificate"}
    )
    assert (item.reading, item.reading_is_override) == ("じゅうみんぴょう", True)
    assert "<rt>じゅうみんぴょう</rt>" in item.ruby["住民票"]["html"]


# --- Concurrency --------------------------------------------------------------------------


def test_the_second_of_two_edits_from_the_same_version_is_refused(world):
    opened = world.lesson.version
    first = Lesson.objects.get(pk=world.lesson.pk)
    second = Lesson.objects.get(pk=world.lesson.pk)
    authoring.lesson_update(user=world.tutor, lesson=first, version=opened, title="First")
    with pytest.raises(authoring.LessonVersionConflict, match=r"(?i)someone else saved this"):
        authoring.lesson_update(user=world.tutor, lesson=second, version=opened, title="Second")
    lesson = _fresh(world.lesson)
    assert (lesson.title, lesson.version) == ("First", opened + 1)


def test_every_change_to_a_part_counts_as_a_new_version(world):
    v = world.lesson.version
    authoring.passage_update(user=world.tutor, passage=world.passage, version=v, title="Hall")
    with pytest.raises(authoring.LessonVersionConflict):
        authoring.vocabulary_update(user=world.tutor, item=world.item, version=v, example="")
    assert _fresh(world.lesson).version == v + 1


def test_a_reading_correction_does_not_make_an_open_form_stale(world):
    v = world.lesson.version
    authoring.course_reading_set(
        user=world.tutor, course=world.course, word="今日", reading="きょう"
    )
    authoring.passage_update(user=world.tutor, passage=world.passage, version=v, text="今日は。")
    assert _fresh(world.lesson).version == v + 1


# --- Lessons ------------------------------------------------------------------------------


def test_a_new_lesson_is_unpublished_and_last(world):
    lesson = authoring.lesson_create(
        user=world.tutor, course=world.course, slug="hospital", title="At the hospital",
        title_ja="病院で",
    )  # fmt: skip
    assert not lesson.published
    assert lesson.order > world.lesson.order
    assert "<rt>びょういん</rt>" in lesson.ruby["病院で"]["html"]
    with pytest.raises(ValidationError) as excinfo:
        authoring.lesson_create(user=world.tutor, course=world.course, slug="hospital", title="x")
    assert "slug" in excinfo.value.message_dict


def test_publish_and_unpublish_change_what_learners_see(
    world, client, django_capture_on_commit_callbacks
):
    url = world.lesson.get_absolute_url()
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        authoring.lesson_publish_set(user=world.tutor, lesson=world.lesson, published=False)
    assert client.get(url).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        authoring.lesson_publish_set(user=world.tutor, lesson=world.lesson, published=True)
    assert client.get(url).status_code == 200


def test_lessons_move_up_and_down(world):
    second = authoring.lesson_create(user=world.tutor, course=world.course, slug="b", title="B")
    third = authoring.lesson_create(user=world.tutor, course=world.course, slug="c", title="C")
    assert authoring.lesson_move(user=world.tutor, lesson=third, direction="up")
    order = list(world.course.lessons.order_by("order").values_list("slug", flat=True))
    assert order == [world.lesson.slug, "c", "b"]
    assert not authoring.lesson_move(user=world.tutor, lesson=_fresh(world.lesson), direction="up")
    assert second.pk


def test_parts_move_within_their_lesson(world):
    second = authoring.passage_create(
        user=world.tutor, lesson=world.lesson, version=None, text="二つ目です。"
    )
    authoring.lesson_part_move(user=world.tutor, part=second, direction="up", version=None)
    texts = list(world.lesson.passages.order_by("order").values_list("text", flat=True))
    assert texts[0] == "二つ目です。"


def test_each_copy_of_a_lesson_gets_its_own_numbered_title(world):
    titles = [
        authoring.lesson_duplicate(user=world.tutor, lesson=world.lesson).title for _ in range(3)
    ]
    title = world.lesson.title
    assert titles == [f"{title} (copy)", f"{title} (copy 2)", f"{title} (copy 3)"]


def test_a_duplicate_is_an_unpublished_copy_with_new_word_keys(world):
    copy = authoring.lesson_duplicate(user=world.tutor, lesson=world.lesson)
    assert copy.pk != world.lesson.pk
    assert not copy.published
    assert copy.slug == f"{world.lesson.slug}-copy"
    assert copy.passages.count() == 1
    assert copy.exercises.count() == 2
    new = copy.vocabulary.get()
    assert new.expression == world.item.expression
    assert new.key != world.item.key
    assert new.ruby == _fresh(world.item).ruby


# --- Import and export --------------------------------------------------------------------


def _comparable(document):
    document = {**document, "lesson": {**document["lesson"]}}
    document["vocabulary"] = [{**v, "key": ""} for v in document["vocabulary"]]
    return document


def test_export_then_import_gives_the_same_lesson(world):
    authoring.vocabulary_update(
        user=world.tutor, item=world.item, version=None, reading="じゅうみんぴょう"
    )
    exported = selectors.lesson_export(lesson=_fresh(world.lesson))
    other = CourseFactory(owner=world.tutor)
    imported = authoring.lesson_import(user=world.tutor, course=other, document=exported)
    again = selectors.lesson_export(lesson=imported)
    # Keys are unique site-wide: while the original exists, the copy gets new ones.
    assert _comparable(again) == _comparable(exported)
    assert again["vocabulary"][0]["reading_is_override"] is True
    assert not imported.published


def test_export_delete_import_restores_the_lesson_with_its_word_keys(world):
    exported = selectors.lesson_export(lesson=world.lesson)
    authoring.lesson_delete(user=world.tutor, lesson=world.lesson, version=world.lesson.version)
    imported = authoring.lesson_import(user=world.tutor, course=world.course, document=exported)
    assert selectors.lesson_export(lesson=imported) == exported
    assert imported.slug == exported["lesson"]["slug"]


def test_import_into_a_course_with_the_same_slug_numbers_the_copy(world):
    exported = selectors.lesson_export(lesson=world.lesson)
    imported = authoring.lesson_import(user=world.tutor, course=world.course, document=exported)
    assert imported.slug == f"{world.lesson.slug}-2"


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d.update(format="other"), "format"),
        (
            lambda d: d["exercises"][0].update(data={"choices": ["a"], "answer": 0}),
            "Exercise 1, choices",
        ),
        (lambda d: d["passages"][0].update(text="{漢字"), "text"),
        (lambda d: d["vocabulary"][0].update(part_of_speech="thing"), "part_of_speech"),
    ],
)
def test_a_bad_document_is_refused_whole(world, change, where):
    document = selectors.lesson_export(lesson=world.lesson)
    change(document)
    before = Lesson.objects.count()
    with pytest.raises(ValidationError, match=where.replace("[", r"\[").replace("]", r"\]")):
        authoring.lesson_import(user=world.tutor, course=world.course, document=document)
    assert Lesson.objects.count() == before


# --- CSV ----------------------------------------------------------------------------------


def _rows(text):
    rows, problems = transfer.parse_vocabulary_csv(text.encode(), languages=["en", "ar", "my"])
    assert problems == []
    return rows


def test_csv_words_are_added_and_known_words_updated_in_place(world):
    key = world.item.key
    rows = _rows(
        "expression,reading,meaning_en,meaning_my\n"
        "住民票,,residence certificate,\n"
        "病院,,hospital,ဆေးရုံ\n"
    )
    items = authoring.vocabulary_import(
        user=world.tutor, lesson=world.lesson, rows=rows, version=world.lesson.version
    )
    assert len(items) == 2
    updated = VocabularyItem.objects.get(lesson=world.lesson, expression="住民票")
    assert updated.key == key  # the Anki note is updated, not duplicated
    assert updated.meanings["en"] == "residence certificate"
    assert updated.meanings["ar"] == "شهادة الإقامة"  # kept
    new = VocabularyItem.objects.get(lesson=world.lesson, expression="病院")
    assert (new.reading, new.meanings["my"]) == ("びょういん", "ဆေးရုံ")


def test_a_csv_with_a_bad_row_saves_nothing_and_names_every_bad_row(world):
    rows = _rows(
        "expression,reading,meaning_en\n"
        "病院,,hospital\n"
        "食べる,のむ,to eat\n"
        "薬,,medicine\n"
        "今日,kyou!,today\n"
    )
    before = VocabularyItem.objects.count()
    with pytest.raises(ValidationError) as excinfo:
        authoring.vocabulary_import(
            user=world.tutor, lesson=world.lesson, rows=rows, version=world.lesson.version
        )
    messages = excinfo.value.messages
    assert [m.split(":")[0] for m in messages] == ["Row 3", "Row 5"]
    assert "のむ" in messages[0]
    assert VocabularyItem.objects.count() == before


# --- Exercises and drafts -----------------------------------------------------------------


def test_exercise_data_is_checked_against_its_kind(world):
    with pytest.raises(ValidationError) as excinfo:
        authoring.exercise_create(
            user=world.tutor, lesson=world.lesson, version=None, kind="choice",
            data={"choices": ["same", "same"], "answer": 0},
        )  # fmt: skip
    assert "duplicate" in excinfo.value.message_dict["data"][0]


def test_drafts_are_generated_and_accepted_for_learners(world):
    created = authoring.lesson_drafts_generate(user=world.tutor, lesson=world.lesson)
    assert created
    assert all(e.status == Exercise.Status.DRAFT for e in created)
    accepted = authoring.exercise_draft_accept(user=world.tutor, exercise=world.draft)
    assert accepted.status == Exercise.Status.READY
    authoring.lesson_part_delete(user=world.tutor, part=created[0], version=None)
    assert not Exercise.objects.filter(pk=created[0].pk).exists()


# --- Classes ------------------------------------------------------------------------------


def test_learners_join_a_class_once_and_a_bad_code_is_an_error(world):
    learner = UserFactory()
    assert authoring.classroom_join(user=learner, code="abcd2345") == world.classroom
    authoring.classroom_join(user=learner, code="ABCD2345")
    assert world.classroom.memberships.count() == 1
    with pytest.raises(ValidationError):
        authoring.classroom_join(user=learner, code="NOPE")


def test_a_new_class_gets_an_unambiguous_code(world):
    classroom = authoring.classroom_create(user=world.tutor, course=world.course, name="Evening")
    assert len(classroom.join_code) == 8
    assert not set(classroom.join_code) & set("01OIL")


def test_the_class_report_shows_progress_the_idle_and_the_most_missed(world):
    ann, bob, cem = UserFactory(username="ann"), UserFactory(username="bob"), UserFactory()
    for learner in (ann, bob, cem):
        authoring.classroom_join(user=learner, code=world.classroom.join_code)
    outsider = UserFactory()
    attempt_submit(exercise=world.exercise, answer={"choice": 0}, learner=ann)
    attempt_submit(exercise=world.exercise, answer={"choice": 0}, learner=ann)
    attempt_submit(exercise=world.exercise, answer={"choice": 1}, learner=bob)
    attempt_submit(exercise=world.exercise, answer={"choice": 0}, learner=outsider)
    report = selectors.classroom_report(classroom=world.classroom)
    cells = {row.learner.username: row.cells[0] for row in report.rows}
    assert (cells["bob"].completed, cells["bob"].score) == (True, 100)
    assert (cells["ann"].completed, cells["ann"].score) == (True, 0)
    assert cells[cem.username] is None
    assert report.not_started == [cem]
    assert [(m.exercise, m.wrong, m.learners) for m in report.missed] == [(world.exercise, 2, 1)]
    assert Attempt.objects.count() == 4
    assert LessonProgress.objects.filter(learner=outsider).exists()


def test_changing_a_course_style_option_re_renders_its_lessons(world):
    lesson = world.lesson
    lesson.title_ja = "日本の明日"
    lesson.save()
    lesson_render(lesson)
    authoring.course_update(
        user=world.tutor, course=world.course, version=1, reading_nihon="にっぽん"
    )
    lesson.refresh_from_db()
    assert "にっぽん" in lesson.ruby["日本の明日"]["html"]
    assert world.course.reading_nihon == "にっぽん"


def test_a_course_title_is_rendered_and_stored_when_saved(tutor):
    course = authoring.course_create(user=tutor, title="Life", title_ja="生活の日本語")
    assert "<rt>せいかつ</rt>" in course.ruby["生活の日本語"]["html"]
    authoring.course_update(user=tutor, course=course, version=course.version, title_ja="病院")
    course.refresh_from_db()
    assert list(course.ruby) == ["病院"]
    assert course.furigana_version


def test_other_readings_to_accept_are_kept_and_checked(world):
    item = authoring.vocabulary_create(
        user=world.tutor, lesson=world.lesson, version=None, expression="明日",
        meanings={"en": "tomorrow"}, also_accept=["あす", " あす ", ""],
    )  # fmt: skip
    assert item.also_accept == ["あす"]
    with pytest.raises(ValidationError) as excinfo:
        authoring.vocabulary_update(user=world.tutor, item=item, version=None, also_accept=["明日"])
    assert "also_accept" in excinfo.value.message_dict


def test_a_lesson_can_carry_its_own_topic(world):
    lesson = authoring.lesson_update(
        user=world.tutor, lesson=world.lesson, version=None, topic="work"
    )
    assert Lesson.objects.get(pk=lesson.pk).topic == "work"
