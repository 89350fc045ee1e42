"""Tutor API of classes: list, report, and joining by code (any signed-in learner)."""

from dataclasses import asdict

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from lessons import selectors
from lessons.services import authoring
from lessons.teach.api._common import TeachApi
from lessons.teach.serializers import (
    ClassReportSerializer,
    ClassroomWriteSerializer,
    JoinSerializer,
    TeachClassroomSerializer,
)


class ClassroomListApi(TeachApi):
    @extend_schema(responses=TeachClassroomSerializer(many=True))
    def get(self, request: Request, course: int) -> Response:
        course_obj = selectors.course_get_for_teacher(user=request.user, pk=course)
        classrooms = selectors.classroom_list_for_teacher(user=request.user).filter(
            course=course_obj
        )
        return Response(TeachClassroomSerializer(classrooms, many=True).data)

    @extend_schema(request=ClassroomWriteSerializer, responses={201: TeachClassroomSerializer})
    def post(self, request: Request, course: int) -> Response:
        course_obj = selectors.course_get_for_teacher(user=request.user, pk=course)
        data = self.valid(ClassroomWriteSerializer, request)
        classroom = authoring.classroom_create(user=request.user, course=course_obj, **data)
        return Response(TeachClassroomSerializer(classroom).data, status=status.HTTP_201_CREATED)


class ClassroomDetailApi(TeachApi):
    """Each learner's progress per lesson, who has not started, the most missed questions."""

    @extend_schema(responses=ClassReportSerializer)
    def get(self, request: Request, pk: int) -> Response:
        classroom = selectors.classroom_get_for_teacher(user=request.user, pk=pk)
        report = selectors.classroom_report(classroom=classroom)
        empty = {"started": False, "completed": False, "answered": 0, "correct": 0, "total": 0}
        learners = [
            {
                "learner": row.learner.get_username(),
                "lessons": [
                    {"lesson": lesson.pk, **(asdict(cell) if cell else empty),
                     "score": cell.score if cell else 0}
                    for lesson, cell in zip(report.lessons, row.cells, strict=True)
                ],
            }
            for row in report.rows
        ]  # fmt: skip
        missed = [
            {
                "exercise": m.exercise.pk,
                "lesson": m.exercise.lesson_id,
                "kind": m.exercise.kind,
                "prompt": m.exercise.prompt,
                "wrong": m.wrong,
                "learners": m.learners,
            }
            for m in report.missed
        ]
        payload = {
            "classroom": classroom,
            "learners": learners,
            "not_started": [u.get_username() for u in report.not_started],
            "missed": missed,
        }
        return Response(ClassReportSerializer(payload).data)


class ClassroomJoinApi(APIView):
    """Join a class with its code (any signed-in learner)."""

    permission_classes = (IsAuthenticated,)

    @extend_schema(request=JoinSerializer, responses=TeachClassroomSerializer)
    def post(self, request: Request) -> Response:
        serializer = JoinSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        classroom = authoring.classroom_join(
            user=request.user, code=serializer.validated_data["code"]
        )
        return Response(TeachClassroomSerializer(classroom).data)
