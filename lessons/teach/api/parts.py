"""Tutor API of a lesson's parts (passages, words, exercises), word imports, moves and drafts."""

from typing import Any

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from lessons import selectors, transfer
from lessons.services import authoring
from lessons.teach.api._common import CONFLICT, TeachApi, _required_version, _version_of
from lessons.teach.forms import languages
from lessons.teach.serializers import (
    ExerciseWriteSerializer,
    PartMoveSerializer,
    PassageWriteSerializer,
    TeachExerciseSerializer,
    TeachLessonDetailSerializer,
    TeachPassageSerializer,
    TeachVocabularySerializer,
    VersionSerializer,
    VocabularyImportSerializer,
    VocabularyWriteSerializer,
)


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


def _plan_data(plan: authoring.VocabularyImportPlan) -> dict[str, Any]:
    def word(change: authoring.WordChange) -> dict[str, Any]:
        return {
            "row": change.row,
            "expression": change.item.expression,
            "changes": [{"field": f, "old": old, "new": new} for f, old, new in change.changes],
        }

    return {
        "version": plan.version,
        "added": [word(c) for c in plan.added],
        "changed": [word(c) for c in plan.changed],
        "unchanged": [word(c) for c in plan.unchanged],
    }


class VocabularyImportApi(TeachApi):
    """Words from CSV text, with the `version` of the lesson you read. `preview: true` answers
    what would be added, changed (old -> new) and left, saving nothing; without it the words
    are imported. Any bad row is a 400 listing every problem of every row, and nothing is
    saved; a lesson changed since `version` is a 409."""

    @extend_schema(
        request=VocabularyImportSerializer,
        responses={
            200: OpenApiResponse(description="The preview: added, changed, unchanged."),
            201: TeachVocabularySerializer(many=True),
            409: CONFLICT,
        },
    )
    def post(self, request: Request, lesson: int) -> Response:
        lesson_obj = self.lesson(request, lesson)
        data = self.valid(VocabularyImportSerializer, request)
        version = _required_version(data)
        rows, problems = transfer.parse_vocabulary_csv(
            data["csv"].encode("utf-8"),
            languages=[code for code, _name in languages()],
            max_rows=authoring.MAX_VOCABULARY_ROWS,
        )
        plan = authoring.vocabulary_import_plan(user=request.user, lesson=lesson_obj, rows=rows)
        found = sorted([(p.row, p.text(gettext)) for p in problems] + plan.problems)
        if found:
            return Response(
                {"csv": [message for _row, message in found[:100]]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        if data.get("preview"):
            return Response(_plan_data(plan))
        items = authoring.vocabulary_import(
            user=request.user, lesson=lesson_obj, rows=rows, version=version
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
