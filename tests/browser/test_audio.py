"""Listening in a real browser at phone size: a word and a sentence, slow too; a listening
exercise answered by ear; the plain audio element without JavaScript; no sideways scroll with
every player shown, with and without JavaScript; and the tutor's preview playing the lesson."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from playwright.sync_api import expect

from learning.audio.services import audio_synthesize
from learning.roles import Role
from lessons.models import Exercise, Lesson, VocabularyItem
from lessons.selectors import lesson_speech, speech_for
from tests.browser.players import RECORDER, play_plain, wait_ended
from tests.browser.test_lesson import FIXTURE
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

LESSON = "/courses/survival-japanese/greetings/"


@pytest.fixture
def greetings(db):
    call_command("loaddata", str(FIXTURE), verbosity=0)
    call_command("refresh_furigana", verbosity=0)
    word = VocabularyItem.objects.filter(lesson__slug="greetings").order_by("order").first()
    listening = Exercise.objects.get(lesson__slug="greetings", kind=Exercise.Kind.LISTENING)
    for key in (
        word.word_audio,
        word.sentence_audio,
        speech_for(listening.ruby, listening.data["sentence"]).key,
    ):
        audio_synthesize(key=key)
    return word, listening


def test_learner_plays_a_word_and_a_sentence_slowly(phone, greetings):
    word, _listening = greetings
    phone.add_init_script(RECORDER)
    phone.goto(LESSON)
    row = phone.locator(".vocabulary tr").filter(has_text=word.example)
    play = row.get_by_role("button", name=f"Listen: {word.expression}")
    expect(play).to_be_visible()
    box = play.bounding_box()
    assert box["width"] >= 44
    assert box["height"] >= 44
    # JavaScript took over: buttons instead of the plain player.
    expect(row.locator("audio").first).to_be_hidden()

    play.focus()  # keyboard: reach the button and press Enter
    phone.keyboard.press("Enter")
    wait_ended(phone, 1)
    slow_sentence = row.locator(".example").get_by_role("button", name="Listen slowly")
    slow_sentence.click()
    wait_ended(phone, 2)
    plays = phone.evaluate("window.__plays")
    assert [p["rate"] for p in plays] == [1, 0.75]
    assert re.search(rf"/{word.word_audio}\.mp3$", plays[0]["src"])
    assert re.search(rf"/{word.sentence_audio}\.mp3$", plays[1]["src"])
    expect(phone.locator(".play-error")).to_have_count(0)


def test_a_listening_exercise_is_answered_by_ear(phone, greetings):
    _word, listening = greetings
    phone.add_init_script(RECORDER)
    phone.goto(LESSON)
    section = phone.locator(f"#exercise-{listening.pk}")
    section.get_by_role("button", name="Listen", exact=False).first.click()
    wait_ended(phone, 1)
    section.locator("label.choice").filter(
        has=phone.locator(f"input[value='{listening.data['answer']}']")
    ).click()
    section.get_by_role("button", name="Check").click()
    expect(section.locator(".feedback .verdict")).to_have_text("✓ Correct!")


def test_without_javascript_the_audio_element_plays(phone_without_js, greetings):
    word, _listening = greetings
    page = phone_without_js
    page.goto(LESSON)
    row = page.locator(".vocabulary tr").filter(has_text=word.example)
    element = row.locator("audio").first
    expect(element).to_be_visible()
    expect(element).to_have_attribute("preload", "none")
    expect(element).to_have_attribute("controls", "")
    expect(row.get_by_role("button", name=f"Listen: {word.expression}")).to_be_hidden()
    assert play_plain(page, element, seconds=10) > 0.3


def _overflow(page):
    """How far the page scrolls sideways (0: it fits), and the audio elements that stick out."""
    return page.evaluate(
        """() => {
          const width = document.documentElement.clientWidth;
          const out = [...document.querySelectorAll('audio')].filter(
            a => a.getClientRects().length && a.getBoundingClientRect().right > width + 0.5);
          return [document.documentElement.scrollWidth - width, out.length];
        }"""
    )


@pytest.fixture
def greetings_heard(greetings):
    """Every clip of the greetings lesson made: a player beside each word, sentence and line."""
    lesson = Lesson.objects.get(slug="greetings")
    for found in lesson_speech(lesson):
        audio_synthesize(key=found.key)
    return lesson


@pytest.mark.parametrize("javascript", [False, True], ids=["without-js", "with-js"])
def test_the_players_keep_the_lesson_at_phone_width(request, greetings_heard, javascript, tmp_path):
    page = request.getfixturevalue("phone" if javascript else "phone_without_js")
    page.goto(LESSON)
    words = page.locator(".vocabulary")
    if javascript:
        expect(words.locator("audio").first).to_be_hidden()
        expect(words.locator("button.play").first).to_be_visible()
    else:
        # Each word and example sentence has its plain player, inside the word's card.
        expect(words.locator("audio").first).to_be_visible()
        assert words.locator("audio:visible").count() == 2 * words.locator("tbody tr").count()
    assert _overflow(page) == [0, 0]
    page.screenshot(path=tmp_path / "lesson-360.png", full_page=True)


def test_the_tutor_preview_plays_the_lesson(phone, greetings_heard):
    Group.objects.get_or_create(name=Role.TUTOR.value)
    tutor = UserFactory(username="tutor-hana", roles=[Role.TUTOR])
    course = greetings_heard.course
    course.owner = tutor
    course.save()
    phone.add_init_script(RECORDER)
    phone.goto("/accounts/login/")
    phone.fill("#id_username", "tutor-hana")
    phone.fill("#id_password", PASSWORD)
    phone.get_by_role("button", name="Log in").click()
    expect(phone.get_by_text("Signed in as tutor-hana")).to_be_visible()

    phone.goto(f"/teach/lessons/{greetings_heard.pk}/preview/")
    expect(phone.locator(".preview-banner")).to_be_visible()
    passage = phone.locator("section.passage").first
    lines = passage.locator(".line [data-player]")
    passage.get_by_role("button", name="Play all").click()
    wait_ended(phone, lines.count())
    plays = phone.evaluate("window.__plays")
    wanted = lines.locator("audio").evaluate_all("els => els.map(a => a.src)")
    assert [p["src"] for p in plays] == wanted  # every line, in order
    row = phone.locator(".vocabulary tbody tr").first
    row.get_by_role("button", name="Listen slowly").first.click()
    wait_ended(phone, lines.count() + 1)
    assert phone.evaluate("window.__plays")[-1]["rate"] == 0.75
    expect(phone.locator(".play-error")).to_have_count(0)
    assert _overflow(phone) == [0, 0]

    # The workspace page plays each part too.
    phone.goto(f"/teach/lessons/{greetings_heard.pk}/")
    phone.locator("#vocabulary").get_by_role("button", name="Listen", exact=False).first.click()
    wait_ended(phone, 1)
    assert _overflow(phone) == [0, 0]
