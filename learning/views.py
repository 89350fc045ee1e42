"""Pages of `learning`: home, health check, sign-up, preferences, the language switch and the
state of the interface translations."""

from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language

from learning import catalogues
from learning.display import display_prefs_adopt, display_prefs_update
from learning.forms import PreferencesForm, SignupForm, form_add_errors, form_post
from learning.languages import FALLBACK_MEANING_LANGUAGE, meaning_language_for
from learning.models import User
from learning.pagecache import shared_page
from learning.ratelimit import rate_limit_count, rate_limit_hit, rate_limit_reached
from learning.services import user_signup, user_update_preferences

# The home page changes only with a deploy (its one per-visitor line comes from the session).
HOME_PAGE_SECONDS = 3600


@require_GET
@transaction.non_atomic_requests
def home(request: HttpRequest) -> HttpResponse:
    return shared_page(
        request,
        area="site",
        params={},
        timeout=HOME_PAGE_SECONDS,
        build=lambda: ("learning/home.html", {}),
        session_matters=True,
    )


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, which browsers and feed readers ask for whatever the page links: the
    site's icon among the static files (served by the app, no CDN)."""
    return redirect(static("learning/img/favicon.ico"), permanent=True)


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


def _signup_limited(request: HttpRequest, email: str) -> bool:
    """Whether this address, or this e-mail address, has made its share of accounts."""
    return rate_limit_reached(request, "signup") or bool(
        email and rate_limit_reached(request, "signup-email", ident="email:" + email)
    )


def _safe_next(request: HttpRequest) -> str:
    """The page to return to after signing up: `next` when it is on this site, else ""."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else ""


def signup(request: HttpRequest) -> HttpResponse:
    """Sign-up, limited per client address and per e-mail address (accounts made, not
    attempts: a mistyped form costs nothing), returning to the page the learner came from."""
    next_url = _safe_next(request)
    if request.user.is_authenticated:
        return HttpResponseRedirect(next_url) if next_url else redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        if _signup_limited(request, email):
            form.add_error(
                None,
                _(
                    "Many accounts were made from your connection in the last hour. "
                    "Please try again later."
                ),
            )
            return render(request, "registration/signup.html", {"form": form}, status=429)
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
            rate_limit_count(request, "signup")
            if email:
                rate_limit_count(request, "signup-email", ident="email:" + email)
            login(request, user, backend="learning.sessions.AccountBackend")
            # The switches chosen before signing up (kept in the session) move to the account.
            display_prefs_adopt(user=user, session=request.session)
            messages.success(request, _("Welcome to Kasumi! Your account is ready."))
            return HttpResponseRedirect(next_url) if next_url else redirect("home")
    return render(request, "registration/signup.html", {"form": form, "next": next_url})


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset page with two budgets: requests per client address (over it the form
    comes back with a message) and mails per e-mail address (over it nothing is sent but the
    answer is the same, so the page never tells whether an address has an account)."""

    def form_valid(self, form: Any) -> HttpResponse:
        if rate_limit_reached(self.request, "password-reset"):
            form.add_error(
                None, _("Too many requests came from your connection; try again in an hour.")
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        rate_limit_count(self.request, "password-reset")
        email = form.cleaned_data["email"].strip().lower()
        if rate_limit_hit(self.request, "password-reset-email", ident="email:" + email):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


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
                samesite="Lax",  # as settings.LANGUAGE_COOKIE_SAMESITE
            )
        return response
    return render(request, "learning/preferences.html", {"form": form})


@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    """Django's `set_language`, remembered on the account too when someone is signed in. The
    meaning language follows: a visitor without an account reads meanings in the language
    they chose (kept in the session); an account changes it only while it has no meaning
    language of its own (its preferences say which, and in what order)."""
    response = set_language(request)
    code = request.POST.get("language", "")
    if code not in dict(settings.LANGUAGES):
        return response
    meaning = meaning_language_for(code)
    user = request.user
    if user.is_authenticated:
        user_update_preferences(user=user, interface_language=code)
        if not meaning or any(c != FALLBACK_MEANING_LANGUAGE for c in user.meaning_languages):
            return response
    if meaning:  # English and Japanese keep the meaning language chosen before
        display_prefs_update(user=user, session=request.session, meaning_language=meaning)
    return response


@require_GET
def translations(request: HttpRequest) -> HttpResponse:
    """Each interface language: how complete its catalogue is, who checked it, and how to help."""
    return render(
        request,
        "learning/translations.html",
        {
            "catalogues": catalogues.catalogue_list(),
            "can_translate": catalogues.user_can_translate(request.user),
        },
    )


def not_found(request: HttpRequest) -> HttpResponse:
    raise Http404


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 404 of an address no route matches: JSON under /api/ (as the schema says every API
    answer is), Django's page elsewhere."""
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)


def admin_shortcut(request: HttpRequest, content_type_id: str, object_id: str) -> HttpResponse:
    """The admin's "view on site" redirect, with a 404 for a model that has no table (django-rq's
    dashboard, an admin-only model) instead of a database error."""
    from django.contrib.admin.views.decorators import staff_member_required
    from django.contrib.contenttypes.views import shortcut

    try:
        with transaction.atomic():  # a savepoint: the request's transaction stays usable
            return staff_member_required(shortcut)(request, content_type_id, object_id)
    except DatabaseError as exc:
        raise Http404 from exc
