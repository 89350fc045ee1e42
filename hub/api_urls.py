"""API routes of `hub`, under /api/v1/."""

from django.urls import path

from hub import api

app_name = "hub"
urlpatterns = [
    path("articles/", api.ArticleListApi.as_view(), name="article-list"),
    path("articles/<slug:slug>/", api.ArticleDetailApi.as_view(), name="article-detail"),
    path(
        "articles/<slug:slug>/translations/",
        api.TranslationListApi.as_view(),
        name="translation-list",
    ),
    path("organisations/", api.OrganisationListApi.as_view(), name="organisation-list"),
    path("organisations/hsds/", api.OrganisationHsdsApi.as_view(), name="organisation-hsds"),
    path(
        "organisations/<slug:slug>/",
        api.OrganisationDetailApi.as_view(),
        name="organisation-detail",
    ),
    path("proposals/", api.ProposalCreateApi.as_view(), name="proposal-create"),
]
