"""API routes of `letters`, under /api/v1/."""

from django.urls import path

from letters import api

app_name = "letters"
urlpatterns = [
    path("letters/programmes/", api.ProgrammeListApi.as_view(), name="programme-list"),
    path("letters/", api.LetterCreateApi.as_view(), name="letter-create"),
    path("letters/status/<str:token>/", api.LetterStatusApi.as_view(), name="letter-status"),
    path("moderation/letters/", api.LetterModerationListApi.as_view(), name="letter-list"),
    path(
        "moderation/letters/<uuid:public_id>/",
        api.LetterModerationDetailApi.as_view(),
        name="letter-detail",
    ),
    path(
        "moderation/letters/<uuid:public_id>/decisions/",
        api.LetterDecisionCreateApi.as_view(),
        name="letter-decide",
    ),
    path(
        "moderation/letters/<uuid:public_id>/translations/",
        api.LetterTranslationCreateApi.as_view(),
        name="letter-translate",
    ),
    path("moderation/batches/", api.BatchCreateApi.as_view(), name="batch-create"),
    path(
        "moderation/batches/<int:pk>/deliver/", api.BatchDeliverApi.as_view(), name="batch-deliver"
    ),
]
