"""Pages of `letters`, under /letters/."""

from django.urls import path

from letters import views

app_name = "letters"
urlpatterns = [
    path("", views.letter_index, name="letter-index"),
]
