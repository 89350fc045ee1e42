"""Reviews in a real browser at phone size: study a lesson, review its words the next day (the
word heard, a near miss typed and tried again)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from learning.audio.services import audio_synthesize
from lessons.services import lesson_render
from tests.browser.players import RECORDER, wait_ended
from tests.factories import ExerciseFactory, LessonFactory, VocabularyItemFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def tomorrow(monkeypatch):
    """Moves the review clock one day ahead when called (the live server shares the process)."""

    def move():
        later = timezone.now() + timedelta(days=1)
        monkeypatch.setattr("lessons.review.services.now", lambda: later)
        monkeypatch.setattr("lessons.review.selectors.now", lambda: later)

    return move


def test_study_then_review_the_next_day_with_a_near_miss(phone, tomorrow, tmp_path):
    lesson = LessonFactory()
    VocabularyItemFactory(
        lesson=lesson,
        expression="病院",
        reading="びょういん",
        meanings={"en": "hospital"},
        example="病院に行きます。",
    )
    ExerciseFactory(
        lesson=lesson,
        data={"choices": ["station", "hospital"], "answer": 1},
        prompt="What does 病院 mean?",
    )
    lesson_render(lesson=lesson)
    word = lesson.vocabulary.get()
    audio_synthesize(key=word.word_audio)  # what the queue's worker does
    phone.add_init_script(RECORDER)

    phone.goto(lesson.get_absolute_url())
    phone.locator("input[name=choice][value='1']").check()
    phone.get_by_role("button", name="Check").first.click()
    expect(phone.locator("#lesson-progress")).to_contain_text("1")  # the answer was recorded
    phone.goto("/courses/")
    due = phone.locator("[data-review-due]")
    expect(due).to_have_attribute("data-review-due", "2")

    tomorrow()
    phone.goto("/review/")
    expect(phone.get_by_text("What does this word mean?")).to_be_visible()
    play = phone.locator("#card-front").get_by_role("button", name="Listen: 病院")
    expect(play).to_be_visible()
    assert play.bounding_box()["width"] >= 44
    phone.keyboard.press("r")  # plays the word, as in Anki
    wait_ended(phone, 1)
    assert re.search(rf"/{word.word_audio}\.mp3$", phone.evaluate("window.__plays")[0]["src"])
    phone.keyboard.press(" ")  # shows the answer
    expect(phone.locator(".card-back")).to_contain_text("hospital")
    expect(phone.locator(".rating-easy")).to_contain_text("8 days")
    phone.keyboard.press("4")  # Easy
    expect(phone.get_by_text("How do you say this in Japanese?")).to_be_visible()
    phone.get_by_label("Type the word (kana or romaji)").fill("byoin")
    phone.get_by_role("button", name="Check").click()
    # A near miss: a second try first, with a hint that does not give the reading away.
    expect(phone.locator(".verdict-almost")).to_contain_text("Mind the long vowel.")
    expect(phone.locator("body")).not_to_contain_text("びょういん")
    answer = phone.get_by_label("Type the word (kana or romaji)")
    expect(answer).to_have_value("byoin")
    phone.screenshot(path=str(tmp_path / "review-retry.png"), full_page=True)
    answer.fill("byouin")
    phone.get_by_role("button", name="Check").click()
    expect(phone.locator(".verdict")).to_contain_text("Correct!")
    expect(phone.locator(".card-reading")).to_contain_text("びょういん")
    phone.screenshot(path=str(tmp_path / "review.png"), full_page=True)
    phone.keyboard.press("1")  # Again: the card comes back within minutes, the rest is done
    expect(phone.get_by_text("How do you say this in Japanese?")).to_be_visible()
    phone.goto("/courses/")
    expect(phone.locator("[data-review-due]")).to_have_attribute("data-review-due", "1")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360


def _after_content(word):
    return word.evaluate("w => getComputedStyle(w, '::after').content")


def test_a_tap_on_a_known_word_shows_its_reading_for_a_moment(phone, tmp_path):
    from lessons.models import LessonProgress
    from lessons.review.models import ReviewCard, ReviewSettings
    from tests.factories import PASSWORD, UserFactory

    lesson = LessonFactory()
    item = VocabularyItemFactory(lesson=lesson, expression="病院", reading="びょういん")
    lesson_render(lesson=lesson)
    learner = UserFactory()
    now = timezone.now()
    LessonProgress.objects.create(learner=learner, lesson=lesson, started_at=now)
    ReviewCard.objects.filter(learner=learner, item=item, kind="recognition").update(
        queue=0, state=2, stability=40.0, difficulty=5.0, due=now, last_review=now, reps=5
    )
    ReviewSettings.objects.create(learner=learner, fade_furigana=True)
    phone.clock.install()  # the page's timers run only when the test moves this clock
    phone.goto("/accounts/login/")
    phone.fill("#id_username", learner.username)
    phone.fill("#id_password", PASSWORD)
    phone.get_by_role("button", name="Log in").click()
    expect(phone.get_by_text(f"Signed in as {learner.username}")).to_be_visible()
    phone.goto(lesson.get_absolute_url())
    word = phone.locator("ruby.known").first
    expect(word).to_have_attribute("data-reading", "びょういん")
    assert _after_content(word) == "none"
    word.click()
    expect(word).to_have_class("known reading-shown")
    assert _after_content(word) == '"びょういん"'
    phone.screenshot(path=str(tmp_path / "known-word.png"))
    phone.clock.run_for(2100)
    expect(word).to_have_class("known")
    # Still focused, yet hidden again: the reading was shown for a moment only.
    assert phone.evaluate("document.activeElement.classList.contains('known')")
    assert _after_content(word) == "none"
