"""Workspace pages: forms for non-programmers, errors on the form, previews, files, classes."""

import csv
import io
import json
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from learning.models import Audio
from learning.roles import Role
from lessons import selectors
from lessons.models import Course, Exercise, Lesson, VocabularyItem
from lessons.services import authoring
from lessons.teach.forms import MAX_UPLOAD_BYTES
from tests.factories import LessonFactory, UserFactory
from tests.lessons.teach.world import make_world, workspace_setup

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _workspace(settings):
    workspace_setup(settings)


@pytest.fixture
def tutor():
    return UserFactory(roles=[Role.TUTOR])


@pytest.fixture
def world(tutor):
    return make_world(tutor)


@pytest.fixture
def tutor_client(client, world):
    client.force_login(world.tutor)
    return client


def _url(name, **kwargs):
    return reverse(f"teach:{name}", kwargs=kwargs)


def test_a_tutor_creates_a_course_with_a_reading_list(client, tutor):
    client.force_login(tutor)
    response = client.post(
        _url("course-create"),
        {"title": "Work", "slug": "work", "level": "A1", "topic": "work",
         "readings": "今日 -> こんにち\n日本 = にっぽん"},
    )  # fmt: skip
    course = Course.objects.get(slug="work")
    assert response.status_code == 302
    assert course.owner == tutor
    assert course.readings == {"今日": "こんにち", "日本": "にっぽん"}


