"""The clip store's configuration: AUDIO_ENGINE must name a speech engine the store can use."""

import pytest

from learning.checks import check_audio_engine


def test_the_configured_engine_passes_the_check():
    assert check_audio_engine(None) == []


@pytest.mark.parametrize(
    ("engine", "says"),
    [("no_such_engine", "cannot be imported"), ("json", "has no ENGINE_VERSION, FORMAT")],
)
def test_an_engine_that_cannot_speak_fails_the_check(settings, engine, says):
    settings.AUDIO_ENGINE = engine
    (error,) = check_audio_engine(None)
    assert error.id == "learning.E004"
    assert says in error.msg
