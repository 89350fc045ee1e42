"""System checks for Kasumi's configuration (run by `manage.py check`)."""

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


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
    if settings.EMAIL_BACKEND.endswith("console.EmailBackend"):
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
