"""Pages of `hub`: news and articles under /news/, the partner directory under /partners/,
and the editors' queue. Every page works without JavaScript."""

import time
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hub import prefecture_map
from hub.directory import Selection
from hub.forms import (
    ArticleForm,
    OrganisationCorrectionForm,
    OrganisationEditForm,
    OrganisationInviteForm,
    OrganisationProposalForm,
    PartnerEditForm,
    ProposalRejectForm,
    TranslationForm,
)
from hub.models import (
    LANGUAGE_NAMES,
    LANGUAGES,
    Article,
    ArticleTranslation,
    Eligibility,
    HelpKind,
    OrganisationProposal,
    Prefecture,
)
from hub.permissions import (
    article_can_edit,
    article_can_preview,
    organisation_can_propose_change,
    translation_can_add,
    translation_can_edit,
    user_is_editor,
)
from hub.reading import choose_translation, reader_languages
from hub.selectors import (
    article_get_for_reader,
    article_languages_published,
    article_list_published,
    article_list_unpublished_for,
    article_paragraph_clips,
    organisation_facets,
    organisation_get,
    proposal_list_pending,
    tag_list_published,
)
from hub.selectors import organisation_hsds as organisation_hsds_selector
from hub.selectors import organisation_list as organisation_list_selector
from hub.services import (
    article_publish,
    article_save,
    article_submit_for_review,
    article_withdraw,
    organisation_claim,
    organisation_invite,
    organisation_propose_change,
    proposal_approve,
    proposal_initial_data,
    proposal_reject,
    proposal_submit,
    translation_approve,
    translation_mark_current,
    translation_save,
)
from hub.services.partners import claim_url
from learning.display import display_prefs_get
from learning.forms import form_add_errors, form_post
from learning.pagecache import content_generation, shared_page
from learning.ratelimit import rate_limit_hit
from learning.roles import Role, role_required

ARTICLES_PER_PAGE = 10
ORGANISATIONS_PER_PAGE = 20
MAX_PAGES = 1000
# How long a kept list page may be served: the news list also changes with time (an article
# scheduled for later), the directory only when it is edited (which renders it afresh).
NEWS_PAGE_SECONDS = 60
DIRECTORY_PAGE_SECONDS = 3600
LANGUAGE_CODES = {code for code, _name in LANGUAGES}


def _choice(request: HttpRequest, name: str, allowed: Any) -> str:
    """A filter value from the query string; an unknown value is ignored (shows everything)."""
    value = request.GET.get(name, "")
    return value if value in allowed else ""


def _reader_languages(request: HttpRequest, chosen: str = "") -> tuple[str, ...]:
    """The reader's languages in order (see hub.reading)."""
    interface = getattr(request, "LANGUAGE_CODE", "") or ""
    prefs = display_prefs_get(
        user=request.user, session=request.session, interface_language=interface
    )
    user_choice = getattr(request.user, "interface_language", "")
    explicit = bool(user_choice) or settings.LANGUAGE_COOKIE_NAME in request.COOKIES
    return reader_languages(
        chosen=chosen,
        interface=user_choice or interface,
        interface_chosen=explicit,
        meaning=prefs.meaning_languages,
    )


def _rate_limited(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "hub/rate_limited.html",
        status=429,
    )


# --- Articles ---------------------------------------------------------------------------------


def _page_param(request: HttpRequest) -> str:
    """The `page` parameter when it is a plain page number (anything else is not a key of a
    kept page: the paginator still copes with it)."""
    value = request.GET.get("page", "")
    return value if value.isdigit() and value == str(int(value)) and int(value) <= MAX_PAGES else ""


@lru_cache(maxsize=4)
def _article_filter_choices(generation: str, minute: int) -> tuple[list[Any], list[str]]:
    """Published tags and article languages, read once per content generation and minute
    (an article scheduled for later appears within a minute)."""
    return list(tag_list_published()), article_languages_published()


