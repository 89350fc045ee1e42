"""Search text for the hub: what goes into the full-text index and what a typed query becomes
(a pure engine on the Japanese analyser of `lessons.japanese`; no Django).

Japanese has no spaces between words, so it is indexed as words (MeCab via the analyser):
their surfaces, then their readings in hiragana, then their dictionary forms. 出入国在留管理局
is found by 出入国在留管理局, by しゅつにゅうこく and, through romaji, by "shutsunyuukoku";
頼めます by 頼む. Other languages are indexed as written; the index stems English.

A query is a conjunction of its words; each word is a disjunction of phrases: its own words,
its reading, its kana if it was typed in romaji, and every synonym the editors listed.
"""

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

from lessons.japanese.analysis import morphemes
from lessons.japanese.kana import romaji_to_hiragana
from lessons.japanese.text import is_japanese

Phrase = tuple[str, ...]
# A query: every group must match; a group matches if any of its phrases does.
Query = list[list[Phrase]]

MAX_QUERY_WORDS = 8
_KANA_ONLY = re.compile("^[\u3041-\u3096\u30a1-\u30fa\u30fcー]+$")
_ROMAJI_WORD = re.compile("^[a-z']{2,}$")
_SYNONYM_SPLIT = re.compile(r"[,、，\n=＝]+")


def normalise(text: str) -> str:
    """NFKC (full-width letters, half-width kana) and case-folded."""
    return unicodedata.normalize("NFKC", text).casefold()


def _words(text: str) -> list[str]:
    """Tokens with a letter or a digit in them (punctuation is no word)."""
    return [
        w
        for w in re.split(r"[\s\W_]+", text)
        if w and any(unicodedata.category(c)[0] in "LN" for c in w)
    ]


def index_terms(texts: Iterable[str]) -> str:
    """The text the full-text index holds for *texts*: words separated by spaces."""
    out: list[str] = []
    for text in texts:
        text = normalise(text)
        if not text.strip():
            continue
        if is_japanese(text):
            found = morphemes(text)
            surfaces = [w for m in found for w in _words(m.surface)]
            readings = [w for m in found for w in _words(m.reading)]
            lemmas = [w for m in found for w in _words(m.lemma)]
            out.extend([*surfaces, *readings, *lemmas])
        else:
            out.extend(_words(text))
    return " ".join(out)


def _phrases(word: str) -> set[Phrase]:
    """The phrases one typed word may be found as."""
    if is_japanese(word):
        found = morphemes(word)
        phrases = {
            tuple(w for m in found for w in _words(m.surface)),
            tuple(w for m in found for w in _words(m.reading)),
        }
        if _KANA_ONLY.match(word):
            phrases.add((word,))  # kana that the analyser splits otherwise than the index
    else:
        phrases = {tuple(_words(word))}
        if _ROMAJI_WORD.match(word):
            kana = romaji_to_hiragana(word)
            if _KANA_ONLY.match(kana):
                phrases.add((kana,))
    return {p for p in phrases if p}


def synonym_table(groups: Iterable[str]) -> dict[str, list[str]]:
    """Each term of the editors' synonym groups ("入管, 出入国在留管理局") -> its group."""
    table: dict[str, list[str]] = {}
    for group in groups:
        terms = [normalise(t).strip() for t in _SYNONYM_SPLIT.split(group)]
        terms = [t for t in dict.fromkeys(terms) if t]
        for term in terms:
            table.setdefault(term, [])
            table[term] = list(dict.fromkeys([*table[term], *terms]))
    return table


def parse_query(query: str, synonyms: Mapping[str, Sequence[str]] | None = None) -> Query:
    """What a typed *query* looks for (see the module docstring); [] for nothing to look for.

    The whole query is tried as a synonym first (an entry may hold spaces), then each word.
    """
    synonyms = synonyms or {}
    text = normalise(query).strip()
    if not text:
        return []
    if text in synonyms:
        words = [text]
    else:
        words = [w for w in re.split(r"\s+", text) if w][:MAX_QUERY_WORDS]
    groups: Query = []
    for word in words:
        terms = [word, *synonyms.get(word, ())]
        phrases: set[Phrase] = set()
        for term in terms:
            phrases |= _phrases(term)
        if phrases:
            groups.append(sorted(phrases))
    return groups


def _fts5_phrase(phrase: Phrase) -> str:
    return '"' + " ".join(token.replace('"', '""') for token in phrase) + '"'


def fts5_expression(query: Query) -> str:
    """The query in SQLite FTS5 syntax: every token quoted, so nothing typed is an operator."""
    return " AND ".join("(" + " OR ".join(_fts5_phrase(p) for p in group) + ")" for group in query)


def _ts_lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def tsquery_expression(query: Query) -> str:
    """The query in PostgreSQL to_tsquery syntax (`<->` joins a phrase)."""
    return " & ".join(
        "(" + " | ".join(" <-> ".join(_ts_lexeme(t) for t in p) for p in group) + ")"
        for group in query
    )
