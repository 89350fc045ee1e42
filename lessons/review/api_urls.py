"""API routes of reviews, under /api/v1/review/."""

from django.urls import path

from lessons.review import api

app_name = "review"
urlpatterns = [
    path("queue/", api.ReviewQueueApi.as_view(), name="queue-list"),
    path("answers/", api.ReviewAnswerCreateApi.as_view(), name="answer-create"),
]
