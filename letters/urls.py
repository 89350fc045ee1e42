"""Pages of `letters`, under /letters/."""

from django.urls import path

from letters import views

app_name = "letters"
urlpatterns = [
    path("", views.letter_index, name="letter-index"),
    path("write/", views.letter_create, name="letter-create"),
    path("status/<str:token>/", views.letter_status, name="letter-status"),
    path("status/<str:token>/answer/<int:pk>/", views.letter_answer, name="letter-answer"),
    path("lost-link/", views.letter_link_request, name="letter-link"),
    path("voices/", views.voice_list, name="voice-list"),
    path("moderation/", views.letter_queue, name="letter-queue"),
    path("moderation/letters/<uuid:public_id>/", views.letter_moderate, name="letter-moderate"),
    path(
        "moderation/letters/<uuid:public_id>/translation/",
        views.letter_translate_view,
        name="letter-translate",
    ),
    path(
        "moderation/letters/<uuid:public_id>/flags/",
        views.letter_flag_resolve_view,
        name="letter-flag-resolve",
    ),
    path("moderation/letters/<uuid:public_id>/edit/", views.letter_edit_view, name="letter-edit"),
    path(
        "moderation/letters/<uuid:public_id>/delivery/",
        views.letter_delivery_view,
        name="letter-delivery",
    ),
    path("moderation/batches/", views.batch_list_view, name="batch-list"),
    path("moderation/batches/<int:pk>/", views.batch_detail, name="batch-detail"),
    path("moderation/batches/<int:pk>/print/", views.batch_print, name="batch-print"),
    path("moderation/batches/<int:pk>/deliver/", views.batch_deliver_view, name="batch-deliver"),
    path("moderation/voices/new/", views.voice_create, name="voice-create"),
    path("moderation/voices/<int:pk>/", views.voice_moderate, name="voice-moderate"),
    path("replies/new/", views.reply_create, name="reply-create"),
    path("replies/<int:pk>/scan/", views.reply_scan, name="reply-scan"),
]
