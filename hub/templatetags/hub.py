"""Presentation helpers of the hub's templates: language names, directions, a reader's
translation of an article in a list."""

from collections.abc import Sequence
from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from hub import markdown
from hub.models import LANGUAGE_NAMES
from hub.reading import choose_translation
from learning.languages import text_direction

register = template.Library()


@register.filter
def language_name(code: object) -> str:
    return LANGUAGE_NAMES.get(str(code), str(code))


@register.filter
def language_dir(code: object) -> str:
    return text_direction(str(code))


@register.simple_tag
def reader_translation(article: Any, languages: Sequence[str] = ()) -> Any:
    """The article's published translation for readers of *languages* (in order), or None
    for the original (see hub.reading)."""
    translations = getattr(article, "visible_translations", [])
    return choose_translation(translations, languages, article.original_language)


@register.filter(name="markdown")
def markdown_html(text: object) -> SafeString:
    """Sanitised HTML of a short Markdown text (an organisation's description); links from
    the public get rel="nofollow". The sanitiser is the same as for articles."""
    return mark_safe(markdown.render(str(text or ""), nofollow=True))  # noqa: S308


@register.simple_tag
def page_url(querystring: str, number: int) -> str:
    """The query string of a list page with its filters kept."""
    return f"?{querystring}&page={number}" if querystring else f"?page={number}"


def _label_tables() -> dict[str, dict[str, Any]]:
    from hub.models import Access, Eligibility, HelpKind, Prefecture

    return {
        "help": dict(HelpKind.choices),
        "prefecture": dict(Prefecture.choices),
        "eligibility": dict(Eligibility.choices),
        "access": dict(Access.choices),
        "language": dict(LANGUAGE_NAMES),
    }


@register.filter
def labels(codes: object, table: str) -> list[str]:
    """The display labels of a list of choice codes (unknown codes as written)."""
    names = _label_tables().get(table, {})
    values = codes if isinstance(codes, list | tuple) else []
    return [str(names.get(str(code), code)) for code in values]


@register.inclusion_tag("hub/includes/urgent_help.html")
def urgent_help(open_first: bool = False) -> dict[str, Any]:
    """The "Need help now?" box: emergency numbers and nationwide hotlines."""
    from hub.urgent import HOTLINES

    return {"hotlines": HOTLINES, "open_first": open_first}
