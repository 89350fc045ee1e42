"""API of the tutor workspace, under /api/v1/teach/: the same services and permissions as the
pages (lessons.services.authoring, lessons.selectors). A stale lesson version is answered
with 409."""

from dataclasses import asdict
from typing import Any

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from learning.roles import HasRole
from lessons import permissions, selectors, transfer
from lessons.services import authoring
from lessons.teach.forms import languages
from lessons.teach.serializers import (
    ClassReportSerializer,
    ClassroomWriteSerializer,
    CourseWriteSerializer,
    ExerciseWriteSerializer,
    JoinSerializer,
    LessonImportSerializer,
    LessonWriteSerializer,
    MoveSerializer,
    PartMoveSerializer,
    PassageWriteSerializer,
    PublishSerializer,
    ReadingSerializer,
    ReadingsSerializer,
    TeachClassroomSerializer,
    TeachCourseSerializer,
    TeachExerciseSerializer,
    TeachLessonDetailSerializer,
    TeachLessonSerializer,
    TeachPassageSerializer,
    TeachVocabularySerializer,
    VersionSerializer,
    VocabularyImportSerializer,
    VocabularyWriteSerializer,
)

CONFLICT = OpenApiResponse(description="Someone else saved this lesson since you read it.")


class TeachApi(APIView):
    permission_classes = (HasRole,)
    required_roles = permissions.TEACHING_ROLES

    def valid(self, serializer_class: Any, request: Request, **kwargs: Any) -> dict[str, Any]:
        serializer = serializer_class(data=request.data, **kwargs)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def lesson(self, request: Request, pk: int) -> Any:
        return selectors.lesson_get_for_teacher(user=request.user, pk=pk)


def _required_version(data: dict[str, Any]) -> int:
    """An edit must say which version of the lesson it was made on, so that it never silently
    overwrites someone else's."""
    version = data.pop("version", None)
    if version is None:
        raise ValidationError({"version": ["Send the version of the lesson you read."]})
    return int(version)


def _version_of(request: Request) -> int | None:
    raw = request.query_params.get("version")
    return int(raw) if raw and raw.isdigit() else None


# --- Courses --------------------------------------------------------------------------------


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

    @extend_schema(request=CourseWriteSerializer, responses=TeachCourseSerializer)
    def patch(self, request: Request, course: int) -> Response:
        course_obj = selectors.course_get_for_teacher(user=request.user, pk=course)
        data = self.valid(CourseWriteSerializer, request, partial=True)
        shared = data.pop("shared_with", None)
        authoring.course_update(user=request.user, course=course_obj, **data)
        if shared is not None:
            authoring.course_share_set(user=request.user, course=course_obj, usernames=shared)
        return Response(TeachCourseSerializer(course_obj).data)


class CourseReadingCreateApi(TeachApi):
    """Correct one reading for the whole course; every text is re-rendered with it."""

    @extend_schema(request=ReadingSerializer, responses=ReadingsSerializer)
    def post(self, request: Request, course: int) -> Response:
        course_obj = selectors.course_get_for_teacher(user=request.user, pk=course)
        data = self.valid(ReadingSerializer, request)
        readings = authoring.course_reading_set(user=request.user, course=course_obj, **data)
        return Response({"readings": readings})


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

    @extend_schema(request=LessonImportSerializer, responses={201: TeachLessonSerializer})
    def post(self, request: Request, course: int) -> Response:
        course_obj = selectors.course_get_for_teacher(user=request.user, pk=course)
        data = self.valid(LessonImportSerializer, request)
        lesson = authoring.lesson_import(
            user=request.user, course=course_obj, document=data["document"]
        )
        return Response(TeachLessonSerializer(lesson).data, status=status.HTTP_201_CREATED)


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


# --- Lessons --------------------------------------------------------------------------------


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


# --- Parts ----------------------------------------------------------------------------------


class PartCreateApi(TeachApi):
    write_serializer: Any
    read_serializer: Any
    service: Any

    def post(self, request: Request, lesson: int) -> Response:
        lesson_obj = self.lesson(request, lesson)
        data = self.valid(self.write_serializer, request)
        version = data.pop("version", None)
        part = type(self).service(user=request.user, lesson=lesson_obj, version=version, **data)
        return Response(self.read_serializer(part).data, status=status.HTTP_201_CREATED)


