"""`manage.py backup` and `restore` give back every row and media file byte for byte."""

import os
import stat
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = sorted(str(p) for p in (ROOT / "fixtures").glob("*.json"))
# Every byte value, so a text-mode copy or a re-encoding anywhere would show.
MEDIA_BYTES = bytes(range(256)) * 64


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="learning.settings",
        SQLITE_PATH=str(tmp_path / "db.sqlite3"),
        MEDIA_ROOT=str(tmp_path / "media"),
        **extra,
    )
    return env


def _manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _dump(env: dict[str, str]) -> str:
    # Every table that holds content; sessions and the cache table come and go by themselves.
    return _manage(
        env, "dumpdata", "--indent", "1", "--exclude", "sessions", "--exclude", "contenttypes"
    )


def _round_trip(tmp_path: Path, env: dict[str, str]) -> None:
    media = Path(env["MEDIA_ROOT"])
    _manage(env, "migrate", "--verbosity", "0")
    _manage(env, "loaddata", *FIXTURES)
    (media / "audio").mkdir(parents=True)
    (media / "audio" / "city-hall 1.mp3").write_bytes(MEDIA_BYTES)
    before = _dump(env)
    assert "survival-japanese" in before
    archive = tmp_path / "kasumi.tar.gz"

    _manage(env, "backup", str(archive))
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    with tarfile.open(archive) as tar:
        assert "media/audio/city-hall 1.mp3" in tar.getnames()

    # Lose everything the backup holds, then restore it.
    _manage(env, "flush", "--noinput")
    (media / "audio" / "city-hall 1.mp3").write_bytes(b"damaged")
    assert _dump(env) != before
    _manage(env, "restore", str(archive), "--replace")

    assert _dump(env) == before
    assert (media / "audio" / "city-hall 1.mp3").read_bytes() == MEDIA_BYTES


def test_an_sqlite_backup_restores_every_row_and_media_file_byte_for_byte(tmp_path):
    _round_trip(tmp_path, _env(tmp_path))


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="runs in the PostgreSQL pass of the suite (DATABASE_URL set)",
)
def test_a_postgresql_backup_restores_every_row_and_media_file_byte_for_byte(tmp_path):
    import psycopg

    url = urlsplit(os.environ["DATABASE_URL"])
    scratch = f"{url.path.lstrip('/')}_backup_test"
    admin = urlunsplit(url._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
        conn.execute(f'CREATE DATABASE "{scratch}"')
    try:
        _round_trip(
            tmp_path, _env(tmp_path, DATABASE_URL=urlunsplit(url._replace(path=f"/{scratch}")))
        )
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{scratch}"')


def test_restore_asks_for_replace_before_touching_the_database(tmp_path):
    with pytest.raises(CommandError, match="--replace"):
        call_command("restore", str(tmp_path / "any.tar.gz"))


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "notes.tar.gz"
    bogus.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="not a backup archive"):
        call_command("restore", str(bogus), "--replace")
