"""Pages of `lessons`, under /courses/."""

from django.urls import path

from lessons import views

app_name = "lessons"
urlpatterns = [
    path("", views.course_list, name="course-list"),
]
