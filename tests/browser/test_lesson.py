"""A lesson in a real browser at phone size: furigana switch, every exercise kind, no JavaScript.

The demo course (fixtures/survival_japanese.json) is loaded into each test's database; the
answers typed and picked here are read from that same file, the way a learner would know them.
"""

import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from learning.audio.services import audio_synthesize
from lessons.models import Exercise
from lessons.selectors import speech_for

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "fixtures" / "survival_japanese.json"
COURSE = "survival-japanese"
KINDS = ("choice", "reading", "cloze", "ordering", "matching", "listening")

# Hepburn for the kana of the demo readings: a person types "nihongo", not にほんご.
_ROWS = {
    "": "あいうえお", "k": "かきくけこ", "s": "さしすせそ", "t": "たちつてと",
    "n": "なにぬねの", "h": "はひふへほ", "m": "まみむめも", "r": "らりるれろ",
    "g": "がぎぐげご", "z": "ざじずぜぞ", "d": "だぢづでど", "b": "ばびぶべぼ",
    "p": "ぱぴぷぺぽ",
}  # fmt: skip
_KANA = {kana: c + v for c, row in _ROWS.items() for v, kana in zip("aiueo", row, strict=True)}
_KANA |= {"し": "shi", "ち": "chi", "つ": "tsu", "ふ": "fu", "じ": "ji", "ぢ": "ji", "づ": "zu"}
_KANA |= {"や": "ya", "ゆ": "yu", "よ": "yo", "わ": "wa", "を": "o", "ん": "n"}
_SMALL = {"ゃ": "a", "ゅ": "u", "ょ": "o"}


def hepburn(kana):
    """Romaji for hiragana, as typed on a Latin keyboard: にほんご → nihongo, きっぷ → kippu."""
    out = ""
    double = False
    for ch in kana:
        if ch == "っ":
            double = True
        elif ch in _SMALL:  # き+ゃ → kya; し+ゅ → shu; じ+ょ → jo
            out = out[:-1] + ("" if out[:-1].endswith(("sh", "ch", "j")) else "y") + _SMALL[ch]
        else:
            romaji = _KANA[ch]
            out += romaji[0] + romaji if double else romaji
            double = False
    return out


def _fixture():
    records = json.loads(FIXTURE.read_text(encoding="utf-8"))
    lessons = {r["pk"]: r["fields"]["slug"] for r in records if r["model"] == "lessons.lesson"}
    exercises = [
        {**r["fields"], "pk": r["pk"], "lesson": lessons[r["fields"]["lesson"]]}
        for r in records
        if r["model"] == "lessons.exercise"
    ]
    return lessons, exercises


@pytest.fixture
def demo_course(db):
    call_command("loaddata", str(FIXTURE), verbosity=0)
    call_command("refresh_furigana", verbosity=0)
    # The listening exercises' clips, as a queue worker would make them (the others are not
    # needed here, and synthesis is kept short in the suite).
    for exercise in Exercise.objects.filter(kind=Exercise.Kind.LISTENING):
        found = speech_for(exercise.ruby, exercise.data["sentence"])
        audio_synthesize(key=found.key)


def _horizontal_overflow(page):
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def _lesson_url(slug):
    return f"/courses/{COURSE}/{slug}/"


# --- 1. Furigana switch ---------------------------------------------------------------------


def test_learner_opens_a_lesson_and_switches_furigana_off_and_on(phone, demo_course):
    phone.goto(_lesson_url("greetings"))
    article = phone.locator("article#lesson")
    switch = phone.locator("[data-toggle=furigana]")
    ruby_text = phone.locator("#lesson rt")
    assert ruby_text.count() > 5, "the lesson shows furigana over its kanji"
    expect(ruby_text.first).to_be_visible()
    expect(article).not_to_have_class(re.compile(r"\bfurigana-off\b"))
    expect(switch).to_have_attribute("aria-pressed", "true")
    assert _horizontal_overflow(phone) <= 0

    # Off: hidden at once; the choice is saved in the background.
    with phone.expect_response("**/courses/display/") as saved:
        switch.click()
    assert saved.value.ok
    expect(article).to_have_class(re.compile(r"\bfurigana-off\b"))
    expect(switch).to_have_attribute("aria-pressed", "false")
    expect(ruby_text.first).to_be_hidden()
    assert ruby_text.first.evaluate("el => getComputedStyle(el).display") == "none"
    assert _horizontal_overflow(phone) <= 0

    # Remembered in the session: still off after a reload (served from the server this time).
    phone.reload()
    expect(article).to_have_class(re.compile(r"\bfurigana-off\b"))
    expect(switch).to_have_attribute("aria-pressed", "false")
    expect(ruby_text.first).to_be_hidden()
    assert ruby_text.evaluate_all("els => els.every(el => getComputedStyle(el).display === 'none')")

    # On again.
    with phone.expect_response("**/courses/display/") as saved:
        switch.click()
    assert saved.value.ok
    expect(article).not_to_have_class(re.compile(r"\bfurigana-off\b"))
    expect(switch).to_have_attribute("aria-pressed", "true")
    expect(ruby_text.first).to_be_visible()
    phone.reload()
    expect(ruby_text.first).to_be_visible()
    expect(switch).to_have_attribute("aria-pressed", "true")
    assert _horizontal_overflow(phone) <= 0


