"""API throttles hold across several gunicorn workers (counts live in the shared cache)."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 10


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _post(url: str, body: bytes) -> int:
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


@pytest.fixture
def gunicorn_two_workers(tmp_path):
    # Its own SQLite file (the test database is not visible to other processes); with
    # REDIS_URL set, as in CI's second run, the shared cache is Redis.
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        SQLITE_PATH=str(tmp_path / "db.sqlite3"),
        API_THROTTLE_ANON=f"{LIMIT}/min",
        DJANGO_SETTINGS_MODULE="learning.settings",
    )
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )
    port = _free_port()
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
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2):
                break
        except OSError:
            time.sleep(0.2)
    else:
        server.kill()
        pytest.fail("gunicorn did not start")
    yield base
    server.terminate()
    server.wait(timeout=30)


def test_anonymous_limit_holds_across_two_workers(gunicorn_two_workers):
    url = gunicorn_two_workers + "/api/v1/auth/token/"
    statuses = [
        _post(url, f'{{"username": "nobody{i}", "password": "x"}}'.encode())
        for i in range(LIMIT + 30)
    ]
    assert statuses.count(429) == 30, statuses
    assert set(statuses[:LIMIT]) == {400}
