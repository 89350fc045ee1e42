"""A letter acknowledged to its writer, and a reply acknowledged to the volunteer who recorded
it (its photo included), survive the server being killed right after answering."""

import http.cookiejar
import io
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LETTERS = 15
REPLIES = 6  # every other one with a photo of the page
VOLUNTEER, PASSWORD = "durable-volunteer", "kill-test-pass-7f3a"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _submit(base: str, n: int, key: str) -> tuple[int, dict]:
    body = json.dumps(
        {
            "programme": "welcome-letters",
            "writer_name": f"Writer {n}",
            "language": "en",
            "body": f"Welcome to Japan, friend number {n}. We are thinking of you.",
        }
    ).encode()
    request = urllib.request.Request(
        base + "/api/v1/letters/",
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "Idempotency-Key": key},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


def _start(env: dict, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "learning.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return server
        except OSError:
            time.sleep(0.2)
    os.killpg(server.pid, signal.SIGKILL)
    pytest.fail("gunicorn did not start")


def _photo(n: int) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200 + n, 190, 180)).save(out, "JPEG")
    return out.getvalue()


def _multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f"--{boundary}\r\nContent-Disposition: form-data; "
            f'name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, (filename, data) in files.items():
        parts.append(
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: image/jpeg\r\n\r\n'
            ).encode()
            + data
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _volunteer_browser(base: str) -> tuple[urllib.request.OpenerDirector, http.cookiejar.CookieJar]:
    """A signed-in volunteer's cookie jar, like a browser after the log-in page."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)
    opener.open(base + "/accounts/login/", timeout=30).read()
    data = urllib.parse.urlencode(
        {"username": VOLUNTEER, "password": PASSWORD, "csrfmiddlewaretoken": _csrf(jar)}
    ).encode()
    request = urllib.request.Request(base + "/accounts/login/", data=data)
    assert _status(opener, request) == 302  # signed in, sent on
    return opener, jar


def _status(opener: urllib.request.OpenerDirector, request: urllib.request.Request) -> int:
    """The status of *request*; a redirect is an answer here, not followed."""
    try:
        with opener.open(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def _csrf(jar: http.cookiejar.CookieJar) -> str:
    return next(c.value for c in jar if c.name == "csrftoken")


def _record_reply(opener, jar, base: str, n: int, letter_id: str) -> int:
    fields = {
        "csrfmiddlewaretoken": _csrf(jar),
        "letter": letter_id,
        "language": "en",
        "text": f"Thank you for the letter, reply number {n}. The days are long here.",
        "consent_date": "2026-01-01",
        "consent_scope": "writer",
        "names_removed": "on",
    }
    files = {"scan": (f"page-{n}.jpg", _photo(n))} if n % 2 == 0 else {}
    body, content_type = _multipart(fields, files)
    request = urllib.request.Request(
        base + "/letters/replies/new/", data=body, headers={"Content-Type": content_type}
    )
    return _status(opener, request)


def test_acknowledged_letters_and_replies_survive_a_kill_and_a_retry_creates_no_second(tmp_path):
    database = tmp_path / "db.sqlite3"
    private = tmp_path / "private"
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        SQLITE_PATH=str(database),
        PRIVATE_FILES_ROOT=str(private),
        DJANGO_SETTINGS_MODULE="learning.settings",
        THROTTLE_LETTER_SUBMIT="1000/hour",
        API_THROTTLE_ANON="1000/min",
    )
    for command in (["migrate", "--noinput"], ["loaddata", "fixtures/letters_demo.json"]):
        subprocess.run(
            [sys.executable, "manage.py", *command, "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=300,
        )
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = _start(env, port)
    acknowledged = []
    try:
        for n in range(LETTERS):
            status, data = _submit(base, n, f"kill-test-key-{n:04d}")
            assert status == 201, data
            acknowledged.append(data["id"].replace("-", ""))
    finally:
        os.killpg(server.pid, signal.SIGKILL)  # no shutdown, no flush: as a crash
        server.wait(timeout=30)

    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        stored = {
            row[0].replace("-", "")
            for row in connection.execute("SELECT public_id FROM letters_letter")
        }
    assert set(acknowledged) <= stored
    assert len(stored) == LETTERS

    # The writer's client retries the last request after the crash: the same letter, not two.
    server = _start(env, port)
    try:
        status, data = _submit(base, LETTERS - 1, f"kill-test-key-{LETTERS - 1:04d}")
    finally:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=30)
    assert status == 200
    assert data["id"].replace("-", "") == acknowledged[-1]
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT COUNT(*) FROM letters_letter").fetchone() == (LETTERS,)

    # Replies: a volunteer records them (every other one with a photo) and the server is
    # killed right after the last acknowledgement.
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE letters_letter SET status = 'delivered'")
    setup = (
        "from django.contrib.auth.models import Group; from tests.factories import UserFactory; "
        "Group.objects.get_or_create(name='Volunteer'); "
        f"UserFactory(username={VOLUNTEER!r}, password={PASSWORD!r}, roles=['Volunteer'])"
    )
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", setup],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )
    letter_ids = sorted(acknowledged)[:REPLIES]
    server = _start(env, port)
    answers = []
    try:
        opener, jar = _volunteer_browser(base)
        for n, hex_id in enumerate(letter_ids):
            answers.append(_record_reply(opener, jar, base, n, str(uuid.UUID(hex_id))))
    finally:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=30)
    assert answers == [302] * REPLIES  # each acknowledged (sent on to the reply page)
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = connection.execute(
            "SELECT v.text, v.scan, l.public_id FROM letters_voice v "
            "JOIN letters_letter l ON l.id = v.letter_id ORDER BY v.id"
        ).fetchall()
    assert len(rows) == REPLIES
    assert {row[2].replace("-", "") for row in rows} == set(letter_ids)
    for n, (text, scan, _letter) in enumerate(rows):
        assert re.search(rf"reply number {n}\b", text)
        if n % 2 == 0:
            stored = (private / scan).read_bytes()  # the photo is on disk beside its row
            assert stored.startswith(b"\xff\xd8")
            assert b"Exif" not in stored
        else:
            assert scan == ""