# --- 2. Every kind, with JavaScript ----------------------------------------------------------


def _choice_label(section, index):
    """The label a person taps for the radio button with this value."""
    return section.locator("label.choice").filter(
        has=section.page.locator(f"input[type=radio][value='{index}']")
    )


def _fill_answer(page, section, exercise):
    """Answer an exercise correctly, the way a person would."""
    kind, data = exercise["kind"], exercise["data"]
    if kind in ("choice", "listening"):
        _choice_label(section, data["answer"]).click()
    elif kind == "reading":
        section.get_by_label("Type the reading").fill(hepburn(data["answers"][0]))
    elif kind == "cloze":
        if "choices" in data:
            exact = re.compile(rf"^\s*{re.escape(data['answers'][0])}\s*$")
            section.locator("label.choice").filter(has_text=exact).click()
        else:
            section.get_by_role("textbox").fill(data["answers"][0])
    elif kind == "ordering":
        tiles = data["tiles"]
        for index in range(len(tiles)):
            section.locator(f".tile[data-index='{index}']").click()
        # The sentence built so far is shown, word by word, with the tiles' furigana.
        built = section.locator("[data-built]")
        expect(built).to_be_visible()
        base = built.evaluate(
            "el => { const c = el.cloneNode(true);"
            " c.querySelectorAll('rt, rp').forEach(r => r.remove()); return c.textContent; }"
        )
        assert base == " ".join(tiles)
        if any(re.search("[\u4e00-\u9fff]", tile) for tile in tiles):
            assert built.locator("rt").count() > 0
        expect(section.locator(".tile:enabled")).to_have_count(0)
    elif kind == "matching":
        selects = section.locator("select")
        expect(selects).to_have_count(len(data["pairs"]))
        for i, (_left, right) in enumerate(data["pairs"]):
            selects.nth(i).select_option(label=right)
    else:  # pragma: no cover - a new kind needs a way to answer it here
        raise AssertionError(f"no way to answer {kind}")


def _check(section):
    verdict = section.locator(".feedback .verdict")
    section.get_by_role("button", name="Check").click()
    expect(verdict).to_be_visible()
    return verdict


def _exercises_covering_every_kind(exercises):
    by_lesson = {}
    for exercise in exercises:
        by_lesson.setdefault(exercise["lesson"], []).append(exercise)
    main = max(by_lesson, key=lambda slug: len({e["kind"] for e in by_lesson[slug]}))
    plan = [(main, by_lesson[main])]
    missing = set(KINDS) - {e["kind"] for e in by_lesson[main]}
    for kind in sorted(missing):
        other = next(e for e in exercises if e["kind"] == kind)
        plan.append((other["lesson"], [other]))
    assert {e["kind"] for _slug, items in plan for e in items} == set(KINDS)
    return main, plan


