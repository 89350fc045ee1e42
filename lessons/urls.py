"""Pages of `lessons`, under /courses/."""

from django.urls import path

from lessons import views

app_name = "lessons"
urlpatterns = [
    path("", views.course_list, name="course-list"),
    path("display/", views.display_set, name="display-set"),
    path("<slug:course>/", views.course_detail, name="course-detail"),
    path("<slug:course>/<slug:lesson>/", views.lesson_detail, name="lesson-detail"),
    path(
        "<slug:course>/<slug:lesson>/exercises/<int:pk>/answer/",
        views.exercise_answer,
        name="exercise-answer",
    ),
]
