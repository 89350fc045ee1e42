"""Tables and properties for lessons.exercises: data schemas, what learners see, grading."""

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessons.exercises import (
    ANSWER_PROBLEMS,
    KINDS,
    ExerciseDataError,
    InvalidAnswer,
    Verdict,
    display,
    grade,
    validate_data,
)

ROOT = Path(__file__).resolve().parents[2]

CHOICE = {"question": "「いぬ」は？", "choices": ["cat", "dog", "bird"], "answer": 1}
LISTENING = {
    "sentence": "駅はどこですか。",
    "choices": ["Where is the station?", "Hello"],
    "answer": 0,
}
READING = {"word": "食べる", "answers": ["たべる"]}
READING_TWO = {"word": "日本", "answers": ["にほん", "にっぽん"]}
CLOZE = {"before": "私", "after": "学生です。", "answers": ["は"]}
CLOZE_KANJI = {"before": "", "after": "へ行きます。", "answers": ["学校"]}
CLOZE_CHOICES = {
    "before": "水",
    "after": "飲みます。",
    "answers": ["を"],
    "choices": ["が", "を", "に"],
}
ORDERING = {"tiles": ["私は", "毎朝", "七時に", "起きます。"], "translation": "I get up at 7."}
ORDERING_DUP = {"tiles": ["とても", "とても", "寒い"]}
MATCHING = {"pairs": [["水", "water"], ["火", "fire"], ["木", "tree"]]}

VALID: dict[str, dict[str, Any]] = {
    "choice": CHOICE,
    "listening": LISTENING,
    "reading": READING,
    "cloze": CLOZE_CHOICES,
    "ordering": ORDERING,
    "matching": MATCHING,
}

# (kind, data, a word the error message must contain)
DATA_ERRORS: list[tuple[str, object, str]] = [
    ("quiz", CHOICE, "unknown exercise kind"),
    ("choice", ["dog", "cat"], "object"),
    ("choice", None, "object"),
    ("choice", {"choices": ["a", "b"]}, "missing key 'answer'"),
    ("choice", {**CHOICE, "hint": "x"}, "unknown key"),
    ("choice", {"choices": ["a"], "answer": 0}, "2 to 8"),
    ("choice", {"choices": [str(i) for i in range(9)], "answer": 0}, "2 to 8"),
    ("choice", {"choices": ["犬", "犬 "], "answer": 0}, "choices[1]: duplicate of choices[0]"),
    ("choice", {"choices": ["ア", "ｱ"], "answer": 0}, "duplicate"),
    ("choice", {"choices": ["a", "  "], "answer": 0}, "empty"),
    ("choice", {"choices": ["a", 3], "answer": 0}, "string"),
    ("choice", {"choices": "ab", "answer": 0}, "list"),
    ("choice", {"choices": ["a", "b"], "answer": 2}, "out of range"),
    ("choice", {"choices": ["a", "b"], "answer": -1}, "out of range"),
    ("choice", {"choices": ["a", "b"], "answer": True}, "whole number"),
    ("choice", {"choices": ["a", "b"], "answer": "1"}, "whole number"),
    ("choice", {"choices": ["a" * 501, "b"], "answer": 0}, "too long"),
    ("choice", {"choices": ["a\x00", "b"], "answer": 0}, "control character"),
    ("choice", {**CHOICE, "question": ""}, "empty"),
    ("listening", {"sentence": "Hello", "choices": ["a", "b"], "answer": 0}, "Japanese"),
    ("listening", {"choices": ["a", "b"], "answer": 0}, "missing key 'sentence'"),
    ("reading", {"word": "食べる", "answers": []}, "1 to 5"),
    ("reading", {"word": "食べる", "answers": ["たべる"] * 6}, "1 to 5"),
    ("reading", {"word": "食べる", "answers": ["食べる"]}, "kana or romaji"),
    ("reading", {"word": "", "answers": ["たべる"]}, "empty"),
    ("cloze", {"before": "", "after": " ", "answers": ["は"]}, "at least one"),
    ("cloze", {**CLOZE, "choices": ["が", "を"]}, "not among the choices"),
    ("cloze", {**CLOZE, "choices": ["は"]}, "2 to 8"),
    ("cloze", {"before": "私", "answers": ["は"]}, "missing key 'after'"),
    ("cloze", {"before": "私", "after": 5, "answers": ["は"]}, "string"),
    ("ordering", {"tiles": ["ひとつ"]}, "2 to 12"),
    ("ordering", {"tiles": [str(i) for i in range(13)]}, "2 to 12"),
    ("ordering", {"tiles": ["はい", "はい"]}, "two different"),
    ("ordering", {"tiles": ["a", "b"], "translation": 3}, "string"),
    ("matching", {"pairs": [["水", "water"]]}, "2 to 8"),
    ("matching", {"pairs": [["水", "water"], ["水", "fire"]]}, "pairs[1][0]: duplicate"),
    ("matching", {"pairs": [["水", "water"], ["火", "water"]]}, "pairs[1][1]: duplicate"),
    ("matching", {"pairs": [["水", "water"], ["火"]]}, "[left, right]"),
    ("matching", {"pairs": [["水", "water"], "火=fire"]}, "[left, right]"),
]


