"""The pure transfer engine: CSV formula neutralisation, vocabulary CSV errors, reading lists,
lesson documents. No database."""

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessons import transfer

LANGS = ["en", "ar", "my"]


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+81 3 1234", "'+81 3 1234"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("病院", "病院"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (12, "12"),
    ],
)
def test_cells_that_start_like_formulas_are_neutralised(cell, written):
    assert transfer.neutralise(cell) == written


def test_csv_text_neutralises_every_cell():
    text = transfer.csv_text([["name", "score"], ["=cmd|' /C calc'!A0", "-5"]])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [["name", "score"], ["'=cmd|' /C calc'!A0", "'-5"]]


def test_vocabulary_csv_round_trips_through_the_parser_even_with_formula_cells():
    items = [
        {"expression": "病院", "reading": "びょういん", "part_of_speech": "noun",
         "meanings": {"en": "=hospital", "ar": "مستشفى"}, "example": "",
         "example_translations": {}},
    ]  # fmt: skip
    text = transfer.vocabulary_csv(items, LANGS)
    assert "'=hospital" in text
    rows, problems = transfer.parse_vocabulary_csv(text.encode(), languages=LANGS)
    assert problems == []
    assert rows[0].meanings == {"en": "=hospital", "ar": "مستشفى"}
    assert rows[0].reading == "びょういん"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("reading,meaning_en\nびょういん,hospital\n",
         ["Row 1: The header has no 'expression' column."]),
        ("expression,meaning_xx\n病院,x\n", ["Row 1: Unknown column 'meaning_xx'."]),
        ("expression,meaning_en\n,hospital\n", ["Row 2: expression is empty."]),
        (
            "expression,meaning_en\n病院,hospital\n薬,medicine\n病院,again\n",
            ["Row 4: '病院' repeats row 2."],
        ),
        (
            "expression,part_of_speech,meaning_en\n病院,thing,x\n",
            ["Row 2: part_of_speech 'thing' is not one of noun, verb, i-adj, na-adj, adverb, "
             "expression, particle, counter, other."],
        ),
        ("expression,meaning_en\n病院,hospital,extra\n", ["Row 2: 3 cells, but the header has 2."]),
        ("expression,meaning_en\n", ["The file has a header but no words."]),
        ("expression,meaning_en,meaning_ar\n病院,,\n",
         ["Row 2: The word has no meaning: fill in a meaning_ column."]),
        ("expression,reading\n病院,びょういん\n",
         ["Row 1: The header has no meaning column (meaning_en, meaning_ar, ...)."]),
        ("", ["The file is empty."]),
    ],
)  # fmt: skip
def test_a_bad_csv_gets_an_error_naming_the_row_and_the_problem(text, expected):
    _rows, problems = transfer.parse_vocabulary_csv(text.encode(), languages=LANGS)
    assert [str(p) for p in problems] == expected


def test_every_bad_row_is_reported_not_just_the_first():
    text = "expression,meaning_en\n,a\n病院,b\n,c\n"
    _rows, problems = transfer.parse_vocabulary_csv(text.encode(), languages=LANGS)
    assert [p.row for p in problems] == [2, 4]


@pytest.mark.parametrize("encoding", ["shift_jis", "cp932", "utf-16", "utf-16-le", "utf-16-be"])
def test_files_excel_saves_in_shift_jis_or_utf16_are_read(encoding):
    text = "expression,meaning_en\n病院,hospital\n申請書,application\n"
    rows, problems = transfer.parse_vocabulary_csv(text.encode(encoding), languages=LANGS)
    assert problems == []
    assert [(r.expression, r.meanings["en"]) for r in rows] == [
        ("病院", "hospital"),
        ("申請書", "application"),
    ]


def test_a_file_in_no_known_encoding_says_how_to_save_it_as_utf8():
    _rows, problems = transfer.parse_vocabulary_csv(b"\xff\xff\xff\x80\x81", languages=LANGS)
    assert "CSV UTF-8" in str(problems[0])


def test_a_problem_is_translated_where_it_is_shown():
    catalogue = {"%(name)s is too long.": "%(name)s は長すぎます。", "Row %(row)d: %(problem)s":
                 "%(row)d 行目：%(problem)s"}  # fmt: skip
    problem = transfer.CsvProblem(4, "%(name)s is too long.", {"name": "example"})
    assert problem.text(catalogue.__getitem__) == "4 行目：example は長すぎます。"
    assert str(problem) == "Row 4: example is too long."


def test_too_many_rows_are_refused():
    text = "expression,meaning_en\n" + "".join(f"語{i},w\n" for i in range(6))
    _rows, problems = transfer.parse_vocabulary_csv(text.encode(), languages=LANGS, max_rows=5)
    assert str(problems[-1]) == "Row 7: Too many rows: the limit is 5 words."


def test_quotes_and_commas_survive_an_export_and_import():
    items = [_item("駅", {"en": 'the "station"', "ar": "a, b"}, example='「駅」, "eki"')]
    text = transfer.vocabulary_csv(items, LANGS)
    rows, problems = transfer.parse_vocabulary_csv(text.encode(), languages=LANGS)
    assert problems == []
    assert rows[0].meanings == {"en": 'the "station"', "ar": "a, b"}
    assert rows[0].example == '「駅」, "eki"'


