"""`{{ text|furigana }}`: ruby HTML for short Japanese strings in templates.

Long texts are rendered once when they are saved (see DESIGN.md); this filter is for labels,
titles and single words, and caches what it renders.
"""

import hashlib

from django import template
from django.core.cache import cache
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from lessons.japanese.furigana import ENGINE_VERSION, FuriganaError, annotate, to_html

register = template.Library()

MAX_FILTER_TEXT = 500
CACHE_SECONDS = 24 * 3600


@register.filter(name="furigana")
def furigana_filter(text: object) -> SafeString:
    value = "" if text is None else str(text)
    if len(value) > MAX_FILTER_TEXT:
        return format_html('<span lang="ja">{}</span>', value)
    key = "furigana:" + ENGINE_VERSION + ":" + hashlib.sha256(value.encode(
        "utf-8", "surrogatepass")).hexdigest()
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
