"""Reads of the tutor workspace, and who may teach what.

Tutors see the courses they own and those shared with them; editors and superusers see every
course. Every lookup is scoped to what the user may see, so another tutor's course is a 404.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from learning.roles import Role, user_has_role
from lessons import transfer
from lessons.models import (
    Attempt,
    Classroom,
    Course,
    Exercise,
    Lesson,
    LessonProgress,
    Passage,
    VocabularyItem,
)
from lessons.services import ProgressSummary, progress_summary

# --- Permissions --------------------------------------------------------------------------


def user_can_teach(user: Any) -> bool:
    """Tutors, editors and superusers use the workspace."""
    return user_has_role(user, Role.TUTOR) or user_has_role(user, Role.EDITOR)


def user_sees_all_courses(user: Any) -> bool:
    return user_has_role(user, Role.EDITOR)


def teacher_require(user: Any) -> None:
    """Raise PermissionDenied unless *user* may use the workspace."""
    if not user_can_teach(user):
        raise PermissionDenied("The tutor workspace is for tutors and editors.")


def course_can_edit(*, user: Any, course: Course) -> bool:
    if not user_can_teach(user):
        return False
    if user_sees_all_courses(user) or course.owner_id == user.pk:
        return True
    return course.shared_with.filter(pk=user.pk).exists()


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


@dataclass(frozen=True)
class MissedQuestion:
    exercise: Exercise
    wrong: int
    learners: int


@dataclass(frozen=True)
class LearnerRow:
    learner: Any
    cells: list[ProgressSummary | None]  # one per lesson, None: not started

    @property
    def started(self) -> bool:
        return any(cell is not None for cell in self.cells)


@dataclass(frozen=True)
class ClassReport:
    classroom: Classroom
    lessons: list[Lesson]
    rows: list[LearnerRow]
    missed: list[MissedQuestion]

    @property
    def not_started(self) -> list[Any]:
        return [row.learner for row in self.rows if not row.started]


def classroom_report(*, classroom: Classroom, missed_limit: int = 10) -> ClassReport:
    """Each member's progress per lesson of the class's course, and the questions most often
    answered wrong by members: a fixed number of queries, whatever the class size."""
    lessons = list(classroom.course.lessons.order_by("order", "pk"))
    lesson_ids = [lesson.pk for lesson in lessons]
    members = [m.learner for m in classroom.memberships.select_related("learner")]
    exercise_ids: dict[int, list[int]] = {pk: [] for pk in lesson_ids}
    for lesson_id, pk in Exercise.objects.filter(
        lesson_id__in=lesson_ids, status=Exercise.Status.READY
    ).values_list("lesson_id", "pk"):
        exercise_ids[lesson_id].append(pk)
    progress: dict[tuple[int, int], ProgressSummary] = {}
    for row in LessonProgress.objects.filter(learner__in=members, lesson_id__in=lesson_ids):
        progress[(row.learner_id, row.lesson_id)] = progress_summary(
            row.results, exercise_ids[row.lesson_id], True, row.completed_at is not None
        )
    rows = [
        LearnerRow(learner, [progress.get((learner.pk, pk)) for pk in lesson_ids])
        for learner in members
    ]
    wrong = (
        Attempt.objects.filter(
            learner__in=members, exercise__lesson_id__in=lesson_ids, correct=False
        )
        .values("exercise")
        .annotate(wrong=Count("pk"), learners=Count("learner", distinct=True))
        .order_by("-wrong", "exercise")[:missed_limit]
    )
    counts = {row["exercise"]: (row["wrong"], row["learners"]) for row in wrong}
    exercises = Exercise.objects.select_related("lesson").in_bulk(list(counts))
    missed = [
        MissedQuestion(exercises[pk], wrong_count, learners)
        for pk, (wrong_count, learners) in counts.items()
        if pk in exercises
    ]
    missed.sort(key=lambda m: (-m.wrong, m.exercise.pk))
    return ClassReport(classroom, lessons, rows, missed)


def classroom_report_csv(*, report: ClassReport) -> str:
    """The class report as CSV (formulas neutralised): a row per learner, a column per lesson."""
    header = ["learner", *[lesson.title for lesson in report.lessons]]
    rows: list[list[object]] = [header]
    for row in report.rows:
        cells: list[object] = [row.learner.get_username()]
        for cell in row.cells:
            if cell is None:
                cells.append("not started")
            elif cell.completed:
                cells.append(f"completed {cell.score}%")
            else:
                cells.append(f"started {cell.answered}/{cell.total}")
        rows.append(cells)
    return transfer.csv_text(rows)
