"""Lessons in and out of the platform: the lesson JSON document, vocabulary CSV, reading lists.

Pure engine (stdlib and the exercise checker, no Django): documents and files come from people,
so every shape is checked here and problems are reported with where they are. CSV written here
neutralises spreadsheet formulas.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from lessons.exercises import ExerciseDataError, validate_data, validate_data_translations

__all__ = [
    "DOCUMENT_FORMAT",
    "DOCUMENT_VERSION",
    "FORMULA_PREFIXES",
    "CsvDialect",
    "CsvProblem",
    "LessonDocument",
    "TransferError",
    "VocabularyRow",
    "csv_text",
    "decode_spreadsheet_text",
    "lesson_document",
    "neutralise",
    "parse_lesson_document",
    "parse_reading_lines",
    "parse_vocabulary_csv",
    "place",
    "reading_lines",
    "vocabulary_csv",
]

DOCUMENT_FORMAT = "kasumi-lesson"
DOCUMENT_VERSION = 1
#: A cell starting with one of these is a formula to a spreadsheet (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

LESSON_FIELDS = ("slug", "title", "title_ja", "can_do", "title_translations", "can_do_translations")
PASSAGE_FIELDS = ("kind", "title", "title_translations", "text", "translations")
VOCABULARY_FIELDS = (
    "key",
    "expression",
    "reading",
    "reading_is_override",
    "part_of_speech",
    "meanings",
    "example",
    "example_translations",
)
EXERCISE_FIELDS = (
    "kind",
    "status",
    "prompt",
    "prompt_translations",
    "data",
    "explanation",
    "explanation_translations",
    "data_translations",
)
PASSAGE_KINDS = ("reading", "dialogue", "grammar")
EXERCISE_STATUSES = ("draft", "ready")
PARTS_OF_SPEECH = (
    "noun",
    "verb",
    "i-adj",
    "na-adj",
    "adverb",
    "expression",
    "particle",
    "counter",
    "other",
)
_LIMITS = {
    "slug": 80,
    "title": 200,
    "title_ja": 200,
    "can_do": 300,
    "text": 20_000,
    "expression": 100,
    "reading": 200,
    "example": 500,
    "prompt": 500,
    "explanation": 2000,
    "key": 36,
}
_SLUG_RE = re.compile(r"[-a-zA-Z0-9_]+")
_LANGUAGE_RE = re.compile(r"[a-z]{2,3}(-[a-z0-9]{2,8})?")
_FORBIDDEN_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
MAX_PARTS = 200


def gettext_noop(message: str) -> str:
    """Marks *message* for the translation catalogue (makemessages finds this name); the
    interface translates it where it shows the problem. This engine imports no Django."""
    return message


class TransferError(ValueError):
    """A document that cannot be imported. `where` names the place (``vocabulary[2].reading``),
    `problem` is an English template (marked for translation) filled in by `params`;
    `problems` holds every problem found in the document (this one first)."""

    def __init__(
        self,
        where: str,
        problem: str,
        params: Mapping[str, object] | None = None,
        problems: Sequence[TransferError] = (),
    ) -> None:
        self.where = where
        self.problem = problem
        self.params = dict(params or {})
        self.problems: list[TransferError] = list(problems) or [self]
        super().__init__(f"{where}: {problem % self.params if self.params else problem}")

    def text(self, translate: Callable[[str], str] = gettext_noop) -> str:
        """The problem in plain words: the place as a person counts it, then what is wrong."""
        problem = translate(self.problem)
        return translate("%(place)s: %(problem)s") % {
            "place": place(self.where, translate),
            "problem": problem % self.params if self.params else problem,
        }


gettext_noop("%(place)s: %(problem)s")
_LESSON_FIELD = gettext_noop("The lesson, %(field)s")
_LESSON = gettext_noop("The lesson")
_LIST_OF = gettext_noop("The list of %(name)s")
_FILE = gettext_noop("The file")
_PLACE_RE = re.compile(r"^(passages|vocabulary|exercises)\[(\d+)\](?:\.(.+))?$")
_PART_NAMES = {
    "passages": gettext_noop("Passage %(number)d"),
    "vocabulary": gettext_noop("Word %(number)d"),
    "exercises": gettext_noop("Exercise %(number)d"),
}


def place(where: str, translate: Callable[[str], str] = gettext_noop) -> str:
    """Where a problem is, counted as a person counts: ``vocabulary[2].reading`` is
    "Word 3, reading"; ``lesson.title`` is "The lesson, title"; the rest is the file."""
    match = _PLACE_RE.match(where)
    if match:
        part = translate(_PART_NAMES[match[1]]) % {"number": int(match[2]) + 1}
        return f"{part}, {match[3]}" if match[3] else part
    if where.startswith("lesson."):
        return translate(_LESSON_FIELD) % {"field": where.removeprefix("lesson.")}
    if where == "lesson":
        return translate(_LESSON)
    if where in ("passages", "vocabulary", "exercises"):
        return translate(_LIST_OF) % {"name": where}
    return translate(_FILE)


# --- Lesson documents ---------------------------------------------------------------------


@dataclass(frozen=True)
class LessonDocument:
    """A checked lesson document: plain dicts holding exactly the *_FIELDS of each part."""

    lesson: dict[str, Any]
    passages: list[dict[str, Any]]
    vocabulary: list[dict[str, Any]]
    exercises: list[dict[str, Any]]


def lesson_document(
    lesson: Mapping[str, Any],
    passages: Iterable[Mapping[str, Any]],
    vocabulary: Iterable[Mapping[str, Any]],
    exercises: Iterable[Mapping[str, Any]],
) -> dict[str, Any]:
    """The JSON document of a lesson (parts in their order); ids and rendered text are left out,
    they are made again on import."""
    return {
        "format": DOCUMENT_FORMAT,
        "version": DOCUMENT_VERSION,
        "lesson": {name: lesson[name] for name in LESSON_FIELDS},
        "passages": [{name: p[name] for name in PASSAGE_FIELDS} for p in passages],
        "vocabulary": [
            {name: str(v[name]) if name == "key" else v[name] for name in VOCABULARY_FIELDS}
            for v in vocabulary
        ],
        "exercises": [{name: e[name] for name in EXERCISE_FIELDS} for e in exercises],
    }


def _string(value: object, where: str, *, name: str, required: bool = False) -> str:
    if not isinstance(value, str):
        raise TransferError(where, gettext_noop("must be text"))
    if required and not value.strip():
        raise TransferError(where, gettext_noop("must not be empty"))
    limit = _LIMITS.get(name)
    if limit is not None and len(value) > limit:
        raise TransferError(
            where, gettext_noop("is longer than %(limit)d characters"), {"limit": limit}
        )
    if _FORBIDDEN_RE.search(value):
        raise TransferError(where, gettext_noop("contains a control character"))
    return value


def _translations(value: object, where: str) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise TransferError(where, gettext_noop("must be a list of language code -> text"))
    out: dict[str, str] = {}
    for code, text in value.items():
        if not isinstance(code, str) or not _LANGUAGE_RE.fullmatch(code):
            raise TransferError(
                where, gettext_noop("%(code)r is not a language code"), {"code": str(code)[:20]}
            )
        out[code] = _string(text, f"{where}.{code}", name="text")
    return out


def _object(value: object, where: str, names: Sequence[str]) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise TransferError(where, gettext_noop("is missing or is not a group of fields"))
    unknown = [str(k)[:20] for k in value if k not in names]
    if unknown:
        raise TransferError(
            where, gettext_noop("has unknown fields: %(names)s"), {"names": ", ".join(unknown[:5])}
        )
    return value


def _parts(document: Mapping[str, Any], name: str) -> list[Any]:
    value = document.get(name, [])
    if not isinstance(value, list):
        raise TransferError(name, gettext_noop("must be a list"))
    if len(value) > MAX_PARTS:
        raise TransferError(
            name, gettext_noop("holds more than %(limit)d items"), {"limit": MAX_PARTS}
        )
    return value


class _Problems:
    """Collects the problems of a document, so that one pass reports them all."""

    def __init__(self) -> None:
        self.found: list[TransferError] = []

    def check(self, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """*function*'s result, or None after noting its TransferError."""
        try:
            return function(*args, **kwargs)
        except TransferError as exc:
            self.found.append(exc)
            return None

    def add(self, where: str, problem: str, params: Mapping[str, object] | None = None) -> None:
        self.found.append(TransferError(where, problem, params))


