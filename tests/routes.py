"""Every route of the site as a concrete path, for tests that walk them all."""

import re

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern


def route_paths(fill: str = "1", patterns=None, prefix: str = ""):
    """Every leaf of the URL resolver as a path, each parameter replaced by *fill* (regex groups
    take their first alternative)."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        text = str(pattern.pattern)
        if isinstance(pattern.pattern, RegexPattern):
            # Take the first alternative of each named group; drop anchors and wildcards.
            text = re.sub(r"\(\?P<\w+>([^|)]*)[^)]*\)", r"\1", text)
            text = text.replace("^", "").replace("$", "").replace(".*", "")
        else:
            text = re.sub(r"<(?:\w+:)?\w+>", fill, text)
        if isinstance(pattern, URLResolver):
            yield from route_paths(fill, pattern.url_patterns, prefix + text)
        elif isinstance(pattern, URLPattern):
            yield "/" + prefix + text
