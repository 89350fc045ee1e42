"""Answers and progress: grading attempts, and progress on the account or in the session."""

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lessons import exercises as exercise_engine
from lessons.feedback import answer_problem_message
from lessons.models import (
    Attempt,
    Exercise,
    Lesson,
    LessonProgress,
)
from lessons.selectors.audio import exercise_audio_ready
from lessons.selectors.progress import (
    SESSION_PROGRESS_KEY,
    ProgressSummary,
    exercise_ids_counted,
    progress_by_lesson,
    progress_summary,
)

MAX_ANSWER_CHARS = 500
# Anonymous progress lives in the session; past this many lessons the oldest are dropped.
MAX_SESSION_LESSONS = 300


# --- Answers and progress -------------------------------------------------------------------


@dataclass(frozen=True)
class AttemptResult:
    verdict: exercise_engine.Verdict
    progress: ProgressSummary


def _check_answer_size(answer: Mapping[str, Any]) -> None:
    if len(json.dumps(answer, ensure_ascii=False, default=str)) > MAX_ANSWER_CHARS + 100:
        raise ValidationError(
            {"answer": [f"The answer is longer than {MAX_ANSWER_CHARS} characters."]}
        )
    for value in answer.values():
        if isinstance(value, str) and len(value) > MAX_ANSWER_CHARS:
            raise ValidationError(
                {"answer": [f"The answer is longer than {MAX_ANSWER_CHARS} characters."]}
            )


def _session_hash(session: SessionBase | None) -> str:
    key = session.session_key if session is not None else None
    return hashlib.sha256(key.encode()).hexdigest()[:32] if key else ""


@transaction.atomic
def attempt_submit(
    *,
    exercise: Exercise,
    answer: Mapping[str, Any],
    learner: Any = None,
    session: SessionBase | None = None,
) -> AttemptResult:
    """Grade *answer*, record the attempt, and update the lesson's progress (on the account
    for a signed-in learner, in the session otherwise). A malformed or forged answer is a
    ValidationError and changes nothing, and so does a nearly right typed answer (its verdict
    carries a hint)."""
    if (
        exercise.status != Exercise.Status.READY
        or not exercise.lesson.published
        or not exercise.lesson.course.published
    ):
        raise ValidationError({"exercise": ["This exercise is not available."]})
    if not exercise_audio_ready(exercise):
        raise ValidationError(
            {"exercise": [_("The audio of this exercise is not ready yet, so it is not counted.")]}
        )
    if not isinstance(answer, Mapping):
        raise ValidationError({"answer": ["The answer must be an object."]})
    _check_answer_size(answer)
    try:
        verdict = exercise_engine.grade(exercise.kind, exercise.data, answer)
    except exercise_engine.InvalidAnswer as exc:
        raise ValidationError({"answer": [answer_problem_message(exc.code)]}) from exc
    if verdict.hint:
        # Nearly right: the learner tries again, and this try is neither kept nor counted.
        lesson_id = exercise.lesson_id
        current = progress_by_lesson(learner=learner, session=session, lesson_ids=[lesson_id])
        return AttemptResult(
            verdict=verdict,
            progress=current.get(lesson_id) or progress_summary({}, [], False, False),
        )
    signed_in = getattr(learner, "is_authenticated", False)
    Attempt.objects.create(
        exercise=exercise,
        learner=learner if signed_in else None,
        session_hash="" if signed_in else _session_hash(session),
        answer=dict(answer),
        correct=verdict.correct,
    )
    if not verdict.correct:
        # Mistakes feed reviews: the exercise's words come due at once.
        from lessons.review.services import review_cards_bring_forward

        review_cards_bring_forward(exercise=exercise, learner=learner, session=session)
    lesson = exercise.lesson
    # A listening exercise still without its clip neither counts nor blocks completion.
    exercise_ids = exercise_ids_counted(lesson_ids=[lesson.pk])[lesson.pk]
    now = timezone.now()
    if signed_in:
        progress, _created = LessonProgress.objects.select_for_update().get_or_create(
            learner=learner, lesson=lesson, defaults={"started_at": now}
        )
        progress.results[str(exercise.pk)] = verdict.correct
        if progress.completed_at is None and {str(i) for i in exercise_ids} <= set(
            progress.results
        ):
            progress.completed_at = now
        progress.save(update_fields=["results", "completed_at", "updated_at"])
        summary = progress_summary(
            progress.results, exercise_ids, True, progress.completed_at is not None
        )
    else:
        if session is None:
            raise ValidationError({"session": ["Progress needs a session or an account."]})
        entry = _session_entry(session, lesson.pk, now)
        entry["results"][str(exercise.pk)] = verdict.correct
        if not entry.get("completed") and {str(i) for i in exercise_ids} <= set(entry["results"]):
            entry["completed"] = now.isoformat()
        _session_store(session, lesson.pk, entry)
        summary = progress_summary(
            entry["results"], exercise_ids, True, bool(entry.get("completed"))
        )
    return AttemptResult(verdict=verdict, progress=summary)


def _session_entry(session: SessionBase, lesson_id: int, now: Any) -> dict[str, Any]:
    stored = session.get(SESSION_PROGRESS_KEY, {})
    entry = stored.get(str(lesson_id)) if isinstance(stored, dict) else None
    if not isinstance(entry, dict) or not isinstance(entry.get("results"), dict):
        entry = {"started": now.isoformat(), "completed": None, "results": {}}
    return {**entry, "results": dict(entry["results"])}


def _session_store(session: SessionBase, lesson_id: int, entry: dict[str, Any]) -> None:
    stored = dict(session.get(SESSION_PROGRESS_KEY, {}))
    stored.pop(str(lesson_id), None)
    stored[str(lesson_id)] = entry  # newest last
    while len(stored) > MAX_SESSION_LESSONS:
        stored.pop(next(iter(stored)))
    session[SESSION_PROGRESS_KEY] = stored


@transaction.atomic
def progress_merge_session(*, learner: Any, session: SessionBase) -> int:
    """Move anonymous progress from *session* into the account; returns the lessons merged.

    Per exercise the result is kept if either side has it, and a correct answer on either
    side counts as correct, so nothing is lost and nothing is counted twice. The session's
    copy is removed afterwards.
    """
    stored = session.get(SESSION_PROGRESS_KEY, {})
    if not isinstance(stored, dict) or not stored:
        return 0
    lesson_ids = [int(k) for k in stored if str(k).isdigit()]
    lessons = Lesson.objects.in_bulk(lesson_ids)
    counted = exercise_ids_counted(lesson_ids=lessons)
    merged = 0
    for lesson_id, lesson in lessons.items():
        entry = stored[str(lesson_id)]
        results = entry.get("results", {}) if isinstance(entry, dict) else {}
        progress, _created = LessonProgress.objects.select_for_update().get_or_create(
            learner=learner, lesson=lesson, defaults={"started_at": timezone.now()}
        )
        for key, value in results.items():
            if isinstance(value, bool):
                progress.results[str(key)] = bool(progress.results.get(str(key))) or value
        exercise_ids = {str(i) for i in counted[lesson_id]}
        if progress.completed_at is None and exercise_ids and exercise_ids <= set(progress.results):
            progress.completed_at = timezone.now()
        progress.save()
        merged += 1
    del session[SESSION_PROGRESS_KEY]
    return merged
