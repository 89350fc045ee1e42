"""Finer rules of `letters` beyond the roles: who may see the photo of a handwritten reply."""

from typing import Any

from learning.roles import Role, user_has_role
from letters.models import Voice


def can_see_scan(user: Any, voice: Voice) -> bool:
    """Moderators, and the volunteer who recorded the reply; never its writer or anyone else
    (the writer reads only the approved, translated text)."""
    if not user.is_authenticated:
        return False
    if user_has_role(user, Role.MODERATOR):
        return True
    return bool(voice.recorded_by_id == user.pk and user_has_role(user, Role.VOLUNTEER))
