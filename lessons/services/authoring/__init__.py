"""Writes of the tutor workspace: courses, lessons and their parts, imports, classes.

Pages and the API call these same functions. Each checks the user may edit the course, runs in
one transaction, re-renders furigana (lesson_render / course_render, which also invalidate the
cached lesson pages), and raises ValidationError for what a tutor can fix.

A lesson edit carries the `Lesson.version` the tutor's form was opened with: a stale version is
a `LessonVersionConflict`, and every successful change to a lesson or its parts increments it.
A change of the course's reading list does not: a tutor correcting a reading while a passage
form is open must still be able to save that form.

A course edit likewise carries `Course.version` (compare-and-set on the row, so of two
simultaneous edits made on the same version exactly one is saved); a stale one is a
`CourseVersionConflict`. A reading correction counts as a change of the course.
"""

from lessons.services.authoring._common import CourseVersionConflict, LessonVersionConflict
from lessons.services.authoring.classes import (
    JOIN_CODE_ALPHABET,
    JOIN_CODE_LENGTH,
    classroom_create,
    classroom_join,
)
from lessons.services.authoring.courses import (
    COURSE_FIELDS,
    MAX_READING_WORD,
    MAX_READINGS,
    STYLE_FIELDS,
    course_create,
    course_reading_set,
    course_share_set,
    course_update,
    readings_validate,
)
from lessons.services.authoring.importing import (
    MAX_VOCABULARY_ROWS,
    VocabularyImportPlan,
    WordChange,
    lesson_duplicate,
    lesson_import,
    lesson_import_clash,
    vocabulary_import,
    vocabulary_import_plan,
)
from lessons.services.authoring.lessons import (
    LESSON_FIELDS,
    lesson_create,
    lesson_delete,
    lesson_move,
    lesson_publish_set,
    lesson_update,
)
from lessons.services.authoring.parts import (
    EXERCISE_FIELDS,
    PASSAGE_FIELDS,
    VOCABULARY_FIELDS,
    exercise_create,
    exercise_draft_accept,
    exercise_update,
    lesson_drafts_generate,
    lesson_part_delete,
    lesson_part_move,
    part_model,
    passage_create,
    passage_update,
    vocabulary_create,
    vocabulary_update,
)

__all__ = [
    "COURSE_FIELDS",
    "EXERCISE_FIELDS",
    "JOIN_CODE_ALPHABET",
    "JOIN_CODE_LENGTH",
    "LESSON_FIELDS",
    "MAX_READINGS",
    "MAX_READING_WORD",
    "MAX_VOCABULARY_ROWS",
    "PASSAGE_FIELDS",
    "STYLE_FIELDS",
    "VOCABULARY_FIELDS",
    "CourseVersionConflict",
    "LessonVersionConflict",
    "VocabularyImportPlan",
    "WordChange",
    "classroom_create",
    "classroom_join",
    "course_create",
    "course_reading_set",
    "course_share_set",
    "course_update",
    "exercise_create",
    "exercise_draft_accept",
    "exercise_update",
    "lesson_create",
    "lesson_delete",
    "lesson_drafts_generate",
    "lesson_duplicate",
    "lesson_import",
    "lesson_import_clash",
    "lesson_move",
    "lesson_part_delete",
    "lesson_part_move",
    "lesson_publish_set",
    "lesson_update",
    "part_model",
    "passage_create",
    "passage_update",
    "readings_validate",
    "vocabulary_create",
    "vocabulary_import",
    "vocabulary_import_plan",
    "vocabulary_update",
]
