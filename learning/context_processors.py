"""Template context shared by every page: the interface languages for the switcher."""

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    return {"INTERFACE_LANGUAGES": settings.LANGUAGES}
