"""Settings are driven by the environment: SQLite + local memory by default, PostgreSQL + Redis."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRINT_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "engine": settings.DATABASES["default"]["ENGINE"],
    "name": str(settings.DATABASES["default"]["NAME"]),
    "host": settings.DATABASES["default"].get("HOST", ""),
    "atomic": settings.DATABASES["default"]["ATOMIC_REQUESTS"],
    "init": settings.DATABASES["default"].get("OPTIONS", {}).get("init_command", ""),
    "cache": settings.CACHES["default"]["BACKEND"],
    "shared": settings.CACHES["shared"]["BACKEND"],
    "shared_location": settings.CACHES["shared"]["LOCATION"],
    "sessions": settings.SESSION_ENGINE,
    "debug": settings.DEBUG,
    "hsts": settings.SECURE_HSTS_SECONDS,
    "email": settings.EMAIL_BACKEND,
    "proxy_count": settings.PROXY_COUNT,
    "axes_ip": settings.AXES_CLIENT_IP_CALLABLE,
    "drf_proxies": settings.REST_FRAMEWORK.get("NUM_PROXIES"),
}))
"""
CONFIG_VARIABLES = (
    "DATABASE_URL",
    "REDIS_URL",
    "DJANGO_DEBUG",
    "DJANGO_HTTPS",
    "EMAIL_HOST",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DJANGO_BEHIND_PROXY",
    "DJANGO_PROXY_COUNT",
    "REDIS_SHARED_URL",
)


def settings_with(**env: str) -> dict:
    clean = {k: v for k, v in os.environ.items() if k not in CONFIG_VARIABLES}
    clean.update(env, DJANGO_SETTINGS_MODULE="learning.settings")
    out = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_no_variables_means_sqlite_in_wal_and_local_memory_cache(tmp_path):
    conf = settings_with(SQLITE_PATH=str(tmp_path / "db.sqlite3"))
    assert conf["engine"] == "django.db.backends.sqlite3"
    assert conf["name"] == str(tmp_path / "db.sqlite3")
    assert "journal_mode=WAL" in conf["init"]
    assert conf["cache"].endswith("LocMemCache")
    # Throttle counts live where every worker sees them.
    assert conf["shared"].endswith("DatabaseCache")
    assert conf["atomic"] is True
    assert conf["debug"] is False
    assert conf["hsts"] == 0
    assert conf["email"] == "learning.mail.ConsoleEmailBackend"


def test_database_url_and_redis_url_switch_to_postgresql_and_redis():
    conf = settings_with(
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/kasumi",
        REDIS_URL="redis://127.0.0.1:6379/1",
    )
    assert conf["engine"] == "django.db.backends.postgresql"
    assert conf["name"] == "kasumi"
    assert conf["host"] == "127.0.0.1"
    assert conf["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert conf["shared"] == "django.core.cache.backends.redis.RedisCache"
    assert conf["shared_location"] == "redis://127.0.0.1:6379/1"
    assert conf["sessions"] == "django.contrib.sessions.backends.cached_db"


def test_a_second_redis_can_hold_the_shared_counts_and_sessions_stay_in_the_database():
    conf = settings_with(
        REDIS_URL="redis://127.0.0.1:6379/1", REDIS_SHARED_URL="redis://127.0.0.1:6380/0"
    )
    assert conf["shared_location"] == "redis://127.0.0.1:6380/0"
    # Eviction of the page cache cannot sign anyone out: the database holds every session.
    assert conf["sessions"] in {
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
    }


@pytest.mark.parametrize(
    ("env", "count"),
    [
        ({}, 0),
        ({"DJANGO_BEHIND_PROXY": "1"}, 1),
        ({"DJANGO_BEHIND_PROXY": "1", "DJANGO_PROXY_COUNT": "2"}, 2),
        ({"DJANGO_PROXY_COUNT": "1"}, 1),
    ],
)
def test_the_proxy_count_decides_one_client_address_for_every_limit(env, count):
    conf = settings_with(**env)
    assert conf["proxy_count"] == count
    assert conf["axes_ip"] == "learning.clientip.client_address"
    assert conf["drf_proxies"] is None  # DRF's own X-Forwarded-For reading is not used


def test_https_switch_turns_on_hsts_and_smtp_follows_email_host():
    conf = settings_with(DJANGO_HTTPS="1", EMAIL_HOST="smtp.example.org")
    assert conf["hsts"] >= 31_536_000
    assert conf["email"] == "django.core.mail.backends.smtp.EmailBackend"


PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "k" * 20 + "Zq8vP2xW9rT4yU7iO1pA3sD6fG0hJ5kL8zX2cV4bN7mQ1wE3rT6y",
    "DJANGO_ALLOWED_HOSTS": "kasumi.example.org",
    "DJANGO_HTTPS": "1",
    "EMAIL_HOST": "smtp.example.org",
    # Read only, never connected to: `check --deploy` looks at the settings.
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/kasumi",
    "REDIS_URL": "redis://127.0.0.1:6379/1",
}


def test_deploy_check_passes_with_a_production_environment(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in CONFIG_VARIABLES}
    env.update(PRODUCTION_ENV, SQLITE_PATH=str(tmp_path / "db.sqlite3"))
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("override", "expected_id"),
    [
        ({"DJANGO_HTTPS": "0"}, "security.W004"),
        ({"EMAIL_HOST": ""}, "learning.W001"),
        ({"DJANGO_SECRET_KEY": ""}, "security.W009"),
        ({"DJANGO_ALLOWED_HOSTS": "*"}, "learning.E003"),
        ({"DJANGO_ALLOWED_HOSTS": "kasumi.example.org,*"}, "learning.E003"),
        ({"DATABASE_URL": ""}, "learning.W003"),
        ({"REDIS_URL": ""}, "learning.W004"),
    ],
)
def test_deploy_check_fails_on_an_unsafe_production_setting(tmp_path, override, expected_id):
    env = {k: v for k, v in os.environ.items() if k not in CONFIG_VARIABLES}
    env.update(PRODUCTION_ENV, SQLITE_PATH=str(tmp_path / "db.sqlite3"))
    env.update(override)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert expected_id in result.stderr + result.stdout


def test_every_variable_the_settings_read_is_in_env_example_and_the_readme():
    source = (ROOT / "learning" / "settings.py").read_text()
    names = set(
        re.findall(
            r"""(?:os\.environ\.get|os\.environ\[|env_bool|env_list)\(?\[?["']([A-Z_]+)["']""",
            source,
        )
    )
    assert "THROTTLE_LETTER_SUBMIT_USER" in names
    example = (ROOT / ".env.example").read_text()
    readme = (ROOT / "README.md").read_text()
    assert sorted(n for n in names if not re.search(rf"^{n}=", example, re.M)) == []
    assert sorted(n for n in names if f"`{n}`" not in readme) == []
