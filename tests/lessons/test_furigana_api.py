"""POST /api/v1/furigana/ and the `furigana` template filter."""

import json

import pytest
from django.template import engines
from django.urls import reverse

from lessons.textcheck import MAX_FURIGANA_TEXT

pytestmark = pytest.mark.django_db
URL = "/api/v1/furigana/"


def post(client, payload, **extra):
    body = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
    return client.post(URL, body, content_type="application/json", **extra)


def test_url_name_matches_the_contract():
    assert reverse("api:lessons:furigana-create") == URL


def test_text_comes_back_as_segments_and_ruby_html(client):
    response = post(client, {"text": "日本語を食べる"})
    assert response.status_code == 200
    data = response.json()
    assert "".join(s["text"] for s in data["segments"]) == "日本語を食べる"
    readings = {s["text"]: s["reading"] for s in data["segments"]}
    assert readings["食"] == "た"
    assert readings["を"] is None
    assert data["html"].startswith('<span lang="ja">')
    assert "<rt>た</rt>" in data["html"]


def test_overrides_and_inline_markup_force_readings(client):
    data = post(client, {"text": "{今日|こんにち}は私です", "overrides": {"私": "わたくし"}}).json()
    readings = [s["reading"] for s in data["segments"] if s["reading"]]
    assert "".join(readings) == "こんにちわたくし"
    assert "".join(s["text"] for s in data["segments"]) == "今日は私です"


def test_html_escapes_what_the_text_holds(client):
    data = post(client, {"text": "<script>alert(1)</script>漢字"}).json()
    assert "<script>" not in data["html"]
    assert "&lt;script&gt;" in data["html"]


def test_empty_text_is_fine(client):
    assert post(client, {"text": ""}).json() == {"segments": [], "html": '<span lang="ja"></span>'}


@pytest.mark.parametrize(
    ("payload", "field", "words"),
    [
        ({"text": "あ" * (MAX_FURIGANA_TEXT + 1)}, "text", "no more than"),
        ({"text": 42}, "text", "not a valid string"),
        ({"text": True}, "text", "not a valid string"),
        ({"text": None}, "text", "null"),
        ({"text": ["漢字"]}, "text", "not a valid string"),
        ({"text": {"a": 1}}, "text", "not a valid string"),
        ({}, "text", "required"),
        ('{"text": "漢\\ud800字"}', "text", "surrogate"),
        ({"text": "漢字\x00"}, "text", "null"),
        ({"text": "漢字\x07"}, "text", "control character"),
        ({"text": "{漢字|かんじ"}, "text", ""),
        ({"text": "{漢字}"}, "text", ""),
        ({"text": "漢字", "overrides": {"漢字": "kanji"}}, "overrides", "kana"),
        ({"text": "漢字", "overrides": {"漢字": ""}}, "overrides", ""),
        ({"text": "漢字", "overrides": ["漢字"]}, "overrides", ""),
        ({"text": "漢字", "overrides": {"漢" * 60: "かん"}}, "overrides", "longer than"),
    ],
)
def test_bad_input_gets_a_400_saying_what_is_wrong(client, payload, field, words):
    response = post(client, payload)
    assert response.status_code == 400, response.content
    errors = response.json()
    assert field in errors
    assert words in json.dumps(errors, ensure_ascii=False).lower()


def test_text_of_exactly_the_limit_is_accepted(client):
    assert post(client, {"text": "漢" * MAX_FURIGANA_TEXT}).status_code == 200


def test_furigana_api_is_throttled_by_its_own_scope(client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "furigana": "3/min",
        },
    }
    statuses = [post(client, {"text": "漢字"}).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]


def test_template_filter_renders_ruby_and_escapes():
    template = engines["django"].from_string("{% load furigana %}{{ value|furigana }}")
    html = template.render({"value": "<b>日本</b>"})
    assert "<ruby>日本<rp>(</rp><rt>にほん</rt><rp>)</rp></ruby>" in html
    assert "&lt;b&gt;" in html
    assert "<b>" not in html


def test_template_filter_shows_bad_markup_as_plain_text():
    template = engines["django"].from_string("{% load furigana %}{{ value|furigana }}")
    assert template.render({"value": "{漢字"}) == '<span lang="ja">{漢字</span>'


def test_tutors_have_a_larger_budget_for_live_preview(client, settings):
    from learning.roles import Role
    from tests.factories import UserFactory

    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "furigana": "2/min",
            "furigana-tutor": "4/min",
        },
    }
    client.force_login(UserFactory(roles=[Role.TUTOR]))
    statuses = [post(client, {"text": "漢字"}).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
