"""System checks for Kasumi's configuration (run by `manage.py check`)."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register


@register(Tags.caches)
def check_shared_cache(app_configs: Any, **kwargs: Any) -> list[Error]:
    """Throttles count in the "shared" cache, which every worker process must see."""
    backend = settings.CACHES.get("shared", {}).get("BACKEND", "")
    if not backend:
        return [Error("CACHES has no 'shared' alias.", id="learning.E001")]
    if backend.endswith("LocMemCache") or backend.endswith("DummyCache"):
        return [
            Error(
                "The 'shared' cache is per process, so throttles would not hold across workers.",
                hint="Use the database cache or Redis (REDIS_URL).",
                id="learning.E002",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_production_services(app_configs: Any, **kwargs: Any) -> list[Warning]:
    """In production, mail must leave the machine and the site must be served over HTTPS."""
    warnings = []
    if settings.EMAIL_BACKEND.endswith("ConsoleEmailBackend"):
        warnings.append(
            Warning(
                "E-mail goes to the console: password-reset mails would never arrive.",
                hint="Set EMAIL_HOST (and EMAIL_HOST_USER / EMAIL_HOST_PASSWORD).",
                id="learning.W001",
            )
        )
    if not settings.HTTPS:
        warnings.append(
            Warning(
                "DJANGO_HTTPS is off: no HTTPS redirect, secure cookies or HSTS.",
                hint="Serve the site over HTTPS and set DJANGO_HTTPS=1.",
                id="learning.W002",
            )
        )
    return warnings


@register(Tags.security, deploy=True)
def check_production_hosts_and_stores(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """Production answers only its own host names, on PostgreSQL, with Redis shared by workers.

    Django's own deploy checks accept `ALLOWED_HOSTS = ["*"]`, which lets any Host header build
    the links in password-reset and status mails.
    """
    messages: list[CheckMessage] = []
    if "*" in settings.ALLOWED_HOSTS:
        messages.append(
            Error(
                "DJANGO_ALLOWED_HOSTS contains '*': any Host header would be trusted, and mails "
                "could carry links to another site.",
                hint="List the site's host names, e.g. DJANGO_ALLOWED_HOSTS=kasumi.example.org.",
                id="learning.E003",
            )
        )
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        messages.append(
            Warning(
                "The database is an SQLite file, which only one machine can use.",
                hint="Set DATABASE_URL to a PostgreSQL database.",
                id="learning.W003",
            )
        )
    if not settings.REDIS_URL:
        messages.append(
            Warning(
                "REDIS_URL is not set: the page cache is per process and throttles count in the "
                "database.",
                hint="Set REDIS_URL, e.g. redis://127.0.0.1:6379/1.",
                id="learning.W004",
            )
        )
    return messages


# What the clip store (learning.audio) uses of its speech engine.
AUDIO_ENGINE_NAMES = ("ENGINE_VERSION", "FORMAT", "SpeechError", "synthesize")


@register()
def check_audio_engine(app_configs: Any, **kwargs: Any) -> list[Error]:
    """AUDIO_ENGINE names a module the clip store can speak with."""
    from importlib import import_module

    try:
        engine = import_module(settings.AUDIO_ENGINE)
    except ImportError as exc:
        return [
            Error(
                f"AUDIO_ENGINE {settings.AUDIO_ENGINE!r} cannot be imported: {exc}",
                id="learning.E004",
            )
        ]
    missing = [name for name in AUDIO_ENGINE_NAMES if not hasattr(engine, name)]
    if missing:
        return [
            Error(
                f"AUDIO_ENGINE {settings.AUDIO_ENGINE!r} has no {', '.join(missing)}.",
                hint="The speech engine is lessons.japanese.speech.",
                id="learning.E004",
            )
        ]
    return []
