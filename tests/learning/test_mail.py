"""The console mail backend keeps addresses and links out of production logs."""

import io

from django.core.mail import EmailMessage

from learning.mail import ConsoleEmailBackend


def _printed(settings, *, debug):
    settings.DEBUG = debug
    stream = io.StringIO()
    message = EmailMessage(
        "Your letter was received",
        "Follow it at https://kasumi.example.org/letters/status/SECRET-TOKEN/ (writer@example.org)",
        "noreply@kasumi.example.org",
        ["writer@example.org"],
        cc=["copy@example.org"],
    )
    sent = ConsoleEmailBackend(stream=stream).send_messages([message])
    assert sent == 1
    return stream.getvalue()


def test_in_production_the_console_never_shows_addresses_or_the_body(settings):
    out = _printed(settings, debug=False)
    assert "writer@example.org" not in out
    assert "copy@example.org" not in out
    assert "SECRET-TOKEN" not in out
    assert "Your letter was received" in out
    assert "2 recipient(s)" in out


def test_with_debug_on_the_console_shows_the_whole_mail(settings):
    out = _printed(settings, debug=True)
    assert "To: writer@example.org" in out
    assert "SECRET-TOKEN" in out
