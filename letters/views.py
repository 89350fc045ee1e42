"""Pages of `letters`: writing and the writer's status page, the public Voices page, and the
moderators' queue, letter, batch, print and voice pages.

Pages that show a letter send `Cache-Control: no-store` (`never_cache`), and posted fields are
hidden from error reports (`sensitive_post_parameters`).
"""

import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from learning.forms import form_add_errors, form_error_status, form_post
from learning.ratelimit import (
    rate_limit_budget,
    rate_limit_count,
    rate_limit_hit,
    rate_limit_reached,
)
from learning.roles import Role, role_required, user_has_role
from letters import screening, workflow
from letters.forms import (
    AnswerForm,
    BatchForm,
    DecisionForm,
    DeliveryForm,
    FlagResolveForm,
    LetterEditForm,
    LetterForm,
    LostLinkForm,
    ReplyForm,
    RevisionForm,
    TranslationForm,
    VoiceEditForm,
    VoiceForm,
)
from letters.models import STATUS_LABELS, Letter, Voice
from letters.permissions import can_see_scan
from letters.selectors import (
    batch_get,
    batch_list,
    letter_get_by_token,
    letter_get_for_moderation,
    letter_list_awaiting_moderation,
    letter_list_thread,
    letter_list_waiting_for_batch,
    programme_list_open,
    programme_list_with_waiting_letters,
    voice_get,
    voice_get_for_moderation,
    voice_get_shared,
    voice_list_public,
    voice_list_recorded_by,
    voice_list_waiting,
)
from letters.services import (
    batch_create,
    batch_deliver,
    language_choices,
    letter_batch_missing,
    letter_decide,
    letter_delivery_set,
    letter_edit,
    letter_flag_resolve,
    letter_links_resend,
    letter_revise,
    letter_submit,
    letter_translate,
    letter_unresolved_flags,
    reply_missing,
    reply_record,
    reply_translate,
    voice_edit,
    voice_flag_resolve,
    voice_publish,
    voice_record,
    voice_unresolved_flags,
)
from letters.workflow import State

View = Callable[..., HttpResponseBase]


moderator_required = role_required(Role.MODERATOR)


def _rate_limited(request: HttpRequest) -> HttpResponse:
    return render(request, "letters/rate_limited.html", status=429)


# --- Public pages ------------------------------------------------------------------------------


@require_GET
def letter_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "letters/letter_index.html",
        {
            "programmes": programme_list_open(),
            "is_moderator": user_has_role(request.user, Role.MODERATOR),
            "is_volunteer": user_has_role(request.user, Role.VOLUNTEER),
        },
    )


FORM_KEY_SESSION = "letters_form_key"
SENT_SESSION = "letters_sent"


def _form_key(request: HttpRequest, *, fresh: bool = False) -> str:
    """The idempotency key of this browser's letter form. It stays the same until the writer
    asks for a new letter, so Back and Send again (or a reload) cannot make a second letter."""
    key = request.session.get(FORM_KEY_SESSION)
    if fresh or not isinstance(key, str) or not key:
        key = uuid.uuid4().hex
        request.session[FORM_KEY_SESSION] = key
    return key


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def letter_create(request: HttpRequest) -> HttpResponse:
    """Guidelines, then the letter; "Preview" shows it back (with hints about contact details),
    "Send" saves it and opens the writer's private status page.

    One submission is one letter: the form's key lives in the session, and sending the same
    letter again returns the first one with the same link. A changed letter sent with a used
    key gets a message and a fresh key, so pressing Send again sends it as a new letter.
    Only accepted letters count against the rate limit; a limited writer gets the form back
    filled in.

    The honeypot: when the hidden `website` field comes back filled (a bot, or a browser's
    autofill), the letter is still saved, with a flag that holds it until a moderator looks.
    """
    if request.method == "GET":
        key = _form_key(request, fresh=request.GET.get("new") == "1")
        form = LetterForm(initial={"idempotency_key": key})
        return render(request, "letters/letter_form.html", {"form": form, "preview": None})
    form = LetterForm(request.POST)
    preview = None
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        if "send" not in request.POST:
            flags = screening.screen(data["body"])
            preview = {"body": data["body"], "kinds": screening.kinds(flags)}
            status = 200
        else:
            sent = _send(
                request,
                form,
                lambda: _form_for_a_new_letter(request, data["idempotency_key"]),
                programme=data["programme"],
                recipient=data["recipient"],
                hidden_field=data["website"],
            )
            if isinstance(sent, HttpResponse):
                return sent
            form, status = sent
    return render(
        request, "letters/letter_form.html", {"form": form, "preview": preview}, status=status
    )