def test_a_bad_reading_list_line_is_shown_on_the_form(client, tutor):
    client.force_login(tutor)
    response = client.post(
        _url("course-create"),
        {"title": "Work", "slug": "work", "level": "A1", "topic": "work",
         "readings": "食べる -> のむ"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "does not fit" in response.content.decode()
    assert not Course.objects.filter(slug="work").exists()


def test_the_lesson_page_shows_saved_furigana_without_javascript(tutor_client, world):
    html = tutor_client.get(_url("lesson-update", lesson=world.lesson.pk)).content.decode()
    assert "<rt>じゅうみん</rt>" in html or "<rt>じゅうみんひょう</rt>" in html
    assert 'class="furigana-preview"' in html
    assert f'name="version" value="{world.lesson.version}"' in html
    assert 'src="/static/teach/js/teach.js' in html


def test_saving_a_passage_shows_its_furigana_under_the_field(tutor_client, world):
    response = tutor_client.post(
        _url("passage-create", lesson=world.lesson.pk),
        {"kind": "reading", "text": "病院へ行きます。", "version": world.lesson.version},
        follow=True,
    )
    html = response.content.decode()
    assert "<rt>びょういん</rt>" in html
    assert 'id="id_text-preview"' in html


def test_a_stale_lesson_form_says_someone_else_saved(tutor_client, world):
    opened = world.lesson.version
    url = _url("lesson-update", lesson=world.lesson.pk)
    form = {"title": "Mine", "slug": world.lesson.slug, "version": opened}
    assert tutor_client.post(url, form).status_code == 302
    response = tutor_client.post(url, {**form, "title": "Theirs"})
    assert response.status_code == 200
    assert "Someone else saved this lesson since you opened it" in response.content.decode()
    assert Lesson.objects.get(pk=world.lesson.pk).title == "Mine"


def test_the_preview_is_the_learner_page_of_an_unpublished_lesson(tutor_client, client, world):
    world.lesson.published = False
    world.lesson.save()
    html = tutor_client.get(_url("lesson-preview", lesson=world.lesson.pk)).content.decode()
    assert 'id="lesson"' in html  # the learner template
    assert 'class="display-bar"' in html
    assert "What does" in html
    assert "learners cannot see this lesson" in html
    client.logout()
    assert client.get(world.lesson.get_absolute_url()).status_code == 404


def _clip_ready(key):
    """The clip *key* as a queue worker leaves it (a few bytes stand for the sound)."""
    name = f"audio/{key[:2]}/{key}.mp3"
    storages["audio"].save(name, ContentFile(b"ID3"))
    Audio.objects.filter(key=key).update(status=Audio.Status.READY, file=name)
    return storages["audio"].url(name)


def test_the_tutor_hears_the_ready_clips_in_the_preview_and_beside_each_part(tutor_client, world):
    world.item.refresh_from_db()
    word = _clip_ready(world.item.word_audio)
    world.passage.refresh_from_db()
    first_line, second_line = selectors.passage_speech(world.passage)
    line = _clip_ready(second_line[1].key)
    pages = {
        "preview": _url("lesson-preview", lesson=world.lesson.pk),
        "workspace": _url("lesson-update", lesson=world.lesson.pk),
        "word": _url("vocabulary-update", lesson=world.lesson.pk, pk=world.item.pk),
        "passage": _url("passage-update", lesson=world.lesson.pk, pk=world.passage.pk),
    }
    html = {name: tutor_client.get(url).content.decode() for name, url in pages.items()}
    for name in ("preview", "workspace", "word"):
        assert f'<audio controls preload="none" src="{word}"' in html[name], name
    for name in ("preview", "workspace", "passage"):
        assert f'<audio controls preload="none" src="{line}"' in html[name], name
        # The first line's clip is still being made: no player for it anywhere.
        assert first_line[1].key not in html[name], name
    for name, page in html.items():
        assert "/static/learning/js/player.js" in page, name
        assert "data-audio-error=" in page, name
    assert "Audio of the saved text:" in html["word"]
    assert "Audio of the saved text:" in html["passage"]
    assert html["preview"].count("<audio") == 2


@pytest.mark.parametrize(
    ("kind", "fields", "data"),
    [
        ("choice", {"choices": "passport\nresident record\ntax", "right": "2"},
         {"choices": ["passport", "resident record", "tax"], "answer": 1}),
        ("listening", {"sentence": "病院はどこですか。",
                       "choices": "Where is the hospital?\nI am ill.", "right": "1"},
         {"sentence": "病院はどこですか。", "choices": ["Where is the hospital?", "I am ill."],
          "answer": 0}),
        ("reading", {"word": "病院", "answers": "びょういん"},
         {"word": "病院", "answers": ["びょういん"]}),
        ("cloze", {"sentence": "病院___行きます。", "answers": "へ\nに", "choices": "へ\nに\nを"},
         {"before": "病院", "after": "行きます。", "answers": ["へ", "に"],
          "choices": ["へ", "に", "を"]}),
        ("ordering", {"tiles": "病院へ\n行きます", "translation": "I go to hospital."},
         {"tiles": ["病院へ", "行きます"], "translation": "I go to hospital."}),
        ("matching", {"pairs": "病院 = hospital\n薬 = medicine"},
         {"pairs": [["病院", "hospital"], ["薬", "medicine"]]}),
    ],
)  # fmt: skip
def test_each_kind_of_exercise_is_typed_as_plain_lines(tutor_client, world, kind, fields, data):
    url = _url("exercise-create", lesson=world.lesson.pk) + f"?kind={kind}"
    assert tutor_client.get(url).status_code == 200
    response = tutor_client.post(
        url, {"kind": kind, "status": "ready", "version": world.lesson.version, **fields}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    exercise = Exercise.objects.filter(lesson=world.lesson, kind=kind).latest("pk")
    assert exercise.data == data
    # The edit form shows the same lines again.
    edit = tutor_client.get(_url("exercise-update", lesson=world.lesson.pk, pk=exercise.pk))
    for value in fields.values():
        assert value.split("\n")[0] in edit.content.decode()


@pytest.mark.parametrize(
    ("kind", "fields", "field", "message"),
    [
        (
            "choice",
            {"choices": "a\na", "right": "1"},
            "choices",
            "choices line 2: duplicate of choices line 1",
        ),
        (
            "choice",
            {"choices": "a\nb", "right": "3"},
            "right",
            "There are 2 choices: write a number from 1 to 2.",
        ),
        ("choice", {"choices": "a\nb"}, "right", "say which choice is right"),
        ("cloze", {"sentence": "no blank", "answers": "x"}, "sentence", "___"),
        ("matching", {"pairs": "病院 hospital\n薬 = medicine"}, "pairs", "left = right"),
        ("reading", {"word": "病院", "answers": "hospital"}, "answers", "not a reading"),
    ],
)
def test_a_wrong_exercise_form_shows_the_problem_on_the_field(
    tutor_client, world, kind, fields, field, message
):
    url = _url("exercise-create", lesson=world.lesson.pk) + f"?kind={kind}"
    before = Exercise.objects.count()
    response = tutor_client.post(
        url, {"kind": kind, "status": "ready", "version": world.lesson.version, **fields}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "version" not in errors
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert Exercise.objects.count() == before


def test_vocabulary_reading_is_filled_in_and_a_typed_one_is_kept(tutor_client, world):
    url = _url("vocabulary-create", lesson=world.lesson.pk)
    version = world.lesson.version
    first = tutor_client.post(
        url, {"expression": "病院", "part_of_speech": "noun", "meaning_en": "hospital",
              "version": version},
    )  # fmt: skip
    assert first.status_code == 302
    second = tutor_client.post(
        url,
        {"expression": "今日", "reading": "こんにち", "part_of_speech": "noun",
         "meaning_en": "nowadays", "meaning_ar": "هذه الأيام", "version": version + 1},
    )  # fmt: skip
    assert second.status_code == 302
    hospital = VocabularyItem.objects.get(lesson=world.lesson, expression="病院")
    today = VocabularyItem.objects.get(lesson=world.lesson, expression="今日")
    assert (hospital.reading, hospital.reading_is_override) == ("びょういん", False)
    assert (today.reading, today.reading_is_override) == ("こんにち", True)
    assert today.meanings == {"en": "nowadays", "ar": "هذه الأيام"}


def test_reading_corrections_from_the_preview_answer_json(tutor_client, world):
    url = _url("course-reading-add", course=world.course.pk)
    ok = tutor_client.post(
        url, {"word": "今日", "reading": "こんにち"}, HTTP_ACCEPT="application/json"
    )
    assert ok.json() == {"readings": {"今日": "こんにち"}}
    bad = tutor_client.post(
        url, {"word": "今日", "reading": "kyou"}, HTTP_ACCEPT="application/json"
    )
    assert bad.status_code == 400
    assert "kana" in json.dumps(bad.json(), ensure_ascii=False)


def _upload(name, text, encoding="utf-8"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def _import(client, lesson, text, encoding="utf-8", **extra):
    return client.post(
        _url("vocabulary-import", lesson=lesson.pk),
        {"file": _upload("words.csv", text, encoding), "version": lesson.version, **extra},
    )


def _confirm(client, lesson, preview):
    """Post the preview page's confirm form as a browser would."""
    content = re.search(r'name="content" value="([^"]*)"', preview.content.decode())[1]
    version = re.search(r'name="version" value="(\d+)"', preview.content.decode())[1]
    return client.post(
        _url("vocabulary-import", lesson=lesson.pk),
        {"content": content, "version": version, "confirm": "1"},
    )


def test_a_bad_csv_lists_each_bad_row_and_saves_nothing(tutor_client, world):
    before = VocabularyItem.objects.count()
    response = _import(
        tutor_client, world.lesson, "expression,meaning_en\n病院,hospital\n,x\n食べる,y,z\n"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Row 3: expression is empty." in html
    assert "Row 4: 3 cells, but the header has 2." in html
    assert VocabularyItem.objects.count() == before


def test_reading_errors_come_on_the_first_upload_with_the_other_errors(tutor_client, world):
    before = VocabularyItem.objects.count()
    response = _import(
        tutor_client,
        world.lesson,
        "expression,reading,meaning_en\n病院,,hospital\n食べる,のむ,to eat\n,x,y\n",
    )
    html = response.content.decode()
    assert "Row 3: reading:" in html
    assert "Row 4: expression is empty." in html
    assert VocabularyItem.objects.count() == before


def test_a_row_without_a_meaning_is_an_error(tutor_client, world):
    response = _import(tutor_client, world.lesson, "expression,meaning_en\n病院,hospital\n薬,\n")
    assert "Row 3: The word has no meaning" in response.content.decode()
    assert not world.lesson.vocabulary.filter(expression="病院").exists()


def test_a_csv_is_imported_only_after_the_preview_is_confirmed(tutor_client, world):
    world.item.meanings = {"en": "residence record"}
    world.item.save()
    text = (
        "expression,meaning_en\n"
        f"{world.item.expression},residence certificate\n"
        "病院,hospital\n"
        "薬,medicine\n"
    )
    preview = _import(tutor_client, world.lesson, text)
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "2 words will be added" in html
    assert "1 word will change" in html
    assert "<del>residence record</del>" in html
    assert "<ins>residence certificate</ins>" in html
    assert not world.lesson.vocabulary.filter(expression="病院").exists()  # nothing saved yet
    world.item.refresh_from_db()
    assert world.item.meanings == {"en": "residence record"}
    done = _confirm(tutor_client, world.lesson, preview)
    assert done.status_code == 302
    assert set(world.lesson.vocabulary.values_list("expression", flat=True)) >= {"病院", "薬"}
    world.item.refresh_from_db()
    assert world.item.meanings == {"en": "residence certificate"}


def test_a_word_the_file_repeats_exactly_is_shown_as_unchanged(tutor_client, world):
    exported = tutor_client.get(_url("vocabulary-export", lesson=world.lesson.pk))
    preview = _import(tutor_client, world.lesson, exported.content.decode("utf-8-sig"))
    html = preview.content.decode()
    assert "0 words will be added" in html
    assert "0 words will change" in html
    assert "1 word stays as it is" in html
    assert 'name="confirm"' not in html  # nothing to import


def test_a_confirm_after_another_tutor_changed_the_lesson_imports_nothing(tutor_client, world):
    preview = _import(tutor_client, world.lesson, "expression,meaning_en\n病院,hospital\n")
    authoring.lesson_update(
        user=world.tutor, lesson=world.lesson, version=world.lesson.version, title="Changed"
    )
    response = _confirm(tutor_client, world.lesson, preview)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this lesson" in html
    assert not world.lesson.vocabulary.filter(expression="病院").exists()
    world.lesson.refresh_from_db()
    assert f'name="version" value="{world.lesson.version}"' in html  # the preview of now


def test_an_import_without_the_lesson_version_is_refused(tutor_client, world):
    response = tutor_client.post(
        _url("vocabulary-import", lesson=world.lesson.pk),
        {"file": _upload("words.csv", "expression,meaning_en\n病院,hospital\n")},
    )
    assert response.status_code == 200
    assert not world.lesson.vocabulary.filter(expression="病院").exists()


@pytest.mark.parametrize("encoding", ["shift_jis", "cp932", "utf-16", "utf-16-le", "utf-8-sig"])
def test_excel_files_in_shift_jis_and_utf16_are_read(tutor_client, world, encoding):
    delimiter = "\t" if encoding.startswith("utf-16") else ","
    text = f"expression{delimiter}meaning_en\n病院{delimiter}hospital\n"
    preview = _import(tutor_client, world.lesson, text, encoding=encoding)
    assert "1 word will be added" in preview.content.decode()
    assert _confirm(tutor_client, world.lesson, preview).status_code == 302
    assert world.lesson.vocabulary.get(expression="病院").meanings == {"en": "hospital"}


def test_an_upload_over_the_size_limit_is_refused(tutor_client, world):
    big = "expression\n" + "語\n" * (MAX_UPLOAD_BYTES // 4 + 10)
    response = tutor_client.post(
        _url("vocabulary-import", lesson=world.lesson.pk), {"file": _upload("big.csv", big)}
    )
    assert "larger than 1024 KB" in response.content.decode()


def test_the_vocabulary_export_neutralises_formulas(tutor_client, world):
    world.item.meanings = {"en": '=HYPERLINK("http://evil")', "ar": "@x"}
    world.item.save()
    response = tutor_client.get(_url("vocabulary-export", lesson=world.lesson.pk))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0]["meaning_en"] == '\'=HYPERLINK("http://evil")'
    assert rows[0]["meaning_ar"] == "'@x"


def test_a_lesson_file_round_trips_through_the_pages(tutor_client, world):
    exported = tutor_client.get(_url("lesson-export", lesson=world.lesson.pk))
    assert "attachment" in exported["Content-Disposition"]
    upload = SimpleUploadedFile("lesson.json", exported.content, content_type="application/json")
    asked = tutor_client.post(_url("lesson-import", course=world.course.pk), {"file": upload})
    response = tutor_client.post(
        _url("lesson-import", course=world.course.pk),
        asked.context["form"].initial | {"on_clash": "copy"},
    )
    assert response.status_code == 302
    copy = Lesson.objects.get(course=world.course, slug=f"{world.lesson.slug}-2")
    assert copy.passages.get().text == world.passage.text
    bad = SimpleUploadedFile("lesson.json", b"{not json", content_type="application/json")
    response = tutor_client.post(_url("lesson-import", course=world.course.pk), {"file": bad})
    assert "something is wrong at line 1, column 2" in response.content.decode()


def test_an_edit_form_without_a_version_is_refused(tutor_client, world):
    response = tutor_client.post(
        _url("passage-update", lesson=world.lesson.pk, pk=world.passage.pk),
        {"kind": "reading", "text": "上書き。"},
    )
    assert response.status_code == 200
    assert "version" in response.context["form"].errors


def test_a_tutor_need_not_invent_a_slug(client, tutor):
    client.force_login(tutor)
    client.post(_url("course-create"), {"title": "Work life", "level": "A1", "topic": "work"})
    course = Course.objects.get(title="Work life")
    assert course.slug == "work-life"
    client.post(_url("lesson-create", course=course.pk), {"title": "病院で"})
    assert course.lessons.get().slug == "lesson"


def test_reorder_publish_and_duplicate_buttons(tutor_client, world, client):
    tutor_client.post(_url("lesson-publish", lesson=world.lesson.pk), {"published": "0"})
    assert not Lesson.objects.get(pk=world.lesson.pk).published
    response = tutor_client.post(_url("lesson-duplicate", lesson=world.lesson.pk))
    copy = Lesson.objects.exclude(pk=world.lesson.pk).get(course=world.course)
    assert response["Location"] == _url("lesson-update", lesson=copy.pk)
    tutor_client.post(_url("lesson-move", lesson=copy.pk), {"direction": "up"})
    first = world.course.lessons.order_by("order").first()
    assert first == copy


def test_drafts_are_reviewed_accept_and_discard(tutor_client, world):
    page = tutor_client.get(_url("draft-list", lesson=world.lesson.pk)).content.decode()
    assert "Put the words in order" in page
    tutor_client.post(_url("draft-accept", lesson=world.lesson.pk, pk=world.draft.pk))
    assert Exercise.objects.get(pk=world.draft.pk).status == "ready"
    tutor_client.post(_url("draft-list", lesson=world.lesson.pk))
    drafts = Exercise.objects.filter(lesson=world.lesson, status="draft")
    assert drafts.exists()
    victim = drafts.first()
    tutor_client.post(
        _url("part-delete", lesson=world.lesson.pk),
        {"part": "exercise", "pk": victim.pk, "next": "drafts"},
    )
    assert not Exercise.objects.filter(pk=victim.pk).exists()


def test_drafts_are_shown_as_the_learner_sees_them_without_raw_keys(tutor_client, world):
    authoring.lesson_drafts_generate(user=world.tutor, lesson=world.lesson)
    page = tutor_client.get(_url("draft-list", lesson=world.lesson.pk)).content.decode()
    for raw in ("<dt>explanation</dt>", "<dt>choices</dt>", "<dt>right</dt>", "<dt>tiles</dt>"):
        assert raw not in page
    assert "As a learner will see it:" in page
    assert 'name="position_1"' in page  # the ordering exercise's own learner controls
    assert "Right answer:" in page
    assert "住民票をください" in page  # the ordering draft's answer, in order


def test_a_learner_joins_by_link_and_appears_on_the_class_page(tutor_client, world, client):
    learner = UserFactory(username="amina")
    learner_client = type(client)()
    learner_client.force_login(learner)
    join = _url("classroom-join-code", code=world.classroom.join_code)
    assert "Tuesday class" in learner_client.get(join).content.decode()
    response = learner_client.post(join)
    assert response["Location"] == world.course.get_absolute_url()
    page = tutor_client.get(_url("classroom-detail", pk=world.classroom.pk)).content.decode()
    assert "amina" in page
    assert world.classroom.join_code in page
    exported = tutor_client.get(_url("classroom-export", pk=world.classroom.pk))
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[1] == ["amina", "not started"]


def test_a_learner_joins_by_typing_the_code(world, client):
    client.force_login(UserFactory())
    response = client.post(_url("classroom-join"), {"code": "abcd2345"})
    assert response.status_code == 302
    wrong = client.post(_url("classroom-join"), {"code": "ZZZZ9999"})
    assert "No class has this code." in wrong.content.decode()


def test_a_username_like_a_formula_is_neutralised_in_the_class_export(tutor_client, world):
    from lessons.services import authoring

    authoring.classroom_join(user=UserFactory(username="=cmd"), code=world.classroom.join_code)
    exported = tutor_client.get(_url("classroom-export", pk=world.classroom.pk))
    assert "'=cmd" in exported.content.decode("utf-8-sig")


def test_lesson_workspace_queries_do_not_grow_with_parts(
    tutor_client, world, django_assert_max_num_queries
):
    from tests.factories import ExerciseFactory, PassageFactory, VocabularyItemFactory

    for _ in range(5):
        PassageFactory(lesson=world.lesson)
        VocabularyItemFactory(lesson=world.lesson)
        ExerciseFactory(lesson=world.lesson)
    with django_assert_max_num_queries(20):
        assert tutor_client.get(_url("lesson-update", lesson=world.lesson.pk)).status_code == 200


def test_class_page_queries_do_not_grow_with_learners(
    tutor_client, world, django_assert_max_num_queries
):
    from lessons.services import attempt_submit, authoring

    for n in range(6):
        learner = UserFactory(username=f"learner-{n}")
        authoring.classroom_join(user=learner, code=world.classroom.join_code)
        attempt_submit(exercise=world.exercise, answer={"choice": 0}, learner=learner)
    with django_assert_max_num_queries(16):
        page = tutor_client.get(_url("classroom-detail", pk=world.classroom.pk))
    assert "6 wrong answers" in page.content.decode()


def test_the_class_page_shows_published_lessons_with_scores_and_answers_per_question(
    tutor_client, world
):
    from lessons.services import attempt_submit

    world.lesson.published = True
    world.lesson.save()
    draft_lesson = LessonFactory(
        course=world.course, order=2, title="Unfinished draft lesson", published=False
    )
    for n, choice in enumerate([1, 0]):  # CHOICE's right answer is 1
        learner = UserFactory(username=f"learner-{n}")
        authoring.classroom_join(user=learner, code=world.classroom.join_code)
        attempt_submit(exercise=world.exercise, answer={"choice": choice}, learner=learner)
    html = tutor_client.get(_url("classroom-detail", pk=world.classroom.pk)).content.decode()
    assert draft_lesson.title not in html
    assert f'data-label="{world.lesson.title}"' in html
    assert "1/1 answered · 100%" in html or "done · 100%" in html
    assert "1/1 answered · 0%" in html or "done · 0%" in html
    assert "1 of 2 right (50%)" in html


def test_an_empty_class_says_nobody_has_joined_and_not_that_everyone_started(tutor_client, world):
    world.lesson.published = True
    world.lesson.save()
    html = tutor_client.get(_url("classroom-detail", pk=world.classroom.pk)).content.decode()
    assert "Nobody has joined yet" in html
    assert "Everyone" not in html
    assert "Every learner in the class has started" not in html


def test_a_class_of_a_course_without_published_lessons_says_so(tutor_client, world):
    world.lesson.published = False
    world.lesson.save()
    html = tutor_client.get(_url("classroom-detail", pk=world.classroom.pk)).content.decode()
    assert "no published lesson yet" in html
    assert world.lesson.title not in html.split("<h2>", 2)[-1]


def test_the_course_form_sets_the_style_options(tutor_client, world):
    url = reverse("teach:course-update", kwargs={"course": world.course.pk})
    page = tutor_client.get(url)
    assert b'name="reading_ashita"' in page.content
    response = tutor_client.post(
        url,
        {
            "title": world.course.title,
            "slug": world.course.slug,
            "level": world.course.level,
            "topic": world.course.topic,
            "reading_nihon": "にほん",
            "reading_ashita": "あす",
            "romaji_style": "wapuro",
            "readings": "",
            "shared_with": "",
            "version": world.course.version,
        },
    )
    assert response.status_code == 302
    world.course.refresh_from_db()
    assert (world.course.reading_ashita, world.course.romaji_style) == ("あす", "wapuro")


def test_the_course_page_shows_the_stored_title_ruby_without_analysing(tutor_client, world):
    world.course.title_ja = "生活"
    world.course.ruby = {"生活": {"html": "<ruby>生活<rt>stored</rt></ruby>"}}
    world.course.save()
    page = tutor_client.get(reverse("teach:course-detail", kwargs={"course": world.course.pk}))
    assert "<rt>stored</rt>" in page.content.decode()


def _lesson_file(document):
    data = json.dumps(document, ensure_ascii=False).encode()
    return SimpleUploadedFile("lesson.json", data, content_type="application/json")


def test_a_lesson_file_with_five_problems_reports_all_five_in_plain_words(tutor_client, world):
    document = selectors.lesson_export(lesson=world.lesson)
    document["lesson"]["title"] = ""
    document["passages"][0]["kind"] = "poem"
    document["vocabulary"][0]["part_of_speech"] = "thing"
    document["vocabulary"][0]["reading_is_override"] = "yes"
    document["exercises"][1]["status"] = "live"
    before = Lesson.objects.count()
    response = tutor_client.post(
        _url("lesson-import", course=world.course.pk), {"file": _lesson_file(document)}
    )
    errors = response.context["form"].errors["file"]
    assert errors == [
        "The lesson, title: must not be empty",
        "Passage 1, kind: must be one of reading, dialogue, grammar",
        "Word 1, part_of_speech: must be one of noun, verb, i-adj, na-adj, adverb, expression, "
        "particle, counter, other",
        "Word 1, reading_is_override: must be true or false",
        "Exercise 2, status: must be draft or ready",
    ]
    assert Lesson.objects.count() == before


def test_a_lesson_file_whose_address_is_taken_asks_replace_or_copy(tutor_client, world):
    document = selectors.lesson_export(lesson=world.lesson)
    document["lesson"]["title"] = "Imported title"
    url = _url("lesson-import", course=world.course.pk)
    asked = tutor_client.post(url, {"file": _lesson_file(document)})
    html = asked.content.decode()
    assert asked.status_code == 200
    assert 'name="on_clash"' in html
    assert world.lesson.title in html
    assert Lesson.objects.filter(course=world.course).count() == 1  # nothing imported yet
    form = asked.context["form"]
    carried = {"content": form.initial["content"], "replace_version": world.lesson.version}
    copy = tutor_client.post(url, carried | {"on_clash": "copy"})
    assert copy.status_code == 302
    assert Lesson.objects.filter(course=world.course, slug=f"{world.lesson.slug}-2").exists()
    replaced = tutor_client.post(url, carried | {"on_clash": "replace"})
    assert replaced.status_code == 302
    lesson = Lesson.objects.get(course=world.course, slug=world.lesson.slug)
    assert lesson.title == "Imported title"
    assert (lesson.order, lesson.published) == (world.lesson.order, world.lesson.published)
    assert not Lesson.objects.filter(pk=world.lesson.pk).exists()


def test_replacing_a_lesson_another_tutor_changed_since_is_refused(tutor_client, world):
    document = selectors.lesson_export(lesson=world.lesson)
    url = _url("lesson-import", course=world.course.pk)
    asked = tutor_client.post(url, {"file": _lesson_file(document)})
    stale = asked.context["form"].initial | {"on_clash": "replace"}
    authoring.lesson_update(
        user=world.tutor, lesson=world.lesson, version=world.lesson.version, title="Their edit"
    )
    response = tutor_client.post(url, stale)
    assert "Someone else saved this lesson" in response.content.decode()
    assert Lesson.objects.get(pk=world.lesson.pk).title == "Their edit"


def test_csv_problems_are_shown_in_the_tutors_language(tutor_client, world, settings):
    tutor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ja"
    response = _import(tutor_client, world.lesson, "expression,meaning_en\n病院,\n,x\n")
    html = response.content.decode()
    assert "2行目：単語に意味がありません。" in html
    assert "3行目：expression が空です。" in html
