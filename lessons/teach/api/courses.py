"""Tutor API of courses and their reading lists."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from lessons import selectors
from lessons.services import authoring
from lessons.teach.api._common import COURSE_CONFLICT, TeachApi, _required_version
from lessons.teach.serializers import (
    CourseWriteSerializer,
    ReadingSerializer,
    ReadingsSerializer,
    TeachCourseSerializer,
)


class CourseListApi(TeachApi):
    """The courses you may edit; POST creates one (you own it)."""

    @extend_schema(responses=TeachCourseSerializer(many=True))
    def get(self, request: Request) -> Response:
        courses = selectors.course_list_for_teacher(user=request.user).prefetch_related(
            "shared_with"
        )
        return Response(TeachCourseSerializer(courses, many=True).data)

    @extend_schema(request=CourseWriteSerializer, responses={201: TeachCourseSerializer})
    def post(self, request: Request) -> Response:
        data = self.valid(CourseWriteSerializer, request)
        data.pop("version", None)
        shared = data.pop("shared_with", None)
        course = authoring.course_create(user=request.user, **data)
        if shared:
            authoring.course_share_set(user=request.user, course=course, usernames=shared)
        return Response(TeachCourseSerializer(course).data, status=status.HTTP_201_CREATED)


class CourseDetailApi(TeachApi):
    @extend_schema(responses=TeachCourseSerializer)
    def get(self, request: Request, course: int) -> Response:
        return Response(
            TeachCourseSerializer(
                selectors.course_get_for_teacher(user=request.user, pk=course)
            ).data
        )

    @extend_schema(
        request=CourseWriteSerializer,
        responses={200: TeachCourseSerializer, 409: COURSE_CONFLICT},
    )
    def patch(self, request: Request, course: int) -> Response:
        course_obj = selectors.course_get_for_teacher(user=request.user, pk=course)
        data = self.valid(CourseWriteSerializer, request, partial=True)
        version = _required_version(data, "course")
        authoring.course_update(user=request.user, course=course_obj, version=version, **data)
        return Response(TeachCourseSerializer(course_obj).data)


class CourseReadingCreateApi(TeachApi):
    """Correct one reading for the whole course; every text is re-rendered with it."""

    @extend_schema(request=ReadingSerializer, responses=ReadingsSerializer)
    def post(self, request: Request, course: int) -> Response:
        course_obj = selectors.course_get_for_teacher(user=request.user, pk=course)
        data = self.valid(ReadingSerializer, request)
        readings = authoring.course_reading_set(user=request.user, course=course_obj, **data)
        return Response({"readings": readings})