def _send(
    request: HttpRequest, form: Any, key_reused: Callable[[], Any], **submit: Any
) -> HttpResponse | tuple[Any, int]:
    """Send the letter of a valid *form* (the letter form or an answer to a reply) through
    `letter_submit` with the *submit* arguments the form does not hold, and open its status
    page; or the form to show again (with *key_reused()* when its key was used for another
    letter) and its status. Only accepted letters count against the writer's budget."""
    data = form.cleaned_data
    scope, ident = rate_limit_budget(
        request, anonymous="letter-submit", signed_in="letter-submit-user"
    )
    if rate_limit_reached(request, scope, ident=ident):
        form.add_error(
            None,
            _(
                "You have sent many letters in the last hour. Your letter is kept below: "
                "send it again a little later."
            ),
        )
        return form, 429
    try:
        result = letter_submit(
            writer_name=data["writer_name"],
            writer_email=data["writer_email"],
            language=data["language"],
            body=data["body"],
            idempotency_key=data["idempotency_key"],
            interface_language=translation.get_language() or "",
            **submit,
        )
    except ValidationError as exc:
        if _is_key_reused(exc):
            return key_reused(), 400
        form_add_errors(form, exc)
        return form, 400
    if result.created:
        rate_limit_count(request, scope, ident=ident)
        messages.success(
            request,
            _(
                "Thank you! Your letter was received. Keep the address of this "
                "page: it is the way to follow your letter."
            ),
        )
    else:
        messages.info(request, _("This letter was already sent; here is its status page."))
    sent = request.session.get(SENT_SESSION) or {}
    sent[data["idempotency_key"]] = result.token
    request.session[SENT_SESSION] = dict(list(sent.items())[-20:])
    return redirect("letters:letter-status", token=result.token)


def _is_key_reused(exc: ValidationError) -> bool:
    return hasattr(exc, "error_dict") and any(
        e.code == "idempotency_mismatch" for e in exc.error_dict.get("idempotency_key", [])
    )