@pytest.mark.parametrize(("kind", "data", "word"), DATA_ERRORS)
def test_broken_data_is_refused_with_a_message_naming_the_problem(kind, data, word):
    with pytest.raises(ExerciseDataError) as info:
        validate_data(kind, data)
    assert word in str(info.value)


NORMALISED: list[tuple[str, object, dict[str, Any]]] = [
    (
        "choice",
        {"choices": [" 犬 ", "猫"], "answer": 0},
        {"choices": ["犬", "猫"], "answer": 0},
    ),
    (
        "cloze",
        {"before": " 私 ", "after": "", "answers": ["は "]},
        {"before": "私", "after": "", "answers": ["は"]},
    ),
    (
        "matching",
        {"pairs": [(" 水", "water "), ("火", "fire")]},
        {"pairs": [["水", "water"], ["火", "fire"]]},
    ),
    (
        "reading",
        {"word": "食べる", "answers": [" taberu"]},
        {"word": "食べる", "answers": ["taberu"]},
    ),
]


@pytest.mark.parametrize(("kind", "data", "expected"), NORMALISED)
def test_valid_data_comes_back_stripped_and_as_plain_json(kind, data, expected):
    assert validate_data(kind, data) == expected


@pytest.mark.parametrize("kind", KINDS)
def test_validation_is_idempotent(kind):
    once = validate_data(kind, VALID[kind])
    assert validate_data(kind, once) == once
    assert json.loads(json.dumps(once)) == once


