"""API routes of `learning`, under /api/v1/."""

from django.urls import path

from learning.api import MeApi, TokenObtainApi

app_name = "learning"
urlpatterns = [
    path("me/", MeApi.as_view(), name="me-detail"),
    path("auth/token/", TokenObtainApi.as_view(), name="token-obtain"),
]
