"""API routes of `lessons`, under /api/v1/."""

from django.urls import path

from lessons import api

app_name = "lessons"
urlpatterns = [
    path("furigana/", api.FuriganaApi.as_view(), name="furigana-create"),
    path("courses/", api.CourseListApi.as_view(), name="course-list"),
    path("courses/<slug:course>/", api.CourseDetailApi.as_view(), name="course-detail"),
    path(
        "courses/<slug:course>/lessons/<slug:lesson>/",
        api.LessonDetailApi.as_view(),
        name="lesson-detail",
    ),
    path("courses/<slug:course>/deck.apkg", api.CourseDeckApi.as_view(), name="course-deck"),
    path(
        "courses/<slug:course>/lessons/<slug:lesson>/deck.apkg",
        api.LessonDeckApi.as_view(),
        name="lesson-deck",
    ),
    path("progress/mistakes.apkg", api.MistakesDeckApi.as_view(), name="mistakes-deck"),
    path("attempts/", api.AttemptCreateApi.as_view(), name="attempt-create"),
    path("progress/", api.ProgressListApi.as_view(), name="progress-list"),
]
