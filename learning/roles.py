"""The roles of the platform, held as auth Groups (created by migration 0002)."""

from enum import StrEnum

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


class Role(StrEnum):
    TUTOR = "Tutor"
    MODERATOR = "Moderator"
    EDITOR = "Editor"


def user_has_role(user: AbstractBaseUser | AnonymousUser, role: Role) -> bool:
    """True for members of the role's group, and for superusers (who hold every role)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if getattr(user, "is_superuser", False):
        return True
    return user.groups.filter(name=role.value).exists()  # type: ignore[union-attr]