def _lesson_fields(raw: Mapping[str, Any], problems: _Problems) -> dict[str, Any]:
    slug = problems.check(_string, raw.get("slug"), "lesson.slug", name="slug", required=True)
    if slug is not None and not _SLUG_RE.fullmatch(slug):
        problems.add("lesson.slug", gettext_noop("may hold only letters, digits, - and _"))
    return {
        "slug": slug,
        "title": problems.check(
            _string, raw.get("title"), "lesson.title", name="title", required=True
        ),
        "title_ja": problems.check(
            _string, raw.get("title_ja", ""), "lesson.title_ja", name="title_ja"
        ),
        "can_do": problems.check(_string, raw.get("can_do", ""), "lesson.can_do", name="can_do"),
        "title_translations": problems.check(
            _translations, raw.get("title_translations", {}), "lesson.title_translations"
        ),
        "can_do_translations": problems.check(
            _translations, raw.get("can_do_translations", {}), "lesson.can_do_translations"
        ),
    }


def _passage(p: Mapping[str, Any], where: str, problems: _Problems) -> dict[str, Any]:
    kind = p.get("kind", "reading")
    if kind not in PASSAGE_KINDS:
        problems.add(
            f"{where}.kind",
            gettext_noop("must be one of %(choices)s"),
            {"choices": ", ".join(PASSAGE_KINDS)},
        )
    return {
        "kind": kind,
        "title": problems.check(_string, p.get("title", ""), f"{where}.title", name="title"),
        "title_translations": problems.check(
            _translations, p.get("title_translations", {}), f"{where}.title_translations"
        ),
        "text": problems.check(_string, p.get("text"), f"{where}.text", name="text", required=True),
        "translations": problems.check(
            _translations, p.get("translations", {}), f"{where}.translations"
        ),
    }


