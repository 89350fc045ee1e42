"""Reads for audio: which clips a lesson speaks, and which of them are ready to play."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.files.storage import storages
from django.db.models import Count

from lessons.japanese.ruby import ruby_reading
from lessons.japanese.speech import DEFAULT_VOICE, clip_key, voice_for_speaker
from lessons.models import Audio, Exercise, Lesson


@dataclass(frozen=True)
class Speech:
    """One thing a lesson speaks: the reading shown, the voice, and the clip's key."""

    reading: str
    voice: str
    key: str


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


def lesson_speech(lesson: Lesson) -> list[Speech]:
    """Every clip *lesson* speaks: passage lines (dialogue speakers in their own voices), each
    word and its example sentence, and each listening exercise's sentence."""
    out: list[Speech | None] = []
    for passage in lesson.passages.all():
        lines = passage.lines if isinstance(passage.lines, list) else []
        for line, voice in zip(lines, line_voices(lines), strict=True):
            out.append(speech_for(passage.ruby, str(line.get("text", "")), voice))
    for item in lesson.vocabulary.all():
        out.append(speech_for(item.ruby, item.expression))
        out.append(speech_for(item.ruby, item.example))
    for exercise in lesson.exercises.all():
        if exercise.kind == Exercise.Kind.LISTENING and isinstance(exercise.data, dict):
            out.append(speech_for(exercise.ruby, str(exercise.data.get("sentence", ""))))
    return list({s.key: s for s in out if s is not None}.values())


def audio_urls(*, keys: Iterable[str]) -> dict[str, str]:
    """Key -> URL of every clip among *keys* whose file is ready (one query)."""
    wanted = set(keys)
    if not wanted:
        return {}
    ready = Audio.objects.filter(key__in=wanted, status=Audio.Status.READY).exclude(file="")
    storage = storages["audio"]
    return {key: storage.url(name) for key, name in ready.values_list("key", "file")}


@dataclass(frozen=True)
class AudioStatus:
    total: int
    ready: int
    failed: int

    @property
    def waiting(self) -> int:
        return self.total - self.ready - self.failed


def audio_status(*, keys: Iterable[str]) -> AudioStatus:
    """How many of the clips *keys* are ready, failed, or still waiting for a worker."""
    wanted = set(keys)
    counts = dict(
        Audio.objects.filter(key__in=wanted)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return AudioStatus(
        total=len(wanted),
        ready=counts.get(Audio.Status.READY, 0),
        failed=counts.get(Audio.Status.FAILED, 0),
    )


def exercise_audio_ready(exercise: Exercise) -> bool:
    """True unless *exercise* is a listening exercise whose clip is not ready (it cannot be
    answered by ear then, so it is not graded)."""
    if exercise.kind != Exercise.Kind.LISTENING:
        return True
    data = exercise.data if isinstance(exercise.data, dict) else {}
    found = speech_for(exercise.ruby, str(data.get("sentence", "")))
    return found is not None and bool(audio_urls(keys=[found.key]))
