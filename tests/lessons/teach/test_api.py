"""The workspace API (/api/v1/teach/): the same services and rules as the pages."""

import pytest
from django.urls import reverse

from learning.roles import Role
from lessons.models import Lesson, VocabularyItem
from lessons.services import authoring
from tests.factories import UserFactory
from tests.lessons.teach.world import CHOICE, make_world, workspace_setup

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
def api(client, world):
    client.force_login(world.tutor)
    return client


def _url(name, **kwargs):
    return reverse(f"api:teach:{name}", kwargs=kwargs)


def _post(client, url, data):
    return client.post(url, data, content_type="application/json")


def _patch(client, url, data):
    return client.patch(url, data, content_type="application/json")


def test_a_lesson_is_built_through_the_api(api, world):
    course = _post(api, _url("course-list"), {"slug": "clinic", "title": "Clinic"}).json()
    lesson = _post(
        api, _url("lesson-list", course=course["id"]),
        {"slug": "reception", "title": "Reception", "title_ja": "受付"},
    ).json()  # fmt: skip
    assert (lesson["published"], lesson["version"]) == (False, 1)
    passage = _post(api, _url("passage-list", lesson=lesson["id"]), {"text": "病院です。"})
    assert passage.status_code == 201
    assert passage.json()["lines"] == [{"speaker": "", "text": "病院です。"}]
    word = _post(
        api, _url("vocabulary-list", lesson=lesson["id"]),
        {"expression": "病院", "meanings": {"en": "hospital"}},
    ).json()  # fmt: skip
    assert (word["reading"], word["reading_is_override"]) == ("びょういん", False)
    exercise = _post(
        api, _url("exercise-list", lesson=lesson["id"]), {"kind": "choice", "data": CHOICE}
    )
    assert exercise.status_code == 201
    bad = _post(
        api, _url("exercise-list", lesson=lesson["id"]),
        {"kind": "choice", "data": {"choices": ["a"], "answer": 0}},
    )  # fmt: skip
    assert bad.status_code == 400
    assert "choices" in bad.json()["data"][0]
    detail = api.get(_url("lesson-detail", lesson=lesson["id"])).json()
    assert detail["version"] == 4
    assert [p["text"] for p in detail["passages"]] == ["病院です。"]
    published = _post(api, _url("lesson-publish", lesson=lesson["id"]), {"published": True})
    assert published.json()["published"] is True


def test_a_stale_version_is_a_409(api, world):
    url = _url("lesson-detail", lesson=world.lesson.pk)
    version = api.get(url).json()["version"]
    assert _patch(api, url, {"title": "One", "version": version}).status_code == 200
    response = _patch(api, url, {"title": "Two", "version": version})
    assert response.status_code == 409
    assert response.json()["code"] == "stale"
    assert "Someone else saved this lesson" in response.json()["detail"]
    assert Lesson.objects.get(pk=world.lesson.pk).title == "One"
    passage = _url("passage-detail", lesson=world.lesson.pk, pk=world.passage.pk)
    assert _patch(api, passage, {"title": "x", "version": version}).status_code == 409
    unversioned = _patch(api, url, {"title": "Three"})
    assert unversioned.status_code == 400
    assert "version" in unversioned.json()


def test_export_then_import_through_the_api(api, world):
    exported = api.get(_url("lesson-export", lesson=world.lesson.pk)).json()
    response = _post(api, _url("lesson-import", course=world.course.pk), {"document": exported})
    assert response.status_code == 201
    again = api.get(_url("lesson-export", lesson=response.json()["id"])).json()
    strip = lambda d: {**d, "lesson": {**d["lesson"], "slug": ""},  # noqa: E731
                       "vocabulary": [{**v, "key": ""} for v in d["vocabulary"]]}  # fmt: skip
    assert strip(again) == strip(exported)
    exported["exercises"][0]["data"] = {"choices": ["a"], "answer": 0}
    bad = _post(api, _url("lesson-import", course=world.course.pk), {"document": exported})
    assert bad.status_code == 400
    assert "Exercise 1, choices" in bad.json()["file"][0]


def test_a_bad_csv_through_the_api_lists_every_problem_in_one_pass(api, world):
    before = VocabularyItem.objects.count()
    response = _post(
        api, _url("vocabulary-import", lesson=world.lesson.pk),
        {"csv": "expression,reading,meaning_en\n病院,,hospital\n,x,y\n食べる,のむ,to eat\n",
         "version": world.lesson.version},
    )  # fmt: skip
    assert response.status_code == 400
    problems = response.json()["csv"]
    assert problems[0] == "Row 3: expression is empty."
    assert problems[1].startswith("Row 4: reading:")  # found on the same upload
    assert VocabularyItem.objects.count() == before


def test_the_class_report_through_the_api(api, world):
    learner = UserFactory(username="ravi")
    joiner = type(api)()
    joiner.force_login(learner)
    assert (
        _post(joiner, _url("classroom-join"), {"code": world.classroom.join_code}).status_code
        == 200
    )
    report = api.get(_url("classroom-detail", pk=world.classroom.pk)).json()
    assert report["not_started"] == ["ravi"]
    assert report["learners"][0]["lessons"][0]["started"] is False
    assert report["missed"] == []


def test_pages_and_api_call_the_same_service(api, world, monkeypatch):
    calls = []

    def spy(**kwargs):
        calls.append(kwargs["course"].pk)
        return {"今日": "こんにち"}

    monkeypatch.setattr(authoring, "course_reading_set", spy)
    _post(api, _url("course-reading-create", course=world.course.pk),
          {"word": "今日", "reading": "こんにち"})  # fmt: skip
    api.post(
        reverse("teach:course-reading-add", kwargs={"course": world.course.pk}),
        {"word": "今日", "reading": "こんにち"},
    )
    assert calls == [world.course.pk, world.course.pk]


def test_the_api_refuses_another_tutors_lesson_and_a_learner(client, world):
    from learning.roles import Role

    client.force_login(UserFactory(roles=[Role.TUTOR]))
    assert client.get(_url("lesson-detail", lesson=world.lesson.pk)).status_code == 404
    client.force_login(UserFactory())
    assert client.get(_url("course-list")).status_code == 403
