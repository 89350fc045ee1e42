"""The audio player of lesson pages: a 🔊 button (and a slow one) per clip, over a plain
`<audio controls preload="none">` that plays without JavaScript. Nothing is shown for a clip
that is not ready: the text stands alone until a worker has made it."""

from typing import Any

from django import template

from lessons.selectors.audio import line_voices, speech_for

register = template.Library()


def _url(clips: Any, rendered: Any, text: Any, voice: str = "a") -> str:
    found = speech_for(rendered, "" if text is None else str(text), voice)
    if found is None or not isinstance(clips, dict):
        return ""
    return str(clips.get(found.key, ""))


@register.simple_tag
def clip_url(clips: Any, rendered: Any, text: Any) -> str:
    """The URL of the ready clip of *text* (as rendered in a row's ruby map), or ""."""
    return _url(clips, rendered, text)


@register.inclusion_tag("includes/player.html")
def player(clips: Any, rendered: Any, text: Any, label: str = "") -> dict[str, Any]:
    """The player of *text*; *label* names what is spoken (e.g. the word) for screen readers."""
    return {"url": _url(clips, rendered, text), "label": label}


@register.inclusion_tag("includes/player.html")
def line_player(clips: Any, passage: Any, index: int, label: str = "") -> dict[str, Any]:
    """The player of line *index* of *passage*, in its speaker's voice."""
    lines = passage.lines if isinstance(passage.lines, list) else []
    if not 0 <= index < len(lines):
        return {"url": "", "label": label}
    voice = line_voices(lines)[index]
    return {"url": _url(clips, passage.ruby, lines[index].get("text", ""), voice), "label": label}
