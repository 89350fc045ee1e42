"""Interface catalogues: complete and safe as shipped, corrected in the browser by translators,
and the corrections survive a deploy."""

import hashlib
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from learning import catalogues
from learning.catalogues import translation_problem
from learning.models import CatalogueEdit
from learning.roles import Role
from tests.factories import UserFactory

LOCALE = Path(settings.BASE_DIR) / "locale"
SHIPPED = [code for code, _name in settings.LANGUAGES if code != "en"]
MSGID = "Translations"  # the footer link of every page


@pytest.mark.parametrize("code", SHIPPED)
def test_every_shipped_catalogue_is_complete_and_keeps_placeholders(code):
    catalogue = polib.pofile(str(LOCALE / code / "LC_MESSAGES" / "django.po"))
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []
    problems = []
    for entry in catalogue.translated_entries():
        texts = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        for text in texts:
            source = entry.msgid_plural if entry.msgid_plural else entry.msgid
            problem = translation_problem(entry.msgid if "%" in entry.msgid else source, text)
            if problem and translation_problem(source, text):
                problems.append((entry.msgid, text, problem))
    assert problems == []


@pytest.mark.parametrize(
    ("msgid", "msgstr", "bad"),
    [
        ("Choose at most %(n)d languages.", "%(n)d 言語まで選んでください。", False),
        ("Choose at most %(n)d languages.", "言語を選んでください。", True),
        ("Choose at most %(n)d languages.", "%(count)d 言語まで", True),
        ("Hello {name}", "こんにちは {name}", False),
        ("Hello {name}", "こんにちは {nom}", True),
        ("Read <strong>this</strong>", "<strong>これ</strong>を読む", False),
        ("Read this", "<script>alert(1)</script>", True),
        ("Read this", '<img src=x onerror="alert(1)">', True),
        ("100%% sure", "100%% 確か", False),
        ("Anything", "", False),
    ],
)
def test_a_translation_keeps_placeholders_and_adds_no_markup(msgid, msgstr, bad):
    assert (translation_problem(msgid, msgstr) is not None) is bad


@pytest.mark.django_db
def test_only_translators_open_the_translation_pages(client):
    url = reverse("rosetta-file-list", kwargs={"po_filter": "project"})
    assert client.get(url).status_code == 302  # to the log-in page
    client.force_login(UserFactory())
    assert client.get(url).status_code == 302
    client.force_login(UserFactory(roles=[Role.TUTOR, Role.EDITOR]))
    assert client.get(url).status_code == 302
    client.force_login(UserFactory(roles=[Role.TRANSLATOR]))
    response = client.get(url)
    assert response.status_code == 200
    assert b"ja" in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("po_filter", ["all", "django", "third-party"])
def test_catalogues_of_django_and_libraries_cannot_be_edited(client, po_filter):
    client.force_login(UserFactory(roles=[Role.TRANSLATOR]))
    url = reverse("rosetta-file-list", kwargs={"po_filter": po_filter})
    assert client.get(url).status_code == 404


@pytest.fixture
def locale_copy(tmp_path, settings, monkeypatch):
    """The catalogues copied aside: the tests edit the copy, never the repository's files."""
    shutil.copytree(LOCALE, tmp_path / "locale")
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    path = tmp_path / "locale" / "ja" / "LC_MESSAGES" / "django.po"
    monkeypatch.setattr("rosetta.views.find_pos", lambda *args, **kwargs: [str(path)])
    yield path
    cache.delete(catalogues.VERSION_KEY)
    catalogues.catalogues_reload()


def _hash(entry):
    raw = str(entry.msgid) + str(entry.msgstr) + str(entry.msgctxt or "")
    return hashlib.md5(raw.encode("utf8"), usedforsecurity=False).hexdigest()  # rosetta's key


def _post_correction(client, path, msgid, text):
    entry = polib.pofile(str(path)).find(msgid)
    url = reverse("rosetta-form", kwargs={"po_filter": "project", "lang_id": "ja", "idx": 0})
    assert client.get(url).status_code == 200
    return client.post(url, {f"m_{_hash(entry)}": text}, follow=True)


def _footer(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ja"
    return client.get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_a_translators_correction_shows_at_once_and_survives_a_deploy(client, locale_copy):
    original = locale_copy.read_text()
    client.force_login(UserFactory(roles=[Role.TRANSLATOR]))
    _post_correction(client, locale_copy, MSGID, "ほんやく一覧")
    assert "ほんやく一覧" in _footer(client)
    edit = CatalogueEdit.objects.get()
    assert (edit.language, edit.msgid, edit.msgstr) == ("ja", MSGID, "ほんやく一覧")

    # A deploy brings the repository's catalogues back: the correction is laid over them again.
    locale_copy.write_text(original)
    locale_copy.with_suffix(".mo").unlink()
    polib.pofile(str(locale_copy)).save_as_mofile(str(locale_copy.with_suffix(".mo")))
    catalogues.catalogues_reload()
    assert "ほんやく一覧" not in _footer(client)
    call_command("catalogues_apply")
    assert "ほんやく一覧" in _footer(client)


@pytest.mark.django_db
def test_a_correction_that_would_break_a_page_is_refused(client, locale_copy):
    msgid = "Choose at most %(n)d languages."
    before = polib.pofile(str(locale_copy)).find(msgid).msgstr
    client.force_login(UserFactory(roles=[Role.TRANSLATOR]))
    response = _post_correction(client, locale_copy, msgid, "言語を選んでください。")
    assert "%(n)d" in response.content.decode()  # the refusal says what to keep
    assert polib.pofile(str(locale_copy)).find(msgid).msgstr == before
    assert not CatalogueEdit.objects.exists()


@pytest.mark.django_db
def test_another_process_picks_up_a_correction(client, locale_copy, monkeypatch):
    monkeypatch.setattr(catalogues, "CHECK_EVERY_SECONDS", 0.0)
    assert "ほんやく一覧" not in _footer(client)
    # Recorded by another app server: only the database row and the version in the cache.
    edit = CatalogueEdit.objects.create(
        language="ja", msgid=MSGID, msgstr="ほんやく一覧", translator_label="someone"
    )
    cache.set(catalogues.VERSION_KEY, edit.pk)
    assert "ほんやく一覧" in _footer(client)


@pytest.mark.django_db
def test_the_translations_page_shows_each_catalogue_and_how_to_help(client):
    page = client.get(reverse("translations")).content.decode()
    assert 'lang="ja" dir="auto">日本語<' in page
    assert "100" in page
    assert "Translator" in page
    client.force_login(UserFactory(roles=[Role.TRANSLATOR]))
    page = client.get(reverse("translations")).content.decode()
    assert reverse("rosetta-file-list", kwargs={"po_filter": "project"}) in page
