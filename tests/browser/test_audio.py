"""Listening in a real browser at phone size: a word and a sentence, slow too; a listening
exercise answered by ear; and the plain audio element without JavaScript."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from learning.audio.services import audio_synthesize
from lessons.models import Exercise, VocabularyItem
from lessons.selectors import speech_for
from tests.browser.test_lesson import FIXTURE

pytestmark = pytest.mark.django_db(transaction=True)

LESSON = "/courses/survival-japanese/greetings/"
# Records every play of a media element and every end of one, for the test to read.
RECORDER = """
window.__plays = []; window.__ended = [];
const play = HTMLMediaElement.prototype.play;
HTMLMediaElement.prototype.play = function () {
  window.__plays.push({src: this.currentSrc || this.src, rate: this.playbackRate});
  this.addEventListener("ended", () => window.__ended.push(this.src), {once: true});
  return play.call(this);
};
"""


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


def _ended(page, count):
    page.wait_for_function("n => window.__ended.length >= n", arg=count, timeout=20_000)


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
    _ended(phone, 1)
    slow_sentence = row.locator(".example").get_by_role("button", name="Listen slowly")
    slow_sentence.click()
    _ended(phone, 2)
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
    _ended(phone, 1)
    section.locator("label.choice").filter(
        has=phone.locator(f"input[value='{listening.data['answer']}']")
    ).click()
    section.get_by_role("button", name="Check").click()
    expect(section.locator(".feedback .verdict")).to_have_text("✓ Correct!")


def test_without_javascript_the_audio_element_plays(browser, live_server, greetings):
    word, _listening = greetings
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        locale="en-GB",
        base_url=live_server.url,
        java_script_enabled=False,
    )
    try:
        page = context.new_page()
        page.goto(LESSON)
        row = page.locator(".vocabulary tr").filter(has_text=word.example)
        element = row.locator("audio").first
        expect(element).to_be_visible()
        expect(element).to_have_attribute("preload", "none")
        expect(element).to_have_attribute("controls", "")
        expect(row.get_by_role("button", name=f"Listen: {word.expression}")).to_be_hidden()
        # A tap on the element's own play control (left end): the browser plays it through,
        # with no script of ours (nor of the test: page scripts are off).
        element.scroll_into_view_if_needed()
        box = element.bounding_box()
        page.mouse.click(box["x"] + min(20, box["width"] / 4), box["y"] + box["height"] / 2)
        for _ in range(100):
            if element.evaluate("a => a.ended"):
                break
            page.wait_for_timeout(100)
        assert element.evaluate("a => a.ended && a.currentTime > 0.3")
    finally:
        context.close()
