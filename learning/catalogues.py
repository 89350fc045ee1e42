"""Interface translations corrected in the browser (django-rosetta, behind the Translator role).

Rosetta writes the catalogue file of the process that served the edit. Each edit is also kept as a
`CatalogueEdit` row, and `catalogues_apply` lays the rows over the catalogue files and reloads
them: `make run`/`make serve` (and a deploy) run it at start-up, and every process runs it when
another has recorded an edit (`CatalogueRefreshMiddleware`), so a correction reaches every app
server and survives a deploy. `manage.py catalogues_apply` in a checkout writes the rows into the
repository's catalogues, for a commit."""

import logging
import re
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import polib
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from django.utils.translation.reloader import translation_file_changed

from learning.languages import CATALOGUE_STATUS
from learning.models import CatalogueEdit
from learning.pagecache import kept_pages_clear
from learning.roles import Role, user_has_role

logger = logging.getLogger(__name__)

VERSION_KEY = "catalogues:version"
CHECK_EVERY_SECONDS = 10.0

# %(name)s, %s, %d, %%, and {name}: what the code fills in, so a translation must keep each.
_PLACEHOLDER = re.compile(r"%\([A-Za-z_]\w*\)[#0 +-]?\d*(?:\.\d+)?[sdifrxXeEgGc]|%[sdifr%]|\{\w*\}")
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)\b[^>]*>")


def translation_problem(msgid: str, msgstr: str) -> str | None:
    """What is wrong with *msgstr* as a translation of *msgid*, or None: it must keep every
    placeholder of the source and may use only the HTML tags the source uses (a translation
    must not be able to break a page or add markup to it)."""
    if not msgstr:
        return None
    if sorted(_PLACEHOLDER.findall(msgid)) != sorted(_PLACEHOLDER.findall(msgstr)):
        wanted = " ".join(sorted(set(_PLACEHOLDER.findall(msgid)))) or "—"
        return _("keep the placeholders of the original exactly (here: %(wanted)s)") % {
            "wanted": wanted
        }
    extra = {t.lower() for t in _TAG.findall(msgstr)} - {t.lower() for t in _TAG.findall(msgid)}
    if extra:
        return _("the original has no HTML tag %(tags)s") % {"tags": ", ".join(sorted(extra))}
    return None


def user_can_translate(user: Any) -> bool:
    """Rosetta's access check (ROSETTA_ACCESS_CONTROL_FUNCTION): translators and superusers."""
    return user_has_role(user, Role.TRANSLATOR)


def catalogue_path(language: str) -> Path:
    return Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"


@dataclass(frozen=True)
class CatalogueState:
    code: str
    name: str  # in the language itself
    status: str
    percent: int
    corrections: int


@lru_cache(maxsize=64)
def _percent_translated(path: str, mtime: float) -> int:
    catalogue = polib.pofile(path)
    return int(catalogue.percent_translated())


def _language_name(code: str) -> str:
    try:
        return str(get_language_info(code)["name_local"])
    except KeyError:
        return ""


def catalogue_list() -> list[CatalogueState]:
    """The interface languages other than English (the source), with their catalogue's state."""
    counts = dict(CatalogueEdit.objects.values_list("language").annotate(n=Count("id")).order_by())
    states = []
    for code, name in settings.LANGUAGES:
        if code == settings.ROSETTA_MESSAGES_SOURCE_LANGUAGE_CODE:
            continue
        path = catalogue_path(code)
        percent = _percent_translated(str(path), path.stat().st_mtime) if path.exists() else 0
        status = CATALOGUE_STATUS.get(code, "drafted")
        local = _language_name(code) or str(name)
        states.append(CatalogueState(code, local, status, percent, counts.get(code, 0)))
    return states


def catalogue_edit_record(*, language: str, entry: Any, user: Any) -> CatalogueEdit:
    """Keep one corrected entry (a polib entry from rosetta's form) and tell the other processes."""
    edit = CatalogueEdit.objects.create(
        language=language[:16],
        msgctxt=entry.msgctxt or "",
        msgid=entry.msgid,
        msgstr=entry.msgstr or "",
        msgstr_plural={str(k): v for k, v in (entry.msgstr_plural or {}).items()},
        translator=user if getattr(user, "pk", None) else None,
        translator_label=user.get_username() if getattr(user, "pk", None) else "",
    )
    transaction.on_commit(lambda: cache.set(VERSION_KEY, edit.pk, None))
    return edit


