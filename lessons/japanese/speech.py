"""Speech synthesis: a kana reading in, compressed audio bytes out (pyopenjtalk-plus + LAME).

Pure: no Django. The voice and its dictionary ship in the pyopenjtalk-plus wheel, so nothing is
fetched at run time. The module loads the synthesiser only on the first call (it holds some
hundreds of MiB), which happens in a queue worker, never in a web process.

MP3 (MPEG-2 layer III, 24 kHz mono, 40 kbit/s): it plays in Chromium, Firefox, Safari on iOS and
macOS, Anki desktop and AnkiDroid alike; Ogg Opus is smaller but Safari on older iPhones and some
Android media players refuse it. 40 kbit/s is ~5 KB a second, so a 3-second sentence is ~15 KB.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import io
import re
import threading
import unicodedata
from dataclasses import dataclass
from typing import Any

from .text import JAPANESE_RE, text_problem

SAMPLE_RATE_OUT = 24_000
BITRATE_KBPS = 40
MAX_READING_CHARS = 600
FORMAT = "mp3"
MIME_TYPE = "audio/mpeg"


def _package_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "missing"


# Part of every clip's name: a new synthesiser, encoder or setting gives new files.
ENGINE_VERSION = (
    f"ojt{_package_version('pyopenjtalk-plus')}+lame{_package_version('lameenc')}"
    f"+{SAMPLE_RATE_OUT}/{BITRATE_KBPS}+1"
)

# Dialogue speakers get distinct voices by pitch: the wheel ships one voice model, and shifting
# it by a few half-tones is what the library offers. Voice "a" is the narrator and speaker one.
VOICES: dict[str, float] = {"a": 0.0, "b": 3.0, "c": -2.5, "d": 5.0}
DEFAULT_VOICE = "a"

# Emoji, symbols and other letters the synthesiser cannot read are dropped before speaking.
_UNSPEAKABLE_RE = re.compile(
    "[^\u3000-\u303f\u3041-\u3096\u309b-\u309f\u30a0-\u30ff\u3005\u3400-\u4dbf\u4e00-\u9fff"
    "\uff01-\uff9f0-9A-Za-z\\s,.!?、。「」『』（）()・ー〜～]"
)
# Line breaks and runs of spaces become a pause (OpenJTalk pauses at 、 and 。).
_BREAK_RE = re.compile(r"[\r\n]+")
_SPACES_RE = re.compile(r"[ \t\u3000]+")


class SpeechError(ValueError):
    """A reading that cannot be spoken (empty, too long, forbidden characters, no kana)."""


@dataclass(frozen=True)
class Clip:
    data: bytes
    seconds: float
    mime_type: str = MIME_TYPE


def voice_for_speaker(index: int) -> str:
    """The voice of the *index*-th distinct speaker of a dialogue (0-based), cycling."""
    names = list(VOICES)
    return names[index % len(names)]


def clip_key(reading: str, voice: str = DEFAULT_VOICE) -> str:
    """The name of the clip of *reading* in *voice*: a digest that changes with the reading,
    the voice and the engine version, so identical sentences share one file."""
    payload = "\x1f".join((ENGINE_VERSION, voice, prepare(reading, strict=False)))
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()


def prepare(reading: str, *, strict: bool = True) -> str:
    """The text that is spoken: NFC, unspeakable characters dropped, line breaks as pauses.

    With *strict*, raise SpeechError when nothing speakable remains, the reading is too long,
    or it holds NUL, lone surrogates or control characters.
    """
    problem = text_problem(reading)
    if problem is not None:
        if strict:
            raise SpeechError(f"the reading holds a forbidden character ({problem.code})")
        reading = "".join(c for c in reading if text_problem(c) is None)
    text = unicodedata.normalize("NFC", reading)
    text = _UNSPEAKABLE_RE.sub("", text)
    text = _BREAK_RE.sub("。", text.strip())
    text = _SPACES_RE.sub(" ", text).strip()
    if strict:
        if len(text) > MAX_READING_CHARS:
            raise SpeechError(f"the reading is longer than {MAX_READING_CHARS} characters")
        if not JAPANESE_RE.search(text):
            raise SpeechError("the reading holds no kana or kanji to speak")
    return text


_LOCK = threading.Lock()
_MODULES: dict[str, Any] = {}


def _load() -> tuple[Any, Any, Any]:
    """pyopenjtalk, lameenc and numpy, imported once (the first call takes a second)."""
    with _LOCK:
        if not _MODULES:
            # pyopenjtalk-plus prints a notice about an optional model on import.
            with contextlib.redirect_stdout(io.StringIO()):
                import pyopenjtalk
            import lameenc
            import numpy

            _MODULES.update(pyopenjtalk=pyopenjtalk, lameenc=lameenc, numpy=numpy)
    return _MODULES["pyopenjtalk"], _MODULES["lameenc"], _MODULES["numpy"]


def synthesize(reading: str, *, voice: str = DEFAULT_VOICE, speed: float = 1.0) -> Clip:
    """Speak *reading* (kana, as shown to the learner) and return an MP3 clip.

    Raises SpeechError for a reading that cannot be spoken; never returns an empty clip.
    """
    if voice not in VOICES:
        raise SpeechError(f"unknown voice {voice!r}")
    if not 0.5 <= speed <= 2.0:
        raise SpeechError("speed must be between 0.5 and 2.0")
    text = prepare(reading)
    pyopenjtalk, lameenc, numpy = _load()
    with _LOCK:  # OpenJTalk's engine is not thread-safe
        wave, rate = pyopenjtalk.tts(
            text,
            speed=speed,
            half_tone=VOICES[voice],
            # The reading is kana already: the kanji-reading helpers would only cost memory.
            use_sudachi_kanji_yomi=False,
            predict_nani=False,
        )
    if len(wave) == 0:
        raise SpeechError("the synthesiser produced no sound for this reading")
    pcm = numpy.clip(wave, -32768, 32767).astype("<i2").tobytes()
    encoder = lameenc.Encoder()
    encoder.set_channels(1)
    encoder.set_in_sample_rate(int(rate))
    encoder.set_out_sample_rate(SAMPLE_RATE_OUT)
    encoder.set_bit_rate(BITRATE_KBPS)
    encoder.set_quality(5)
    data = bytes(encoder.encode(pcm)) + bytes(encoder.flush())
    return Clip(data=data, seconds=round(len(wave) / float(rate), 3))