def _word(v: Mapping[str, Any], where: str, problems: _Problems) -> dict[str, Any]:
    pos = v.get("part_of_speech", "noun")
    if pos not in PARTS_OF_SPEECH:
        problems.add(
            f"{where}.part_of_speech",
            gettext_noop("must be one of %(choices)s"),
            {"choices": ", ".join(PARTS_OF_SPEECH)},
        )
    override = v.get("reading_is_override", False)
    if not isinstance(override, bool):
        problems.add(f"{where}.reading_is_override", gettext_noop("must be true or false"))
    return {
        "key": problems.check(_string, v.get("key", ""), f"{where}.key", name="key"),
        "expression": problems.check(
            _string, v.get("expression"), f"{where}.expression", name="expression", required=True
        ),
        "reading": problems.check(
            _string, v.get("reading", ""), f"{where}.reading", name="reading"
        ),
        "reading_is_override": override,
        "part_of_speech": pos,
        "meanings": problems.check(_translations, v.get("meanings", {}), f"{where}.meanings"),
        "example": problems.check(
            _string, v.get("example", ""), f"{where}.example", name="example"
        ),
        "example_translations": problems.check(
            _translations, v.get("example_translations", {}), f"{where}.example_translations"
        ),
    }


def _exercise(e: Mapping[str, Any], where: str, problems: _Problems) -> dict[str, Any]:
    status = e.get("status", "ready")
    if status not in EXERCISE_STATUSES:
        problems.add(f"{where}.status", gettext_noop("must be draft or ready"))
    kind = e.get("kind")
    data = None
    data_translations: dict[str, Any] = {}
    try:
        data = validate_data(kind if isinstance(kind, str) else "", e.get("data"))
        data_translations = validate_data_translations(
            str(kind), data, e.get("data_translations", {})
        )
    except ExerciseDataError as exc:
        # The engine's own template, translated where the problem is shown.
        problems.add(f"{where}.{exc.where}" if exc.where else where, exc.problem, exc.params)
    return {
        "kind": kind,
        "status": status,
        "prompt": problems.check(_string, e.get("prompt", ""), f"{where}.prompt", name="prompt"),
        "prompt_translations": problems.check(
            _translations, e.get("prompt_translations", {}), f"{where}.prompt_translations"
        ),
        "data": data,
        "explanation": problems.check(
            _string, e.get("explanation", ""), f"{where}.explanation", name="explanation"
        ),
        "explanation_translations": problems.check(
            _translations,
            e.get("explanation_translations", {}),
            f"{where}.explanation_translations",
        ),
        "data_translations": data_translations,
    }


_PART_PARSERS: tuple[tuple[str, tuple[str, ...], Callable[..., dict[str, Any]]], ...] = (
    ("passages", PASSAGE_FIELDS, _passage),
    ("vocabulary", VOCABULARY_FIELDS, _word),
    ("exercises", EXERCISE_FIELDS, _exercise),
)


