"""Pages of the tutor workspace, under /teach/: courses, lessons and their parts, classes.

Views parse forms and choose responses; every write goes through `lessons.services.authoring`, every
lookup through `lessons.selectors` (scoped to the courses the user may edit).
"""

from lessons.teach.views.classes import (
    classroom_create,
    classroom_detail,
    classroom_export,
    classroom_join,
    classroom_join_code,
)
from lessons.teach.views.courses import (
    course_create,
    course_detail,
    course_reading_add,
    course_update,
    dashboard,
)
from lessons.teach.views.lessons import (
    lesson_create,
    lesson_delete,
    lesson_duplicate,
    lesson_export,
    lesson_import,
    lesson_move,
    lesson_preview,
    lesson_publish,
    lesson_update,
)
from lessons.teach.views.parts import (
    draft_accept,
    draft_list,
    exercise_create,
    exercise_update,
    part_delete,
    part_move,
    passage_create,
    passage_update,
    vocabulary_create,
    vocabulary_export,
    vocabulary_import,
    vocabulary_update,
)

__all__ = [
    "classroom_create",
    "classroom_detail",
    "classroom_export",
    "classroom_join",
    "classroom_join_code",
    "course_create",
    "course_detail",
    "course_reading_add",
    "course_update",
    "dashboard",
    "draft_accept",
    "draft_list",
    "exercise_create",
    "exercise_update",
    "lesson_create",
    "lesson_delete",
    "lesson_duplicate",
    "lesson_export",
    "lesson_import",
    "lesson_move",
    "lesson_preview",
    "lesson_publish",
    "lesson_update",
    "part_delete",
    "part_move",
    "passage_create",
    "passage_update",
    "vocabulary_create",
    "vocabulary_export",
    "vocabulary_import",
    "vocabulary_update",
]
