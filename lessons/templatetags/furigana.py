"""`{{ text|furigana }}`: ruby HTML for short Japanese strings in templates.

Long texts are rendered once when they are saved (see DESIGN.md); this filter is for labels,
titles and single words, and caches what it renders.
"""

import hashlib
import re

from django import template
from django.core.cache import cache
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from learning.languages import text_direction
from lessons.japanese.furigana import ENGINE_VERSION, FuriganaError, annotate, to_html
from lessons.japanese.ruby import entry_html, entry_mixed_html, entry_reading_label

register = template.Library()

MAX_FILTER_TEXT = 500
CACHE_SECONDS = 24 * 3600


@register.filter(name="furigana")
def furigana_filter(text: object) -> SafeString:
    value = "" if text is None else str(text)
    if len(value) > MAX_FILTER_TEXT:
        return format_html('<span lang="ja">{}</span>', value)
    key = (
        "furigana:"
        + ENGINE_VERSION
        + ":"
        + hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()
    )
    rendered = cache.get(key)
    if rendered is None:
        try:
            rendered = to_html(annotate(value))
        except FuriganaError:
            # Malformed markup in a label: show the text as written rather than fail the page.
            rendered = format_html('<span lang="ja">{}</span>', value)
        cache.set(key, rendered, CACHE_SECONDS)
    # to_html escapes every piece of text itself.
    return mark_safe(rendered)  # noqa: S308


def _entry(rendered: object, text: str) -> dict[str, object] | None:
    if isinstance(rendered, dict):
        entry = rendered.get(text)
        if isinstance(entry, dict):
            return entry
    return None


def _hidden(hide: object) -> tuple[str, ...]:
    return tuple(str(word) for word in hide) if isinstance(hide, list | tuple | set) else ()


@register.simple_tag
def ruby(rendered: object, text: object, hide: object = None) -> SafeString:
    """The ruby HTML saved for *text* in a row's `ruby` map, without readings over the words in
    *hide* (the words the page asks the reading of); the escaped text when the row was not
    rendered yet (no analysis on a page view)."""
    value = "" if text is None else str(text)
    entry = _entry(rendered, value)
    shown = entry_html(entry, _hidden(hide)) if entry else None
    if shown is not None:
        # Rendered by the engine, which escapes every piece of text.
        return mark_safe(shown)  # noqa: S308
    return format_html('<span lang="ja">{}</span>', value)


@register.simple_tag
def ruby_in_text(rendered: object, text: object, hide: object = None) -> SafeString:
    """A text in another language with Japanese words inside, stored like Japanese text (an
    exercise's English question): only its Japanese marked as Japanese, with ruby, no reading
    over the words in *hide*; the escaped text when the row was not rendered yet."""
    value = "" if text is None else str(text)
    entry = _entry(rendered, value)
    shown = entry_mixed_html(entry, _hidden(hide)) if entry else None
    if shown is not None:
        return mark_safe(shown)  # noqa: S308 (escaped by the engine)
    return format_html("{}", value)


_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


@register.filter
def in_latin_words(text: object) -> bool:
    """Whether *text* holds words in Latin letters (an English question, not Japanese)."""
    return bool(_LATIN_WORD.search(str(text)))


@register.simple_tag
def ruby_note(rendered: object, text: object) -> SafeString:
    """Text in the learner's language with Japanese inside (an explanation, a note), its
    Japanese with the stored ruby; the escaped text when it was not rendered."""
    value = "" if text is None else str(text)
    entry = _entry(rendered, value)
    shown = entry.get("html") if entry else None
    if isinstance(shown, str):
        return mark_safe(shown)  # noqa: S308 (rendered by the engine, which escapes)
    return format_html("{}", value)


@register.simple_tag
def ruby_label(rendered: object, text: object, furigana: object = True, hide: object = None) -> str:
    """*text* for a place that cannot hold ruby (an `<option>`), its reading in brackets
    after it while furigana are on."""
    value = "" if text is None else str(text)
    entry = _entry(rendered, value)
    label = entry_reading_label(entry, _hidden(hide)) if entry and furigana else None
    return label or value


@register.simple_tag
def romaji(rendered: object, text: object) -> str:
    entry = _entry(rendered, "" if text is None else str(text))
    value = entry.get("romaji") if entry else ""
    return value if isinstance(value, str) else ""


@register.simple_tag
def translation(translations: object, languages: object, line: int | None = None) -> dict[str, str]:
    """{"lang", "dir", "text"} of the first language the learner reads (English, then nothing).

    With *line*, the translation is split into lines and that line is taken, so a dialogue's
    translation sits under each of its lines.
    """
    from learning.display import pick_translation

    order = list(languages) if isinstance(languages, list | tuple) else []
    code, text = pick_translation(translations, order)
    if line is not None and text:
        lines = [part.strip() for part in text.splitlines() if part.strip()]
        text = lines[line] if 0 <= line < len(lines) else ""
    return {"lang": code, "dir": text_direction(code), "text": text}


@register.filter
def text_dir(code: object) -> str:
    return text_direction(str(code))


@register.simple_tag
def plain(rendered: object, text: object) -> str:
    """*text* without inline reading markup (for speech), as saved at render time."""
    value = "" if text is None else str(text)
    entry = _entry(rendered, value)
    stored = entry.get("plain") if entry else None
    return stored if isinstance(stored, str) else value


@register.simple_tag
def given_field(given: object, prefix: str, number: object) -> str:
    """The value the learner sent in the form field *prefix*+*number* ("" when none), so a
    shown verdict keeps the learner's answer in the form."""
    if not isinstance(given, dict):
        return ""
    value = given.get(f"{prefix}{number}", "")
    return value if isinstance(value, str) else ""
