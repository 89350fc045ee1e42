"""The gate of every tutor page: visitors go to the log-in page, signed-in people who are not
tutors or editors get 403."""

from learning.roles import role_required
from lessons.permissions import TEACHING_ROLES

teacher_required = role_required(*TEACHING_ROLES)
