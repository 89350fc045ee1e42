"""Which version of an article a reader sees: the translation in the first of the reader's
languages that has one, else the original (a pure engine: plain data in, plain data out).

The reader's languages are, in order: a language they chose on the page, the interface
language they chose (account or language switch), their meaning languages, the interface
language their browser asked for, English. The original counts as a version too, so a
Japanese reader of a Japanese article gets the original, never a translation.
"""

from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar

FALLBACK = "en"


class HasLanguage(Protocol):
    @property
    def language(self) -> str: ...


T = TypeVar("T", bound=HasLanguage)


def primary(code: str) -> str:
    """`zh-hans` -> `zh`, `en-gb` -> `en`."""
    return code.split("-")[0].lower()


def reader_languages(
    *,
    chosen: str = "",
    interface: str = "",
    interface_chosen: bool = True,
    meaning: Iterable[str] = (),
) -> tuple[str, ...]:
    """The reader's languages in order of preference, without repeats, English last.

    An interface language nobody chose (the browser's default) comes after the meaning
    languages: a Burmese learner on an English browser still reads Burmese first.
    """
    meaning = [code for code in meaning if code != FALLBACK]
    if interface_chosen:
        order = [chosen, interface, *meaning, FALLBACK]
    else:
        order = [chosen, *meaning, interface, FALLBACK]
    return tuple(dict.fromkeys(code for code in order if code))


def choose_translation(
    translations: Sequence[T], languages: Sequence[str], original_language: str
) -> T | None:
    """The translation to show for readers of *languages*, or None for the original.

    An exact code wins over a primary-subtag match (`zh-hant` for a `zh-hant` reader before
    `zh-hans`); the original's language ends the search with the original.
    """
    by_code = {t.language: t for t in translations}
    for code in languages:
        if code == original_language:
            return None
        if code in by_code:
            return by_code[code]
        if primary(code) == primary(original_language):
            return None
        near = next((t for t in translations if primary(t.language) == primary(code)), None)
        if near is not None:
            return near
    return None
