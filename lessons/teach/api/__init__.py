"""API of the tutor workspace, under /api/v1/teach/: the same services and permissions as the
pages (lessons.services.authoring, lessons.selectors). A stale lesson version is answered
with 409."""

from lessons.teach.api.classes import (
    ClassroomDetailApi,
    ClassroomJoinApi,
    ClassroomListApi,
)
from lessons.teach.api.courses import (
    CourseDetailApi,
    CourseListApi,
    CourseReadingCreateApi,
)
from lessons.teach.api.lessons import (
    LessonDetailApi,
    LessonDuplicateApi,
    LessonExportApi,
    LessonImportApi,
    LessonListApi,
    LessonMoveApi,
    LessonPublishApi,
)
from lessons.teach.api.parts import (
    DraftAcceptApi,
    DraftListApi,
    ExerciseCreateApi,
    ExerciseDetailApi,
    PartCreateApi,
    PartDetailApi,
    PartMoveApi,
    PassageCreateApi,
    PassageDetailApi,
    VocabularyCreateApi,
    VocabularyDetailApi,
    VocabularyImportApi,
)

__all__ = [
    "ClassroomDetailApi",
    "ClassroomJoinApi",
    "ClassroomListApi",
    "CourseDetailApi",
    "CourseListApi",
    "CourseReadingCreateApi",
    "DraftAcceptApi",
    "DraftListApi",
    "ExerciseCreateApi",
    "ExerciseDetailApi",
    "LessonDetailApi",
    "LessonDuplicateApi",
    "LessonExportApi",
    "LessonImportApi",
    "LessonListApi",
    "LessonMoveApi",
    "LessonPublishApi",
    "PartCreateApi",
    "PartDetailApi",
    "PartMoveApi",
    "PassageCreateApi",
    "PassageDetailApi",
    "VocabularyCreateApi",
    "VocabularyDetailApi",
    "VocabularyImportApi",
]
