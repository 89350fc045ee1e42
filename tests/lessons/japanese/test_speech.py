"""The speech engine: kana in, MP3 out; hostile readings give a clear SpeechError."""

import io
import re

import pytest
import soundfile

from lessons.japanese import speech


def _decoded_seconds(data: bytes) -> float:
    frames, rate = soundfile.read(io.BytesIO(data))
    return len(frames) / rate


def test_a_kana_sentence_becomes_a_small_mp3_that_decodes():
    clip = speech.synthesize("びょういんは どこですか。きょうは いい てんきですね。")
    assert clip.data[:3] == b"ID3" or clip.data[0] == 0xFF  # an MPEG stream
    assert clip.mime_type == "audio/mpeg"
    seconds = _decoded_seconds(clip.data)
    assert 2.0 < seconds < 8.0
    assert abs(seconds - clip.seconds) < 0.3
    # The budget: ~24 KB for a 3-second sentence.
    assert len(clip.data) / seconds * 3 <= 24_000


def test_a_corrected_reading_is_spoken_and_named_anew():
    engine, corrected = "あした びょういんに いきます。", "あす びょういんに いきます。"
    assert speech.clip_key(engine) != speech.clip_key(corrected)
    assert speech.clip_key(corrected) == speech.clip_key(corrected)
    assert speech.synthesize(engine).data != speech.synthesize(corrected).data


def test_speakers_get_distinct_voices_and_keys():
    assert [speech.voice_for_speaker(i) for i in range(5)] == ["a", "b", "c", "d", "a"]
    assert speech.clip_key("はい。", "a") != speech.clip_key("はい。", "b")


@pytest.mark.parametrize(
    ("reading", "problem"),
    [
        ("", "no kana"),
        ("   \n ", "no kana"),
        ("あ" * 10_000, "longer than"),
        ("😀🎉", "no kana"),
        ("あ\x00い", "forbidden character (nul)"),
        ("あ\ud800い", "forbidden character (surrogate)"),
        ("あ\x07い", "forbidden character (control)"),
        ("hello", "no kana"),
    ],
)
def test_hostile_readings_are_refused_with_a_clear_error(reading, problem):
    with pytest.raises(speech.SpeechError, match=re.escape(problem)):
        speech.synthesize(reading)


@pytest.mark.parametrize("reading", ["あ\ud800い", "", "😀" * 20_000, "\x00"])
def test_naming_a_hostile_reading_never_fails(reading):
    assert len(speech.clip_key(reading)) == 64


@pytest.mark.parametrize(
    ("reading", "spoken"),
    [
        ("こんにちは😀", "こんにちは"),
        ("はい\nいいえ", "はい。いいえ"),
        ("  ええと   はい ", "ええと はい"),
    ],
)
def test_emoji_are_dropped_and_line_breaks_become_pauses(reading, spoken):
    assert speech.prepare(reading) == spoken


def test_unknown_voice_and_silly_speed_are_refused():
    with pytest.raises(speech.SpeechError, match="voice"):
        speech.synthesize("はい", voice="zz")
    with pytest.raises(speech.SpeechError, match="speed"):
        speech.synthesize("はい", speed=9)
