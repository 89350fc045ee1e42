"""Template context shared by every page: the interface languages, and whether to show the
tutor workspace link."""

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from learning.roles import Role, user_has_role


def site(request: HttpRequest) -> dict[str, object]:
    def can_teach() -> bool:
        user = getattr(request, "user", None)
        return user is not None and user_has_role(user, Role.TUTOR, Role.EDITOR)

    return {"INTERFACE_LANGUAGES": settings.LANGUAGES, "can_teach": SimpleLazyObject(can_teach)}
