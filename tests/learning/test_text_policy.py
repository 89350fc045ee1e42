"""The input policy (learning.text) as forms and the JSON parser apply it."""

import io
import json

import pytest
from django import forms
from rest_framework.exceptions import ValidationError

from learning.drf import BoundedJSONParser
from learning.forms import TextForm
from learning.text import strip_bidi_controls, text_for_output, text_problem


class _SignatureForm(TextForm):
    name = forms.CharField(max_length=80)
    secret = forms.CharField(widget=forms.PasswordInput, required=False)


def test_a_form_drops_bidi_overrides_from_text_but_not_from_passwords():
    form = _SignatureForm({"name": "Hana\u202e\u2066 Sato\u2069", "secret": "pa\u202ess"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"name": "Hana Sato", "secret": "pa\u202ess"}


@pytest.mark.parametrize("char", ["\x07", "\x1b", "\x7f", "\x85"])
def test_a_form_refuses_a_control_character_and_keeps_what_was_typed(char):
    form = _SignatureForm({"name": f"Ha{char}na"})
    assert not form.is_valid()
    assert "control character" in form.errors["name"][0]
    assert form["name"].value() == f"Ha{char}na"


def _parse(data):
    return BoundedJSONParser().parse(io.BytesIO(json.dumps(data).encode()))


def test_the_json_parser_strips_bidi_controls_from_keys_and_values_but_not_passwords():
    parsed = _parse(
        {"title": "a\u202eb", "meanings": {"e\u202dn": "x\u2067y"}, "password": "p\u202e"}
    )
    assert parsed == {"title": "ab", "meanings": {"en": "xy"}, "password": "p\u202e"}


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"kind": "\ud800"}, "kind", "lone surrogate (U+D800)"),
        ({"list": ["ok", "a\x00"]}, "list", "[1]: The text contains a null character"),
        ({"meanings": {"en\x07": "x"}}, "meanings", "A key in"),
        ({"meanings": {"en": {"deep": "\x1b"}}}, "meanings", "['en']['deep']"),
    ],
)
def test_the_json_parser_refuses_forbidden_characters_under_the_field_holding_them(
    data, field, words
):
    with pytest.raises(ValidationError) as caught:
        _parse(data)
    assert words in str(caught.value.detail[field][0])


def test_the_policy_allows_tabs_and_line_breaks_and_cleans_output():
    assert text_problem("line\tone\r\nline two") is None
    assert text_problem("\u0645\u200f") is None  # RLM stays: Arabic needs it
    assert strip_bidi_controls("\u202ax\u202c") == "x"
    assert text_for_output("a\x00b\x07c\ud800") == "abc"