# (kind, data, answer, correct, score)
GRADES: list[tuple[str, dict[str, Any], dict[str, object], bool, float]] = [
    ("choice", CHOICE, {"choice": 1}, True, 1.0),
    ("choice", CHOICE, {"choice": "1"}, True, 1.0),
    ("choice", CHOICE, {"choice": " 1 "}, True, 1.0),
    ("choice", CHOICE, {"choice": 0}, False, 0.0),
    ("choice", CHOICE, {"choice": "2", "csrfmiddlewaretoken": "x"}, False, 0.0),
    ("listening", LISTENING, {"choice": 0}, True, 1.0),
    ("listening", LISTENING, {"choice": "1"}, False, 0.0),
    ("reading", READING, {"text": "たべる"}, True, 1.0),
    ("reading", READING, {"text": "タベル"}, True, 1.0),
    ("reading", READING, {"text": "ﾀﾍﾞﾙ"}, True, 1.0),
    ("reading", READING, {"text": "taberu"}, True, 1.0),
    ("reading", READING, {"text": " TABERU "}, True, 1.0),
    ("reading", READING, {"text": "たべた"}, False, 0.0),
    ("reading", READING, {"text": "食べる"}, False, 0.0),
    ("reading", READING_TWO, {"text": "nippon"}, True, 1.0),
    ("reading", READING_TWO, {"text": "ニホン"}, True, 1.0),
    ("reading", READING_TWO, {"text": "にほんご"}, False, 0.0),
    ("cloze", CLOZE, {"text": "は"}, True, 1.0),
    ("cloze", CLOZE, {"text": "ha"}, True, 1.0),  # typed as an IME spells は
    ("cloze", CLOZE, {"text": "が"}, False, 0.0),
    ("cloze", CLOZE_KANJI, {"text": "学校"}, True, 1.0),
    ("cloze", CLOZE_KANJI, {"text": " 学校　"}, True, 1.0),
    ("cloze", CLOZE_KANJI, {"text": "がっこう"}, False, 0.0),
    ("cloze", CLOZE_KANJI, {"text": "病院"}, False, 0.0),
    ("cloze", {"before": "A", "after": "B", "answers": ["ＡＢＣ"]}, {"text": "ABC"}, True, 1.0),
    # Punctuation has no reading for answers_match; it still matches as written.
    ("cloze", {"before": "本当", "after": "", "answers": ["？"]}, {"text": "?"}, True, 1.0),
    ("cloze", {"before": "本当", "after": "", "answers": ["？"]}, {"text": "!"}, False, 0.0),
    ("cloze", CLOZE_CHOICES, {"choice": 1}, True, 1.0),
    ("cloze", CLOZE_CHOICES, {"choice": "0"}, False, 0.0),
    ("cloze", CLOZE_CHOICES, {"text": "を"}, True, 1.0),
    ("cloze", CLOZE_CHOICES, {"text": "o"}, True, 1.0),
    ("ordering", ORDERING, {"order": [0, 1, 2, 3]}, True, 1.0),
    ("ordering", ORDERING, {"order": "0,1,2,3"}, True, 1.0),
    ("ordering", ORDERING, {"order": " 0, 1 ,2,3 "}, True, 1.0),
    ("ordering", ORDERING, {"order": ["0", "1", "2", "3"]}, True, 1.0),
    ("ordering", ORDERING, {"order": [1, 0, 2, 3]}, False, 0.0),
    ("ordering", ORDERING, {"order": "3,2,1,0"}, False, 0.0),
    ("ordering", ORDERING_DUP, {"order": [1, 0, 2]}, True, 1.0),
    ("ordering", ORDERING_DUP, {"order": [0, 2, 1]}, False, 0.0),
    ("matching", MATCHING, {"matches": {0: 0, 1: 1, 2: 2}}, True, 1.0),
    ("matching", MATCHING, {"matches": {"2": "2", "0": "0", "1": 1}}, True, 1.0),
    ("matching", MATCHING, {"matches": {0: 1, 1: 0, 2: 2}}, False, 1 / 3),
    ("matching", MATCHING, {"matches": {0: 1, 1: 2, 2: 0}}, False, 0.0),
]


@pytest.mark.parametrize(("kind", "data", "answer", "correct", "score"), GRADES)
def test_grade_marks_answers(kind, data, answer, correct, score):
    verdict = grade(kind, data, answer)
    assert (verdict.correct, verdict.score) == (correct, pytest.approx(score))


EXPECTED: list[tuple[str, dict[str, Any], str]] = [
    ("choice", CHOICE, "dog"),
    ("listening", LISTENING, "Where is the station?"),
    ("reading", READING_TWO, "にほん"),
    ("cloze", CLOZE_KANJI, "学校"),
    ("ordering", ORDERING, "私は毎朝七時に起きます。"),
    ("matching", {"pairs": [["水", "water"], ["火", "fire"]]}, "水 = water; 火 = fire"),
]