def test_a_quoted_cell_with_a_comma_typed_by_hand_is_read():
    text = 'expression,meaning_en\n駅,"station, for trains"\n'
    rows, problems = transfer.parse_vocabulary_csv(text.encode(), languages=LANGS)
    assert problems == []
    assert rows[0].meanings == {"en": "station, for trains"}


def _item(expression, meanings, example=""):
    return {
        "expression": expression,
        "reading": "",
        "part_of_speech": "noun",
        "meanings": meanings,
        "example": example,
        "example_translations": {},
    }


# Text a person may put in a cell: anything printable, line breaks and tabs inside, but no
# control characters (refused on import) and no spaces at the ends (trimmed on import).
_cell = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\r")
    | st.sampled_from(['"', "'", ",", ";", "\t", "\n", "=", "+", "-", "@"]),
    max_size=40,
).filter(lambda t: t == t.strip())


@settings(max_examples=150, deadline=None)
@given(
    words=st.lists(
        st.tuples(_cell.filter(bool), _cell.filter(bool), _cell, _cell),
        min_size=1,
        max_size=5,
        unique_by=lambda w: w[0],
    )
)
def test_any_text_round_trips_through_export_and_import(words):
    items = [_item(e, {"en": m, "ar": a} if a else {"en": m}, example=x) for e, m, a, x in words]
    text = transfer.vocabulary_csv(items, LANGS)
    for data in (("\ufeff" + text).encode("utf-8"), text.encode("utf-16")):
        rows, problems = transfer.parse_vocabulary_csv(data, languages=LANGS)
        assert problems == []
        assert [(r.expression, r.meanings, r.example) for r in rows] == [
            (i["expression"], i["meanings"], i["example"]) for i in items
        ]


def test_semicolons_and_a_byte_order_mark_are_understood():
    text = "\ufeffexpression;meaning_en\n病院;hospital\n"
    rows, problems = transfer.parse_vocabulary_csv(text.encode(), languages=LANGS)
    assert problems == []
    assert (rows[0].expression, rows[0].meanings) == ("病院", {"en": "hospital"})


@pytest.mark.parametrize(
    ("text", "table", "problems"),
    [
        ("日本 -> にほん\n今日 = きょう\n明日 あした",
         {"日本": "にほん", "今日": "きょう", "明日": "あした"}, []),
        ("# a note\n\n日本→にっぽん", {"日本": "にっぽん"}, []),
        ("日本", {}, ["Line 1: write the word, then -> and its reading."]),
        ("日本 -> にほん\n日本 -> にっぽん", {"日本": "にほん"},
         ["Line 2: 日本 already has the reading にほん."]),
    ],
)  # fmt: skip
def test_reading_lines(text, table, problems):
    assert transfer.parse_reading_lines(text) == (table, problems)


def test_reading_lines_round_trip():
    table = {"日本": "にほん", "今日": "きょう"}
    assert transfer.parse_reading_lines(transfer.reading_lines(table)) == (table, [])


def _document():
    return transfer.lesson_document(
        {"slug": "a", "title": "A", "title_ja": "", "can_do": "", "title_translations": {},
         "can_do_translations": {}},
        [{"kind": "reading", "title": "", "title_translations": {}, "text": "病院です。",
          "translations": {"en": "x"}}],
        [{"key": "k", "expression": "病院", "reading": "びょういん", "reading_is_override": False,
          "part_of_speech": "noun", "meanings": {"en": "hospital"}, "example": "",
          "example_translations": {}}],
        [{"kind": "choice", "status": "ready", "prompt": "?", "prompt_translations": {},
          "data": {"choices": ["a", "b"], "answer": 0}, "explanation": "",
          "explanation_translations": {}, "data_translations": {}}],
    )  # fmt: skip


def test_a_document_parses_back_to_its_parts():
    parsed = transfer.parse_lesson_document(_document())
    assert parsed.lesson["slug"] == "a"
    assert parsed.vocabulary[0]["expression"] == "病院"
    assert parsed.exercises[0]["data"] == {"choices": ["a", "b"], "answer": 0}


@pytest.mark.parametrize(
    ("path", "value", "where"),
    [
        (("lesson", "slug"), "no spaces", "lesson.slug"),
        (("lesson", "title"), 5, "lesson.title"),
        (("passages", 0, "kind"), "poem", "passages[0].kind"),
        (("passages", 0, "translations"), {"EN!": "x"}, "passages[0].translations"),
        (("vocabulary", 0, "reading_is_override"), "yes", "vocabulary[0].reading_is_override"),
        (("exercises", 0, "data"), {"choices": ["a"], "answer": 0}, "exercises[0].choices"),
        (("exercises", 0, "status"), "live", "exercises[0].status"),
        (("passages", 0, "secret"), 1, "passages[0]"),
    ],
)
def test_a_bad_document_names_the_place(path, value, where):
    document = _document()
    target = document
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    with pytest.raises(transfer.TransferError) as excinfo:
        transfer.parse_lesson_document(document)
    assert excinfo.value.where == where
