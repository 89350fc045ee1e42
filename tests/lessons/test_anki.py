"""Anki export engine: packages imported into a real collection with the official ``anki`` library
(the same Rust importer as Anki desktop), identities, escaping, no temp files (no database)."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from anki.collection import Card as AnkiCard  # anki.cards first would be a circular import
from anki.collection import Collection

from lessons.anki import (
    FIELDS,
    MODEL_ID,
    MODEL_NAME,
    TEMPLATE_NAMES,
    Card,
    DeckSpec,
    build_package,
    deck_id,
    note_guid,
    tag,
)
from lessons.japanese.furigana import Segment, to_anki
from tests.lessons.ankitools import import_apkg

COURSE = "Survival Japanese"
T0 = 1_780_000_000.0  # a fixed export time; later exports use T0 + n


def card(n: int, **changes: object) -> Card:
    base = Card(
        key=str(uuid.UUID(int=n)),
        expression="住民票",
        reading_anki="住民票[じゅうみんひょう]",
        meanings=(("my", "နေထိုင်မှုမှတ်ပုံတင်"), ("en", "residence certificate")),
        sentence_anki="住民票[じゅうみんひょう]を 取[と]ります",
        sentence_meaning="I get a residence certificate.",
        lesson="At the city hall",
        tags=(tag("level", "A1"), tag("topic", "city hall"), tag("lesson", "city-hall")),
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def course(cards_a: tuple[Card, ...], cards_b: tuple[Card, ...] = ()) -> list[DeckSpec]:
    return [
        DeckSpec("survival-japanese", COURSE),
        DeckSpec("survival-japanese/city-hall", f"{COURSE}::At the city hall", cards_a),
        DeckSpec("survival-japanese/clinic", f"{COURSE}::At the clinic", cards_b),
    ]


@pytest.fixture
def col(tmp_path: Path) -> Iterator[Collection]:
    collection = Collection(str(tmp_path / "c.anki2"))
    yield collection
    collection.close()


def only_note_fields(col: Collection) -> dict[str, str]:
    (nid,) = col.find_notes("")
    return dict(col.get_note(nid).items())


# --- a course package: notes, cards, subdecks, tags, note type ----------------------------------


def test_course_package_imports_two_cards_per_note_into_lesson_subdecks(col: Collection) -> None:
    data = build_package(course((card(1), card(2)), (card(3, expression="病院"),)))
    log = import_apkg(col, data)

    assert len(log.new) == 3
    assert col.note_count() == 3
    assert col.card_count() == 6
    names = {d.name for d in col.decks.all_names_and_ids()}
    assert {COURSE, f"{COURSE}::At the city hall", f"{COURSE}::At the clinic"} <= names
    clinic = col.decks.id_for_name(f"{COURSE}::At the clinic")
    (nid,) = col.find_notes("Expression:病院")
    assert {c.did for c in col.get_note(nid).cards()} == {clinic}
    assert sorted(c.template()["name"] for c in col.get_note(nid).cards()) == sorted(TEMPLATE_NAMES)


def test_note_type_and_tags_arrive_as_exported(col: Collection) -> None:
    import_apkg(col, build_package(course((card(1),))))
    (nid,) = col.find_notes("")
    note = col.get_note(nid)
    notetype = note.note_type()
    assert notetype is not None
    assert notetype["id"] == MODEL_ID
    assert notetype["name"] == MODEL_NAME
    assert tuple(f["name"] for f in notetype["flds"]) == FIELDS
    assert tuple(t["name"] for t in notetype["tmpls"]) == TEMPLATE_NAMES
    assert sorted(note.tags) == [
        "kasumi::lesson::city-hall",
        "kasumi::level::A1",
        "kasumi::topic::city-hall",
    ]
    assert note.guid == note_guid(str(uuid.UUID(int=1)))
    assert note["Key"] == str(uuid.UUID(int=1))


# --- rendering: Anki's own furigana filter and the two templates --------------------------------


@pytest.mark.parametrize(
    ("reading_anki", "expected", "absent"),
    [
        (
            "住民票[じゅうみんひょう]",
            "<ruby><rb>住民票</rb><rt>じゅうみんひょう</rt></ruby>",
            "[",
        ),
        (
            to_anki(
                [
                    Segment("お"),
                    Segment("茶", "ちゃ"),
                    Segment("を"),
                    Segment("飲", "の"),
                    Segment("む"),
                ]
            ),
            "お<ruby><rb>茶</rb><rt>ちゃ</rt></ruby>を<ruby><rb>飲</rb><rt>の</rt></ruby>む",
            "[",
        ),
        ("ありがとう", '<div class="jp expression" lang="ja">ありがとう</div>', "<ruby>"),
        # Brackets of plain text, escaped by to_anki, are shown as text, not taken as a reading.
        (to_anki([Segment("A[1]")]), "A&#91;1&#93;", "<ruby>"),
    ],
)
def test_answer_shows_the_reading_as_ruby(
    col: Collection, reading_anki: str, expected: str, absent: str
) -> None:
    import_apkg(col, build_package(course((card(1, reading_anki=reading_anki),))))
    for cid in col.find_cards(""):
        answer = col.get_card(cid).answer()
        japanese = re.findall(r'<div class="jp expression" lang="ja">.*?</div>', answer)[-1]
        assert expected in japanese
        assert absent not in japanese


@pytest.mark.parametrize(
    ("template", "in_question", "not_in_question", "in_answer"),
    [
        (
            "Recognition",
            ['<div class="jp expression" lang="ja">住民票</div>'],
            ["じゅうみんひょう", "residence certificate"],
            ["residence certificate", '<span lang="en" class="en">', "取</rb><rt>と</rt>"],
        ),
        (
            "Recall",
            ['<span lang="my">နေထိုင်မှုမှတ်ပုံတင်</span><br><span lang="en" class="en">'],
            ["住民票"],
            ['lang="ja"><ruby><rb>住民票</rb><rt>じゅうみんひょう</rt></ruby></div>'],
        ),
    ],
)
def test_templates_ask_and_answer_the_right_sides(
    col: Collection,
    template: str,
    in_question: list[str],
    not_in_question: list[str],
    in_answer: list[str],
) -> None:
    import_apkg(col, build_package(course((card(1),))))
    (c,) = [col.get_card(cid) for cid in col.find_cards(f'card:"{template}"')]
    question, answer = c.question(), c.answer()
    assert all(s in question for s in in_question)
    assert not any(s in question for s in not_in_question)
    assert all(s in answer for s in in_answer)


@pytest.mark.parametrize(
    ("meanings", "expected"),
    [
        ((("en", "tea"),), '<span lang="en" class="en">tea</span>'),
        (
            (("ar", "شاي"), ("en", "tea")),
            '<span lang="ar" dir="rtl">شاي</span><br><span lang="en" class="en">tea</span>',
        ),
        ((("fa", "چای"),), '<span lang="fa" dir="rtl">چای</span>'),
        ((("prs", "چای"),), '<span lang="prs" dir="rtl">چای</span>'),
        (
            (("uk", "чай"), ("en", "tea")),
            '<span lang="uk">чай</span><br><span lang="en" class="en">',
        ),
        ((("pt-BR", "chá"),), '<span lang="pt-BR">chá</span>'),
        ((("en", "line one\nline two"),), "line one<br>line two"),
    ],
)
def test_meaning_field_marks_each_language(
    col: Collection, meanings: tuple[tuple[str, str], ...], expected: str
) -> None:
    import_apkg(col, build_package(course((card(1, meanings=meanings),))))
    assert expected in only_note_fields(col)["Meaning"]


# --- updates keep identity and review history ---------------------------------------------------


def test_reimport_after_a_tutor_fix_updates_the_notes(col: Collection) -> None:
    import_apkg(col, build_package(course((card(1), card(2))), timestamp=T0))
    fixed = card(2, meanings=(("en", "certificate of residence"),))
    log = import_apkg(col, build_package(course((card(1), fixed)), timestamp=T0 + 60))

    # Anki reports every note of the newer export as updated, the fixed one among them.
    assert str(uuid.UUID(int=2)) in {n.fields[-1] for n in log.updated}
    assert len(log.new) == 0
    assert col.note_count() == 2
    assert col.card_count() == 4
    (nid,) = col.find_notes(f"Key:{uuid.UUID(int=2)}")
    assert "certificate of residence" in col.get_note(nid)["Meaning"]


@pytest.mark.parametrize("with_scheduling", [False, True])
def test_review_history_survives_a_reimport(col: Collection, with_scheduling: bool) -> None:
    import_apkg(col, build_package(course((card(1),)), timestamp=T0))
    col.decks.select(col.decks.id_for_name(f"{COURSE}::At the city hall"))
    studied = col.sched.getCard()
    assert studied is not None
    col.sched.answerCard(studied, 4)
    before = col.get_card(studied.id)
    assert before.reps == 1
    assert before.ivl > 0

    def history(c: AnkiCard) -> tuple[int, ...]:
        return (c.nid, c.ord, c.ivl, c.reps, c.lapses, c.type, c.queue, c.due, c.factor)

    fixed = card(1, reading_anki="住民票[じゅうみんひょう]", sentence_meaning="Fixed.")
    log = import_apkg(
        col, build_package(course((fixed,)), timestamp=T0 + 60), with_scheduling=with_scheduling
    )

    assert len(log.updated) == 1
    after = col.get_card(studied.id)
    assert history(after) == history(before)
    assert col.card_stats_data(after.id).reviews  # the review log too
    assert col.card_count() == 2
    assert col.get_note(after.nid)["SentenceMeaning"] == "Fixed."


def test_lesson_package_then_course_package_gives_no_duplicates(col: Collection) -> None:
    lesson = [DeckSpec("survival-japanese/city-hall", f"{COURSE}::At the city hall", (card(1),))]
    import_apkg(col, build_package(lesson, timestamp=T0))
    log = import_apkg(col, build_package(course((card(1), card(2)), (card(3),)), timestamp=T0 + 1))

    assert len(log.new) == 2
    assert col.note_count() == 3
    assert col.card_count() == 6
    names = [d.name for d in col.decks.all_names_and_ids()]
    assert len(names) == len(set(names))
    (nid,) = col.find_notes(f"Key:{uuid.UUID(int=1)}")
    assert {c.did for c in col.get_note(nid).cards()} == {
        col.decks.id_for_name(f"{COURSE}::At the city hall")
    }


def test_an_item_in_two_lessons_is_exported_once_in_the_first(col: Collection) -> None:
    import_apkg(col, build_package(course((card(1),), (card(1), card(2)))))
    assert col.note_count() == 2
    (nid,) = col.find_notes(f"Key:{uuid.UUID(int=1)}")
    assert {c.did for c in col.get_note(nid).cards()} == {
        col.decks.id_for_name(f"{COURSE}::At the city hall")
    }


# --- identities: stable, distinct, pinned --------------------------------------------------------


@pytest.mark.parametrize("key", ["survival-japanese", "survival-japanese/city-hall", "", "x" * 500])
def test_deck_ids_are_positive_31_bit(key: str) -> None:
    assert 1 << 30 <= deck_id(key) < 1 << 31


def test_identities_are_pinned() -> None:
    # Learners' collections hold these: a change here would orphan their notes and decks.
    assert MODEL_ID == 1_607_392_319
    assert FIELDS == (
        "Expression",
        "Reading",
        "Meaning",
        "Sentence",
        "SentenceMeaning",
        "Lesson",
        "Key",
    )
    assert TEMPLATE_NAMES == ("Recognition", "Recall")
    assert deck_id("survival-japanese") == 1_502_142_997
    assert deck_id("survival-japanese/city-hall") == 1_854_379_453
    assert note_guid("00000000-0000-0000-0000-000000000001") == "dZ7L?VuNSb"


def test_course_and_lesson_deck_ids_are_distinct() -> None:
    keys = ["survival-japanese", *(f"survival-japanese/lesson-{i}" for i in range(200))]
    keys += ["work-japanese", "work-japanese/survival-japanese", "survival"]
    assert len({deck_id(k) for k in keys}) == len(keys)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("3F2A6A3E-1111-4222-8333-444455556666", "3f2a6a3e-1111-4222-8333-444455556666"),
        ("{3f2a6a3e-1111-4222-8333-444455556666}", "3f2a6a3e-1111-4222-8333-444455556666"),
        ("3f2a6a3e111142228333444455556666", "3f2a6a3e-1111-4222-8333-444455556666"),
    ],
)
def test_note_guid_is_the_same_for_any_spelling_of_a_uuid(a: str, b: str) -> None:
    assert note_guid(a) == note_guid(b)


def test_note_guids_differ_between_items() -> None:
    guids = {note_guid(str(uuid.UUID(int=n))) for n in range(5000)}
    assert len(guids) == 5000


def test_same_input_and_timestamp_give_the_same_bytes() -> None:
    decks = course((card(1), card(2)), (card(3),))
    assert build_package(decks, timestamp=T0) == build_package(decks, timestamp=T0)


def test_exports_at_different_times_keep_guids_and_deck_ids(tmp_path: Path) -> None:
    decks = course((card(1), card(2)), (card(3),))
    seen = []
    for n, stamp in enumerate([T0, T0 + 3600]):
        c = Collection(str(tmp_path / f"{n}.anki2"))
        try:
            import_apkg(c, build_package(decks, timestamp=stamp))
            seen.append(sorted(c.get_note(nid).guid for nid in c.find_notes("")))
        finally:
            c.close()
    assert seen[0] == seen[1]
    assert seen[0] == sorted(note_guid(str(uuid.UUID(int=n))) for n in (1, 2, 3))


def test_package_decks_carry_the_derived_ids() -> None:
    data = build_package(course((card(1),)), timestamp=T0)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert sorted(zf.namelist()) == ["collection.anki2", "media"]
        db = zf.read("collection.anki2")
    conn = sqlite3.connect(":memory:")
    conn.deserialize(db)
    decks = json.loads(conn.execute("SELECT decks FROM col").fetchone()[0])
    conn.close()
    ids = {d["name"]: d["id"] for d in decks.values()}
    assert ids[COURSE] == deck_id("survival-japanese")
    assert ids[f"{COURSE}::At the city hall"] == deck_id("survival-japanese/city-hall")


# --- escaping: tutor text never becomes markup ---------------------------------------------------

HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"]


@pytest.mark.parametrize("payload", HOSTILE)
@pytest.mark.parametrize(
    "where",
    ["meaning", "expression", "sentence_meaning", "lesson", "reading_anki", "sentence_anki"],
)
def test_hostile_text_reaches_the_card_as_text(col: Collection, payload: str, where: str) -> None:
    if where == "meaning":
        item = card(1, meanings=(("my", payload), ("en", payload)))
    else:
        item = card(1, **{where: payload})
    import_apkg(col, build_package(course((item,))))

    fields = only_note_fields(col)
    rendered = "".join(
        col.get_card(cid).question() + col.get_card(cid).answer() for cid in col.find_cards("")
    )
    for html in [*fields.values(), rendered]:
        assert "<script" not in html
        assert "<img" not in html
    escaped = payload.replace("<", "&lt;").replace(">", "&gt;")
    assert escaped in rendered


def test_html_in_plain_text_is_escaped_in_the_field(col: Collection) -> None:
    item = card(1, meanings=(("en", 'a & b "c" [sound:x.mp3] <b>'),))
    import_apkg(col, build_package(course((item,))))
    assert only_note_fields(col)["Meaning"] == (
        '<span lang="en" class="en">a &amp; b &quot;c&quot; &#91;sound:x.mp3&#93; &lt;b&gt;</span>'
    )


def test_field_separator_in_text_cannot_shift_fields(col: Collection) -> None:
    item = card(1, meanings=(("en", "tea\x1fevil"),), reading_anki="茶[ちゃ]\x1f\x00")
    import_apkg(col, build_package(course((item,))))
    fields = only_note_fields(col)
    assert fields["Meaning"] == '<span lang="en" class="en">teaevil</span>'
    assert fields["Reading"] == "茶[ちゃ]"
    assert fields["Key"] == str(uuid.UUID(int=1))


# --- invalid input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("decks", "message"),
    [
        ([DeckSpec("c", "C", (card(1, tags=("has space",)),))], "tag"),
        ([DeckSpec("c", "C", (card(1, tags=("",)),))], "tag"),
        ([DeckSpec("c", "C", (card(1, tags=("tab\there",)),))], "tag"),
        ([DeckSpec("c", "C", (card(1, meanings=(('en" onclick="x', "t"),)),))], "language"),
        ([DeckSpec("c", "C"), DeckSpec("c", "D")], "twice"),
        ([DeckSpec("c", "C"), DeckSpec("d", "C")], "twice"),
        ([DeckSpec("c", "  ")], "no name"),
    ],
)
def test_invalid_input_is_refused(decks: list[DeckSpec], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        build_package(decks)


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("level", "A1", "kasumi::level::A1"),
        ("topic", "city hall", "kasumi::topic::city-hall"),
        ("topic", "  city \t hall\u3000office ", "kasumi::topic::city-hall-office"),
        ("lesson", "city-hall", "kasumi::lesson::city-hall"),
    ],
)
def test_tag_builds_anki_tags_without_spaces(kind: str, value: str, expected: str) -> None:
    assert tag(kind, value) == expected


# --- purity: no files, no Django ----------------------------------------------------------------


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tempfile.gettempdir() (and SQLite's TMPDIR) as a fresh directory of this test alone, so
    files made by other processes meanwhile cannot disturb the count."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    monkeypatch.setenv("TMPDIR", str(tmp))
    return tmp


def test_building_packages_leaves_no_temporary_files(private_tmp: Path) -> None:
    assert tempfile.gettempdir() == str(private_tmp)
    before = len(os.listdir(tempfile.gettempdir()))
    for n in range(5):
        assert build_package(course((card(n), card(n + 10))))[:2] == b"PK"
    assert len(os.listdir(tempfile.gettempdir())) == before == 0


def test_the_temp_file_check_catches_genankis_own_writer(private_tmp: Path) -> None:
    import genanki

    deck = genanki.Deck(deck_id("x"), "X")
    genanki.Package(deck).write_to_file(io.BytesIO())
    assert len(os.listdir(private_tmp)) == 1  # genanki 0.13 leaves its database behind


def test_engine_imports_without_django() -> None:
    code = (
        "import sys, lessons.anki as a, tests.bench.anki; "
        "a.build_package([a.DeckSpec('c', 'C')]); "
        "sys.exit(1 if any(m == 'django' or m.startswith('django.') for m in sys.modules) else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, check=False)
    assert result.returncode == 0, result.stderr.decode()
