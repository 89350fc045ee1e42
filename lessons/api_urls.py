"""API routes of `lessons`, under /api/v1/."""

from django.urls import path

from lessons.api import FuriganaApi

app_name = "lessons"
urlpatterns = [
    path("furigana/", FuriganaApi.as_view(), name="furigana-create"),
]