@pytest.mark.parametrize(("kind", "data", "expected"), EXPECTED)
def test_a_wrong_answer_is_shown_the_correct_one(kind, data, expected):
    wrong: dict[str, dict[str, object]] = {
        "choice": {"choice": 0},
        "listening": {"choice": 1},
        "reading": {"text": "x"},
        "cloze": {"text": "x"},
        "ordering": {"order": [3, 2, 1, 0]},
        "matching": {"matches": {0: 1, 1: 0}},
    }
    assert grade(kind, data, wrong[kind]) == Verdict(correct=False, score=0.0, expected=expected)


# (kind, data, forged answer, a word the message must contain)
FORGED: list[tuple[str, dict[str, Any], object, str]] = [
    ("choice", CHOICE, {"choice": 3}, "out of range"),
    ("choice", CHOICE, {"choice": -1}, "out of range"),
    ("choice", CHOICE, {"choice": "-1"}, "whole number"),
    ("choice", CHOICE, {"choice": True}, "true/false"),
    ("choice", CHOICE, {"choice": 1.0}, "whole number"),
    ("choice", CHOICE, {"choice": "１"}, "whole number"),
    ("choice", CHOICE, {"choice": "²"}, "whole number"),
    ("choice", CHOICE, {"choice": 10**5000}, "huge number"),
    ("choice", CHOICE, {"choice": "9" * 5000}, "whole number"),
    ("choice", CHOICE, {"choice": None}, "whole number"),
    ("choice", CHOICE, {}, "missing 'choice'"),
    ("choice", CHOICE, [1], "object"),
    ("listening", LISTENING, {"choice": 2}, "out of range"),
    ("reading", READING, {"text": 5}, "string"),
    ("reading", READING, {"text": "   "}, "empty"),
    ("reading", READING, {"text": "あ" * 501}, "too long"),
    ("reading", READING, {"text": "た\ud800"}, "control character"),
    ("reading", READING, {"choice": 0}, "missing 'text'"),
    ("cloze", CLOZE, {"choice": 0}, "no choices"),
    ("cloze", CLOZE_CHOICES, {"choice": 3}, "out of range"),
    ("cloze", CLOZE_CHOICES, {"choice": 1, "text": "を"}, "not both"),
    ("cloze", CLOZE_CHOICES, {"text": ["を"]}, "string"),
    ("ordering", ORDERING, {"order": [0, 1, 2]}, "each of the 4"),
    ("ordering", ORDERING, {"order": [0, 1, 2, 3, 3]}, "each of the 4"),
    ("ordering", ORDERING, {"order": [0, 1, 1, 3]}, "more than once"),
    ("ordering", ORDERING, {"order": [0, 1, 2, 4]}, "out of range"),
    ("ordering", ORDERING, {"order": [0, 1, 2, -1]}, "out of range"),
    ("ordering", ORDERING, {"order": [0, 1, 2, True]}, "true/false"),
    ("ordering", ORDERING, {"order": "0,1,,3"}, "whole number"),
    ("ordering", ORDERING, {"order": ""}, "each of the 4"),
    ("ordering", ORDERING, {"order": "0," * 1000}, "too long"),
    ("ordering", ORDERING, {"order": {"0": 1}}, "list"),
    ("matching", MATCHING, {"matches": {0: 0, 1: 1}}, "all 3"),
    ("matching", MATCHING, {"matches": {0: 0, 1: 0, 2: 2}}, "only once"),
    ("matching", MATCHING, {"matches": {0: 0, "0": 1, 2: 2}}, "more than once"),
    ("matching", MATCHING, {"matches": {0: 0, 1: 1, 3: 2}}, "out of range"),
    ("matching", MATCHING, {"matches": {0: 0, 1: 1, 2: 9}}, "out of range"),
    ("matching", MATCHING, {"matches": [0, 1, 2]}, "object"),
    ("matching", MATCHING, {"matches": {0: 0, 1: 1, "x": 2}}, "whole number"),
]


