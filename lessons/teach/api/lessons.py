"""Tutor API of lessons: list, import, detail, publish, move, duplicate, export."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from lessons import selectors
from lessons.services import authoring
from lessons.teach.api._common import CONFLICT, TeachApi, _required_version, _version_of
from lessons.teach.serializers import (
    LessonImportSerializer,
    LessonWriteSerializer,
    MoveSerializer,
    PublishSerializer,
    TeachLessonDetailSerializer,
    TeachLessonSerializer,
)


class LessonListApi(TeachApi):
    @extend_schema(responses=TeachLessonSerializer(many=True))
    def get(self, request: Request, course: int) -> Response:
        course_obj = selectors.course_get_for_teacher(user=request.user, pk=course)
        return Response(
            TeachLessonSerializer(
                selectors.lesson_list_for_course(course=course_obj), many=True
            ).data
        )

    @extend_schema(request=LessonWriteSerializer, responses={201: TeachLessonSerializer})
    def post(self, request: Request, course: int) -> Response:
        course_obj = selectors.course_get_for_teacher(user=request.user, pk=course)
        data = self.valid(LessonWriteSerializer, request)
        data.pop("version", None)
        lesson = authoring.lesson_create(user=request.user, course=course_obj, **data)
        return Response(TeachLessonSerializer(lesson).data, status=status.HTTP_201_CREATED)


class LessonImportApi(TeachApi):
    """Import a lesson document (from the export endpoint) as a new, unpublished lesson."""

    @extend_schema(
        request=LessonImportSerializer, responses={201: TeachLessonSerializer, 409: CONFLICT}
    )
    def post(self, request: Request, course: int) -> Response:
        course_obj = selectors.course_get_for_teacher(user=request.user, pk=course)
        data = self.valid(LessonImportSerializer, request)
        lesson = authoring.lesson_import(
            user=request.user,
            course=course_obj,
            document=data["document"],
            replace_version=data.get("replace_version"),
        )
        return Response(TeachLessonSerializer(lesson).data, status=status.HTTP_201_CREATED)


class LessonDetailApi(TeachApi):
    """A lesson with every part (drafts too). PATCH needs the `version` you read."""

    @extend_schema(responses=TeachLessonDetailSerializer)
    def get(self, request: Request, lesson: int) -> Response:
        return Response(TeachLessonDetailSerializer(self.lesson(request, lesson)).data)

    @extend_schema(
        request=LessonWriteSerializer, responses={200: TeachLessonSerializer, 409: CONFLICT}
    )
    def patch(self, request: Request, lesson: int) -> Response:
        lesson_obj = self.lesson(request, lesson)
        data = self.valid(LessonWriteSerializer, request, partial=True)
        version = _required_version(data)
        authoring.lesson_update(user=request.user, lesson=lesson_obj, version=version, **data)
        return Response(TeachLessonSerializer(lesson_obj).data)

    @extend_schema(responses={204: None, 409: CONFLICT})
    def delete(self, request: Request, lesson: int) -> Response:
        authoring.lesson_delete(
            user=request.user, lesson=self.lesson(request, lesson), version=_version_of(request)
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class LessonPublishApi(TeachApi):
    @extend_schema(request=PublishSerializer, responses={200: TeachLessonSerializer, 409: CONFLICT})
    def post(self, request: Request, lesson: int) -> Response:
        lesson_obj = self.lesson(request, lesson)
        data = self.valid(PublishSerializer, request)
        authoring.lesson_publish_set(user=request.user, lesson=lesson_obj, **data)
        return Response(TeachLessonSerializer(lesson_obj).data)


class LessonMoveApi(TeachApi):
    @extend_schema(request=MoveSerializer, responses=TeachLessonSerializer(many=True))
    def post(self, request: Request, lesson: int) -> Response:
        lesson_obj = self.lesson(request, lesson)
        data = self.valid(MoveSerializer, request)
        authoring.lesson_move(user=request.user, lesson=lesson_obj, direction=data["direction"])
        lessons = selectors.lesson_list_for_course(course=lesson_obj.course)
        return Response(TeachLessonSerializer(lessons, many=True).data)


class LessonDuplicateApi(TeachApi):
    @extend_schema(request=None, responses={201: TeachLessonSerializer})
    def post(self, request: Request, lesson: int) -> Response:
        copy = authoring.lesson_duplicate(user=request.user, lesson=self.lesson(request, lesson))
        return Response(TeachLessonSerializer(copy).data, status=status.HTTP_201_CREATED)


class LessonExportApi(TeachApi):
    """The lesson document that the import endpoint reads."""

    @extend_schema(responses={200: OpenApiResponse(description="A lesson document.")})
    def get(self, request: Request, lesson: int) -> Response:
        return Response(selectors.lesson_export(lesson=self.lesson(request, lesson)))
