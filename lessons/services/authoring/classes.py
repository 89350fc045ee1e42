"""Classes: creating one with a join code, and learners joining it."""

import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from lessons.models import (
    ClassMembership,
    Classroom,
    Course,
)
from lessons.services.authoring._common import (
    _course_check,
)

JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
JOIN_CODE_LENGTH = 8


def _join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


@transaction.atomic
def classroom_create(*, user: Any, course: Course, name: str) -> Classroom:
    """A class following *course*, with a fresh join code."""
    _course_check(user, course)
    name = name.strip()
    if not name:
        raise ValidationError({"name": [_("Give the class a name.")]})
    if len(name) > 120:
        raise ValidationError({"name": [_("The name is too long.")]})
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Classroom.objects.create(
                    course=course, name=name, created_by=user, join_code=_join_code()
                )
        except IntegrityError:
            continue  # the code was taken: draw another
    raise ValidationError(_("Could not make a join code; try again."))


@transaction.atomic
def classroom_join(*, user: Any, code: str) -> Classroom:
    """Join the class with this code (joining twice changes nothing)."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Sign in to join a class."))
    classroom = (
        Classroom.objects.select_related("course").filter(join_code=code.strip().upper()).first()
    )
    if classroom is None:
        raise ValidationError({"code": [_("No class has this code.")]})
    ClassMembership.objects.get_or_create(classroom=classroom, learner=user)
    return classroom
