"""The gate of every tutor page: visitors go to the log-in page, signed-in people who are not
tutors or editors get 403. Tutor pages show learners' names and answers, so no browser or proxy
keeps a copy (`Cache-Control: no-store`)."""

from collections.abc import Callable
from typing import Any

from django.views.decorators.cache import never_cache

from learning.roles import role_required
from lessons.permissions import TEACHING_ROLES

_teaching_role = role_required(*TEACHING_ROLES)


def teacher_required(view: Callable[..., Any]) -> Callable[..., Any]:
    return never_cache(_teaching_role(view))
