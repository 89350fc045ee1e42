"""A letter acknowledged to its writer survives the server being killed right after replying."""

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LETTERS = 15


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


def test_acknowledged_letters_survive_a_kill_and_a_retry_creates_no_second(tmp_path):
    database = tmp_path / "db.sqlite3"
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        SQLITE_PATH=str(database),
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