class PartDetailApi(TeachApi):
    write_serializer: Any
    read_serializer: Any
    part: str
    keyword: str
    service: Any

    def get_part(self, request: Request, lesson: int, pk: int) -> Any:
        lesson_obj = self.lesson(request, lesson)
        getter = {
            "passage": selectors.passage_get_for_teacher,
            "vocabulary": selectors.vocabulary_get_for_teacher,
            "exercise": selectors.exercise_get_for_teacher,
        }[self.part]
        return getter(lesson=lesson_obj, pk=pk)

    def patch(self, request: Request, lesson: int, pk: int) -> Response:
        part = self.get_part(request, lesson, pk)
        data = self.valid(self.write_serializer, request, partial=True)
        version = _required_version(data)
        type(self).service(user=request.user, version=version, **{self.keyword: part}, **data)
        return Response(self.read_serializer(part).data)

    @extend_schema(responses={204: None, 409: CONFLICT})
    def delete(self, request: Request, lesson: int, pk: int) -> Response:
        authoring.lesson_part_delete(
            user=request.user,
            part=self.get_part(request, lesson, pk),
            version=_version_of(request),
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(
    request=PassageWriteSerializer, responses={201: TeachPassageSerializer, 409: CONFLICT}
)
class PassageCreateApi(PartCreateApi):
    write_serializer = PassageWriteSerializer
    read_serializer = TeachPassageSerializer
    service = authoring.passage_create


@extend_schema(
    request=PassageWriteSerializer, responses={200: TeachPassageSerializer, 409: CONFLICT}
)
class PassageDetailApi(PartDetailApi):
    write_serializer = PassageWriteSerializer
    read_serializer = TeachPassageSerializer
    part = "passage"
    keyword = "passage"
    service = authoring.passage_update


@extend_schema(
    request=VocabularyWriteSerializer, responses={201: TeachVocabularySerializer, 409: CONFLICT}
)
class VocabularyCreateApi(PartCreateApi):
    write_serializer = VocabularyWriteSerializer
    read_serializer = TeachVocabularySerializer
    service = authoring.vocabulary_create


@extend_schema(
    request=VocabularyWriteSerializer, responses={200: TeachVocabularySerializer, 409: CONFLICT}
)
class VocabularyDetailApi(PartDetailApi):
    write_serializer = VocabularyWriteSerializer
    read_serializer = TeachVocabularySerializer
    part = "vocabulary"
    keyword = "item"
    service = authoring.vocabulary_update


@extend_schema(
    request=ExerciseWriteSerializer, responses={201: TeachExerciseSerializer, 409: CONFLICT}
)
class ExerciseCreateApi(PartCreateApi):
    write_serializer = ExerciseWriteSerializer
    read_serializer = TeachExerciseSerializer
    service = authoring.exercise_create


@extend_schema(
    request=ExerciseWriteSerializer, responses={200: TeachExerciseSerializer, 409: CONFLICT}
)
class ExerciseDetailApi(PartDetailApi):
    write_serializer = ExerciseWriteSerializer
    read_serializer = TeachExerciseSerializer
    part = "exercise"
    keyword = "exercise"
    service = authoring.exercise_update


class VocabularyImportApi(TeachApi):
    """Words from CSV text; any bad row is a 400 listing every bad row, and nothing is saved."""

    @extend_schema(
        request=VocabularyImportSerializer,
        responses={201: TeachVocabularySerializer(many=True), 409: CONFLICT},
    )
    def post(self, request: Request, lesson: int) -> Response:
        lesson_obj = self.lesson(request, lesson)
        data = self.valid(VocabularyImportSerializer, request)
        rows, problems = transfer.parse_vocabulary_csv(
            data["csv"].encode("utf-8"),
            languages=[code for code, _name in languages()],
            max_rows=authoring.MAX_VOCABULARY_ROWS,
        )
        if problems:
            return Response(
                {"csv": [str(p) for p in problems[:50]]}, status=status.HTTP_400_BAD_REQUEST
            )
        items = authoring.vocabulary_import(
            user=request.user, lesson=lesson_obj, rows=rows, version=data.get("version")
        )
        return Response(
            TeachVocabularySerializer(items, many=True).data, status=status.HTTP_201_CREATED
        )


class PartMoveApi(TeachApi):
    @extend_schema(request=PartMoveSerializer, responses={200: TeachLessonDetailSerializer})
    def post(self, request: Request, lesson: int) -> Response:
        lesson_obj = self.lesson(request, lesson)
        data = self.valid(PartMoveSerializer, request)
        model = authoring.part_model(data["part"])
        part: Any = get_object_or_404(model, lesson=lesson_obj, pk=data["pk"])
        authoring.lesson_part_move(
            user=request.user, part=part, direction=data["direction"], version=data.get("version")
        )
        return Response(TeachLessonDetailSerializer(self.lesson(request, lesson)).data)


class DraftListApi(TeachApi):
    """Drafted exercises waiting for review; POST drafts more from the lesson."""

    @extend_schema(responses=TeachExerciseSerializer(many=True))
    def get(self, request: Request, lesson: int) -> Response:
        drafts = selectors.exercise_list_drafts(lesson=self.lesson(request, lesson))
        return Response(TeachExerciseSerializer(drafts, many=True).data)

    @extend_schema(request=None, responses={201: TeachExerciseSerializer(many=True)})
    def post(self, request: Request, lesson: int) -> Response:
        created = authoring.lesson_drafts_generate(
            user=request.user, lesson=self.lesson(request, lesson)
        )
        return Response(
            TeachExerciseSerializer(created, many=True).data, status=status.HTTP_201_CREATED
        )


class DraftAcceptApi(TeachApi):
    @extend_schema(
        request=VersionSerializer, responses={200: TeachExerciseSerializer, 409: CONFLICT}
    )
    def post(self, request: Request, lesson: int, pk: int) -> Response:
        draft = selectors.exercise_get_for_teacher(
            lesson=self.lesson(request, lesson), pk=pk, draft=True
        )
        data = self.valid(VersionSerializer, request)
        authoring.exercise_draft_accept(
            user=request.user, exercise=draft, version=data.get("version")
        )
        return Response(TeachExerciseSerializer(draft).data)


# --- Classes --------------------------------------------------------------------------------


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