def _form_for_a_new_letter(request: HttpRequest, used_key: str) -> LetterForm:
    """The posted letter again, under a fresh key, with a message saying a letter was already
    sent from this form (and its link, when this browser sent it)."""
    data = request.POST.copy()
    data["idempotency_key"] = _form_key(request, fresh=True)
    form = LetterForm(data)
    form.is_valid()
    token = (request.session.get(SENT_SESSION) or {}).get(used_key)
    message = _(
        "A letter was already sent from this form, and this one is different. Nothing new was "
        "sent: your text is kept below. Press Send again to send it as a new letter."
    )
    if token:
        message = format_html(
            '{} <a href="{}">{}</a>',
            message,
            reverse("letters:letter-status", kwargs={"token": token}),
            _("Open the letter you sent first."),
        )
    form.add_error(None, message)
    return form


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def letter_status(request: HttpRequest, token: str) -> HttpResponse:
    """The writer's private page: where the letter is, the moderator's reason when changes are
    asked for, a form to revise it then, and replies shared with the writer."""
    if rate_limit_hit(request, "letter-status"):
        return _rate_limited(request)
    letter: Any = letter_get_by_token(token=token)  # with change_requests, shared_voices
    form = None
    if letter.status == State.CHANGES_REQUESTED:
        form = RevisionForm(request.POST or None, initial={"body": letter.body})
    if request.method == "POST":
        if form is None:
            messages.error(request, _("This letter cannot be changed now."))
            return redirect(request.path)
        if form.is_valid():
            try:
                letter_revise(letter=letter, body=form.cleaned_data["body"])
            except ValidationError as exc:
                form_add_errors(form, exc)
            else:
                messages.success(request, _("Thank you! Your revised letter was sent again."))
                return redirect(request.path)
    shown = workflow.WRITER_VISIBLE.get(State(letter.status), State(letter.status))
    return render(
        request,
        "letters/letter_status.html",
        {
            "letter": letter,
            "shown_status": shown.value,
            "reason": letter.change_requests[0].reason if letter.change_requests else "",
            "status_link": request.build_absolute_uri(request.path),
            "rejection_reason": (letter.rejections[0].writer_reason if letter.rejections else ""),
            "form": form,
            "voices": letter.shared_voices,
            "token": token,
        },
        status=400 if form is not None and form.errors else 200,
    )


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def letter_link_request(request: HttpRequest) -> HttpResponse:
    """Ask for lost status links to be e-mailed again. The answer is the same whether or not
    the address wrote a letter; the address and the e-mail address each have a small budget."""
    form = LostLinkForm(request.POST or None)
    if request.method == "POST":
        if rate_limit_reached(request, "letter-link"):
            messages.error(
                request, _("Too many requests came from your connection; try again in an hour.")
            )
            return render(request, "letters/link_request.html", {"form": form}, status=429)
        if form.is_valid():
            rate_limit_count(request, "letter-link")
            email = form.cleaned_data["email"].strip().lower()
            # A budget per mailbox too, so nobody can fill someone's inbox from many addresses;
            # over it, nothing is sent but the answer is the same.
            if not rate_limit_hit(request, "letter-link", ident="email:" + email):
                letter_links_resend(email=email)
            return render(request, "letters/link_request.html", {"form": None, "sent": True})
    return render(
        request,
        "letters/link_request.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@require_GET
def voice_list(request: HttpRequest) -> HttpResponse:
    return render(request, "letters/voice_list.html", {"voices": voice_list_public()})


# --- Moderators ----------------------------------------------------------------------------------


@never_cache
@require_GET
@moderator_required
def letter_queue(request: HttpRequest) -> HttpResponse:
    statuses = [s.value for s in State]
    status = request.GET.get("status", "")
    flag = request.GET.get("flag", "")
    language = request.GET.get("language", "")
    filters = {
        "status": status if status in statuses else "",
        "programme": request.GET.get("programme", "")[:80],
        "language": language if language in dict(language_choices()) else "",
        "flag": flag if flag in {*screening.FlagKind, "none"} else "",
    }
    return render(
        request,
        "letters/letter_queue.html",
        {
            "letters": letter_list_awaiting_moderation(**filters)[:200],
            "filters": filters,
            "statuses": [(s, STATUS_LABELS[State(s)]) for s in statuses],
            "programmes": programme_list_open(),
            "languages": language_choices(),
            "flag_kinds": [k.value for k in screening.FlagKind],
        },
    )


def _moderation_page(
    request: HttpRequest,
    letter: Letter,
    *,
    decision_form: DecisionForm | None = None,
    translation_form: TranslationForm | None = None,
    resolve_form: FlagResolveForm | None = None,
    edit_form: LetterEditForm | None = None,
    delivery_form: DeliveryForm | None = None,
    status: int = 200,
) -> HttpResponse:
    target = (
        letter.recipient.languages[0] if letter.recipient and letter.recipient.languages else ""
    )
    open_letter = letter.status not in (State.REJECTED, State.DELIVERED)
    unresolved = letter_unresolved_flags(
        letter=letter, texts=[t.text for t in letter.translations.all()], rescreen=True
    )
    return render(
        request,
        "letters/letter_moderate.html",
        {
            "letter": letter,
            "segments": screening.segments(
                letter.body,
                [
                    screening.Flag(screening.FlagKind(f["kind"]), f["start"], f["end"], f["text"])
                    for f in letter.flags
                    if f["kind"] != screening.FlagKind.HIDDEN_FIELD  # not a place in the text
                ],
            ),
            "details": getattr(letter.recipient, "details", None) if letter.recipient else None,
            "decision_form": decision_form or DecisionForm(),
            "can_decide": letter.status == State.SUBMITTED,
            "translation_form": translation_form
            or TranslationForm(initial={"language": target or "ja"}),
            "can_translate": open_letter,
            "unresolved": [
                {"kind": f.kind.value, "text": f.text, "key": screening.flag_key(f.kind, f.text)}
                for f in unresolved
            ],
            "resolutions": [r for r in letter.resolutions.all() if r.revision == letter.revision],
            "resolve_form": resolve_form,
            "can_resolve": open_letter,
            "edit_form": edit_form or LetterEditForm(initial={"body": letter.body}),
            "can_edit": letter.status == State.SUBMITTED,
            "delivery_form": delivery_form
            or DeliveryForm(
                programme=letter.programme,
                initial={
                    "recipient": letter.recipient.public_id if letter.recipient else None,
                    "reads_original": letter.reads_original,
                },
            ),
            "can_set_delivery": open_letter and letter.batch_id is None,
            "thread": letter_list_thread(letter=letter),
        },
        status=status,
    )


def _moderation_action(view: Any) -> Any:
    """A form posted from a letter's moderation page: moderators only, never cached, its fields
    kept out of error reports."""
    return sensitive_post_parameters()(never_cache(require_POST(moderator_required(view))))


def _moderation_post(
    request: HttpRequest,
    public_id: Any,
    *,
    form_key: str,
    make_form: Callable[[Any], Any],
    action: Callable[[Any, dict[str, Any]], object],
    success: str,
) -> HttpResponse:
    """A form posted from a letter's moderation page: run *action(letter, cleaned_data)* (a
    service); back to the letter when it worked, else the page with the form's errors (409 when
    the letter moved on meanwhile, 400 otherwise)."""
    letter = letter_get_for_moderation(public_id=public_id)
    form = make_form(letter)
    status = 400
    if form.is_valid():
        try:
            action(letter, form.cleaned_data)
        except ValidationError as exc:
            form_add_errors(form, exc)
            status = form_error_status(exc)
            letter = letter_get_for_moderation(public_id=public_id)
        else:
            messages.success(request, success)
            return redirect("letters:letter-moderate", public_id=letter.public_id)
    return _moderation_page(request, letter, status=status, **{form_key: form})


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
@moderator_required
def letter_moderate(request: HttpRequest, public_id: Any) -> HttpResponse:
    """A letter with its flags highlighted, the recipient's details, its history, and the
    decision and translation forms. POST records a decision."""
    if request.method == "GET":
        return _moderation_page(request, letter_get_for_moderation(public_id=public_id))
    return _moderation_post(
        request,
        public_id,
        form_key="decision_form",
        make_form=lambda letter: DecisionForm(request.POST),
        action=lambda letter, data: letter_decide(
            letter=letter,
            moderator=request.user,
            action=data["action"],
            reason=data["reason"],
            writer_reason=data["writer_reason"],
        ),
        success=_("Your decision was recorded."),
    )


@_moderation_action
def letter_translate_view(request: HttpRequest, public_id: Any) -> HttpResponse:
    return _moderation_post(
        request,
        public_id,
        form_key="translation_form",
        make_form=lambda letter: TranslationForm(request.POST),
        action=lambda letter, data: letter_translate(
            letter=letter, translator=request.user, language=data["language"], text=data["text"]
        ),
        success=_("The translation was saved."),
    )


@_moderation_action
def letter_flag_resolve_view(request: HttpRequest, public_id: Any) -> HttpResponse:
    """Confirm one flag as not personal data, with a note."""
    return _moderation_post(
        request,
        public_id,
        form_key="resolve_form",
        make_form=lambda letter: FlagResolveForm(request.POST),
        action=lambda letter, data: letter_flag_resolve(
            letter=letter, moderator=request.user, key=data["key"], note=data["note"]
        ),
        success=_("The flag was marked as not personal data."),
    )


@_moderation_action
def letter_edit_view(request: HttpRequest, public_id: Any) -> HttpResponse:
    """Edit personal data out of a submitted letter; the flags are computed again."""
    return _moderation_post(
        request,
        public_id,
        form_key="edit_form",
        make_form=lambda letter: LetterEditForm(request.POST),
        action=lambda letter, data: letter_edit(
            letter=letter, moderator=request.user, body=data["body"], note=data["note"]
        ),
        success=_("The letter was edited; its flags were checked again."),
    )


@_moderation_action
def letter_delivery_view(request: HttpRequest, public_id: Any) -> HttpResponse:
    """Choose the recipient of a letter, and whether they read its language."""
    return _moderation_post(
        request,
        public_id,
        form_key="delivery_form",
        make_form=lambda letter: DeliveryForm(request.POST, programme=letter.programme),
        action=lambda letter, data: letter_delivery_set(
            letter=letter,
            moderator=request.user,
            recipient=data["recipient"],
            reads_original=data["reads_original"],
        ),
        success=_("The recipient was saved."),
    )


@never_cache
@require_http_methods(["GET", "POST"])
@moderator_required
def batch_list_view(request: HttpRequest) -> HttpResponse:
    """Batches, and a form gathering a programme's approved letters into a new one."""
    form = BatchForm(request.POST or None, programmes=programme_list_with_waiting_letters())
    if (
        saved := form_post(
            request,
            form,
            lambda: batch_create(
                programme=form.cleaned_data["programme"],
                moderator=request.user,
                label=form.cleaned_data["label"],
            ),
            _("The batch was created."),
        )
    ) is not None:
        batch = saved.value
        return redirect("letters:batch-detail", pk=batch.pk)
    waiting = [
        {"letter": letter, "missing": letter_batch_missing(letter=letter)}
        for letter in letter_list_waiting_for_batch()[:200]
    ]
    return render(
        request,
        "letters/batch_list.html",
        {"batches": batch_list(), "form": form, "waiting": waiting},
        status=400 if form.errors else 200,
    )


@never_cache
@require_GET
@moderator_required
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "letters/batch_detail.html", {"batch": batch_get(pk=pk)})