@pytest.mark.parametrize(("kind", "data", "answer", "word"), FORGED)
def test_a_forged_answer_raises_invalid_answer_not_a_score(kind, data, answer, word):
    with pytest.raises(InvalidAnswer) as info:
        grade(kind, data, answer)
    assert word in str(info.value)


def test_grading_broken_stored_data_raises_exercise_data_error():
    with pytest.raises(ExerciseDataError, match="2 to 8"):
        grade("choice", {"choices": ["a"], "answer": 0}, {"choice": 0})


# --- display ------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(51))
@pytest.mark.parametrize("data", [ORDERING, ORDERING_DUP, {"tiles": ["b", "a"]}])
def test_ordering_display_is_never_the_solved_order(data, seed):
    tiles = display("ordering", data, seed)["tiles"]
    assert [tile["text"] for tile in tiles] != data["tiles"]
    assert sorted(tile["index"] for tile in tiles) == list(range(len(data["tiles"])))
    assert all(data["tiles"][tile["index"]] == tile["text"] for tile in tiles)


@pytest.mark.parametrize("seed", range(51))
def test_matching_display_never_lines_rights_up_with_lefts(seed):
    shown = display("matching", MATCHING, seed)
    assert shown["lefts"] == ["水", "火", "木"]
    assert [right["index"] for right in shown["rights"]] != [0, 1, 2]
    assert sorted(right["text"] for right in shown["rights"]) == ["fire", "tree", "water"]


@pytest.mark.parametrize(
    ("kind", "data"),
    [
        ("ordering", ORDERING),
        ("matching", MATCHING),
        ("cloze", CLOZE_CHOICES),
        ("ordering", {"tiles": [str(i) for i in range(12)]}),
    ],
)
def test_display_is_the_same_for_the_same_seed_and_varies_between_seeds(kind, data):
    assert display(kind, data, 7) == display(kind, data, 7)
    shown = {json.dumps(display(kind, data, seed)) for seed in range(20)}
    assert len(shown) > 1


# (kind, data, expected display)
DISPLAYS: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    ("choice", CHOICE, {"question": "「いぬ」は？", "choices": ["cat", "dog", "bird"]}),
    ("choice", {"choices": ["a", "b"], "answer": 1}, {"question": "", "choices": ["a", "b"]}),
    ("listening", LISTENING, {"sentence": "駅はどこですか。", "choices": LISTENING["choices"]}),
    ("reading", READING, {"word": "食べる"}),
    ("cloze", CLOZE, {"before": "私", "after": "学生です。", "choices": []}),
]


@pytest.mark.parametrize(("kind", "data", "expected"), DISPLAYS)
def test_display_shows_the_question_without_the_answer(kind, data, expected):
    assert display(kind, data, 0) == expected


def test_cloze_display_shuffles_choices_but_keeps_their_indices():
    shown = display("cloze", CLOZE_CHOICES, 3)["choices"]
    assert sorted((c["index"], c["text"]) for c in shown) == [(0, "が"), (1, "を"), (2, "に")]


def test_display_uses_its_own_random_generator_not_the_global_one():
    import random

    random.seed(1)
    first = display("ordering", {"tiles": [str(i) for i in range(12)]}, 5)
    random.seed(2)
    assert display("ordering", {"tiles": [str(i) for i in range(12)]}, 5) == first


# --- properties -----------------------------------------------------------------------------

