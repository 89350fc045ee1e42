"""Real queue workers: a worker process consumes the synthesis jobs (the database queue here,
RQ on Redis in the PostgreSQL + Redis run), and a worker killed mid-job (SIGKILL) loses
nothing: the next worker queues the clip again and its file is complete."""

import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import soundfile

ROOT = Path(__file__).resolve().parents[2]
# One long line, so the worker is surely mid-job when it is killed; and a short word.
SETUP = """
from django.db import transaction
from lessons.models import Course, Lesson, Passage, VocabularyItem
from lessons.services import lesson_render
course = Course.objects.create(slug="queue", title="Queue", published=True)
lesson = Lesson.objects.create(course=course, slug="one", title="One", published=True)
Passage.objects.create(lesson=lesson, kind="reading", text="きょうは びょういんに いきます。" * 24)
VocabularyItem.objects.create(lesson=lesson, expression="はい", example="")
with transaction.atomic():
    lesson_render(lesson)
"""


def _postgres_database(url: str) -> str:
    """A fresh database beside the suite's for the worker's own process, as a URL."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/") + "_audio_queue"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


BACKENDS = ["db"]
if os.environ.get("REDIS_URL") and os.environ.get("DATABASE_URL", "").startswith("postgres"):
    BACKENDS.append("rq")


@pytest.fixture(params=BACKENDS)
def queue(request, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="learning.settings",
        MEDIA_ROOT=str(tmp_path / "media"),
        AUDIO_LEASE_SECONDS="1",
        TASKS_BACKEND=request.param,
    )
    if request.param == "rq":
        env["DATABASE_URL"] = _postgres_database(os.environ["DATABASE_URL"])
        env["REDIS_URL"] = os.environ["REDIS_URL"]
    else:
        env["SQLITE_PATH"] = str(tmp_path / "db.sqlite3")
    for command in (["migrate", "--noinput", "-v0"], ["shell", "-c", SETUP]):
        subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, timeout=300
        )
    return env


def _rows(env) -> list[tuple[str, str, str]]:
    """(reading, status, file) of every clip, read the way the worker wrote them."""
    query = "SELECT reading, status, file FROM learning_audio ORDER BY id"
    if "DATABASE_URL" in env:
        import psycopg

        with psycopg.connect(env["DATABASE_URL"]) as connection:
            return list(connection.execute(query).fetchall())
    with sqlite3.connect(env["SQLITE_PATH"]) as connection:
        return list(connection.execute(query).fetchall())


def _worker(env, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "-v0", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def test_a_worker_killed_mid_job_loses_no_clip_and_the_files_are_complete(queue):
    rows = _rows(queue)
    assert len(rows) == 2
    assert {status for _r, status, _f in rows} == {"pending"}

    worker = _worker(queue)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            long_line = _rows(queue)[0]
            if long_line[1] == "running":
                break
            time.sleep(0.02)
        else:
            pytest.fail("the worker never took the first job")
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
    reading, status, file = _rows(queue)[0]
    assert len(reading) > 300
    assert (status, file) == ("running", "")  # killed before it could finish

    time.sleep(1.2)  # past the clip's lease
    second = _worker(queue, "--batch")
    try:
        assert second.wait(timeout=180) == 0
    finally:
        if second.poll() is None:
            os.killpg(second.pid, signal.SIGKILL)
    rows = _rows(queue)
    assert [status for _r, status, _f in rows] == ["ready", "ready"]
    durations = []
    for _reading, _status, name in rows:
        frames, rate = soundfile.read(io.BytesIO((Path(queue["MEDIA_ROOT"]) / name).read_bytes()))
        durations.append(len(frames) / rate)
    assert durations[0] > 20  # the whole long line, not a cut-off piece
    assert durations[1] > 0.2
