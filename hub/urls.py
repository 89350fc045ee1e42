"""Pages of `hub`: news and articles under /news/, the partner directory under /partners/."""

from django.urls import path

from hub import views

app_name = "hub"
urlpatterns = [
    path("news/", views.article_list, name="article-list"),
    path("partners/", views.organisation_list, name="organisation-list"),
]
