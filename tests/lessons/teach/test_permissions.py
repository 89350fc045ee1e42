"""Who may do what in the tutor workspace: every page and API endpoint x every kind of user.

The routes are read from the URL resolver (namespaces `teach` and `api:teach`), so a new route
without a row here fails `test_every_workspace_route_has_a_row`.
"""

import pytest
from django.urls import get_resolver, reverse

from learning.roles import Role
from lessons import selectors
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


ROLES = ("anonymous", "learner", "tutor", "other_tutor", "editor", "staff")
# Who may use a route: the course's teachers (scoped to the course: another tutor gets 404),
# any teacher (not scoped to a course), or anyone signed in (joining a class).
SCOPED, TEACHERS, SIGNED_IN = "scoped", "teachers", "signed-in"


def _v(w):
    return {"version": w.lesson.version}


def _doc(w):
    return {"document": selectors.lesson_export(lesson=w.lesson)}


# name -> [(method, data or a function of the world, status for those allowed, audience)]
PAGES = {
    "dashboard": [("get", None, 200, TEACHERS)],
    "course-create": [("get", None, 200, TEACHERS)],
    "course-detail": [("get", None, 200, SCOPED)],
    "course-update": [("get", None, 200, SCOPED)],
    "course-reading-add": [("post", {"word": "今日", "reading": "きょう"}, 302, SCOPED)],
    "lesson-create": [("get", None, 200, SCOPED)],
    "lesson-import": [("get", None, 200, SCOPED)],
    "classroom-create": [("get", None, 200, SCOPED)],
    "lesson-update": [("get", None, 200, SCOPED)],
    "lesson-delete": [("get", None, 200, SCOPED), ("post", _v, 302, SCOPED)],
    "lesson-move": [("post", {"direction": "down"}, 302, SCOPED)],
    "lesson-duplicate": [("post", {}, 302, SCOPED)],
    "lesson-publish": [("post", {"published": "0"}, 302, SCOPED)],
    "lesson-preview": [("get", None, 200, SCOPED)],
    "lesson-export": [("get", None, 200, SCOPED)],
    "passage-create": [("get", None, 200, SCOPED)],
    "passage-update": [("get", None, 200, SCOPED)],
    "vocabulary-create": [("get", None, 200, SCOPED)],
    "vocabulary-update": [("get", None, 200, SCOPED)],
    "vocabulary-import": [("get", None, 200, SCOPED)],
    "vocabulary-export": [("get", None, 200, SCOPED)],
    "exercise-create": [("get", None, 200, SCOPED)],
    "exercise-update": [("get", None, 200, SCOPED)],
    "part-delete": [("post", lambda w: {"part": "passage", "pk": w.passage.pk}, 302, SCOPED)],
    "part-move": [
        ("post", lambda w: {"part": "exercise", "pk": w.exercise.pk, "direction": "down"}, 302,
         SCOPED)
    ],
    "draft-list": [("get", None, 200, SCOPED), ("post", {}, 302, SCOPED)],
    "draft-accept": [("post", {}, 302, SCOPED)],
    "classroom-detail": [("get", None, 200, SCOPED)],
    "classroom-export": [("get", None, 200, SCOPED)],
    "classroom-join": [("get", None, 200, SIGNED_IN)],
    "classroom-join-code": [("get", None, 200, SIGNED_IN), ("post", {}, 302, SIGNED_IN)],
}  # fmt: skip
API = {
    "course-list": [("get", None, 200, TEACHERS),
                    ("post", {"slug": "new-course", "title": "New"}, 201, TEACHERS)],
    "course-detail": [("get", None, 200, SCOPED),
                      ("patch", lambda w: {"title": "T", "version": w.course.version}, 200,
                       SCOPED)],
    "course-reading-create": [("post", {"word": "今日", "reading": "きょう"}, 200, SCOPED)],
    "lesson-list": [("get", None, 200, SCOPED),
                    ("post", {"slug": "new", "title": "New"}, 201, SCOPED)],
    "lesson-import": [("post", _doc, 201, SCOPED)],
    "classroom-list": [("get", None, 200, SCOPED), ("post", {"name": "Evening"}, 201, SCOPED)],
    "lesson-detail": [("get", None, 200, SCOPED),
                      ("patch", lambda w: {"title": "T", **_v(w)}, 200, SCOPED),
                      ("delete", _v, 204, SCOPED)],
    "lesson-publish": [("post", {"published": False}, 200, SCOPED)],
    "lesson-move": [("post", {"direction": "up"}, 200, SCOPED)],
    "lesson-duplicate": [("post", {}, 201, SCOPED)],
    "lesson-export": [("get", None, 200, SCOPED)],
    "passage-list": [("post", {"text": "病院です。"}, 201, SCOPED)],
    "passage-detail": [("patch", lambda w: {"title": "x", **_v(w)}, 200, SCOPED),
                      ("delete", _v, 204, SCOPED)],
    "vocabulary-list": [("post", {"expression": "病院", "meanings": {"en": "hospital"}}, 201,
                         SCOPED)],
    "vocabulary-import": [("post", lambda w: {"csv": "expression,meaning_en\n薬,x\n", **_v(w)},
                           201, SCOPED)],
    "vocabulary-detail": [("patch", lambda w: {"example": "", **_v(w)}, 200, SCOPED),
                         ("delete", _v, 204, SCOPED)],
    "exercise-list": [("post", {"kind": "choice", "data": CHOICE}, 201, SCOPED)],
    "exercise-detail": [("patch", lambda w: {"prompt": "Q", **_v(w)}, 200, SCOPED),
                       ("delete", _v, 204, SCOPED)],
    "part-move": [("post", lambda w: {"part": "passage", "pk": w.passage.pk, "direction": "up"},
                   200, SCOPED)],
    "draft-list": [("get", None, 200, SCOPED), ("post", {}, 201, SCOPED)],
    "draft-accept": [("post", {}, 200, SCOPED)],
    "classroom-detail": [("get", None, 200, SCOPED)],
    "classroom-join": [("post", {"code": "ABCD2345"}, 200, SIGNED_IN)],
}  # fmt: skip


