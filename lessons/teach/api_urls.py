"""API routes of the tutor workspace, under /api/v1/teach/ (namespace `api:teach`)."""

from django.urls import path

from lessons.teach import api

app_name = "teach"
urlpatterns = [
    path("courses/", api.CourseListApi.as_view(), name="course-list"),
    path("courses/<int:course>/", api.CourseDetailApi.as_view(), name="course-detail"),
    path(
        "courses/<int:course>/readings/",
        api.CourseReadingCreateApi.as_view(),
        name="course-reading-create",
    ),
    path("courses/<int:course>/lessons/", api.LessonListApi.as_view(), name="lesson-list"),
    path(
        "courses/<int:course>/lessons/import/",
        api.LessonImportApi.as_view(),
        name="lesson-import",
    ),
    path("courses/<int:course>/classes/", api.ClassroomListApi.as_view(), name="classroom-list"),
    path("lessons/<int:lesson>/", api.LessonDetailApi.as_view(), name="lesson-detail"),
    path("lessons/<int:lesson>/publish/", api.LessonPublishApi.as_view(), name="lesson-publish"),
    path("lessons/<int:lesson>/move/", api.LessonMoveApi.as_view(), name="lesson-move"),
    path(
        "lessons/<int:lesson>/duplicate/",
        api.LessonDuplicateApi.as_view(),
        name="lesson-duplicate",
    ),
    path("lessons/<int:lesson>/export/", api.LessonExportApi.as_view(), name="lesson-export"),
    path("lessons/<int:lesson>/passages/", api.PassageCreateApi.as_view(), name="passage-list"),
    path(
        "lessons/<int:lesson>/passages/<int:pk>/",
        api.PassageDetailApi.as_view(),
        name="passage-detail",
    ),
    path(
        "lessons/<int:lesson>/vocabulary/",
        api.VocabularyCreateApi.as_view(),
        name="vocabulary-list",
    ),
    path(
        "lessons/<int:lesson>/vocabulary/import/",
        api.VocabularyImportApi.as_view(),
        name="vocabulary-import",
    ),
    path(
        "lessons/<int:lesson>/vocabulary/<int:pk>/",
        api.VocabularyDetailApi.as_view(),
        name="vocabulary-detail",
    ),
    path("lessons/<int:lesson>/exercises/", api.ExerciseCreateApi.as_view(), name="exercise-list"),
    path(
        "lessons/<int:lesson>/exercises/<int:pk>/",
        api.ExerciseDetailApi.as_view(),
        name="exercise-detail",
    ),
    path("lessons/<int:lesson>/parts/move/", api.PartMoveApi.as_view(), name="part-move"),
    path("lessons/<int:lesson>/drafts/", api.DraftListApi.as_view(), name="draft-list"),
    path(
        "lessons/<int:lesson>/drafts/<int:pk>/accept/",
        api.DraftAcceptApi.as_view(),
        name="draft-accept",
    ),
    path("classes/join/", api.ClassroomJoinApi.as_view(), name="classroom-join"),
    path("classes/<int:pk>/", api.ClassroomDetailApi.as_view(), name="classroom-detail"),
]
