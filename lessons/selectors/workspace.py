"""Reads of the tutor workspace: every lookup is scoped to what the user may see, so another
tutor's course is a 404 (and someone who is no tutor at all gets a 403)."""

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from lessons import transfer
from lessons.models import Classroom, Course, Exercise, Lesson, Passage, VocabularyItem
from lessons.permissions import teacher_require, user_sees_all_courses

# --- Courses and lessons --------------------------------------------------------------------


def course_list_for_teacher(*, user: Any) -> QuerySet[Course]:
    teacher_require(user)
    courses = Course.objects.all()
    if not user_sees_all_courses(user):
        courses = courses.filter(Q(owner=user) | Q(shared_with=user)).distinct()
    return courses.select_related("owner").annotate(lesson_count=Count("lessons", distinct=True))


def course_get_for_teacher(*, user: Any, pk: int) -> Course:
    """A course *user* may edit, or 404 (403 for someone who is no tutor at all)."""
    teacher_require(user)
    return get_object_or_404(course_list_for_teacher(user=user), pk=pk)


def lesson_list_for_course(*, course: Course) -> QuerySet[Lesson]:
    return course.lessons.annotate(
        exercise_count=Count("exercises", filter=Q(exercises__status=Exercise.Status.READY)),
        draft_count=Count("exercises", filter=Q(exercises__status=Exercise.Status.DRAFT)),
    ).order_by("order", "pk")


def lesson_get_for_teacher(*, user: Any, pk: int) -> Lesson:
    """A lesson of a course *user* may edit, with its parts (drafts included), or 404."""
    teacher_require(user)
    queryset = (
        Lesson.objects.filter(course__in=course_list_for_teacher(user=user))
        .select_related("course")
        .prefetch_related(
            "passages",
            "vocabulary",
            "exercises",
            Prefetch(
                "exercises",
                queryset=Exercise.objects.filter(status=Exercise.Status.READY),
                to_attr="ready_exercises",
            ),
        )
    )
    return get_object_or_404(queryset, pk=pk)


def passage_get_for_teacher(*, lesson: Lesson, pk: int) -> Passage:
    return get_object_or_404(Passage, lesson=lesson, pk=pk)


def vocabulary_get_for_teacher(*, lesson: Lesson, pk: int) -> VocabularyItem:
    return get_object_or_404(VocabularyItem, lesson=lesson, pk=pk)


def exercise_get_for_teacher(*, lesson: Lesson, pk: int, draft: bool | None = None) -> Exercise:
    filters: dict[str, Any] = {"lesson": lesson, "pk": pk}
    if draft is not None:
        filters["status"] = Exercise.Status.DRAFT if draft else Exercise.Status.READY
    return get_object_or_404(Exercise.objects.select_related("lesson__course"), **filters)


def exercise_list_drafts(*, lesson: Lesson) -> QuerySet[Exercise]:
    return lesson.exercises.filter(status=Exercise.Status.DRAFT).order_by("order", "pk")


# --- Export ---------------------------------------------------------------------------------


def lesson_export(*, lesson: Lesson) -> dict[str, Any]:
    """The lesson as a JSON document (transfer.lesson_document) that `lesson_import` reads."""
    values = {name: getattr(lesson, name) for name in transfer.LESSON_FIELDS}
    return transfer.lesson_document(
        values,
        [
            {n: getattr(p, n) for n in transfer.PASSAGE_FIELDS}
            for p in lesson.passages.order_by("order", "pk")
        ],
        [
            {n: getattr(v, n) for n in transfer.VOCABULARY_FIELDS}
            for v in lesson.vocabulary.order_by("order", "pk")
        ],
        [
            {n: getattr(e, n) for n in transfer.EXERCISE_FIELDS}
            for e in lesson.exercises.order_by("order", "pk")
        ],
    )


def vocabulary_export_csv(*, lesson: Lesson, languages: list[str]) -> str:
    items = [
        {
            "expression": v.expression,
            "reading": v.reading,
            "part_of_speech": v.part_of_speech,
            "meanings": v.meanings,
            "example": v.example,
            "example_translations": v.example_translations,
        }
        for v in lesson.vocabulary.order_by("order", "pk")
    ]
    return transfer.vocabulary_csv(items, languages)


# --- Classes --------------------------------------------------------------------------------


def classroom_list_for_teacher(*, user: Any) -> QuerySet[Classroom]:
    return (
        Classroom.objects.filter(course__in=course_list_for_teacher(user=user))
        .select_related("course")
        .annotate(member_count=Count("memberships"))
    )


def classroom_get_for_teacher(*, user: Any, pk: int) -> Classroom:
    return get_object_or_404(classroom_list_for_teacher(user=user), pk=pk)


def classroom_get_by_code(*, code: str) -> Classroom:
    return get_object_or_404(
        Classroom.objects.select_related("course"), join_code=code.strip().upper()
    )
