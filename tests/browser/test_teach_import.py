"""A tutor imports a word list from Excel (Shift-JIS) on a phone: the preview shows what is
added and what changes (old -> new) before anything is saved, and the confirm imports it."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from learning.roles import Role
from lessons.models import VocabularyItem
from tests.factories import (
    PASSWORD,
    CourseFactory,
    LessonFactory,
    UserFactory,
    VocabularyItemFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_tutor_checks_the_preview_of_a_word_list_then_imports_it(phone, tmp_path):
    Group.objects.get_or_create(name=Role.TUTOR.value)
    tutor = UserFactory(username="tutor-kenji", roles=[Role.TUTOR])
    course = CourseFactory(owner=tutor, published=True)
    lesson = LessonFactory(course=course)
    VocabularyItemFactory(lesson=lesson, expression="明日", meanings={"en": "the next day"})
    csv_file = tmp_path / "words.csv"
    csv_file.write_bytes(
        'expression,meaning_en\r\n明日,tomorrow\r\n病院,"hospital, clinic"\r\n'.encode("cp932")
    )

    phone.goto("/accounts/login/")
    phone.fill("#id_username", "tutor-kenji")
    phone.fill("#id_password", PASSWORD)
    phone.get_by_role("button", name="Log in").click()
    phone.goto(f"/teach/lessons/{lesson.pk}/vocabulary/import/")
    phone.set_input_files("#id_file", str(csv_file))
    phone.get_by_role("button", name="Import").click()

    expect(phone.locator("h1")).to_have_text("Check the word list before importing")
    changed = phone.locator("#import-changed")
    meaning = changed.locator("dd", has=phone.locator("del", has_text="the next day"))
    expect(meaning.locator("ins")).to_have_text("tomorrow")
    expect(phone.locator("#import-added")).to_contain_text("hospital, clinic")
    overflow = phone.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    phone.screenshot(path=tmp_path / "import-preview-360.png", full_page=True)
    assert VocabularyItem.objects.get(lesson=lesson, expression="明日").meanings == {
        "en": "the next day"
    }  # nothing saved before the confirm

    phone.get_by_role("button", name="Import these words").click()
    expect(
        phone.get_by_text("Words imported: 1 added, 1 changed, 0 left as they were.")
    ).to_be_visible()
    assert VocabularyItem.objects.get(lesson=lesson, expression="明日").meanings == {
        "en": "tomorrow"
    }
    assert VocabularyItem.objects.get(lesson=lesson, expression="病院").meanings == {
        "en": "hospital, clinic"
    }


def test_the_class_page_fits_a_phone_with_a_card_per_learner(phone, tmp_path):
    from lessons.models import Classroom
    from lessons.services import attempt_submit, authoring
    from tests.factories import ExerciseFactory

    Group.objects.get_or_create(name=Role.TUTOR.value)
    tutor = UserFactory(username="tutor-yui", roles=[Role.TUTOR])
    course = CourseFactory(owner=tutor, published=True)
    lessons = [
        LessonFactory(course=course, order=n, title=f"Lesson with a long title {n}")
        for n in range(1, 6)
    ]
    exercise = ExerciseFactory(lesson=lessons[0], data={"choices": ["a", "b"], "answer": 1})
    classroom = Classroom.objects.create(
        course=course, name="Tuesday", created_by=tutor, join_code="QWER2345"
    )
    for n in range(3):
        learner = UserFactory(username=f"learner-with-a-long-name-{n}")
        authoring.classroom_join(user=learner, code=classroom.join_code)
        attempt_submit(exercise=exercise, answer={"choice": n % 2}, learner=learner)

    phone.goto("/accounts/login/")
    phone.fill("#id_username", "tutor-yui")
    phone.fill("#id_password", PASSWORD)
    phone.get_by_role("button", name="Log in").click()
    phone.goto(f"/teach/classes/{classroom.pk}/")
    expect(phone.locator("h1")).to_have_text("Tuesday")
    overflow = phone.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    # Each lesson's cell is at least a third of the screen wide, labelled with its lesson.
    cell = phone.locator("td[data-label='Lesson with a long title 1']").first
    assert cell.bounding_box()["width"] > 120
    phone.screenshot(path=tmp_path / "class-360.png", full_page=True)
