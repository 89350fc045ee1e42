"""The roles of the platform, held as auth Groups (created by migrations 0002 and 0005), and the
one gate for pages and API views that need a role. Each app's finer rules live in its
`permissions.py`."""

from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from rest_framework.permissions import BasePermission


class Role(StrEnum):
    TUTOR = "Tutor"
    MODERATOR = "Moderator"
    EDITOR = "Editor"
    # A partner organisation's own people: they propose changes to their entry (hub).
    ORGANISATION = "Organisation"
    # Corrects interface translations in the browser (/translate/).
    TRANSLATOR = "Translator"
    # Visits recipients or receives their paper letters, and records their replies.
    VOLUNTEER = "Volunteer"


def user_has_role(user: AbstractBaseUser | AnonymousUser, *roles: Role) -> bool:
    """True for members of any of the roles' groups, and for superusers (who hold every role)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if getattr(user, "is_superuser", False):
        return True
    return not _group_names(user).isdisjoint(role.value for role in roles)


def _group_names(user: Any) -> frozenset[str]:
    """The user's group names, read once per user object: a request's `user` is loaded afresh
    for each request, so its page asks the database once however many links check a role."""
    names = getattr(user, "_role_names", None)
    if names is None:
        names = frozenset(user.groups.values_list("name", flat=True))
        user._role_names = names
    return names


View = Callable[..., HttpResponseBase]


def role_required(*roles: Role) -> Callable[[View], View]:
    """A page for holders of any of *roles*: visitors are sent to log in, signed-in people
    without the role get a 403."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user_has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


class HasRole(BasePermission):
    """DRF permission: the user holds one of the view's `required_roles`."""

    def has_permission(self, request: Any, view: Any) -> bool:
        roles = getattr(view, "required_roles", None)
        if not roles:
            raise ImproperlyConfigured(f"{type(view).__name__} needs required_roles for HasRole.")
        return user_has_role(request.user, *roles)
