"""The hostile-input corpus: NUL, control and bidi characters, lone surrogates and oversized
values in every path parameter, query parameter, form field and API body never cause a 500.

The walks are generated from the site itself (the URL resolver, the links and forms of the
pages a signed-in superuser and a visitor can reach, the OpenAPI schema), so a new page, form or
endpoint is covered without being listed here.
"""

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from drf_spectacular.generators import SchemaGenerator

from learning.roles import Role
from tests.factories import UserFactory
from tests.hub.factories import ProposalFactory
from tests.letters.factories import BatchFactory, letter_with_token
from tests.routes import route_paths

# Each request commits or rolls back on its own, as in production: inside one test-wide
# transaction, DRF's rollback of a refused request (or a PostgreSQL error) would poison the rest.
pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = sorted(str(p) for p in (ROOT / "fixtures").glob("*.json"))

# Values typed into text fields, choice fields and query parameters.
HOSTILE_TEXTS = {
    "nul": "demo\x00tutor",
    "control": "bell\x07escape\x1b",
    "bidi": "invoice\u202egnp.exe",
    "long": "x" * 300,
    "huge": "漢" * 30_000,
}
# Only JSON can carry a lone surrogate (a form body is decoded as UTF-8 with replacement).
JSON_TEXTS = {**HOSTILE_TEXTS, "surrogate": "a\ud800b", "surrogate_only": "\udfff"}
# Raw percent-encoded values for paths and query strings (%ED%A0%80 is an encoded surrogate).
HOSTILE_ESCAPES = ["%00", "a%00b", "%07", "%E2%80%AE", "%ED%A0%80", "%FF", "x" * 300]


def _query_names() -> list[str]:
    """Every query parameter name the code reads (request.GET / query_params)."""
    names = set()
    pattern = re.compile(
        r"""(?:GET|query_params|_param\(request,)\s*(?:\.get\()?\s*["'](\w+)["']"""
    )
    for path in ROOT.glob("*/**/*.py"):
        if ".venv" in path.parts or "tests" in path.parts:
            continue
        names.update(pattern.findall(path.read_text()))
    return sorted(names)


QUERY_NAMES = _query_names()


@pytest.fixture
def world(transactional_db):
    """The demo data plus one of each object the moderation and tutor pages show."""
    call_command("loaddata", *FIXTURES, verbosity=0)
    from lessons.models import Classroom, Course

    root = UserFactory(username="root", is_staff=True, is_superuser=True, roles=list(Role))
    course = Course.objects.get(slug="survival-japanese")
    letter, token = letter_with_token(programme=BatchFactory().programme)
    Classroom.objects.create(course=course, name="Tuesday class", join_code="ABCD2345")
    ProposalFactory()
    return {"root": root, "course": course, "letter": letter, "token": token}


FAILURES: list = []


@pytest.fixture
def client(transactional_db):
    """A client that answers a 500 instead of raising, so one test reports every failure. The
    shared cache (a table no flush empties) starts empty too: throttle counts of earlier tests
    must not refuse this one's requests."""
    from django.core.cache import caches

    caches["shared"].clear()
    FAILURES.clear()
    yield Client(raise_request_exception=False)
    FAILURES.clear()


def _assert_no_server_errors():
    failures = list(FAILURES)
    assert not failures, "\n".join(map(str, failures[:40])) + f"\n({len(failures)} in all)"


def _no_server_error(response, what):
    if response.status_code >= 500:
        FAILURES.append((what, response.status_code))


