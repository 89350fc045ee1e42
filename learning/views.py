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
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language

from learning.display import display_prefs_adopt
from learning.forms import PreferencesForm, SignupForm, form_add_errors, form_post
from learning.models import User
from learning.services import user_signup, user_update_preferences


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "learning/home.html")


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, which browsers and feed readers ask for whatever the page links: the
    site's icon among the static files (served by the app, no CDN)."""
    return redirect(static("learning/img/favicon.ico"), permanent=True)


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


def _safe_next(request: HttpRequest) -> str:
    """The page to return to after signing up: `next` when it is on this site, else ""."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else ""


def signup(request: HttpRequest) -> HttpResponse:
    next_url = _safe_next(request)
    if request.user.is_authenticated:
        return redirect(next_url or "home")
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
            # The switches chosen before signing up (kept in the session) move to the account.
            display_prefs_adopt(user=user, session=request.session)
            messages.success(request, _("Welcome to Kasumi! Your account is ready."))
            return redirect(next_url or "home")
    return render(request, "registration/signup.html", {"form": form, "next": next_url})


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
