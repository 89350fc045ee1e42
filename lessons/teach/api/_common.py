"""What every tutor API view shares: the tutor-only permission, validation, version checks."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse
from rest_framework.request import Request
from rest_framework.views import APIView

from learning.roles import HasRole
from lessons import permissions, selectors

CONFLICT = OpenApiResponse(description="Someone else saved this lesson since you read it.")
COURSE_CONFLICT = OpenApiResponse(description="Someone else saved this course since you read it.")


class TeachApi(APIView):
    permission_classes = (HasRole,)
    required_roles = permissions.TEACHING_ROLES

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        # Class reports and drafts carry learners' names and answers: never kept by a cache.
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response

    def valid(self, serializer_class: Any, request: Request, **kwargs: Any) -> dict[str, Any]:
        serializer = serializer_class(data=request.data, **kwargs)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def lesson(self, request: Request, pk: int) -> Any:
        return selectors.lesson_get_for_teacher(user=request.user, pk=pk)


def _required_version(data: dict[str, Any], what: str = "lesson") -> int:
    """An edit must say which version of the lesson (or course) it was made on, so that it
    never silently overwrites someone else's."""
    version = data.pop("version", None)
    if version is None:
        message = (
            _("Send the version of the course you read.")
            if what == "course"
            else _("Send the version of the lesson you read.")
        )
        raise ValidationError({"version": [message]})
    return int(version)


def _version_of(request: Request) -> int:
    """The ``?version=`` of a request that changes a lesson without a body (DELETE)."""
    raw = request.query_params.get("version", "")
    if not raw.isascii() or not raw.isdigit():
        raise ValidationError(
            {"version": [_("Send ?version= with the version of the lesson you read.")]}
        )
    return int(raw)
