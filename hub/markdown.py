"""Markdown -> sanitised HTML for articles and anything else people write (a pure engine).

CommonMark with raw HTML off (markdown-it), then an allow-list sanitiser (nh3): no script,
style, event-handler attributes or `javascript:` URLs survive, and every link gets
`rel="noopener"` (plus `nofollow` for content from the public). No Django here.
"""

from collections.abc import Callable, Mapping, Sequence
from html import escape
from html.parser import HTMLParser

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

# Bump when the output for the same input changes: stored HTML with another version is stale.
VERSION = "1"

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "strong", "em", "del", "s", "code", "pre", "blockquote",
        "ul", "ol", "li", "a", "h2", "h3", "h4", "h5", "h6",
        # Furigana rendered into Japanese text (see `replace_text`).
        "span", "ruby", "rt", "rp",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES: Mapping[str, frozenset[str]] = {
    "a": frozenset({"href", "title"}),
    "ol": frozenset({"start"}),
    "span": frozenset({"lang"}),
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Their content goes too, not only the tag.
DROPPED_WITH_CONTENT = frozenset({"script", "style"})
# Text inside these is left as written (no furigana inside code).
VERBATIM_TAGS = frozenset({"code", "pre"})

_md = MarkdownIt("commonmark", {"html": False, "typographer": False})


def sanitise(html: str, *, nofollow: bool = False) -> str:
    """*html* reduced to the allow-list; links get rel="noopener" (and "nofollow")."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener nofollow" if nofollow else "noopener",
        strip_comments=True,
    )


def _top_level_blocks(tokens: Sequence[Token]) -> list[list[Token]]:
    """The token stream cut into top-level blocks (a paragraph, a list, a heading...)."""
    blocks: list[list[Token]] = []
    current: list[Token] = []
    for token in tokens:
        current.append(token)
        if token.level == 0 and token.nesting <= 0:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def render_blocks(text: str, *, nofollow: bool = False) -> list[str]:
    """Sanitised HTML of each top-level block of *text*, in order; empty blocks are dropped.

    Translations keep the original's paragraphs, so block n of each can be shown side by side.
    """
    env: dict[str, object] = {}
    tokens = _md.parse(text, env)
    for token in tokens:
        # The page's title is its only h1: a "# Heading" in a body becomes an h2.
        if token.tag == "h1":
            token.tag = "h2"
    out = []
    for block in _top_level_blocks(tokens):
        html = sanitise(_md.renderer.render(block, _md.options, env), nofollow=nofollow).strip()
        if html:
            out.append(html)
    return out


def render(text: str, *, nofollow: bool = False) -> str:
    """Sanitised HTML of the whole of *text*."""
    return "\n".join(render_blocks(text, nofollow=nofollow))


class _TextWalker(HTMLParser):
    """Rebuilds sanitised HTML, handing each text node (outside code) to a callback."""

    def __init__(self, on_text: Callable[[str], str]) -> None:
        super().__init__(convert_charrefs=True)
        self.on_text = on_text
        self.parts: list[str] = []
        self.verbatim = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VERBATIM_TAGS:
            self.verbatim += 1
        rendered = "".join(f' {name}="{escape(value or "", quote=True)}"' for name, value in attrs)
        self.parts.append(f"<{tag}{rendered}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        rendered = "".join(f' {name}="{escape(value or "", quote=True)}"' for name, value in attrs)
        self.parts.append(f"<{tag}{rendered}>")

    def handle_endtag(self, tag: str) -> None:
        if tag in VERBATIM_TAGS and self.verbatim:
            self.verbatim -= 1
        self.parts.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.parts.append(escape(data, quote=False) if self.verbatim else self.on_text(data))


def text_nodes(html: str) -> list[str]:
    """The text nodes of *html* outside code, unescaped, in document order."""
    found: list[str] = []

    def collect(text: str) -> str:
        found.append(text)
        return escape(text, quote=False)

    walker = _TextWalker(collect)
    walker.feed(html)
    walker.close()
    return found


def replace_text(html: str, replacements: Mapping[str, str], *, nofollow: bool = False) -> str:
    """*html* with each text node found in *replacements* swapped for its HTML (e.g. ruby),
    the rest escaped; the result is sanitised again, so a replacement cannot add a script."""

    def swap(text: str) -> str:
        return replacements.get(text) or escape(text, quote=False)

    walker = _TextWalker(swap)
    walker.feed(html)
    walker.close()
    return sanitise("".join(walker.parts), nofollow=nofollow)
