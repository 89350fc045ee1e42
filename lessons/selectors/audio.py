"""Reads for audio: which clips a lesson speaks (the clip store itself is learning.audio)."""

from typing import Any

from learning.audio.selectors import Speech, audio_urls
from lessons.japanese.ruby import ruby_reading
from lessons.japanese.speech import DEFAULT_VOICE, clip_key, voice_for_speaker
from lessons.models import Exercise, Lesson, Passage


def speech_for(rendered: Any, text: str, voice: str = DEFAULT_VOICE) -> Speech | None:
    """The clip of *text* as rendered in a row's ruby map; None when it is not Japanese text
    that was rendered (nothing to speak)."""
    if not text or not isinstance(rendered, dict) or text not in rendered:
        return None
    reading = ruby_reading(rendered, text)
    return Speech(reading=reading, voice=voice, key=clip_key(reading, voice))


def line_voices(lines: list[dict[str, str]]) -> list[str]:
    """The voice of each line of a passage: one per distinct speaker, in order of appearance."""
    speakers: dict[str, str] = {}
    voices = []
    for line in lines:
        speaker = line.get("speaker", "") if isinstance(line, dict) else ""
        if not speaker:
            voices.append(DEFAULT_VOICE)
            continue
        if speaker not in speakers:
            speakers[speaker] = voice_for_speaker(len(speakers))
        voices.append(speakers[speaker])
    return voices


def passage_speech(passage: Passage) -> list[tuple[str, Speech | None]]:
    """(text, clip) of each line of *passage*, dialogue speakers in their own voices."""
    lines = passage.lines if isinstance(passage.lines, list) else []
    return [
        (text, speech_for(passage.ruby, text, voice))
        for text, voice in zip(
            (str(line.get("text", "")) for line in lines), line_voices(lines), strict=True
        )
    ]


def lesson_speech(lesson: Lesson) -> list[Speech]:
    """Every clip *lesson* speaks: passage lines (dialogue speakers in their own voices), each
    word and its example sentence, and each listening exercise's sentence."""
    out: list[Speech | None] = []
    for passage in lesson.passages.all():
        out += [found for _text, found in passage_speech(passage)]
    for item in lesson.vocabulary.all():
        out.append(speech_for(item.ruby, item.expression))
        out.append(speech_for(item.ruby, item.example))
    for exercise in lesson.exercises.all():
        if exercise.kind == Exercise.Kind.LISTENING and isinstance(exercise.data, dict):
            out.append(speech_for(exercise.ruby, str(exercise.data.get("sentence", ""))))
    return list({s.key: s for s in out if s is not None}.values())


def exercise_audio_ready(exercise: Exercise) -> bool:
    """True unless *exercise* is a listening exercise whose clip is not ready (it cannot be
    answered by ear then, so it is not graded)."""
    if exercise.kind != Exercise.Kind.LISTENING:
        return True
    data = exercise.data if isinstance(exercise.data, dict) else {}
    found = speech_for(exercise.ruby, str(data.get("sentence", "")))
    return found is not None and bool(audio_urls(keys=[found.key]))
