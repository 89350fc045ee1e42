"""Pages of `hub`: news and articles under /news/, the partner directory under /partners/."""

from django.urls import path

from hub import feeds, views

app_name = "hub"
urlpatterns = [
    path("news/", views.article_list, name="article-list"),
    path("news/feed/", feeds.ArticleRssFeed(), name="article-feed-rss"),
    path("news/atom/", feeds.ArticleAtomFeed(), name="article-feed-atom"),
    path("news/feed/<str:language>/", feeds.ArticleRssFeed(), name="article-feed-rss-language"),
    path("news/atom/<str:language>/", feeds.ArticleAtomFeed(), name="article-feed-atom-language"),
    path("news/editor/", views.editor_queue, name="editor-queue"),
    path("news/write/", views.article_edit, name="article-create"),
    path("news/<slug:slug>/", views.article_detail, name="article-detail"),
    path("news/<slug:slug>/action/", views.article_action, name="article-action"),
    path("news/<slug:slug>/edit/", views.article_edit, name="article-edit"),
    path(
        "news/<slug:slug>/translations/<str:language>/edit/",
        views.translation_edit,
        name="translation-edit",
    ),
    path("partners/", views.organisation_list, name="organisation-list"),
    path("partners/open-data/hsds.json", views.organisation_hsds, name="organisation-hsds"),
    path("partners/propose/", views.organisation_propose, name="organisation-propose"),
    path("partners/proposals/<int:pk>/", views.proposal_review, name="proposal-review"),
    path("partners/<slug:slug>/", views.organisation_detail, name="organisation-detail"),
    path("partners/claim/<str:token>/", views.organisation_claim_view, name="organisation-claim"),
    path("partners/<slug:slug>/edit/", views.organisation_edit, name="organisation-edit"),
    path(
        "partners/<slug:slug>/invite/", views.organisation_invite_view, name="organisation-invite"
    ),
    path("partners/<slug:slug>/report/", views.organisation_report, name="organisation-report"),
]
