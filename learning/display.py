"""What a learner wants to see: furigana, romaji, translations, meaning languages.

Kept on the account when signed in, in the session otherwise, so nobody needs an account.
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase

from learning.languages import FALLBACK_MEANING_LANGUAGE, meaning_language_for
from learning.models import User

SESSION_KEY = "display"


@dataclass(frozen=True)
class DisplayPrefs:
    furigana: bool = True
    romaji: bool = False
    translations: bool = True
    meaning_languages: tuple[str, ...] = (FALLBACK_MEANING_LANGUAGE,)


def display_prefs_get(
    *, user: Any, session: SessionBase, interface_language: str = ""
) -> DisplayPrefs:
    """The learner's display preferences; meaning languages always end with English."""
    if getattr(user, "is_authenticated", False):
        return DisplayPrefs(
            furigana=user.furigana == User.Furigana.ALWAYS,
            romaji=user.show_romaji,
            translations=user.show_translations,
            meaning_languages=tuple(user.meaning_language_order()),
        )
    stored = session.get(SESSION_KEY, {})
    known = {code for code, _name in settings.MEANING_LANGUAGES}
    languages = [c for c in stored.get("meaning_languages", []) if c in known]
    if not languages and meaning_language_for(interface_language):
        languages = [meaning_language_for(interface_language)]
    languages = [c for c in languages if c != FALLBACK_MEANING_LANGUAGE]
    return DisplayPrefs(
        furigana=bool(stored.get("furigana", True)),
        romaji=bool(stored.get("romaji", False)),
        translations=bool(stored.get("translations", True)),
        meaning_languages=(*languages, FALLBACK_MEANING_LANGUAGE),
    )


def display_prefs_update(
    *,
    user: Any,
    session: SessionBase,
    furigana: bool | None = None,
    romaji: bool | None = None,
    translations: bool | None = None,
    meaning_language: str | None = None,
) -> None:
    """Change the given switches (None leaves one as it is) on the account or in the session."""
    known = {code for code, _name in settings.MEANING_LANGUAGES}
    if getattr(user, "is_authenticated", False):
        fields = []
        if furigana is not None:
            user.furigana = User.Furigana.ALWAYS if furigana else User.Furigana.HIDE
            fields.append("furigana")
        if romaji is not None:
            user.show_romaji = romaji
            fields.append("show_romaji")
        if translations is not None:
            user.show_translations = translations
            fields.append("show_translations")
        if meaning_language in known:
            order = [
                meaning_language,
                *[c for c in user.meaning_languages if c != meaning_language],
            ]
            user.meaning_languages = order[:5]
            fields.append("meaning_languages")
        if fields:
            user.save(update_fields=fields)
        return
    stored = dict(session.get(SESSION_KEY, {}))
    for name, value in (("furigana", furigana), ("romaji", romaji), ("translations", translations)):
        if value is not None:
            stored[name] = value
    if meaning_language in known:
        stored["meaning_languages"] = [meaning_language]
    session[SESSION_KEY] = stored


def display_prefs_adopt(*, user: Any, session: SessionBase) -> None:
    """Give a new account the switches its learner chose before signing up (kept in the
    session): furigana, romaji, translations and the meaning language. Choices never made are
    left at the account's defaults."""
    stored = session.get(SESSION_KEY, {})
    if not isinstance(stored, dict) or not stored:
        return

    def flag(name: str) -> bool | None:
        value = stored.get(name)
        return value if isinstance(value, bool) else None

    languages = stored.get("meaning_languages")
    display_prefs_update(
        user=user,
        session=session,
        furigana=flag("furigana"),
        romaji=flag("romaji"),
        translations=flag("translations"),
        meaning_language=languages[0] if isinstance(languages, list) and languages else None,
    )


def pick_translation(translations: Any, languages: tuple[str, ...] | list[str]) -> tuple[str, str]:
    """(language, text) of the first language the learner reads that has a non-empty text;
    English is the fallback, then ("", "") so callers can show the Japanese alone."""
    if not isinstance(translations, dict):
        return "", ""
    for code in (*languages, FALLBACK_MEANING_LANGUAGE):
        text = translations.get(code)
        if isinstance(text, str) and text.strip():
            return code, text
    return "", ""


def display_prefs_for(request: Any) -> DisplayPrefs:
    """The display preferences of the request's learner (account, else session)."""
    return display_prefs_get(
        user=request.user,
        session=request.session,
        interface_language=getattr(request, "LANGUAGE_CODE", ""),
    )
