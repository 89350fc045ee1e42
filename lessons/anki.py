"""Anki export engine: plain vocabulary cards in, ``.apkg`` bytes out (genanki; no Django).

Writes the package in memory (SQLite ``:memory:`` + zip into a buffer): no temporary files.
Fields hold escaped text plus only the markup made here, so a card can never carry a tutor's HTML.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import re
import sqlite3
import time
import uuid
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import genanki

from learning.languages import RTL_LANGUAGES

__all__ = [
    "FIELDS",
    "MODEL_ID",
    "MODEL_NAME",
    "TEMPLATE_NAMES",
    "Card",
    "DeckSpec",
    "build_package",
    "deck_id",
    "note_guid",
    "tag",
]

# Identity that Anki matches on when a learner re-imports a deck: the note type id, its field
# names in this order and its template names in this order. NEVER change, reorder or rename any
# of them (add a new note type with a new id instead): a changed schema makes Anki import the
# notes as a second note type instead of updating them. CSS and template HTML may change freely;
# Anki takes the newer note type when the learner allows note-type updates.
MODEL_ID = 1_607_392_319
MODEL_NAME = "Kasumi Japanese vocabulary"
FIELDS = ("Expression", "Reading", "Meaning", "Sentence", "SentenceMeaning", "Lesson", "Key")
TEMPLATE_NAMES = ("Recognition", "Recall")

# Namespaces of the derived ids: also frozen, for the same reason as MODEL_ID.
_DECK_NAMESPACE = "kasumi:deck:"
_GUID_NAMESPACE = "kasumi"

_LANG_RE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
# Control characters other than tab/newline; \x1f is Anki's field separator and must never leak.
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BAD_TAG_RE = re.compile(r"[\s\x00-\x1f\x7f]")
_MEDIA_NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,120}\.(?:mp3|ogg|opus)")
_CANONICAL_UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_BASE91 = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~"
)
_LANG_ATTRS: dict[str, str] = {}
_CONTROLS = {c: None for c in [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]}
# Plain text -> field HTML in one C-level pass: HTML escaped (as html.escape), brackets as
# character references (no ``[sound:]`` media references, no furigana), line breaks as ``<br>``,
# control characters dropped.
_TEXT_TABLE: dict[int, str | None] = {
    **_CONTROLS,
    ord("&"): "&amp;",
    ord("<"): "&lt;",
    ord(">"): "&gt;",
    ord('"'): "&quot;",
    ord("'"): "&#x27;",
    ord("["): "&#91;",
    ord("]"): "&#93;",
    ord("\n"): "<br>",
}
# Bracket syntax from ``to_anki`` is taken as given; ``<`` and ``>`` (which ``to_anki`` never
# leaves raw) are still neutralised so no markup can reach a card through these two fields.
_BRACKET_TABLE: dict[int, str | None] = {**_CONTROLS, ord("<"): "&lt;", ord(">"): "&gt;"}
_TEXT_SPECIAL_RE = re.compile("[" + re.escape("".join(map(chr, _TEXT_TABLE))) + "\r]")
_BRACKET_SPECIAL_RE = re.compile("[" + re.escape("".join(map(chr, _BRACKET_TABLE))) + "]")

_SENTENCE = (
    '{{#Sentence}}<div class="jp sentence" lang="ja">{{furigana:Sentence}}</div>{{/Sentence}}\n'
    "{{#SentenceMeaning}}"
    '<div class="sentence-meaning">{{SentenceMeaning}}</div>'
    "{{/SentenceMeaning}}\n"
    '{{#Lesson}}<div class="lesson">{{Lesson}}</div>{{/Lesson}}'
)
_RECOGNITION_FRONT = '<div class="jp expression" lang="ja">{{Expression}}</div>'
_RECOGNITION_BACK = (
    '<div class="jp expression" lang="ja">{{furigana:Reading}}</div>\n'
    '<hr id="answer">\n'
    '<div class="meaning">{{Meaning}}</div>\n' + _SENTENCE
)
_RECALL_FRONT = '<div class="meaning">{{Meaning}}</div>'
_RECALL_BACK = (
    "{{FrontSide}}\n"
    '<hr id="answer">\n'
    '<div class="jp expression" lang="ja">{{furigana:Reading}}</div>\n' + _SENTENCE
)
_CSS = """\
.card { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  font-size: 20px; line-height: 1.6; text-align: center; color: #1b1b1b;
  background: #fffdf8; padding: 0 .6em; overflow-wrap: anywhere; }
.card.nightMode, .night_mode .card { color: #eee; background: #1e1e1e; }
.jp { font-family: "Hiragino Sans", "Noto Sans CJK JP", "Noto Sans JP", "Yu Gothic",
  "Meiryo", sans-serif; }
.expression { font-size: 2.4em; line-height: 2.1; margin: .3em 0; }
.sentence { font-size: 1.3em; line-height: 2.3; margin-top: .8em; }
ruby rt { font-size: .5em; }
.meaning { font-size: 1.15em; }
.meaning .en, .sentence-meaning { color: #555; font-size: .9em; }
.nightMode .meaning .en, .nightMode .sentence-meaning { color: #bbb; }
.lesson { color: #888; font-size: .7em; margin-top: 1.5em; }
[dir="rtl"] { unicode-bidi: isolate; }
@media (max-width: 420px) { .expression { font-size: 2em; } .sentence { font-size: 1.15em; } }
"""

_MODEL = genanki.Model(
    MODEL_ID,
    MODEL_NAME,
    fields=[{"name": name} for name in FIELDS],
    templates=[
        {"name": TEMPLATE_NAMES[0], "qfmt": _RECOGNITION_FRONT, "afmt": _RECOGNITION_BACK},
        {"name": TEMPLATE_NAMES[1], "qfmt": _RECALL_FRONT, "afmt": _RECALL_BACK},
    ],
    css=_CSS,
    sort_field_index=0,
)


class _Note(genanki.Note):  # type: ignore[misc]  # genanki ships no types
    """genanki's note without its per-note regex hunt for malformed HTML (a warning for callers
    who forget to escape): every field here is escaped text plus markup made in this module."""

    def _check_invalid_html_tags_in_fields(self) -> None:
        return


@dataclass(frozen=True, slots=True)
class Card:
    """One vocabulary item, which becomes one note with a Recognition and a Recall card.

    ``reading_anki`` and ``sentence_anki`` take Anki bracket syntax as produced by
    ``lessons.japanese.furigana.to_anki`` (already escaped); every other string is plain text
    and is escaped here. ``meanings`` are ``(language code, text)`` in display order, English
    included.
    """

    key: str
    expression: str
    reading_anki: str
    meanings: tuple[tuple[str, str], ...]
    sentence_anki: str = ""
    sentence_meaning: str = ""
    lesson: str = ""
    tags: tuple[str, ...] = ()
    # Media file names (in the package's media) of the word's and the sentence's audio, or "".
    word_audio: str = ""
    sentence_audio: str = ""


@dataclass(frozen=True, slots=True)
class DeckSpec:
    """One Anki deck: ``key`` is the course slug or ``course-slug/lesson-slug`` (the deck's
    identity), ``name`` the displayed name, ``::`` separating parent and subdeck."""

    key: str
    name: str
    cards: tuple[Card, ...] = ()
    description: str = ""


def deck_id(key: str) -> int:
    """The deck's stable id in [2**30, 2**31), from the sha256 of its key. A course and its
    lessons have distinct keys (lesson keys contain a slash, slugs do not), hence distinct ids."""
    digest = hashlib.sha256((_DECK_NAMESPACE + key).encode()).digest()
    return (1 << 30) | (int.from_bytes(digest[:4], "big") & ((1 << 30) - 1))


def note_guid(key: str) -> str:
    """The note's stable GUID from the vocabulary item's UUID (any spelling of the same UUID
    gives the same GUID), so re-imports update the note and keep its review history.
    Equals ``genanki.guid_for("kasumi", canonical key)``."""
    if not _CANONICAL_UUID_RE.fullmatch(key):
        try:
            key = str(uuid.UUID(key))
        except ValueError:
            pass
    # genanki.guid_for, without its per-byte Python loop: 64 bits of sha256 in base 91.
    n = int.from_bytes(hashlib.sha256(f"{_GUID_NAMESPACE}__{key}".encode()).digest()[:8], "big")
    digits = []
    while n:
        n, d = divmod(n, 91)
        digits.append(_BASE91[d])
    return "".join(reversed(digits))


def tag(kind: str, value: str) -> str:
    """``kasumi::<kind>::<value>`` with whitespace runs turned into ``-`` (Anki tags cannot
    contain spaces), e.g. ``tag("topic", "city hall")`` -> ``kasumi::topic::city-hall``."""
    return "::".join(("kasumi", *("-".join(p.split()) for p in (kind, value))))


def _text(value: str) -> str:
    """Plain text as field HTML (see _TEXT_TABLE)."""
    if not _TEXT_SPECIAL_RE.search(value):
        return value  # the common case, and much cheaper than translate() on non-ASCII text
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.translate(_TEXT_TABLE)


def _bracket(value: str) -> str:
    """Bracket syntax as field HTML (see _BRACKET_TABLE)."""
    if not _BRACKET_SPECIAL_RE.search(value):
        return value
    return value.translate(_BRACKET_TABLE)


def _meaning(meanings: tuple[tuple[str, str], ...]) -> str:
    parts = []
    for lang, text in meanings:
        attrs = _LANG_ATTRS.get(lang) or _lang_attrs(lang)
        parts.append(f"<span {attrs}>{_text(text)}</span>")
    return "<br>".join(parts)


def _lang_attrs(lang: str) -> str:
    if not _LANG_RE.fullmatch(lang):
        raise ValueError(f"not a language code: {lang!r}")
    primary = lang.split("-", 1)[0].lower()
    attrs = f'lang="{lang}"'
    if primary == "en":
        attrs += ' class="en"'
    elif primary in RTL_LANGUAGES:
        attrs += ' dir="rtl"'
    _LANG_ATTRS[lang] = attrs  # a handful of codes: memoised, bounded by the language list
    return attrs


def _check_tag(t: str) -> None:
    if not t or _BAD_TAG_RE.search(t):
        raise ValueError(f"invalid Anki tag {t!r}: use tag()")


def _note(card: Card, due: int, good_tags: set[str]) -> _Note:
    for t in card.tags:
        if t not in good_tags:
            _check_tag(t)
            good_tags.add(t)
    fields = [
        _text(card.expression),
        _bracket(card.reading_anki) + _sound(card.word_audio),
        _meaning(card.meanings),
        _bracket(card.sentence_anki) + _sound(card.sentence_audio),
        _text(card.sentence_meaning),
        _text(card.lesson),
        _text(card.key),
    ]
    return _Note(model=_MODEL, fields=fields, tags=card.tags, guid=note_guid(card.key), due=due)


def _sound(name: str) -> str:
    """An Anki sound reference to media file *name*, after a space (so ``{{furigana:}}`` never
    takes it for a reading), or "" for no audio."""
    if not name:
        return ""
    if not _MEDIA_NAME_RE.fullmatch(name):
        raise ValueError(f"invalid media file name {name!r}")
    return f" [sound:{name}]"


def build_package(
    decks: Sequence[DeckSpec],
    *,
    timestamp: float | None = None,
    media: Mapping[str, bytes] | None = None,
) -> bytes:
    """The ``.apkg`` of *decks* (one package; a course is its course deck plus one
    ``Course::Lesson`` deck per lesson).

    *timestamp* (seconds since the epoch, default now) becomes the notes' modification time:
    Anki updates an existing note only from a newer one, so pass the default in production and
    a fixed value only for reproducible output (the same input and timestamp give the same
    bytes). A vocabulary item in several decks is exported once, in the first. *media* maps
    file names to their bytes; every audio name a card carries must be among them. Raises
    ``ValueError`` for duplicate deck keys or names, an empty name, a bad tag or language code,
    or a card's audio missing from *media*.
    """
    files = dict(media or {})
    ts = time.time() if timestamp is None else timestamp
    seen_keys: set[str] = set()
    seen_names: set[str] = set()
    seen_ids: set[int] = set()
    seen_guids: set[str] = set()
    good_tags: set[str] = set()
    genanki_decks = []
    due = itertools.count()
    for spec in decks:
        did = deck_id(spec.key)
        name = _CONTROL_RE.sub("", spec.name).strip()
        if not name:
            raise ValueError(f"deck {spec.key!r} has no name")
        if spec.key in seen_keys or name in seen_names or did in seen_ids:
            raise ValueError(f"deck {spec.key!r} ({name!r}) appears twice or collides")
        seen_keys.add(spec.key)
        seen_names.add(name)
        seen_ids.add(did)
        deck = genanki.Deck(did, name, _text(spec.description))
        deck.add_model(_MODEL)
        for card in spec.cards:
            for name in (card.word_audio, card.sentence_audio):
                if name and name not in files:
                    raise ValueError(f"card {card.key!r}: media file {name!r} is not in media")
            note = _note(card, next(due), good_tags)
            if note.guid in seen_guids:
                continue
            seen_guids.add(note.guid)
            deck.add_note(note)
        genanki_decks.append(deck)
    used = {
        name
        for spec in decks
        for card in spec.cards
        for name in (card.word_audio, card.sentence_audio)
        if name
    }
    return _write(genanki.Package(genanki_decks), ts, {n: files[n] for n in sorted(used)})


def _write(package: genanki.Package, timestamp: float, media: Mapping[str, bytes]) -> bytes:
    # genanki's write_to_file goes through a temporary SQLite file that it never deletes:
    # fill an in-memory database with genanki's own writer instead and zip its image.
    conn = sqlite3.connect(":memory:")
    try:
        package.write_to_db(conn.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
        conn.commit()
        collection = conn.serialize()
    finally:
        conn.close()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        # Fixed entry dates (ZipInfo's default 1980-01-01) keep the output reproducible.
        zf.writestr(zipfile.ZipInfo("collection.anki2"), collection, zipfile.ZIP_DEFLATED, 1)
        # Anki's media layout: entries "0", "1", ... and a JSON map of entry -> file name.
        # MP3 is compressed already: stored as it is.
        names = {}
        for index, (name, data) in enumerate(media.items()):
            zf.writestr(zipfile.ZipInfo(str(index)), data, zipfile.ZIP_STORED)
            names[str(index)] = name
        zf.writestr(zipfile.ZipInfo("media"), json.dumps(names), zipfile.ZIP_DEFLATED, 1)
    return buf.getvalue()
