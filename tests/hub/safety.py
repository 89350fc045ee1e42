"""An HTML checker for the sanitisation tests: parses (never greps) and lists what is unsafe."""

from html.parser import HTMLParser

DISALLOWED_TAGS = frozenset(
    {
        "script", "style", "iframe", "object", "embed", "svg", "math", "form", "input",
        "button", "textarea", "select", "link", "meta", "base", "frame", "frameset",
        "details", "img", "video", "audio", "body", "html", "mglyph", "template",
    }
)  # fmt: skip
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "data", "xlink:href", "poster"})
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")


class UnsafeFinder(HTMLParser):
    """Collects problems: disallowed tags, event handlers, style attributes, bad URL schemes.

    *allowed_tags* lifts the tag ban for a whole page's own markup (its forms, its script
    files); attributes and schemes are always checked.
    """

    def __init__(self, allowed_tags=frozenset()):
        super().__init__(convert_charrefs=True)
        self.allowed_tags = allowed_tags
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag in DISALLOWED_TAGS and tag not in self.allowed_tags:
            self.problems.append(f"tag <{tag}>")
        if tag == "script" and not dict(attrs).get("src", "").startswith("/static/"):
            self.problems.append("inline or foreign script")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name}")
            if name == "style":
                self.problems.append("style attribute")
            if name in URL_ATTRIBUTES and value:
                compact = "".join(ch for ch in value if ch > " ").lower()
                if compact.startswith(BAD_SCHEMES):
                    self.problems.append(f"{name}={value!r}")

    handle_startendtag = handle_starttag


def unsafe(html, allowed_tags=frozenset()):
    finder = UnsafeFinder(allowed_tags)
    finder.feed(html)
    finder.close()
    return finder.problems


# Markup a page may carry itself (forms, its own script file): payload text must not add any.
PAGE_TAGS = frozenset(
    {
        "script", "form", "input", "button", "select", "textarea", "link", "meta", "html",
        "body", "details",
        # The directory's own map of prefectures; its attributes are checked like the rest.
        "svg",
    }
)  # fmt: skip

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](&#x6A;&#x61;vascript:alert(1))",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    '![x](https://example.org/x.png "onerror=alert(1)")',
    '<a href="javascript:alert(1)">x</a>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<style>body{display:none}</style>",
    "<body onload=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>",
    '"><script>alert(1)</script>',
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</script>",
    "[x](<javascript:alert(1)>)",
    '<object data="javascript:alert(1)"></object>',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    "<input autofocus onfocus=alert(1)>",
    "[a]: javascript:alert(1)\n\n[link][a]",
    "<a href='  javascript:alert(1)'>x</a>",
    "[x](javascript&colon;alert(1))",
    "<!--><script>alert(1)</script>-->",
    "在留<script>alert(1)</script>カード",
    '<span lang="ja" onclick="alert(1)">漢字</span>',
]
