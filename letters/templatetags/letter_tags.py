"""Presentation helpers of `letters`: a letter body with its screening flags highlighted."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def highlighted(segments: list[tuple[str, str]]) -> SafeString:
    """(piece, kind) runs as escaped text, flagged runs in `<mark>` naming the kind."""
    return format_html_join(
        "",
        "{}",
        (
            (
                format_html('<mark class="flag flag-{}" title="{}">{}</mark>', kind, kind, piece)
                if kind
                else piece,
            )
            for piece, kind in segments
        ),
    )
