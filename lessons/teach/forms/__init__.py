"""Forms of the tutor workspace: input shapes for tutors who are not programmers.

Exercises are typed as plain lines (one choice per line, "left = right" pairs, a sentence with
___ for the blank) and turned into the kind's `data` here; the services check it again.
"""

from lessons.teach.forms.base import (
    BLANK,
    MAX_UPLOAD_BYTES,
    TeachForm,
    TranslationsMixin,
    VersionField,
    languages,
    lines,
)
from lessons.teach.forms.content import (
    CourseForm,
    LessonForm,
    PassageForm,
    VocabularyForm,
)
from lessons.teach.forms.exercises import (
    KIND_FIELDS,
    ExerciseForm,
    exercise_data_from_fields,
    exercise_initial,
)
from lessons.teach.forms.transfer import (
    ClassroomForm,
    JoinForm,
    LessonImportForm,
    MoveForm,
    ReadingForm,
    VersionForm,
    VocabularyImportForm,
)

__all__ = [
    "BLANK",
    "KIND_FIELDS",
    "MAX_UPLOAD_BYTES",
    "ClassroomForm",
    "CourseForm",
    "ExerciseForm",
    "JoinForm",
    "LessonForm",
    "LessonImportForm",
    "MoveForm",
    "PassageForm",
    "ReadingForm",
    "TeachForm",
    "TranslationsMixin",
    "VersionField",
    "VersionForm",
    "VocabularyForm",
    "VocabularyImportForm",
    "exercise_data_from_fields",
    "exercise_initial",
    "languages",
    "lines",
]