def test_learner_answers_every_kind_and_completes_the_lesson(phone, demo_course):
    _lessons, exercises = _fixture()
    main, plan = _exercises_covering_every_kind(exercises)
    wrong_done = False
    for slug, items in plan:
        phone.goto(_lesson_url(slug))
        # JavaScript has taken over: tiles instead of per-position lists.
        expect(phone.locator(".tile").first).to_be_visible()
        expect(phone.locator("[data-positions]").first).to_be_hidden()
        for exercise in items:
            section = phone.locator(f"#exercise-{exercise['pk']}")
            expect(section).to_be_visible()
            if not wrong_done and exercise["kind"] == "choice":
                data = exercise["data"]
                wrong = (data["answer"] + 1) % len(data["choices"])
                _choice_label(section, wrong).click()
                verdict = _check(section)
                expect(verdict).to_have_class(re.compile(r"\bverdict-wrong\b"))
                expect(verdict).to_contain_text(
                    f"Not quite. Answer: {data['choices'][data['answer']]}"
                )
                wrong_done = True
            url_before = phone.url
            _fill_answer(phone, section, exercise)
            verdict = _check(section)
            expect(verdict).to_have_class(re.compile(r"\bverdict-correct\b"))
            expect(verdict).to_have_text("✓ Correct!")
            assert phone.url == url_before, "feedback came without leaving the page"
        if slug == main:
            progress = phone.locator("#lesson-progress")
            # The last answer to each exercise counts: all right in the end.
            expect(progress).to_contain_text("Lesson complete! Your score: 100%")
            assert _horizontal_overflow(phone) <= 0
    assert wrong_done

    # The course page knows: the lesson is completed; lessons not finished are not.
    phone.goto(f"/courses/{COURSE}/")
    card = phone.locator(".lesson-list li.card").filter(has=phone.locator(f"a[href$='/{main}/']"))
    expect(card.locator(".progress-line")).to_contain_text("Completed")
    expect(card.locator(".badge-done")).to_be_visible()
    untouched = [slug for slug in _lessons.values() if slug not in {s for s, _ in plan}]
    for slug in untouched:
        other = phone.locator(".lesson-list li.card").filter(
            has=phone.locator(f"a[href$='/{slug}/']")
        )
        expect(other.locator(".progress-line")).to_contain_text("Not started")


# --- 3. Without JavaScript -------------------------------------------------------------------


def test_the_lesson_works_without_javascript(browser, live_server, demo_course):
    _lessons, exercises = _fixture()
    choice = next(e for e in exercises if e["lesson"] == "greetings" and e["kind"] == "choice")
    ordering = next(e for e in exercises if e["lesson"] == "greetings" and e["kind"] == "ordering")
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        locale="en-GB",
        base_url=live_server.url,
        java_script_enabled=False,
    )
    try:
        page = context.new_page()
        page.goto(_lesson_url("greetings"))

        # Ordering shows a list per position; the tap tiles stay hidden.
        section = page.locator(f"#exercise-{ordering['pk']}")
        selects = section.locator("[data-positions] select")
        expect(selects).to_have_count(len(ordering["data"]["tiles"]))
        for i in range(len(ordering["data"]["tiles"])):
            expect(selects.nth(i)).to_be_visible()
        expect(section.get_by_label("Word 1", exact=True)).to_be_visible()
        expect(section.locator(".tile").first).to_be_hidden()

        # A choice, answered through the plain form: POST, redirect, verdict on the page.
        section = page.locator(f"#exercise-{choice['pk']}")
        _choice_label(section, choice["data"]["answer"]).click()
        with page.expect_navigation():
            section.get_by_role("button", name="Check").click()
        assert page.url.endswith(f"{_lesson_url('greetings')}#exercise-{choice['pk']}")
        verdict = section.locator(".feedback .verdict")
        expect(verdict).to_be_visible()
        expect(verdict).to_contain_text("Correct!")
        expect(page.locator("#lesson-progress")).to_contain_text(
            f"1 of {sum(e['lesson'] == 'greetings' for e in exercises)} exercises answered"
        )

        # The ordering answered through its lists, the right word in each position.
        section = page.locator(f"#exercise-{ordering['pk']}")
        for i, tile in enumerate(ordering["data"]["tiles"]):
            # Each option is the word with its reading in brackets while furigana are on.
            select = section.get_by_label(f"Word {i + 1}", exact=True)
            labels = select.locator("option").all_inner_texts()
            label = next(t for t in labels if t == tile or t.startswith(tile + "（"))
            if re.search("[\u4e00-\u9fff]", tile):
                assert label != tile, "a word with kanji shows its reading in the list"
            select.select_option(label=label)
        with page.expect_navigation():
            section.get_by_role("button", name="Check").click()
        verdict = section.locator(".feedback .verdict")
        expect(verdict).to_contain_text("Correct!")
        # The verdict is shown once: a reload shows the plain page again.
        page.reload()
        expect(page.locator(".feedback .verdict")).to_have_count(0)
        assert _horizontal_overflow(page) <= 0
    finally:
        context.close()