JSON_LIKE = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True)
    | st.text(max_size=20)
    | st.sampled_from(["0", "1", "2", "3", "-1", "0,1,2,3", "3,2,1,0", " 1 ", "たべる"]),
    lambda inner: (
        st.lists(inner, max_size=6) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=20,
)
ANSWERS = (
    st.dictionaries(
        st.sampled_from(["choice", "text", "order", "matches"]) | st.text(max_size=5),
        JSON_LIKE
        | st.dictionaries(st.integers(-2, 9) | st.sampled_from(["0", "1", "2", "x"]), JSON_LIKE),
        max_size=3,
    )
    | JSON_LIKE
)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(kind=st.sampled_from(KINDS), answer=ANSWERS)
def test_grade_raises_nothing_but_invalid_answer(kind, answer):
    try:
        verdict: Verdict | InvalidAnswer = grade(kind, VALID[kind], answer)
    except InvalidAnswer as error:
        verdict = error
    if isinstance(verdict, InvalidAnswer):
        assert str(verdict)  # a message for the API client
    else:
        assert 0.0 <= verdict.score <= 1.0
        assert verdict.correct == (verdict.score == 1.0)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(kind=st.sampled_from(KINDS), data=JSON_LIKE)
def test_validate_data_raises_nothing_but_exercise_data_error(kind, data):
    try:
        clean: dict[str, Any] | ExerciseDataError = validate_data(kind, data)
    except ExerciseDataError as error:
        clean = error
    if isinstance(clean, ExerciseDataError):
        assert str(clean)
    else:
        assert validate_data(kind, clean) == clean


def test_exercises_import_no_django_in_a_fresh_interpreter():
    probe = (
        "import json, sys, lessons.exercises; "
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'django')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


@pytest.mark.parametrize(
    ("given", "expected", "correct"),
    [
        ("wa", "は", True),
        ("わ", "は", True),
        ("ha", "は", True),
        ("e", "へ", True),
        ("o", "を", True),
        ("wo", "を", True),
        ("ga", "は", False),
        ("wa", "が", False),
    ],
)
def test_particle_blanks_accept_the_spoken_form(given, expected, correct):
    data = {"before": "駅", "after": "どこですか。", "answers": [expected]}
    assert grade("cloze", data, {"text": given}).correct is correct


# --- Near misses and problems a learner can fix (issue 14) ------------------------------------


@pytest.mark.parametrize(
    ("kind", "data", "text", "hint"),
    [
        ("reading", {"word": "東京", "answers": ["とうきょう"]}, "tokyo", "long_vowel"),
        ("reading", {"word": "明日", "answers": ["あした", "あす"]}, "asu", None),  # also accepted
        (
            "cloze",
            {"before": "", "after": "に行きます。", "answers": ["がっこう"]},
            "gakou",
            "small_tsu",
        ),
        ("reading", {"word": "駅", "answers": ["えき"]}, "みず", None),
    ],
)
def test_a_typed_near_miss_is_wrong_with_a_hint(kind, data, text, hint):
    verdict = grade(kind, data, {"text": text})
    assert verdict.hint == hint
    if hint:
        assert not verdict.correct


@pytest.mark.parametrize(
    ("kind", "data", "answer", "code"),
    [
        ("reading", {"word": "駅", "answers": ["えき"]}, {"text": "  "}, "empty"),
        ("choice", {"choices": ["a", "b"], "answer": 0}, {"choice": ""}, "no_choice"),
        ("ordering", {"tiles": ["a", "b", "c"]}, {"order": "0,0,1"}, "tile_twice"),
        ("ordering", {"tiles": ["a", "b", "c"]}, {"order": "0,,1"}, "order_incomplete"),
        (
            "matching",
            {"pairs": [["a", "1"], ["b", "2"]]},
            {"matches": {"0": "1", "1": "1"}},
            "right_twice",
        ),
        (
            "matching",
            {"pairs": [["a", "1"], ["b", "2"]]},
            {"matches": {"0": "1", "1": ""}},
            "match_incomplete",
        ),
        ("choice", {"choices": ["a", "b"], "answer": 0}, {"choice": "x"}, "malformed"),
    ],
)
def test_an_answer_that_cannot_be_checked_says_why_as_a_code(kind, data, answer, code):
    with pytest.raises(InvalidAnswer) as info:
        grade(kind, data, answer)
    assert info.value.code == code
    assert code in ANSWER_PROBLEMS