class _Page(HTMLParser):
    """The links and forms of one HTML page."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self.forms.append(
                {
                    "action": a.get("action") or "",
                    "method": (a.get("method") or "get").lower(),
                    "fields": {},
                    "texts": [],
                }
            )
        elif not self.forms:
            return
        elif tag in {"input", "textarea", "select"} and a.get("name"):
            form = self.forms[-1]
            kind = (a.get("type") or "text").lower() if tag == "input" else tag
            if kind in {"checkbox", "radio"} and "checked" not in a:
                form["fields"].setdefault(
                    a["name"], a.get("value", "on") if kind == "radio" else None
                )
                if kind == "checkbox":
                    form["fields"].pop(a["name"], None)
                return
            form["fields"][a["name"]] = a.get("value", "")
            if kind not in {"hidden", "submit", "file", "checkbox", "radio", "number"}:
                form["texts"].append(a["name"])
            if tag == "select":
                self._select = a["name"]
        elif tag == "option" and self._select and self.forms:
            fields = self.forms[-1]["fields"]
            if fields.get(self._select) == "" or "selected" in a:
                fields[self._select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


SKIP_PREFIXES = ("/static/", "/admin/", "/api/", "/media/")
SKIP_ACTIONS = ("/accounts/logout/", "/language/")


def _crawl(client, starts, limit=160):
    """GET pages breadth-first from *starts*; returns [(page path, form)]."""
    seen, queue, forms = set(), list(starts), []
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        _no_server_error(response, path)
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        page = _Page()
        page.feed(response.content.decode())
        for href in page.links:
            parts = urlsplit(href)
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if (
                not parts.netloc
                and parts.path.startswith("/")
                and not parts.path.startswith(SKIP_PREFIXES)
                and not parts.path.endswith(".apkg")
            ):
                queue.append(target)
        forms.extend((urlsplit(path).path, form) for form in page.forms)
    return forms


def _submit_hostile(client, forms):
    tried = 0
    for page, form in forms:
        action = urlsplit(form["action"]).path or page
        if action.startswith(SKIP_ACTIONS) or not form["texts"]:
            continue
        for name, text in HOSTILE_TEXTS.items():
            data = {k: v for k, v in form["fields"].items() if v is not None}
            data.update(dict.fromkeys(form["texts"], text))
            if form["method"] == "post":
                response = client.post(action, data)
            else:
                response = client.get(action, data)
            tried += 1
            _no_server_error(response, (form["method"], action, name, sorted(form["texts"])))
    return tried


START_PAGES = [
    "/",
    "/courses/",
    "/news/",
    "/partners/",
    "/partners/propose/",
    "/letters/",
    "/letters/write/",
    "/letters/lost-link/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password_reset/",
    "/teach/",
    "/teach/join/",
    "/letters/moderation/",
    "/letters/moderation/batches/",
    "/news/editor/",
    "/news/write/",
    "/review/",
    "/accounts/preferences/",
]


def test_every_form_a_visitor_reaches_survives_hostile_text(client, world):
    tried = _submit_hostile(client, _crawl(client, START_PAGES))
    _assert_no_server_errors()
    assert tried > 20


def test_every_form_a_superuser_reaches_survives_hostile_text(client, world):
    client.force_login(world["root"])
    forms = _crawl(
        client, [*START_PAGES, f"/letters/moderation/letters/{world['letter'].public_id}/"]
    )
    tried = _submit_hostile(client, forms)
    _assert_no_server_errors()
    assert tried > 100


def test_the_query_names_walk_finds_the_filters():
    for name in ("q", "status", "flag", "language", "programme", "page", "version", "kind"):
        assert name in QUERY_NAMES


@pytest.mark.parametrize("escape", HOSTILE_ESCAPES)
def test_every_route_survives_hostile_path_and_query_parameters(client, world, escape):
    client.force_login(world["root"])
    query = "&".join(f"{name}={escape}" for name in QUERY_NAMES)
    for path in sorted(set(route_paths(fill=escape))):
        if path.startswith("/static/"):
            continue
        _no_server_error(client.get(path), path)
    for path in sorted(set(route_paths())):
        if path.startswith("/static/"):
            continue
        _no_server_error(client.get(f"{path}?{query}"), (path, escape))
    _assert_no_server_errors()


def _operations():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield path, method, operation, schema


def _resolve(schema, node):
    while isinstance(node, dict) and "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def _path_values(world):
    from hub.models import Article, Organisation, OrganisationProposal
    from lessons.models import Classroom, Lesson, Passage
    from letters.models import Batch

    lesson = Lesson.objects.filter(course=world["course"]).first()
    return {
        "course": {"integer": world["course"].pk, "string": world["course"].slug},
        "lesson": {"integer": lesson.pk, "string": lesson.slug},
        "public_id": {"string": world["letter"].public_id},
        "token": {"string": world["token"]},
        "slug": {"string": Article.objects.first().slug},
        "organisations": Organisation.objects.first().slug,
        "pk": {
            "classes": Classroom.objects.first().pk,
            "batches": Batch.objects.first().pk,
            "passages": Passage.objects.filter(lesson=lesson).first().pk,
            "proposals": OrganisationProposal.objects.first().pk,
        },
    }


def _fill_path(path, values):
    segments = path.strip("/").split("/")
    out = []
    for i, segment in enumerate(segments):
        match = re.fullmatch(r"\{(\w+)\}", segment)
        if not match:
            out.append(segment)
            continue
        name, before = match.group(1), segments[i - 1]
        value = values.get(name, 1)
        if name == "pk":
            value = values["pk"].get(before, 1)
        elif name == "slug" and before == "organisations":
            value = values["organisations"]
        elif isinstance(value, dict):
            value = (
                value.get("integer", value.get("string"))
                if before != "courses" or "teach" in path
                else value.get("string", value.get("integer"))
            )
        out.append(quote(str(value)))
    return "/" + "/".join(out) + "/" * path.endswith("/")


def _hostile_bodies(schema, operation):
    content = operation.get("requestBody", {}).get("content", {})
    body_schema = _resolve(schema, content.get("application/json", {}).get("schema", {}))
    properties = {k: _resolve(schema, v) for k, v in body_schema.get("properties", {}).items()}
    for text in JSON_TEXTS.values():
        body = {}
        for name, prop in properties.items():
            if prop.get("type") == "object":
                body[name] = {text: text}
            elif prop.get("type") == "array":
                body[name] = [text]
            else:
                body[name] = text
        yield body
        # Also one field at a time, so a refusal of one field cannot hide another's 500.
        for name in properties:
            yield {name: body[name]}


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "superuser"])
def test_every_api_operation_survives_hostile_json(client, world, signed_in):
    if signed_in:
        client.force_login(world["root"])
    values = _path_values(world)
    operations = 0
    for path, method, operation, schema in _operations():
        url = _fill_path(path, values)
        for name in [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]:
            for text in HOSTILE_ESCAPES:
                _no_server_error(client.get(f"{url}?{name}={text}"), (url, name, text))
        if method not in {"post", "put", "patch", "delete"}:
            continue
        operations += 1
        for body in _hostile_bodies(schema, operation):
            payload = json.dumps(body)
            response = getattr(client, method)(url, payload, content_type="application/json")
            _no_server_error(response, (method, url, payload[:200]))
    _assert_no_server_errors()
    assert operations > 20


def test_the_log_in_page_and_the_token_endpoint_refuse_a_huge_username(client, world):
    username = "u" * 300
    page = client.post("/accounts/login/", {"username": username, "password": "x"})
    assert page.status_code == 200
    assert "username" in page.context["form"].errors
    token = client.post(
        "/api/v1/auth/token/",
        json.dumps({"username": username, "password": "x"}),
        content_type="application/json",
    )
    assert token.status_code == 400
    assert "username" in token.json()


@pytest.mark.parametrize(
    "url",
    [
        "/teach/join/%00/",
        "/letters/moderation/?status=%00",
        "/letters/moderation/?flag=a%00b&language=en",
        "/news/?q=%07",
        "/partners/?lang=en&%00=1",
    ],
)
def test_a_control_character_in_the_address_of_a_page_gets_a_400_page(client, world, url):
    client.force_login(world["root"])
    response = client.get(url)
    assert response.status_code == 400
    assert "control character" in response.content.decode()
    assert "<h1>" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/moderation/letters/?language=%00",
        "/api/v1/moderation/letters/?programme=%00",
        "/api/v1/teach/courses/1/?version=%1b",
        "/api/v1/letters/status/%00/",
    ],
)
def test_a_control_character_in_an_api_address_gets_a_400_saying_so(client, world, url):
    client.force_login(world["root"])
    response = client.get(url)
    assert response.status_code == 400
    assert "control character" in response.json()["detail"]


def test_an_ordinary_address_is_not_refused(client, world):
    client.force_login(world["root"])
    assert client.get("/letters/moderation/?status=submitted&q=tab%09ok").status_code == 200


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"kind": "\ud800"}, "kind", "lone surrogate (U+D800)"),
        ({"kind": "new", "languages": ["en\x00"]}, "languages", "null character"),
        ({"kind": "new", "message": "hi\x1b"}, "message", "control character (U+001B)"),
    ],
)
def test_an_anonymous_proposal_with_forbidden_characters_gets_a_400(
    client, world, body, field, words
):
    response = client.post("/api/v1/proposals/", json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    assert words in " ".join(response.json()[field])


@pytest.mark.parametrize("key", ["\x00", "\ud800", "e\x07n"])
def test_a_forbidden_key_in_a_translation_dict_gets_a_400_under_its_field(client, world, key):
    client.force_login(world["root"])
    response = client.post(
        "/api/v1/teach/courses/",
        json.dumps({"title": "Course", "slug": "course-x", "title_translations": {key: "Hello"}}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "A key in" in response.json()["title_translations"][0]
