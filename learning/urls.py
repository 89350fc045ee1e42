"""Root URLs: pages of every app, the API under /api/v1/, the health check."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.decorators.cache import cache_page
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from hub.sitemaps import SITEMAPS as HUB_SITEMAPS
from learning import views
from learning.admin import without_rq_dashboard
from learning.forms import LoginForm
from lessons.sitemaps import LessonSitemap

without_rq_dashboard()

SITEMAPS = {"lessons": LessonSitemap, **HUB_SITEMAPS}

api_patterns = [
    path("", include("learning.api_urls")),
    path("", include("lessons.api_urls")),
    path("review/", include("lessons.review.api_urls")),
    path("teach/", include("lessons.teach.api_urls")),
    path("", include("hub.api_urls")),
    path("", include("letters.api_urls")),
    # The schema changes only with a deploy: generate it once an hour, not per request.
    path("schema/", cache_page(3600)(SpectacularAPIView.as_view()), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]

handler404 = "learning.views.page_not_found"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("sitemap.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("language/", views.language_set, name="language-set"),
    path("accounts/signup/", views.signup, name="signup"),
    path("accounts/preferences/", views.preferences, name="preferences"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, authentication_form=LoginForm
        ),
        name="login",
    ),
    # Before Django's own: the reset page with its rate limits.
    path("accounts/password_reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("courses/", include("lessons.urls")),
    path("review/", include("lessons.review.urls")),
    path("teach/", include("lessons.teach.urls")),
    path("", include("hub.urls")),
    path("letters/", include("letters.urls")),
    path("api/v1/", include((api_patterns, "api"))),
    path("translations/", views.translations, name="translations"),
    # Only the site's own catalogues may be edited, never Django's or a library's.
    re_path(r"^translate/files/(?!project/)[\w-]+/", views.not_found),
    path("translate/", include("rosetta.urls")),
    path(
        "admin/r/<int:content_type_id>/<path:object_id>/",
        views.admin_shortcut,
        name="admin-shortcut",
    ),
    path("admin/", admin.site.urls),
]
