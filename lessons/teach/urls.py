"""Pages of the tutor workspace, under /teach/."""

from django.urls import path

from lessons.teach import views

app_name = "teach"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("courses/new/", views.course_create, name="course-create"),
    path("courses/<int:course>/", views.course_detail, name="course-detail"),
    path("courses/<int:course>/edit/", views.course_update, name="course-update"),
    path("courses/<int:course>/readings/", views.course_reading_add, name="course-reading-add"),
    path("courses/<int:course>/lessons/new/", views.lesson_create, name="lesson-create"),
    path("courses/<int:course>/lessons/import/", views.lesson_import, name="lesson-import"),
    path("courses/<int:course>/classes/new/", views.classroom_create, name="classroom-create"),
    path("lessons/<int:lesson>/", views.lesson_update, name="lesson-update"),
    path("lessons/<int:lesson>/delete/", views.lesson_delete, name="lesson-delete"),
    path("lessons/<int:lesson>/move/", views.lesson_move, name="lesson-move"),
    path("lessons/<int:lesson>/duplicate/", views.lesson_duplicate, name="lesson-duplicate"),
    path("lessons/<int:lesson>/publish/", views.lesson_publish, name="lesson-publish"),
    path("lessons/<int:lesson>/preview/", views.lesson_preview, name="lesson-preview"),
    path("lessons/<int:lesson>/export/", views.lesson_export, name="lesson-export"),
    path("lessons/<int:lesson>/passages/new/", views.passage_create, name="passage-create"),
    path("lessons/<int:lesson>/passages/<int:pk>/", views.passage_update, name="passage-update"),
    path("lessons/<int:lesson>/vocabulary/new/", views.vocabulary_create, name="vocabulary-create"),
    path(
        "lessons/<int:lesson>/vocabulary/<int:pk>/",
        views.vocabulary_update,
        name="vocabulary-update",
    ),
    path(
        "lessons/<int:lesson>/vocabulary/import/",
        views.vocabulary_import,
        name="vocabulary-import",
    ),
    path(
        "lessons/<int:lesson>/vocabulary/export/",
        views.vocabulary_export,
        name="vocabulary-export",
    ),
    path("lessons/<int:lesson>/exercises/new/", views.exercise_create, name="exercise-create"),
    path("lessons/<int:lesson>/exercises/<int:pk>/", views.exercise_update, name="exercise-update"),
    path("lessons/<int:lesson>/parts/delete/", views.part_delete, name="part-delete"),
    path("lessons/<int:lesson>/parts/move/", views.part_move, name="part-move"),
    path("lessons/<int:lesson>/drafts/", views.draft_list, name="draft-list"),
    path("lessons/<int:lesson>/drafts/<int:pk>/accept/", views.draft_accept, name="draft-accept"),
    path("classes/<int:pk>/", views.classroom_detail, name="classroom-detail"),
    path("classes/<int:pk>/export/", views.classroom_export, name="classroom-export"),
    path("join/", views.classroom_join, name="classroom-join"),
    path("join/<str:code>/", views.classroom_join_code, name="classroom-join-code"),
]