def catalogues_reload() -> None:
    """Drop this process's loaded translations, so the next request reads the catalogue files,
    and the pages it keeps, which were rendered with the old ones."""
    translation_file_changed(sender=None, file_path=Path("django.mo"))
    kept_pages_clear()


def catalogues_apply() -> int:
    """Lay every recorded correction (the latest per entry) over the catalogue files, compile
    them and reload this process's translations. Returns how many entries changed."""
    latest: dict[tuple[str, str, str], CatalogueEdit] = {}
    for edit in CatalogueEdit.objects.order_by("id").iterator():
        latest[(edit.language, edit.msgctxt, edit.msgid)] = edit
    changed = 0
    by_language: dict[str, list[CatalogueEdit]] = {}
    for (language, _ctxt, _msgid), edit in latest.items():
        by_language.setdefault(language, []).append(edit)
    for language, edits in by_language.items():
        changed += _apply_language(language, edits)
    if changed:
        catalogues_reload()
    return changed


def _apply_language(language: str, edits: list[CatalogueEdit]) -> int:
    path = catalogue_path(language)
    if not path.exists():
        return 0
    catalogue = polib.pofile(str(path))
    changed = 0
    for edit in edits:
        entry = catalogue.find(edit.msgid, msgctxt=edit.msgctxt or False)
        if entry is None:  # the source string changed since: the correction no longer applies
            continue
        plural = {int(k): v for k, v in edit.msgstr_plural.items()}
        if entry.msgstr == edit.msgstr and (not plural or entry.msgstr_plural == plural):
            continue
        entry.msgstr = edit.msgstr
        if plural:
            entry.msgstr_plural = plural
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        changed += 1
    if changed:
        try:
            catalogue.save(str(path))
            catalogue.save_as_mofile(str(path.with_suffix(".mo")))
        except OSError:
            logger.warning("The catalogue %s cannot be written; corrections not applied.", path)
            return 0
    return changed


_refused = threading.local()


def _entry_problem(entry: Any) -> str | None:
    if entry.msgid_plural:
        for index, text in (entry.msgstr_plural or {}).items():
            problem = translation_problem(entry.msgid_plural if index else entry.msgid, text)
            if problem:
                return problem
        return None
    return translation_problem(entry.msgid, entry.msgstr)


def _on_entry_changed(
    sender: Any, user: Any, language_code: str, old_msgstr: str, **kwargs: Any
) -> None:
    """Rosetta changed an entry (it saves the file next): a translation that would break a page
    is put back as it was and reported; a good one is recorded."""
    problem = _entry_problem(sender)
    if problem:
        sender.msgstr = old_msgstr
        if sender.msgid_plural:
            sender.msgstr_plural = {k: "" for k in sender.msgstr_plural}
        refused = getattr(_refused, "entries", [])
        refused.append((sender.msgid, problem))
        _refused.entries = refused
        return
    catalogue_edit_record(language=language_code, entry=sender, user=user)


def _on_catalogue_saved(sender: Any, language_code: str, request: Any, **kwargs: Any) -> None:
    from django.contrib import messages

    for msgid, problem in getattr(_refused, "entries", []):
        messages.error(
            request,
            _("Not saved: “%(msgid)s”: %(problem)s.") % {"msgid": msgid[:80], "problem": problem},
        )
    _refused.entries = []
    catalogues_reload()


def connect_signals() -> None:
    from rosetta.signals import entry_changed, post_save

    entry_changed.connect(_on_entry_changed, dispatch_uid="kasumi-catalogue-edit")
    post_save.connect(_on_catalogue_saved, dispatch_uid="kasumi-catalogue-saved")


class CatalogueRefreshMiddleware:
    """At most every few seconds, one cache read: when another process recorded a correction,
    apply the corrections here too (the files of this host, then this process's translations)."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response
        self.checked_at = 0.0
        self.seen: Any = None  # no correction recorded, or the start-up applied them

    def __call__(self, request: HttpRequest) -> HttpResponse:
        now = time.monotonic()
        if now - self.checked_at >= CHECK_EVERY_SECONDS:
            self.checked_at = now
            version = cache.get(VERSION_KEY)
            if version != self.seen:
                self.seen = version
                catalogues_apply()
        response: HttpResponse = self.get_response(request)
        return response
