"""Every shipped interface language: pages carry the right `<html lang dir>`, and no text of our
catalogues reaches the page untranslated; the switcher sets the meaning language too."""

import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils.translation import get_language_info

from learning.display import display_prefs_for
from learning.languages import INTERFACE_MEANING_LANGUAGE, meaning_language_for, text_direction
from learning.roles import Role
from tests.factories import UserFactory

ROOT = Path(settings.BASE_DIR)
SHIPPED = [code for code, _name in settings.LANGUAGES if code != "en"]
HTML_TAG = re.compile(r'<html lang="([^"]+)" dir="(rtl|ltr)">')
# Attributes whose text a person reads (or hears, from a screen reader).
READ_ATTRIBUTES = {"placeholder", "aria-label", "title", "alt"}


class _ReadText(HTMLParser):
    """The texts a person reads on a page in its own language: text nodes and read attributes,
    outside scripts and styles, names (`translate="no"`) and elements marked as another language
    (content shown in Japanese, or in English where the chosen language lacks it)."""

    VOID = frozenset(
        {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
        | {"track", "wbr"}
    )

    def __init__(self, page_language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, shown in another language or code)
        self.page_language = page_language
        self.texts: list[str] = []

    def _skipped(self) -> bool:
        return any(skip for _tag, skip in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        lang = values.get("lang")
        other = lang is not None and lang.split("-")[0] != self.page_language.split("-")[0]
        skip = (
            tag in {"script", "style", "template"}
            or (other and tag != "html")
            or values.get("translate") == "no"  # a name, never translated
        )
        if not self._skipped() and not skip:
            self.texts += [v for k, v in attrs if k in READ_ATTRIBUTES and v]
            button = tag == "input" and values.get("type") in {"submit", "button"}
            if button and values.get("value"):
                self.texts.append(values["value"] or "")
        if tag not in self.VOID:
            self.stack.append((tag, skip))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        if not self._skipped():
            self.texts.append(data)


def _untranslated(html: str, code: str) -> list[str]:
    """Texts of the page equal to a msgid of our catalogue whose translation differs."""
    catalogue = polib.pofile(str(ROOT / "locale" / code / "LC_MESSAGES" / "django.po"))
    translated = {
        entry.msgid
        for entry in catalogue.translated_entries()
        if not entry.msgid_plural and entry.msgstr.strip() != entry.msgid.strip()
    }
    parser = _ReadText(code)
    parser.feed(html)
    found = {" ".join(text.split()) for text in parser.texts}
    return sorted(text for text in found if text and text in translated)


@pytest.fixture
def demo(db):
    call_command("loaddata", str(ROOT / "fixtures" / "survival_japanese.json"), verbosity=0)
    call_command("loaddata", str(ROOT / "fixtures" / "letters_demo.json"), verbosity=0)


def _pages(client):
    lesson = reverse("lessons:lesson-detail", args=["survival-japanese", "greetings"])
    yield "home", client.get("/")
    yield "lesson", client.get(lesson)
    yield "letter form", client.get(reverse("letters:letter-create"))
    client.force_login(UserFactory(roles=[Role.MODERATOR]))
    yield "moderation queue", client.get(reverse("letters:letter-queue"))


@pytest.mark.parametrize("code", SHIPPED)
def test_pages_speak_each_shipped_language(client, demo, code):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = code
    for name, response in _pages(client):
        assert response.status_code == 200, name
        html = response.content.decode()
        match = HTML_TAG.search(html)
        assert match, name
        assert match.groups() == (code, text_direction(code)), name
        assert _untranslated(html, code) == [], name


@pytest.mark.parametrize("code", SHIPPED)
def test_each_language_is_named_in_itself(code):
    info = get_language_info(code)
    assert info["name_local"]
    assert info["bidi"] == (text_direction(code) == "rtl")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("header", "lang", "direction"),
    [
        ("ar", "ar", "rtl"),
        ("fa-IR,fa;q=0.9", "fa", "rtl"),
        ("my", "my", "ltr"),
        ("ne-NP", "ne", "ltr"),
    ],
)
def test_the_browser_language_chooses_the_interface(client, header, lang, direction):
    html = client.get("/", headers={"accept-language": header}).content.decode()
    assert HTML_TAG.search(html).groups() == (lang, direction)


def test_the_parser_sees_what_a_reader_reads():
    html = (
        '<html lang="fa" dir="rtl"><p>Log in</p><p lang="en" dir="ltr">Lessons</p>'
        '<script>var a = "Lessons";</script><input type="submit" value="Save">'
        '<input placeholder="Search"><span lang="ja">日本語</span><br><b>x</b></html>'
    )
    parser = _ReadText("fa")
    parser.feed(html)
    assert [t for t in parser.texts if t.strip()] == ["Log in", "Save", "Search", "x"]


@pytest.mark.django_db
def test_the_switcher_sets_the_meaning_language_of_a_visitor(client):
    home = client.get("/")
    client.post(reverse("language-set"), {"language": "fa", "next": "/"})
    request = home.wsgi_request
    request.session = client.session
    assert display_prefs_for(request).meaning_languages == ("fa", "en")
    client.post(reverse("language-set"), {"language": "my", "next": "/"})
    request.session = client.session
    assert display_prefs_for(request).meaning_languages == ("my", "en")
    # Japanese has no meanings: the meaning language chosen before stays.
    client.post(reverse("language-set"), {"language": "ja", "next": "/"})
    request.session = client.session
    assert display_prefs_for(request).meaning_languages == ("my", "en")


@pytest.mark.django_db
def test_the_switcher_leaves_an_account_s_own_meaning_languages(client):
    chosen = UserFactory(meaning_languages=["ar", "fr"])
    fresh = UserFactory()
    client.force_login(chosen)
    client.post(reverse("language-set"), {"language": "ne", "next": "/"})
    chosen.refresh_from_db()
    assert (chosen.interface_language, chosen.meaning_languages) == ("ne", ["ar", "fr"])
    client.force_login(fresh)
    client.post(reverse("language-set"), {"language": "fa", "next": "/"})
    fresh.refresh_from_db()
    assert fresh.meaning_language_order() == ["fa", "en"]


def test_kurmanji_meanings_are_stored_as_kurdish():
    assert meaning_language_for("kmr") == INTERFACE_MEANING_LANGUAGE["kmr"] == "ku"
    assert meaning_language_for("ja") == ""
    assert meaning_language_for("ne") == "ne"