@never_cache
@require_GET
@moderator_required
def batch_print(request: HttpRequest, pk: int) -> HttpResponse:
    """One letter per printed page: the recipient's pseudonym, the letter, its translations
    (Japanese with furigana for recipients learning Japanese), the sign-off; never an e-mail."""
    batch = batch_get(pk=pk)
    sheets = []
    withheld = []
    for letter in batch.letters.all():
        recipient = letter.recipient
        languages = set(recipient.languages or []) if recipient else set()
        furigana = bool(recipient and recipient.learning_japanese)
        if furigana:
            languages.add("ja")
        translations = [t for t in letter.translations.all() if t.language in languages] or (
            [] if letter.reads_original else list(letter.translations.all())
        )
        # Screened again here: whatever changed since approval, an unresolved flag in the text
        # that would be printed keeps the letter off the paper.
        if letter_unresolved_flags(
            letter=letter, texts=[t.text for t in translations], rescreen=True
        ):
            withheld.append(letter)
            continue
        sheets.append({"letter": letter, "translations": translations, "furigana": furigana})
    return render(
        request,
        "letters/batch_print.html",
        {"batch": batch, "sheets": sheets, "withheld": withheld},
    )


@never_cache
@require_http_methods(["GET", "POST"])
@moderator_required
def batch_deliver_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Marking a batch delivered cannot be undone: a page asks first, and only a POST with
    the confirmation box ticked marks it."""
    batch = batch_get(pk=pk)
    if request.method == "GET" or request.POST.get("confirm") != "yes":
        return render(
            request,
            "letters/batch_deliver.html",
            {"batch": batch, "not_confirmed": request.method == "POST"},
            status=400 if request.method == "POST" else 200,
        )
    try:
        count = batch_deliver(batch=batch, moderator=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            ngettext(
                "%(n)d letter was marked delivered.", "%(n)d letters were marked delivered.", count
            )
            % {"n": count},
        )
    return redirect("letters:batch-detail", pk=pk)


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
@moderator_required
def voice_create(request: HttpRequest) -> HttpResponse:
    """Record a voice; it is published at once when screening finds nothing, otherwise it
    waits on its own page until each flag is resolved."""
    form = VoiceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            voice = voice_record(
                moderator=request.user,
                programme=data["programme"],
                recipient=data["recipient"],
                letter=data["letter"],
                language=data["language"],
                text=data["text"],
                consent_date=data["consent_date"],
                consent_scope=data["consent_scope"],
                names_removed=data["names_removed"],
            )
        except ValidationError as exc:
            form_add_errors(form, exc)
        else:
            if voice.published_at is None:
                messages.warning(
                    request,
                    _(
                        "The voice was recorded and waits: resolve each screening flag (and "
                        "translate a reply), then publish it."
                    ),
                )
                return redirect("letters:voice-moderate", pk=voice.pk)
            messages.success(request, _("The voice was recorded."))
            if voice.consent_scope == Voice.Scope.PUBLISH:
                return redirect("letters:voice-list")
            return redirect("letters:letter-queue")
    return render(
        request,
        "letters/voice_form.html",
        {"form": form, "waiting": voice_list_waiting()[:50]},
        status=400 if form.errors else 200,
    )


# The translation form shares the voice page with the text's form: its fields get a prefix.
REPLY_TRANSLATION = "translation"


def _voice_page(
    request: HttpRequest,
    voice: Voice,
    *,
    resolve_form: FlagResolveForm | None = None,
    edit_form: VoiceEditForm | None = None,
    translation_form: TranslationForm | None = None,
    publish_error: str = "",
    status: int = 200,
) -> HttpResponse:
    unresolved = voice_unresolved_flags(voice=voice)
    letter = voice.letter
    return render(
        request,
        "letters/voice_moderate.html",
        {
            "voice": voice,
            "segments": screening.segments(voice.text, screening.screen(voice.text)),
            "translation_segments": screening.segments(
                voice.translation, screening.screen(voice.translation)
            ),
            "translation_form": translation_form
            or TranslationForm(
                prefix=REPLY_TRANSLATION,
                initial={
                    "language": voice.translation_language or (letter.language if letter else ""),
                    "text": voice.translation,
                },
            ),
            "missing": reply_missing(voice=voice),
            "thread": letter_list_thread(letter=letter) if letter else [],
            "unresolved": [
                {"kind": f.kind.value, "text": f.text, "key": screening.flag_key(f.kind, f.text)}
                for f in unresolved
            ],
            "resolutions": [r for r in voice.resolutions.all() if r.revision == voice.revision],
            "resolve_form": resolve_form,
            "can_resolve": voice.published_at is None,
            "edit_form": edit_form or VoiceEditForm(initial={"text": voice.text}),
            "publish_error": publish_error,
        },
        status=status,
    )


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
@moderator_required
def voice_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    """A voice's text with its flags (a reply also with its photo, its translation and the
    whole thread); POST resolves a flag ("resolve"), edits or transcribes the text ("edit"),
    translates a reply ("translate") or publishes it ("publish", a reply's approval)."""
    voice = voice_get_for_moderation(pk=pk)
    if request.method == "GET":
        return _voice_page(request, voice)
    action = request.POST.get("do", "")
    try:
        if action == "resolve":
            resolve_form = FlagResolveForm(request.POST)
            if not resolve_form.is_valid():
                return _voice_page(request, voice, resolve_form=resolve_form, status=400)
            try:
                voice_flag_resolve(voice=voice, moderator=request.user, **resolve_form.cleaned_data)
            except ValidationError as exc:
                form_add_errors(resolve_form, exc)
                return _voice_page(request, voice, resolve_form=resolve_form, status=400)
            messages.success(request, _("The flag was marked as not personal data."))
        elif action == "edit":
            edit_form = VoiceEditForm(request.POST)
            if not edit_form.is_valid():
                return _voice_page(request, voice, edit_form=edit_form, status=400)
            try:
                voice_edit(voice=voice, moderator=request.user, text=edit_form.cleaned_data["text"])
            except ValidationError as exc:
                form_add_errors(edit_form, exc)
                return _voice_page(request, voice, edit_form=edit_form, status=400)
            messages.success(request, _("The text was changed and screened again."))
        elif action == "translate":
            translation_form = TranslationForm(request.POST, prefix=REPLY_TRANSLATION)
            if not translation_form.is_valid():
                return _voice_page(request, voice, translation_form=translation_form, status=400)
            try:
                reply_translate(
                    voice=voice, moderator=request.user, **translation_form.cleaned_data
                )
            except ValidationError as exc:
                form_add_errors(translation_form, exc)
                return _voice_page(request, voice, translation_form=translation_form, status=400)
            messages.success(request, _("The translation was saved and screened."))
        elif action == "publish":
            voice_publish(voice=voice, moderator=request.user)
            messages.success(request, _("The voice was published."))
        else:
            return _voice_page(request, voice, status=400)
    except ValidationError as exc:
        return _voice_page(request, voice, publish_error=" ".join(exc.messages), status=400)
    return redirect("letters:voice-moderate", pk=voice.pk)


# --- Replies -------------------------------------------------------------------------------------


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
@role_required(Role.MODERATOR, Role.VOLUNTEER)
def reply_create(request: HttpRequest) -> HttpResponse:
    """A volunteer (or a moderator) records a recipient's reply to a delivered letter, typed
    or photographed; it waits for a moderator. Below, the replies they recorded."""
    form = ReplyForm(request.POST or None, request.FILES or None)
    if (
        saved := form_post(
            request,
            form,
            lambda: reply_record(
                recorder=request.user,
                letter=form.cleaned_data["letter"],
                language=form.cleaned_data["language"],
                text=form.cleaned_data["text"],
                scan=form.cleaned_data["scan"],
                consent_date=form.cleaned_data["consent_date"],
                consent_scope=form.cleaned_data["consent_scope"],
                names_removed=form.cleaned_data["names_removed"],
            ),
            _(
                "The reply was recorded. A moderator will check and translate it before the "
                "writer reads it."
            ),
        )
    ) is not None:
        if user_has_role(request.user, Role.MODERATOR):
            return redirect("letters:voice-moderate", pk=saved.value.pk)
        return redirect("letters:reply-create")
    return render(
        request,
        "letters/reply_form.html",
        {"form": form, "recorded": voice_list_recorded_by(user=request.user)[:50]},
        status=400 if form.errors else 200,
    )


@never_cache
@require_GET
@role_required(Role.MODERATOR, Role.VOLUNTEER)
def reply_scan(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The photo of a handwritten reply, for moderators and the volunteer who recorded it.
    It lives in the private storage, which no URL serves; this view is the only way to it."""
    voice = voice_get(pk=pk)
    if not can_see_scan(request.user, voice):
        raise PermissionDenied
    if not voice.scan:
        raise Http404
    response = FileResponse(voice.scan.open("rb"), content_type=voice.scan_content_type)
    response["Content-Disposition"] = f'inline; filename="reply-{voice.pk}"'
    response["Cache-Control"] = "private, no-store"
    return response


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def letter_answer(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    """The writer answers a reply: a new letter to the same person, in the same thread, with
    its own status link. Reached from the status page, so the token proves who writes."""
    if rate_limit_hit(request, "letter-status"):
        return _rate_limited(request)
    letter = letter_get_by_token(token=token)
    reply = voice_get_shared(letter=letter, pk=pk)
    initial = {
        "idempotency_key": uuid.uuid4().hex,
        "language": letter.language,
        "writer_name": letter.writer_name,
        # Not the e-mail: the status page never shows it to whoever holds the link.
    }
    form = AnswerForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():

            def key_reused() -> AnswerForm:
                data = request.POST.copy()
                data["idempotency_key"] = uuid.uuid4().hex
                fresh = AnswerForm(data)
                fresh.is_valid()
                fresh.add_error(
                    None,
                    _(
                        "This answer was changed after it was sent; press Send again to send "
                        "it as a new letter."
                    ),
                )
                return fresh

            sent = _send(
                request,
                form,
                key_reused,
                programme=reply.letter.programme,  # type: ignore[union-attr]
                recipient=reply.letter.recipient,  # type: ignore[union-attr]
                in_reply_to=reply,
            )
            if isinstance(sent, HttpResponse):
                return sent
            form, status = sent
    return render(
        request,
        "letters/letter_answer.html",
        {"form": form, "reply": reply, "letter": letter, "token": token},
        status=status,
    )
