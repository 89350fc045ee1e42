"""Pages of reviews, under /review/."""

from django.urls import path

from lessons.review import views

app_name = "review"
urlpatterns = [
    path("", views.review_page, name="review-page"),
    path("check/", views.review_check, name="review-check"),
    path("choose/", views.review_choose, name="review-choose"),
    path("answer/", views.review_rate, name="review-answer"),
    path("settings/", views.review_settings, name="review-settings"),
]