def parse_lesson_document(document: object) -> LessonDocument:
    """Check a lesson document (parsed JSON) and return it normalised. Every problem is found
    in one pass: a bad document raises TransferError whose `problems` lists each, with its
    place. Optional fields may be left out; unknown ones are refused."""
    problems = _Problems()
    root = _object(
        document, "document", ("format", "version", "lesson", "passages", "vocabulary", "exercises")
    )
    if root.get("format") != DOCUMENT_FORMAT:
        problems.add(
            "format",
            gettext_noop("this is not a Kasumi lesson file (format must be %(format)r)"),
            {"format": DOCUMENT_FORMAT},
        )
    if root.get("version") != DOCUMENT_VERSION:
        problems.add(
            "version",
            gettext_noop("the file's version must be %(version)d"),
            {"version": DOCUMENT_VERSION},
        )
    raw = problems.check(_object, root.get("lesson"), "lesson", LESSON_FIELDS)
    lesson = _lesson_fields(raw, problems) if raw is not None else {}
    parts: dict[str, list[dict[str, Any]]] = {}
    for name, fields, parse in _PART_PARSERS:
        parts[name] = []
        for i, item in enumerate(problems.check(_parts, root, name) or []):
            where = f"{name}[{i}]"
            checked = problems.check(_object, item, where, fields)
            if checked is not None:
                parts[name].append(parse(checked, where, problems))
    if problems.found:
        first = problems.found[0]
        raise TransferError(first.where, first.problem, first.params, problems.found)
    return LessonDocument(lesson, parts["passages"], parts["vocabulary"], parts["exercises"])


# --- CSV ------------------------------------------------------------------------------------


class CsvDialect(csv.excel):
    """The one CSV dialect written and read here (RFC 4180: quotes doubled inside a quoted
    cell, CRLF between rows). Reading changes only the delimiter, which is detected."""

    delimiter = ","
    quotechar = '"'
    doublequote = True
    quoting = csv.QUOTE_MINIMAL
    lineterminator = "\r\n"
    skipinitialspace = False


DELIMITERS = (",", ";", "\t")


def neutralise(cell: object) -> str:
    """A cell a spreadsheet shows as text: one starting like a formula gets a leading apostrophe.
    A cell that already starts with an apostrophe gets one more, so `_unneutralise` gives back
    exactly what was written."""
    text = "" if cell is None else str(cell)
    return "'" + text if text.startswith((*FORMULA_PREFIXES, "'")) else text


def _unneutralise(cell: str) -> str:
    """Undo `neutralise`, so a file we wrote reads back as it was."""
    if cell.startswith("'") and cell[1:].startswith((*FORMULA_PREFIXES, "'")):
        return cell[1:]
    return cell


