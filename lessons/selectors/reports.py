"""Reads for class reports: each member's progress per lesson and the questions most often
answered wrong, in a fixed number of queries whatever the class size."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count

from lessons import transfer
from lessons.models import Attempt, Classroom, Exercise, Lesson, LessonProgress
from lessons.selectors.progress import ProgressSummary, exercise_ids_counted, progress_summary


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
class QuestionResult:
    """How the class answered one question: members who answered it, and who got it right."""

    exercise: Exercise
    answered: int
    correct: int

    @property
    def score(self) -> int:
        return round(100 * self.correct / self.answered) if self.answered else 0


@dataclass(frozen=True)
class LessonResult:
    lesson: Lesson
    questions: list[QuestionResult]


@dataclass(frozen=True)
class ClassReport:
    classroom: Classroom
    lessons: list[Lesson]
    rows: list[LearnerRow]
    missed: list[MissedQuestion]
    questions: list[LessonResult]

    @property
    def not_started(self) -> list[Any]:
        return [row.learner for row in self.rows if not row.started]


def classroom_report(*, classroom: Classroom, missed_limit: int = 10) -> ClassReport:
    """Each member's progress and score per published lesson of the class's course (drafts are
    not the class's work), how the class answered each question, and the questions most often
    answered wrong by members: a fixed number of queries, whatever the class size."""
    lessons = list(classroom.course.lessons.filter(published=True).order_by("order", "pk"))
    lesson_ids = [lesson.pk for lesson in lessons]
    members = [m.learner for m in classroom.memberships.select_related("learner")]
    # Totals count what learners can answer (see exercise_ids_counted).
    exercise_ids = exercise_ids_counted(lesson_ids=lesson_ids)
    ready = list(
        Exercise.objects.filter(lesson_id__in=lesson_ids, status=Exercise.Status.READY).order_by(
            "order", "pk"
        )
    )
    answered: dict[int, list[bool]] = {exercise.pk: [] for exercise in ready}
    progress: dict[tuple[int, int], ProgressSummary] = {}
    for row in LessonProgress.objects.filter(learner__in=members, lesson_id__in=lesson_ids):
        progress[(row.learner_id, row.lesson_id)] = progress_summary(
            row.results, exercise_ids[row.lesson_id], True, row.completed_at is not None
        )
        for key, right in (row.results or {}).items():
            if key.isdigit() and int(key) in answered:
                answered[int(key)].append(bool(right))
    questions = [
        LessonResult(
            lesson,
            [
                QuestionResult(e, len(answered[e.pk]), sum(answered[e.pk]))
                for e in ready
                if e.lesson_id == lesson.pk
            ],
        )
        for lesson in lessons
    ]
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
    return ClassReport(classroom, lessons, rows, missed, questions)


def classroom_report_csv(*, report: ClassReport) -> str:
    """The class report as CSV (formulas neutralised): a row per learner, a column per lesson."""
    header: list[object] = ["learner", *[lesson.title for lesson in report.lessons]]
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