def _namespace_patterns(*path):
    resolver = get_resolver()
    for namespace in path:
        resolver = resolver.namespace_dict[namespace][1]
    return resolver.url_patterns


def test_every_workspace_route_has_a_row():
    pages = {p.name for p in _namespace_patterns("teach")}
    api = {p.name for p in _namespace_patterns("api", "teach")}
    assert pages == set(PAGES)
    assert api == set(API)


def _cases():
    for prefix, rows in (("teach", PAGES), ("api:teach", API)):
        for name, requests in rows.items():
            for request in requests:
                for role in ROLES:
                    yield pytest.param(
                        prefix, name, request, role, id=f"{prefix}:{name}:{request[0]}:{role}"
                    )


def _kwargs(name, route_params, w):
    values = {"course": w.course.pk, "lesson": w.lesson.pk, "code": w.classroom.join_code}
    for start, obj in (
        ("passage", w.passage),
        ("vocabulary", w.item),
        ("exercise", w.exercise),
        ("draft", w.draft),
        ("classroom", w.classroom),
    ):
        if name.startswith(start):
            values["pk"] = obj.pk
    return {key: values[key] for key in route_params}


def _user(role, w):
    return {
        "anonymous": None,
        "learner": lambda: UserFactory(),
        "tutor": lambda: w.tutor,
        "other_tutor": lambda: UserFactory(roles=[Role.TUTOR]),
        "editor": lambda: UserFactory(roles=[Role.EDITOR]),
        "staff": lambda: UserFactory(is_staff=True, is_superuser=True),
    }[role]


def _expected(prefix, role, ok, audience):
    teacher = role in ("tutor", "other_tutor", "editor", "staff")
    if role == "anonymous":
        return {401, 403} if prefix.startswith("api") else {302}
    if audience == SIGNED_IN:
        return {ok}
    if not teacher:
        return {403}
    if role == "other_tutor" and audience == SCOPED:
        return {404}
    return {ok}


@pytest.mark.parametrize(("prefix", "name", "request_spec", "role"), list(_cases()))
def test_permission_matrix(client, world, prefix, name, request_spec, role):
    method, data, ok, audience = request_spec
    patterns = _namespace_patterns(*prefix.split(":"))
    pattern = next(p for p in patterns if p.name == name)
    url = reverse(
        f"{prefix}:{name}", kwargs=_kwargs(name, pattern.pattern.converters.keys(), world)
    )
    make_user = _user(role, world)
    if make_user is not None:
        client.force_login(make_user())
    payload = data(world) if callable(data) else data
    if method == "delete" and payload:  # a DELETE says its version in the query
        url, payload = f"{url}?version={payload['version']}", None
    if prefix.startswith("api"):
        kwargs = {"content_type": "application/json"} if method != "get" else {}
        response = getattr(client, method)(url, payload, **kwargs)
    else:
        response = getattr(client, method)(url, payload or {})
    expected = _expected(prefix, role, ok, audience)
    assert response.status_code in expected, (url, role, response.content[:300])
    if role == "anonymous" and not prefix.startswith("api"):
        assert response["Location"].startswith(reverse("login"))