def csv_text(rows: Iterable[Sequence[object]]) -> str:
    """CSV in `CsvDialect` with every cell neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, dialect=CsvDialect)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return out.getvalue()


@dataclass(frozen=True)
class VocabularyRow:
    """One word read from a CSV file; `row` is its line in the file (the header is row 1)."""

    row: int
    expression: str
    reading: str = ""
    part_of_speech: str = "noun"
    meanings: dict[str, str] = field(default_factory=dict)
    example: str = ""
    example_translations: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CsvProblem:
    """A problem of a CSV file: *message* is an English template (marked for translation) and
    *params* fill it in; `str()` gives the English text, the interface translates with
    ``gettext(message) % params``."""

    row: int  # 0 for the file as a whole, 1 for the header
    message: str
    params: Mapping[str, object] = field(default_factory=dict)

    def text(self, translate: Callable[[str], str] = gettext_noop) -> str:
        body = (
            translate(self.message) % dict(self.params) if self.params else translate(self.message)
        )
        if not self.row:
            return body
        return translate("Row %(row)d: %(problem)s") % {"row": self.row, "problem": body}

    def __str__(self) -> str:
        return self.text()


gettext_noop("Row %(row)d: %(problem)s")


def vocabulary_csv(items: Iterable[Mapping[str, Any]], languages: Sequence[str]) -> str:
    """Vocabulary as CSV, with the columns `parse_vocabulary_csv` reads."""
    header = ["expression", "reading", "part_of_speech"]
    header += [f"meaning_{code}" for code in languages] + ["example"]
    header += [f"example_{code}" for code in languages]
    rows: list[list[str]] = [header]
    for item in items:
        meanings = item.get("meanings") or {}
        examples = item.get("example_translations") or {}
        rows.append(
            [item["expression"], item.get("reading", ""), item.get("part_of_speech", "noun")]
            + [meanings.get(code, "") for code in languages]
            + [item.get("example", "")]
            + [examples.get(code, "") for code in languages]
        )
    return csv_text(rows)


_NOT_SHIFT_JIS_RE = re.compile("[\x80-\x9f\ue000-\uf8ff]")
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def decode_spreadsheet_text(data: bytes) -> tuple[str | None, CsvProblem | None]:
    """The text of a file saved by a spreadsheet: UTF-8 (with or without BOM), UTF-16 (Excel's
    "Unicode text", with a BOM or recognised by its zero bytes) or Shift-JIS (Excel's "CSV" on
    a Japanese Windows, decoded as cp932, its Microsoft form). Returns the text or a problem
    that says how to save the file as UTF-8."""
    codecs = [codec for bom, codec in _BOMS if data.startswith(bom)]
    if not codecs:
        even, odd = data[0:200:2], data[1:200:2]
        if data and odd.count(0) > len(odd) // 2 > even.count(0):
            codecs = ["utf-16-le"]
        elif data and even.count(0) > len(even) // 2 > odd.count(0):
            codecs = ["utf-16-be"]
        else:
            codecs = ["utf-8", "cp932"]
    for codec in codecs:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        # Bytes of another encoding often decode as cp932 into private-use or C1 characters.
        if codec != "cp932" or not _NOT_SHIFT_JIS_RE.search(text):
            return text, None
    return None, CsvProblem(
        0,
        gettext_noop(
            "The file's characters cannot be read: it is not UTF-8, UTF-16 or Shift-JIS text. "
            'In Excel choose File > Save As > "CSV UTF-8 (Comma delimited)"; in LibreOffice '
            "choose Save As > Text CSV and the character set Unicode (UTF-8)."
        ),
    )


def _delimiter(header_line: str) -> str:
    """The delimiter of a file: the one of `DELIMITERS` the header line uses most (a header
    holds no delimiter inside a cell); a comma when it uses none."""
    counts = {d: header_line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def parse_vocabulary_csv(
    data: bytes, *, languages: Iterable[str], max_rows: int = 500
) -> tuple[list[VocabularyRow], list[CsvProblem]]:
    """Read vocabulary from CSV bytes (see `decode_spreadsheet_text`; comma, semicolon or tab).

    Columns: ``expression`` and at least one ``meaning_<lang>`` (required), ``reading``,
    ``part_of_speech``, ``example``, ``example_<lang>`` for the given language codes. Returns
    the rows and every problem found in one pass, each naming its row; callers save nothing
    unless the problems are empty.
    """
    known = set(languages)
    text, problem = decode_spreadsheet_text(data)
    if text is None:
        return [], [problem] if problem else []
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        return [], [
            CsvProblem(0, gettext_noop("The file holds NUL characters; is it a spreadsheet file?"))
        ]
    if not text.strip():
        return [], [CsvProblem(0, gettext_noop("The file is empty."))]
    delimiter = _delimiter(text.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), CsvDialect, delimiter=delimiter)
    try:
        header = [unicodedata.normalize("NFKC", h).strip().lower() for h in next(reader)]
    except csv.Error as exc:
        return [], [
            CsvProblem(1, gettext_noop("The header cannot be read (%(error)s)."), {"error": exc})
        ]
    problems: list[CsvProblem] = []
    if "expression" not in header:
        problems.append(CsvProblem(1, gettext_noop("The header has no 'expression' column.")))
    if not any(name.startswith("meaning_") for name in header):
        problems.append(
            CsvProblem(
                1, gettext_noop("The header has no meaning column (meaning_en, meaning_ar, ...).")
            )
        )
    for name in header:
        if name in ("expression", "reading", "part_of_speech", "example"):
            continue
        prefix, _, code = name.partition("_")
        if prefix not in ("meaning", "example") or code not in known:
            problems.append(
                CsvProblem(1, gettext_noop("Unknown column %(name)r."), {"name": name[:40]})
            )
    if len(set(header)) != len(header):
        problems.append(CsvProblem(1, gettext_noop("A column appears twice in the header.")))
    if problems:
        return [], problems
    rows: list[VocabularyRow] = []
    seen: dict[str, int] = {}
    line = 1
    try:
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(rows) >= max_rows:
                problems.append(
                    CsvProblem(
                        line,
                        gettext_noop("Too many rows: the limit is %(limit)d words."),
                        {"limit": max_rows},
                    )
                )
                break
            row, row_problems = _vocabulary_row(line, header, cells, seen)
            problems.extend(row_problems)
            if row is not None:
                rows.append(row)
    except csv.Error as exc:
        problems.append(
            CsvProblem(
                line + 1, gettext_noop("The row cannot be read (%(error)s)."), {"error": exc}
            )
        )
    if not rows and not problems:
        problems.append(CsvProblem(0, gettext_noop("The file has a header but no words.")))
    return rows, problems


def _vocabulary_row(
    line: int, header: list[str], cells: list[str], seen: dict[str, int]
) -> tuple[VocabularyRow | None, list[CsvProblem]]:
    if len(cells) > len(header):
        return None, [
            CsvProblem(
                line,
                gettext_noop("%(cells)d cells, but the header has %(columns)d."),
                {"cells": len(cells), "columns": len(header)},
            )
        ]
    values = {name: _unneutralise(cell.strip()) for name, cell in zip(header, cells, strict=False)}
    problems = []
    for name, value in values.items():
        limit = _LIMITS.get(name.split("_")[0] if name.startswith("meaning") else name, 500)
        if len(value) > limit:
            problems.append(
                CsvProblem(
                    line,
                    gettext_noop("%(name)s is longer than %(limit)d characters."),
                    {"name": name, "limit": limit},
                )
            )
        if _FORBIDDEN_RE.search(value):
            problems.append(
                CsvProblem(
                    line, gettext_noop("%(name)s contains a control character."), {"name": name}
                )
            )
    expression = values.get("expression", "")
    if not expression:
        problems.append(CsvProblem(line, gettext_noop("expression is empty.")))
    elif expression in seen:
        problems.append(
            CsvProblem(
                line,
                gettext_noop("%(expression)r repeats row %(row)d."),
                {"expression": expression, "row": seen[expression]},
            )
        )
    else:
        seen[expression] = line
    meanings = {k[8:]: v for k, v in values.items() if k.startswith("meaning_") and v}
    if not meanings:
        problems.append(
            CsvProblem(line, gettext_noop("The word has no meaning: fill in a meaning_ column."))
        )
    pos = values.get("part_of_speech") or "noun"
    if pos not in PARTS_OF_SPEECH:
        problems.append(
            CsvProblem(
                line,
                gettext_noop("part_of_speech %(value)r is not one of %(choices)s."),
                {"value": pos[:20], "choices": ", ".join(PARTS_OF_SPEECH)},
            )
        )
    if problems:
        return None, problems
    examples = {k[8:]: v for k, v in values.items() if k.startswith("example_") and v}
    return (
        VocabularyRow(
            row=line,
            expression=expression,
            reading=values.get("reading", ""),
            part_of_speech=pos,
            meanings=meanings,
            example=values.get("example", ""),
            example_translations=examples,
        ),
        [],
    )


# --- Reading lists ------------------------------------------------------------------------

_READING_LINE_RE = re.compile(r"^\s*(\S+?)\s*(?:->|→|=|:|：|\t|\s)\s*(\S+)\s*$")


def reading_lines(readings: Mapping[str, str]) -> str:
    """A course's reading list as text, one ``word -> reading`` per line."""
    return "\n".join(f"{word} -> {reading}" for word, reading in sorted(readings.items()))


def parse_reading_lines(text: str) -> tuple[dict[str, str], list[str]]:
    """Read ``word -> reading`` lines (also ``word = reading`` or ``word reading``); returns the
    table and a message per unreadable line. Blank lines and lines starting with # are skipped.
    Whether a reading fits its word is checked by the furigana engine, not here."""
    table: dict[str, str] = {}
    problems: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        match = _READING_LINE_RE.match(raw)
        if match is None:
            problems.append(f"Line {number}: write the word, then -> and its reading.")
            continue
        word, reading = match[1], match[2]
        if word in table and table[word] != reading:
            problems.append(f"Line {number}: {word} already has the reading {table[word]}.")
            continue
        table[word] = reading
    return table, problems
