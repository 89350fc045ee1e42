"""Pages of `lessons`, under /courses/."""

from django.urls import path, re_path

from lessons import views

app_name = "lessons"
urlpatterns = [
    path("", views.course_list, name="course-list"),
    # Synthesised clips in local storage (the audio storage's base URL is /courses/).
    re_path(
        r"^(?P<name>audio/[0-9a-f]{2}/[0-9a-f]{64}\.mp3)$", views.audio_file, name="audio-file"
    ),
    path("display/", views.display_set, name="display-set"),
    path("my-mistakes.apkg", views.mistakes_deck, name="mistakes-deck"),
    path("<slug:course>/deck.apkg", views.course_deck, name="course-deck"),
    path("<slug:course>/<slug:lesson>/deck.apkg", views.lesson_deck, name="lesson-deck"),
    path("<slug:course>/", views.course_detail, name="course-detail"),
    path("<slug:course>/<slug:lesson>/", views.lesson_detail, name="lesson-detail"),
    path(
        "<slug:course>/<slug:lesson>/exercises/<int:pk>/answer/",
        views.exercise_answer,
        name="exercise-answer",
    ),
]