@require_GET
@transaction.non_atomic_requests
def article_list(request: HttpRequest) -> HttpResponse:
    generation = content_generation("hub")
    tags, languages = _article_filter_choices(generation, int(time.time() // 60))
    kind = _choice(request, "kind", Article.Kind.values)
    tag = _choice(request, "tag", {t.slug for t in tags})
    language = _choice(request, "lang", set(languages))
    query = request.GET.get("q", "").strip()[:200]
    filters = {"kind": kind, "tag": tag, "lang": language, "q": query}
    readers = _reader_languages(request, language)

    def build() -> tuple[str, dict[str, Any]]:
        articles = article_list_published(kind=kind, tag=tag, language=language, query=query)
        page = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
        return "hub/article_list.html", {
            "page": page,
            "kinds": Article.Kind.choices,
            "tags": tags,
            "languages": [(code, LANGUAGE_NAMES.get(code, code)) for code in languages],
            "filters": filters,
            "reader_languages": readers,
            "querystring": urlencode({k: v for k, v in filters.items() if v}),
        }

    # A search is never kept: only an empty `q` (the form sends one) is a known value.
    return shared_page(
        request,
        area="hub",
        params={"kind": kind, "tag": tag, "lang": language, "q": "", "page": _page_param(request)},
        timeout=NEWS_PAGE_SECONDS,
        build=build,
        generation=generation,
        # Each article is shown in the reader's languages (see hub.reading).
        key=(readers,),
    )


def _full_name(user: Any) -> str:
    return str(user.get_full_name() or user.get_username())


@dataclass(frozen=True)
class Block:
    """One paragraph (block) of an article as shown: its HTML (sanitised when it was saved),
    the URL of its ready clip ("" for none), and its number (the player's label)."""

    html: str
    audio: str
    number: int


def _blocks(paragraphs: list[str], clips: list[str]) -> list[Block]:
    return [
        Block(mark_safe(html), clips[i] if i < len(clips) else "", i + 1)  # noqa: S308
        for i, html in enumerate(paragraphs)
    ]


def _rows(original: list[Block], translated: list[Block]) -> list[tuple[list[Block], list[Block]]]:
    """Pairs of (original, translation) blocks: paragraph by paragraph where the counts match,
    else the two whole texts side by side."""
    if translated and len(original) != len(translated):
        return [(original, translated)]
    return [([block], translated[i : i + 1]) for i, block in enumerate(original)]


@require_GET
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = article_get_for_reader(slug=slug, user=request.user)
    translations: list[ArticleTranslation] = article.visible_translations
    by_language = {t.language: t for t in translations}
    prefs = display_prefs_get(
        user=request.user,
        session=request.session,
        interface_language=getattr(request, "LANGUAGE_CODE", ""),
    )
    wanted = request.GET.get("lang", "")
    if wanted in by_language:
        translation: ArticleTranslation | None = by_language[wanted]
    elif wanted == article.original_language:
        translation = None
    else:
        translation = choose_translation(
            translations, _reader_languages(request), article.original_language
        )
    preview = not article.is_published
    original_clips, translated_clips = article_paragraph_clips(
        article=article, translation=translation
    )
    response = render(
        request,
        "hub/article_detail.html",
        {
            "article": article,
            "translation": translation,
            "translations": translations,
            "rows": _rows(
                _blocks(article.paragraphs, original_clips),
                _blocks(translation.paragraphs, translated_clips) if translation else [],
            ),
            "has_audio": any(original_clips) or any(translated_clips),
            "prefs": prefs,
            "preview": preview,
            "is_editor": user_is_editor(request.user),
            "can_edit": article_can_edit(article=article, user=request.user),
            "all_languages": LANGUAGES,
            "original_language_name": LANGUAGE_NAMES.get(article.original_language, ""),
        },
    )
    # Fading furigana (the review app's middleware): known words lose their <rt>.
    response.fade_furigana = prefs.furigana  # type: ignore[attr-defined]
    return response


@require_http_methods(["GET"])
@login_required
def editor_queue(request: HttpRequest) -> HttpResponse:
    """Drafts and articles in review the user may see, and (editors) pending proposals."""
    editor = user_is_editor(request.user)
    return render(
        request,
        "hub/editor_queue.html",
        {
            "articles": article_list_unpublished_for(user=request.user),
            "proposals": proposal_list_pending() if editor else [],
            "is_editor": editor,
        },
    )


@require_POST
def article_action(request: HttpRequest, slug: str) -> HttpResponse:
    """Workflow buttons on a draft's page: send for review, approve a translation, publish."""
    article = get_object_or_404(Article, slug=slug)
    if not article_can_preview(article=article, user=request.user):
        raise Http404
    action = request.POST.get("action", "")
    try:
        if action == "submit":
            article_submit_for_review(article=article, by=request.user)
            messages.success(request, _("Sent for review."))
        elif action == "publish":
            article_publish(article=article, by=request.user)
            messages.success(request, _("Published."))
        elif action == "withdraw":
            article_withdraw(article=article, by=request.user)
            messages.success(request, _("Taken back to draft."))
        elif action in ("approve-translation", "mark-current"):
            translation = get_object_or_404(
                ArticleTranslation, article=article, language=request.POST.get("language", "")
            )
            if action == "approve-translation":
                translation_approve(translation=translation, reviewer=request.user)
                messages.success(request, _("Translation reviewed and approved."))
            else:
                translation_mark_current(translation=translation, by=request.user)
                messages.success(request, _("Translation marked as up to date."))
        else:
            messages.error(request, _("Unknown action."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("You may not do this."))
    return redirect(article.get_absolute_url())


@require_http_methods(["GET", "POST"])
@login_required
def article_edit(request: HttpRequest, slug: str = "") -> HttpResponse:
    """Write a new article (editors) or change one (editors; its author before publication)."""
    article = get_object_or_404(Article, slug=slug) if slug else None
    if article is None and not user_is_editor(request.user):
        raise PermissionDenied
    if article is not None and not article_can_edit(article=article, user=request.user):
        raise PermissionDenied
    initial = ArticleForm.initial_for(article) if article else {"original_language": "ja"}
    form = ArticleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        tags = [t for t in data.pop("tags", "").split(",") if t.strip()]
        data = {k: ("" if v is None and k != "source_date" else v) for k, v in data.items()}
        try:
            saved = article_save(by=request.user, article=article, tags=tags, **data)
        except ValidationError as exc:
            form_add_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(saved.get_absolute_url())
    return render(request, "hub/article_form.html", {"form": form, "article": article})


@require_http_methods(["GET", "POST"])
@login_required
def translation_edit(request: HttpRequest, slug: str, language: str) -> HttpResponse:
    """Write or change the translation of an article into *language*."""
    article = get_object_or_404(Article, slug=slug)
    if language not in LANGUAGE_CODES or language == article.original_language:
        raise Http404
    translation = ArticleTranslation.objects.filter(article=article, language=language).first()
    allowed = (
        translation_can_edit(translation=translation, user=request.user)
        if translation
        else translation_can_add(article=article, user=request.user)
    )
    if not allowed:
        raise PermissionDenied
    initial = (
        {n: getattr(translation, n) for n in TranslationForm.base_fields}
        if translation
        else {"translator_name": _full_name(request.user)}
    )
    form = TranslationForm(request.POST or None, initial=initial)
    if form_post(
        request,
        form,
        lambda: translation_save(
            article=article,
            language=language,
            by=request.user,
            translator=translation.translator if translation else request.user,
            **form.cleaned_data,
        ),
        _("Saved: the translation waits for a reviewer."),
    ):
        return redirect(f"{article.get_absolute_url()}?lang={language}")
    return render(
        request,
        "hub/translation_form.html",
        {
            "form": form,
            "article": article,
            "language": language,
            "original": mark_safe("\n".join(article.paragraphs)),  # noqa: S308
        },
    )


# --- Directory --------------------------------------------------------------------------------


def _selection(request: HttpRequest) -> Selection:
    return Selection(
        prefecture=_choice(request, "prefecture", Prefecture.values),
        help_kind=_choice(request, "help", HelpKind.values),
        language=_choice(request, "lang", LANGUAGE_CODES),
        eligibility=_choice(request, "for", Eligibility.values),
        open_now=request.GET.get("open") == "1",
    )


def _prefecture_map(filters: dict[str, str], facets: Any) -> Any:
    """The tile map of prefectures, each a link to the list with the other filters kept."""
    kept = {k: v for k, v in filters.items() if v and k != "prefecture"}
    links = {
        code: "?" + urlencode({**kept, "prefecture": code}) + "#results"
        for code in prefecture_map.LAYOUT
    }
    svg = prefecture_map.render(
        names={code: str(label) for code, label in Prefecture.choices},
        counts=facets.prefectures,
        links=links,
        selected=filters.get("prefecture", ""),
        title=_("Map of Japan's prefectures"),
    )
    return mark_safe(svg)  # noqa: S308  # every value in it is escaped by the map engine


def local_now() -> datetime:
    """Now in the site's time zone (Japan): opening hours are local times."""
    return timezone.localtime()


@require_GET
@transaction.non_atomic_requests
def organisation_list(request: HttpRequest) -> HttpResponse:
    selection = _selection(request)
    query = request.GET.get("q", "").strip()[:200]
    now = local_now()

    def build() -> tuple[str, dict[str, Any]]:
        facets = organisation_facets(selection=selection, query=query, at=now)
        page = Paginator(
            organisation_list_selector(selection=selection, query=query, at=now),
            ORGANISATIONS_PER_PAGE,
        ).get_page(request.GET.get("page"))
        filters = {
            "prefecture": selection.prefecture,
            "help": selection.help_kind,
            "lang": selection.language,
            "for": selection.eligibility,
            "open": "1" if selection.open_now else "",
            "q": query,
        }
        return "hub/organisation_list.html", {
            "page": page,
            "facets": facets,
            "selection": selection,
            "query": query,
            "prefectures": [
                (code, label, facets.prefectures.get(code, 0)) for code, label in Prefecture.choices
            ],
            "help_kinds": [
                (code, label, facets.help_kinds.get(code, 0)) for code, label in HelpKind.choices
            ],
            "languages": [
                (code, name, facets.languages.get(code, 0))
                for code, name in LANGUAGES
                if facets.languages.get(code) or code == selection.language
            ],
            "eligibility_choices": [
                (code, label) for code, label in Eligibility.choices if code != "anyone"
            ],
            "prefecture_map": _prefecture_map(filters, facets),
            "querystring": urlencode({k: v for k, v in filters.items() if v}),
        }

    return shared_page(
        request,
        area="hub",
        params={
            "prefecture": selection.prefecture,
            "help": selection.help_kind,
            "lang": selection.language,
            "for": selection.eligibility,
            "open": "1" if selection.open_now else "",
            "q": "",
            "page": _page_param(request),
        },
        timeout=DIRECTORY_PAGE_SECONDS,
        build=build,
        # "Open now" and the order follow the clock: a kept page lasts a minute at most.
        key=(now.strftime("%Y-%m-%dT%H:%M"),),
    )


@require_GET
def organisation_hsds(request: HttpRequest) -> JsonResponse:
    """The directory as open data (HSDS 3.0 JSON), at a stable address for other sites."""
    data = organisation_hsds_selector(base_url=request.build_absolute_uri("/").rstrip("/"))
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # public data, meant to be reused
    response["Content-Disposition"] = 'inline; filename="kasumi-directory-hsds.json"'
    return response


@require_GET
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_get(slug=slug)
    return render(
        request,
        "hub/organisation_detail.html",
        {
            "organisation": organisation,
            "can_propose_change": organisation_can_propose_change(
                organisation=organisation, user=request.user
            ),
            "is_editor": user_is_editor(request.user),
            "help_kinds": [dict(HelpKind.choices).get(c, c) for c in organisation.help_kinds],
            "prefectures": [dict(Prefecture.choices).get(c, c) for c in organisation.prefectures],
            "languages": [LANGUAGE_NAMES.get(c, c) for c in organisation.languages],
            "interpreter_languages": [
                LANGUAGE_NAMES.get(c, c) for c in organisation.interpreter_languages
            ],
        },
    )


@require_http_methods(["GET", "POST"])
def organisation_propose(request: HttpRequest) -> HttpResponse:
    form = OrganisationProposalForm(request.POST or None)
    if request.method == "POST":
        if rate_limit_hit(request, "proposal"):
            return _rate_limited(request)
        if form.is_valid():
            data = dict(form.cleaned_data)
            message = data.pop("message", "")
            contact = data.pop("contact_email", "")
            try:
                proposal_submit(
                    kind=OrganisationProposal.Kind.NEW,
                    data=data,
                    message=message,
                    contact_email=contact,
                    language=getattr(request, "LANGUAGE_CODE", ""),
                )
            except ValidationError as exc:
                form_add_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Thank you! An editor will check your proposal before it is listed."),
                )
                return redirect("hub:organisation-list")
    return render(request, "hub/organisation_propose.html", {"form": form})


@require_http_methods(["GET", "POST"])
def organisation_report(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_get(slug=slug)
    form = OrganisationCorrectionForm(request.POST or None)
    if request.method == "POST":
        if rate_limit_hit(request, "proposal"):
            return _rate_limited(request)
        if form.is_valid():
            try:
                proposal_submit(
                    kind=OrganisationProposal.Kind.CORRECTION,
                    organisation=organisation,
                    data={},
                    message=form.cleaned_data["message"],
                    contact_email=form.cleaned_data["contact_email"],
                    language=getattr(request, "LANGUAGE_CODE", ""),
                )
            except ValidationError as exc:
                form_add_errors(form, exc)
            else:
                messages.success(
                    request, _("Thank you! An editor will check the entry and correct it.")
                )
                return redirect(organisation.get_absolute_url())
    return render(
        request, "hub/organisation_report.html", {"form": form, "organisation": organisation}
    )


@require_http_methods(["GET", "POST"])
@login_required
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """A partner (Organisation role) proposes changes to their own entry."""
    organisation = organisation_get(slug=slug)
    if not organisation_can_propose_change(organisation=organisation, user=request.user):
        raise PermissionDenied
    initial = proposal_initial_data(OrganisationProposal(organisation=organisation, data={}))
    form = PartnerEditForm(request.POST or None, initial=initial)

    def send() -> OrganisationProposal:
        data = dict(form.cleaned_data)
        message = data.pop("message", "")
        return organisation_propose_change(
            organisation=organisation,
            by=request.user,
            data=data,
            message=message,
            language=getattr(request, "LANGUAGE_CODE", ""),
        )

    if form_post(request, form, send, _("Thank you: an editor checks your changes first.")):
        return redirect(organisation.get_absolute_url())
    return render(
        request, "hub/organisation_edit.html", {"form": form, "organisation": organisation}
    )


@require_http_methods(["GET", "POST"])
@role_required(Role.EDITOR)
def organisation_invite_view(request: HttpRequest, slug: str) -> HttpResponse:
    """An editor invites someone to keep an organisation's entry."""
    organisation = organisation_get(slug=slug)
    form = OrganisationInviteForm(request.POST or None)
    saved = form_post(
        request,
        form,
        lambda: organisation_invite(
            organisation=organisation, email=form.cleaned_data["email"], by=request.user
        ),
        lambda result: (
            _("Invitation sent. The link (it works once): %(link)s")
            % {"link": claim_url(result[1])}
        ),
    )
    if saved:
        return redirect(organisation.get_absolute_url())
    return render(
        request, "hub/organisation_invite.html", {"form": form, "organisation": organisation}
    )


@require_http_methods(["GET", "POST"])
@login_required
def organisation_claim_view(request: HttpRequest, token: str) -> HttpResponse:
    """Accept an invitation to keep an organisation's entry (GET shows what it is)."""
    if request.method == "POST":
        try:
            member = organisation_claim(token=token, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("You now keep this organisation's entry."))
            return redirect("hub:organisation-edit", slug=member.organisation.slug)
    return render(request, "hub/organisation_claim.html", {"token": token})


@require_http_methods(["GET", "POST"])
@role_required(Role.EDITOR)
def proposal_review(request: HttpRequest, pk: int) -> HttpResponse:
    """An editor approves a proposal (after editing it) or rejects it."""
    proposal = get_object_or_404(OrganisationProposal.objects.select_related("organisation"), pk=pk)
    pending = proposal.decision == OrganisationProposal.Decision.PENDING
    initial = proposal_initial_data(proposal)
    form = OrganisationEditForm(initial=initial)
    reject_form = ProposalRejectForm()
    if request.method == "POST" and pending:
        if request.POST.get("decision") == "reject":
            reject_form = ProposalRejectForm(request.POST)
            if reject_form.is_valid():
                proposal_reject(
                    proposal=proposal, by=request.user, note=reject_form.cleaned_data["note"]
                )
                messages.success(request, _("Proposal rejected."))
                return redirect("hub:editor-queue")
        else:
            form = OrganisationEditForm(request.POST)
            if form.is_valid():
                try:
                    organisation = proposal_approve(
                        proposal=proposal, by=request.user, data=form.cleaned_data
                    )
                except ValidationError as exc:
                    form_add_errors(form, exc)
                else:
                    messages.success(request, _("Approved: the entry is now listed."))
                    return redirect(organisation.get_absolute_url())
    return render(
        request,
        "hub/proposal_review.html",
        {"proposal": proposal, "form": form, "reject_form": reject_form, "pending": pending},
    )
