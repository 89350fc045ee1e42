"""The clips a lesson speaks, asked for from the clip store (learning.audio) when the lesson
is rendered, and again for every lesson by `manage.py synthesize_audio`."""

from typing import Any

from learning.audio.services import audio_request
from lessons.models import Lesson
from lessons.selectors.audio import lesson_speech


def lesson_audio_request(*, lesson: Lesson) -> list[str]:
    """Ask for every clip *lesson* speaks (after its texts were rendered); returns the keys
    that were new."""
    return audio_request(speeches=lesson_speech(lesson))


def lessons_audio_request_all(**kwargs: Any) -> list[str]:
    """Ask for the clips of every lesson (a receiver of audio_refresh_requested)."""
    new: list[str] = []
    for lesson in Lesson.objects.select_related("course").prefetch_related(
        "passages", "vocabulary", "exercises"
    ):
        new += lesson_audio_request(lesson=lesson)
    return new
