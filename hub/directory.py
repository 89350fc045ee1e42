"""Faceted filtering of the partner directory (a pure engine: plain data in, plain data out).

An organisation matches a prefecture if it serves it or serves the whole country, and a
language if its staff speak it or it offers an interpreter. The count shown beside each value
of one facet is the number of organisations that would match if that value were chosen, with
the other facets as they are (the usual faceted-search rule), so no choice leads to nothing
without saying so.

Eligibility and "open now" are filters without counts: an organisation for anyone is
eligible for every group; one whose hours cannot be read is not "open now". The order puts
verified, open organisations first and closed or stale ones last (`sort_key`).
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

NATIONWIDE = "nationwide"
ANYONE = "anyone"


@dataclass(frozen=True)
class Entry:
    prefectures: frozenset[str]
    help_kinds: frozenset[str]
    languages: frozenset[str]  # staff and interpreter together
    eligibility: frozenset[str] = frozenset()
    open_now: bool | None = None  # None: the hours cannot be read


@dataclass(frozen=True)
class Selection:
    prefecture: str = ""
    help_kind: str = ""
    language: str = ""
    eligibility: str = ""
    open_now: bool = False


@dataclass(frozen=True)
class Facets:
    total: int = 0
    prefectures: dict[str, int] = field(default_factory=dict)
    help_kinds: dict[str, int] = field(default_factory=dict)
    languages: dict[str, int] = field(default_factory=dict)


def serves(entry: Entry, prefecture: str) -> bool:
    return not prefecture or prefecture in entry.prefectures or NATIONWIDE in entry.prefectures


def eligible(entry: Entry, group: str) -> bool:
    return not group or group in entry.eligibility or ANYONE in entry.eligibility


def fits_filters(entry: Entry, selection: Selection) -> bool:
    """The filters that have no counts: eligibility and open now."""
    return eligible(entry, selection.eligibility) and (
        not selection.open_now or entry.open_now is True
    )


def sort_key(
    *, active: bool, verified: bool, open_now: bool | None, name: str
) -> tuple[int, int, str]:
    """Verified and active first, then open now before closed or unknown; by name within."""
    return (0 if active and verified else 1, 0 if open_now else 1, name.casefold())


def matches(entry: Entry, selection: Selection) -> bool:
    return (
        fits_filters(entry, selection)
        and serves(entry, selection.prefecture)
        and (not selection.help_kind or selection.help_kind in entry.help_kinds)
        and (not selection.language or selection.language in entry.languages)
    )


def facet_counts(
    entries: Iterable[Entry], selection: Selection, prefecture_codes: Iterable[str]
) -> Facets:
    """Counts per value of each facet, each under the other facets' choices.

    *prefecture_codes* are every prefecture (not nationwide): a nationwide organisation counts
    for each of them.
    """
    rows = list(entries)
    codes = [c for c in prefecture_codes if c != NATIONWIDE]
    prefectures: Counter[str] = Counter()
    help_kinds: Counter[str] = Counter()
    languages: Counter[str] = Counter()
    total = 0
    for entry in rows:
        if not fits_filters(entry, selection):
            continue
        fits_help = not selection.help_kind or selection.help_kind in entry.help_kinds
        fits_language = not selection.language or selection.language in entry.languages
        fits_place = serves(entry, selection.prefecture)
        if fits_help and fits_language:
            if NATIONWIDE in entry.prefectures:
                prefectures.update(codes)
                prefectures[NATIONWIDE] += 1
            else:
                prefectures.update(entry.prefectures)
        if fits_place and fits_language:
            help_kinds.update(entry.help_kinds)
        if fits_place and fits_help:
            languages.update(entry.languages)
        if fits_place and fits_help and fits_language:
            total += 1
    return Facets(
        total=total,
        prefectures=dict(prefectures),
        help_kinds=dict(help_kinds),
        languages=dict(languages),
    )
