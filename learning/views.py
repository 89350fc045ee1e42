"""Pages of `learning`: home, health check, sign-up, preferences and the language switch."""

from typing import cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language

from learning.forms import PreferencesForm, SignupForm, form_add_errors, form_post
from learning.models import User
from learning.services import user_signup, user_update_preferences


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "learning/home.html")


# Private and per-person pages stay out of search engines; everything else may be indexed.
ROBOTS_DISALLOW = (
    "/admin/",
    "/accounts/",
    "/api/",
    "/letters/status/",
    "/letters/moderation/",
    "/news/editor/",
    "/partners/proposals/",
    "/teach/",
    "/review/",
)


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW)]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@never_cache
@transaction.non_atomic_requests
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers a query, 503 otherwise (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = user_signup(
                username=form.cleaned_data["username"],
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
                interface_language=getattr(request, "LANGUAGE_CODE", ""),
            )
        except ValidationError as exc:
            form_add_errors(form, exc, rename={"password": "password1"})
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to Kasumi! Your account is ready."))
            return redirect("home")
    return render(request, "registration/signup.html", {"form": form})


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)  # login_required
    form = PreferencesForm(request.POST or None, initial=PreferencesForm.initial_for(user))
    if form_post(
        request,
        form,
        lambda: user_update_preferences(
            user=user,
            interface_language=form.cleaned_data["interface_language"],
            meaning_languages=form.cleaned_data["meaning_languages"],
            furigana=form.cleaned_data["furigana"],
        ),
        _("Your preferences are saved."),
    ):
        response = redirect("preferences")
        if user.interface_language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                user.interface_language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                samesite="Lax",
            )
        return response
    return render(request, "learning/preferences.html", {"form": form})


@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    """Django's `set_language`, remembered on the account too when someone is signed in."""
    response = set_language(request)
    code = request.POST.get("language", "")
    if request.user.is_authenticated and code in dict(settings.LANGUAGES):
        user_update_preferences(user=request.user, interface_language=code)
    return response
