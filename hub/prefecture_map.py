"""A tile map of Japan's 47 prefectures as SVG (a pure engine: plain data in, a string out).

Drawn by us: one square per prefecture on a grid that keeps the country's shape (Hokkaido top
right, Okinawa bottom left), so it needs no map data, tiles or outside service. Each square
links to the directory filtered by that prefecture. The same drawing without links or counts
is shipped as `hub/static/hub/img/prefectures.svg` (a test keeps the two in step). The list of
prefectures beside it stays the accessible way to choose.
"""

from collections.abc import Mapping
from html import escape

TILE = 40
GAP = 3

# (column, row, short label) of each prefecture.
LAYOUT: dict[str, tuple[int, int, str]] = {
    "hokkaido": (12, 0, "HKD"),
    "aomori": (12, 1, "AOM"),
    "akita": (11, 2, "AKT"),
    "iwate": (12, 2, "IWT"),
    "fukui": (7, 3, "FKI"),
    "ishikawa": (8, 3, "ISK"),
    "toyama": (9, 3, "TYM"),
    "niigata": (10, 3, "NGT"),
    "yamagata": (11, 3, "YGT"),
    "miyagi": (12, 3, "MYG"),
    "shimane": (3, 4, "SMN"),
    "tottori": (4, 4, "TTR"),
    "hyogo": (5, 4, "HYG"),
    "kyoto": (6, 4, "KYT"),
    "shiga": (7, 4, "SIG"),
    "gifu": (8, 4, "GIF"),
    "nagano": (9, 4, "NGN"),
    "gunma": (10, 4, "GNM"),
    "tochigi": (11, 4, "TCG"),
    "fukushima": (12, 4, "FKS"),
    "yamaguchi": (2, 5, "YGC"),
    "hiroshima": (3, 5, "HRS"),
    "okayama": (4, 5, "OKY"),
    "osaka": (5, 5, "OSK"),
    "nara": (6, 5, "NAR"),
    "mie": (7, 5, "MIE"),
    "aichi": (8, 5, "AIC"),
    "yamanashi": (9, 5, "YMN"),
    "saitama": (10, 5, "STM"),
    "ibaraki": (11, 5, "IBR"),
    "saga": (0, 6, "SAG"),
    "fukuoka": (1, 6, "FKO"),
    "oita": (2, 6, "OIT"),
    "ehime": (3, 6, "EHM"),
    "kagawa": (4, 6, "KGW"),
    "wakayama": (5, 6, "WKY"),
    "shizuoka": (8, 6, "SZO"),
    "kanagawa": (9, 6, "KNG"),
    "tokyo": (10, 6, "TKY"),
    "chiba": (11, 6, "CHB"),
    "nagasaki": (0, 7, "NGS"),
    "kumamoto": (1, 7, "KMM"),
    "miyazaki": (2, 7, "MYZ"),
    "kochi": (3, 7, "KOC"),
    "tokushima": (4, 7, "TKS"),
    "kagoshima": (1, 8, "KGS"),
    "okinawa": (0, 9, "OKN"),
}
COLUMNS = 1 + max(c for c, _r, _l in LAYOUT.values())
ROWS = 1 + max(r for _c, r, _l in LAYOUT.values())
WIDTH = COLUMNS * TILE
HEIGHT = ROWS * TILE


def render(
    *,
    names: Mapping[str, str],
    counts: Mapping[str, int] | None = None,
    links: Mapping[str, str] | None = None,
    selected: str = "",
    title: str = "",
) -> str:
    """The map as an inline <svg>: *names* label each square for screen readers and on hover,
    *counts* (organisations per prefecture) shade the squares that have any, *links* make each
    square a link; *selected* is drawn as chosen (aria-current)."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}"'
        f' class="prefecture-map" role="group" aria-label="{escape(title)}">'
    ]
    for code, (column, row, label) in LAYOUT.items():
        x, y = column * TILE, row * TILE
        count = counts.get(code, 0) if counts is not None else None
        name = names.get(code, code)
        spoken = f"{name} ({count})" if count is not None else name
        classes = ["tile"]
        if count:
            classes.append("has-help")
        if code == selected:
            classes.append("selected")
        square = (
            f'<rect x="{x + GAP / 2}" y="{y + GAP / 2}" width="{TILE - GAP}"'
            f' height="{TILE - GAP}" rx="4"/>'
            f'<text x="{x + TILE / 2}" y="{y + TILE / 2 + 4}" text-anchor="middle"'
            f' aria-hidden="true">{label}</text>'
        )
        body = f"<title>{escape(spoken)}</title>{square}"
        if links and code in links:
            current = ' aria-current="true"' if code == selected else ""
            parts.append(
                f'<a href="{escape(links[code])}" class="{" ".join(classes)}"'
                f' id="map-{code}" aria-label="{escape(spoken)}"{current}>{body}</a>'
            )
        else:
            parts.append(f'<g class="{" ".join(classes)}" id="map-{code}">{body}</g>')
    parts.append("</svg>")
    return "".join(parts)


def static_document(names: Mapping[str, str]) -> str:
    """The stand-alone drawing shipped in static (no links, no counts), with its own style."""
    style = (
        "<style>.tile rect{fill:#e8eef5;stroke:#5b7083}"
        ".tile text{font:11px sans-serif;fill:#1d2a36}</style>"
    )
    svg = render(names=names, title="Prefectures of Japan")
    head, rest = svg.split(">", 1)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{head}>{style}{rest}\n'
