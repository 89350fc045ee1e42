"""Who may teach what: tutors see the courses they own and those shared with them; editors and
superusers see every course."""

from typing import Any

from django.core.exceptions import PermissionDenied

from learning.roles import Role, user_has_role
from lessons.models import Course

# Who uses the tutor workspace (superusers hold every role).
TEACHING_ROLES = (Role.TUTOR, Role.EDITOR)


def user_can_teach(user: Any) -> bool:
    """Tutors, editors and superusers use the workspace."""
    return user_has_role(user, *TEACHING_ROLES)


def user_sees_all_courses(user: Any) -> bool:
    return user_has_role(user, Role.EDITOR)


def teacher_require(user: Any) -> None:
    """Raise PermissionDenied unless *user* may use the workspace."""
    if not user_can_teach(user):
        raise PermissionDenied("The tutor workspace is for tutors and editors.")


def course_can_edit(*, user: Any, course: Course) -> bool:
    if not user_can_teach(user):
        return False
    if user_sees_all_courses(user) or course.owner_id == user.pk:
        return True
    return course.shared_with.filter(pk=user.pk).exists()
