"""API views of `lessons`."""

from dataclasses import asdict
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from learning.display import display_prefs_for
from learning.drf import Pagination, SharedAnonThrottle, SharedScopedThrottle, SharedUserThrottle
from lessons import downloads
from lessons.models import Level, Topic
from lessons.permissions import user_can_teach
from lessons.selectors import (
    audio_urls,
    course_get_published,
    course_list_published,
    exercise_get_for_learner,
    lesson_get_published,
    lesson_list_published,
    lesson_list_started,
    lesson_speech,
    progress_by_lesson,
)
from lessons.serializers import (
    AttemptCreateSerializer,
    CourseDetailSerializer,
    CourseSerializer,
    FuriganaRequestSerializer,
    FuriganaResponseSerializer,
    LessonDetailSerializer,
    LessonProgressSerializer,
    LessonSummarySerializer,
    VerdictSerializer,
    verdict_payload,
)
from lessons.services import attempt_submit, deck_export_mistakes, furigana_render


class FuriganaApi(APIView):
    """Japanese text -> segments with hiragana readings and ruby HTML (for live previews)."""

    permission_classes = (AllowAny,)
    throttle_classes = (SharedAnonThrottle, SharedUserThrottle, SharedScopedThrottle)

    @property
    def throttle_scope(self) -> str:
        # Tutors' live preview calls this as they type: a budget of its own.
        user = getattr(self.request, "user", None)
        if user is not None and user_can_teach(user):
            return "furigana-tutor"
        return "furigana"

    @extend_schema(
        request=FuriganaRequestSerializer,
        responses={
            200: FuriganaResponseSerializer,
            400: OpenApiResponse(description="What is wrong with the text or overrides."),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = FuriganaRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = furigana_render(**serializer.validated_data)
        return Response(FuriganaResponseSerializer(result).data)


class CourseListApi(APIView):
    """Published courses, filterable by `level` and `topic`."""

    # Also tells the schema that the answer is a page of results.
    pagination_class = Pagination

    permission_classes = (AllowAny,)

    @extend_schema(
        parameters=[
            OpenApiParameter("level", str, enum=Level.values),
            OpenApiParameter("topic", str, enum=Topic.values),
        ],
        responses=CourseSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        level = request.query_params.get("level", "")
        topic = request.query_params.get("topic", "")
        if level and level not in Level.values:
            raise ValidationError({"level": [f"Choose one of {', '.join(Level.values)}."]})
        if topic and topic not in Topic.values:
            raise ValidationError({"topic": [f"Choose one of {', '.join(Topic.values)}."]})
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(
            course_list_published(level=level, topic=topic), request, view=self
        )
        return paginator.get_paginated_response(CourseSerializer(page, many=True).data)


class CourseDetailApi(APIView):
    permission_classes = (AllowAny,)

    @extend_schema(responses=CourseDetailSerializer)
    def get(self, request: Request, course: str) -> Response:
        course_obj: Any = course_get_published(slug=course)
        lessons = list(lesson_list_published(course=course_obj))
        course_obj.lesson_count = len(lessons)
        data = CourseDetailSerializer(course_obj).data
        data["lessons"] = LessonSummarySerializer(lessons, many=True).data
        return Response(data)


class LessonDetailApi(APIView):
    """A published lesson with its passages (furigana segments), vocabulary and exercises."""

    permission_classes = (AllowAny,)

    @extend_schema(responses=LessonDetailSerializer)
    def get(self, request: Request, course: str, lesson: str) -> Response:
        lesson_obj = lesson_get_published(course_slug=course, lesson_slug=lesson)
        clips = audio_urls(keys=[s.key for s in lesson_speech(lesson_obj)])
        return Response(
            LessonDetailSerializer(lesson_obj, context={"request": request, "clips": clips}).data
        )


class AttemptCreateApi(APIView):
    """Answer an exercise; the verdict names the expected answer. Progress is kept on the
    account, or in the session for anonymous learners (the same service as the pages)."""

    permission_classes = (AllowAny,)

    @extend_schema(
        request=AttemptCreateSerializer,
        responses={
            200: VerdictSerializer,
            400: OpenApiResponse(description="What is wrong with the answer."),
            404: OpenApiResponse(description="No such exercise."),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = AttemptCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        exercise = exercise_get_for_learner(pk=serializer.validated_data["exercise"])
        result = attempt_submit(
            exercise=exercise,
            answer=serializer.validated_data["answer"],
            learner=request.user,
            session=request.session,
        )
        languages = display_prefs_for(request).meaning_languages
        return Response(VerdictSerializer(verdict_payload(exercise, result, languages)).data)


class ProgressListApi(APIView):
    """The learner's progress in every lesson they started (account or session)."""

    permission_classes = (AllowAny,)

    @extend_schema(responses=LessonProgressSerializer(many=True))
    def get(self, request: Request) -> Response:
        lessons = list(lesson_list_started(learner=request.user, session=request.session))
        progress = progress_by_lesson(
            learner=request.user, session=request.session, lessons=lessons
        )
        rows = [
            {
                "course": lesson.course.slug,
                "lesson": lesson.slug,
                **asdict(progress[lesson.pk]),
                "score": progress[lesson.pk].score,
            }
            for lesson in lessons
            if lesson.pk in progress
        ]
        return Response(LessonProgressSerializer(rows, many=True).data)


DECK_RESPONSES = {
    (200, "application/apkg"): OpenApiTypes.BINARY,
    304: OpenApiResponse(description="Not modified (If-None-Match matched the ETag)."),
    404: OpenApiResponse(description="No such published course or lesson."),
    429: OpenApiResponse(description="Too many downloads."),
}
LANG_PARAMETER = OpenApiParameter(
    "lang", str, description="Meaning language beside English (default: the learner's)."
)


class CourseDeckApi(APIView):
    """The Anki deck of a published course: one subdeck per lesson."""

    permission_classes = (AllowAny,)
    throttle_classes = ()  # downloads count in the page's "deck" rate limit instead

    @extend_schema(parameters=[LANG_PARAMETER], responses=DECK_RESPONSES)
    def get(self, request: Request, course: str) -> HttpResponse:
        return downloads.course_deck_response(request._request, course)


class LessonDeckApi(APIView):
    """The Anki deck of one published lesson."""

    permission_classes = (AllowAny,)
    throttle_classes = ()

    @extend_schema(parameters=[LANG_PARAMETER], responses=DECK_RESPONSES)
    def get(self, request: Request, course: str, lesson: str) -> HttpResponse:
        return downloads.lesson_deck_response(request._request, course, lesson)


class MistakesDeckApi(APIView):
    """A deck of the words behind the signed-in learner's wrong answers."""

    throttle_classes = ()

    @extend_schema(parameters=[LANG_PARAMETER], responses=DECK_RESPONSES)
    def get(self, request: Request) -> HttpResponse:
        deck = deck_export_mistakes(
            learner=request.user, languages=downloads.deck_languages(request._request)
        )
        return downloads.deck_response(request._request, deck.etag, lambda: deck)
