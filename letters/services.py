"""Use cases of `letters`: submit and revise (writers), decide, translate, batch and deliver
(moderators), record voices. Every page, API view and admin action goes through these.

Bodies, names and e-mails are never logged, and the functions that hold them hide their locals
from error reports (`sensitive_variables`).
"""

import base64
import hashlib
import json
import re
import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext
from django.views.decorators.debug import sensitive_variables

from learning.errors import Conflict
from learning.languages import LETTER_LANGUAGES
from learning.roles import Role, user_has_role
from lessons.japanese.ruby import ruby_map
from lessons.textcheck import validate_japanese_text
from letters import screening, workflow
from letters.models import (
    MAX_BODY_CHARS,
    MIN_BODY_CHARS,
    Batch,
    Decision,
    FlagResolution,
    Letter,
    LetterEdit,
    Programme,
    Recipient,
    Translation,
    Voice,
)
from letters.tokens import token_hash
from letters.workflow import Action, Actor, State, TransitionError

MAX_NAME_CHARS = 80
MAX_REASON_CHARS = 2_000
IDEMPOTENCY_KEY_RE = re.compile(r"^[A-Za-z0-9_.:-]{8,100}$")
WRITER_LABEL = "writer"
# A voice can answer a letter only once the letter reached (or is on its way to) its reader.
REPLY_STATES = (State.IN_BATCH, State.DELIVERED)


def language_choices() -> list[tuple[str, str]]:
    """Languages a letter, a translation or a voice may be in: Japanese and the meaning
    languages of the site."""
    return list(LETTER_LANGUAGES)


# --- Tokens -----------------------------------------------------------------------------------


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def status_token(letter: Letter) -> str:
    """The writer's status token of *letter*: derived from its random nonce and SECRET_KEY,
    so the same letter always has the same link (a retry, an e-mail). Letters saved before
    nonces existed have none; their token cannot be derived and "" is returned."""
    if not letter.token_nonce:
        return ""
    digest = salted_hmac(
        "letters.status-token", f"{letter.public_id}:{letter.token_nonce}", algorithm="sha256"
    ).digest()
    # 43 URL-safe characters, like the random tokens of letters saved before.
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


# --- Checks shared by submit and revise -------------------------------------------------------


def _check_text(field: str, value: str, *, minimum: int, maximum: int) -> str:
    if not isinstance(value, str):
        raise ValidationError({field: [_("This must be text.")]})
    value = value.strip()
    if len(value) < minimum:
        raise ValidationError(
            {field: [_("Write at least %(n)d characters.") % {"n": minimum}]}, code="too_short"
        )
    if len(value) > maximum:
        raise ValidationError(
            {
                field: [
                    _("This has %(length)d characters; the limit is %(limit)d.")
                    % {"length": len(value), "limit": maximum}
                ]
            },
            code="too_long",
        )
    try:
        validate_japanese_text(value, max_length=maximum)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from exc
    return value


def _check_language(field: str, language: str) -> str:
    if language not in dict(language_choices()):
        raise ValidationError({field: [_("Choose a language from the list.")]})
    return language


def _flags_of(body: str) -> tuple[list[dict[str, Any]], str]:
    flags = screening.screen(body)
    stored = [{"kind": f.kind.value, "start": f.start, "end": f.end, "text": f.text} for f in flags]
    kinds = screening.kinds(flags)
    return stored, ("," + ",".join(kinds) + ",") if kinds else ""


def _record(
    letter: Letter,
    *,
    actor: Any,
    action: str,
    from_state: str,
    to_state: str,
    reason: str = "",
    writer_reason: str = "",
) -> Decision:
    return Decision.objects.create(
        letter=letter,
        actor=actor if actor is not None else None,
        actor_label=actor.get_username() if actor is not None else WRITER_LABEL,
        action=action,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        writer_reason=writer_reason,
    )


# What the writer's e-mail says for each new state: never the letter, never a name. Translated
# when the e-mail is written, in the language the writer used for the form.
NOTICES = {
    State.SUBMITTED: (
        gettext_noop("Your letter was received"),
        gettext_noop(
            "Thank you for writing. A moderator will read your letter soon; the link below "
            "opens a private page that tells you what happens to it."
        ),
    ),
    State.CHANGES_REQUESTED: (
        gettext_noop("A moderator asks you to change your letter"),
        gettext_noop(
            "A moderator read your letter and asks you to change something. Open the private "
            "status link you kept when you sent it to read why and to revise your letter."
        ),
    ),
    State.APPROVED: (
        gettext_noop("Your letter was approved"),
        gettext_noop("A moderator approved your letter. It will be translated and delivered soon."),
    ),
    State.REJECTED: (
        gettext_noop("Your letter could not be accepted"),
        gettext_noop("A moderator read your letter and could not accept it for delivery."),
    ),
    State.DELIVERED: (
        gettext_noop("Your letter was delivered"),
        gettext_noop("Your letter was delivered. Thank you for writing."),
    ),
}


def _interface_language(code: str) -> str:
    """*code* if it is an interface language of the site, else the default one."""
    codes = {c for c, _name in settings.LANGUAGES}
    return code if code in codes else settings.LANGUAGE_CODE


def status_url(letter: Letter) -> str:
    """The absolute address of *letter*'s private status page ("" for a letter saved before
    tokens could be derived)."""
    token = status_token(letter)
    if not token:
        return ""
    return settings.SITE_URL + reverse("letters:letter-status", kwargs={"token": token})


def _link_paragraph(letter: Letter) -> str:
    url = status_url(letter)
    if not url:
        return ""
    return (
        "\n\n"
        + _("Your private status link (keep it; anyone with it can read your letter):")
        + ("\n" + url)
    )


def _writer_email(letter: Letter, state: str, *, writer_reason: str = "") -> tuple[str, str]:
    """Subject and text of the e-mail telling the writer of *letter* about its new *state*, with
    the private status link, in the interface language they wrote the form in."""
    subject, text = NOTICES[State(state)]
    with translation.override(_interface_language(letter.interface_language)):
        body = _(text)
        if writer_reason:
            body += "\n\n" + _("The moderator's reason:") + "\n" + writer_reason
        body += _link_paragraph(letter)
        return (
            _("Kasumi: %(subject)s") % {"subject": _(subject)},
            body + "\n\n-- " + _("Kasumi Refugee Support Youth"),
        )


def _notify_writer(letter: Letter, state: str, *, writer_reason: str = "") -> None:
    """E-mail the writer (when they gave an address) once the transaction commits. The message
    holds no body or name; it carries the private status link, so a lost tab is not a lost
    letter (only the writer's own mailbox receives it)."""
    if not letter.writer_email or State(state) not in NOTICES:
        return
    address = letter.writer_email
    subject, text = _writer_email(letter, state, writer_reason=writer_reason)
    transaction.on_commit(lambda: send_mail(subject, text, None, [address], fail_silently=True))


def _require_moderator(user: Any) -> None:
    if not user_has_role(user, Role.MODERATOR):
        raise PermissionDenied(_("Only moderators may do this."))


# --- Writers ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SubmitResult:
    letter: Letter
    token: str
    created: bool


@sensitive_variables()
def _fingerprint(**fields: Any) -> str:
    return hashlib.sha256(
        json.dumps(fields, sort_keys=True, ensure_ascii=False, default=str).encode()
    ).hexdigest()


@sensitive_variables()
@transaction.atomic
def letter_submit(
    *,
    programme: Programme | None,
    recipient: Recipient | None,
    writer_name: str,
    writer_email: str,
    language: str,
    body: str,
    idempotency_key: str = "",
    interface_language: str = "",
) -> SubmitResult:
    """Save a new letter (state `submitted`) with its screening flags, and return it with the
    writer's status token. The token is shown once; only its SHA-256 is stored.

    A retry with the same *idempotency_key* and the same content returns the letter saved the
    first time with the same token, so the first link keeps working; the same key with
    different content is refused (code `idempotency_mismatch`). Concurrent retries are settled by
    the unique constraint on the key. *interface_language* is the site language the writer
    used (e-mails to them are written in it; anything unknown falls back to the default).
    """
    errors: dict[str, list[str]] = {}
    if programme is None or not programme.is_active:
        errors["programme"] = [_("Choose a programme that is open for letters.")]
    if recipient is not None and (
        not recipient.is_active or programme is None or recipient.programme_id != programme.pk
    ):
        errors["recipient"] = [
            _("This person cannot receive letters through this programme now; choose another.")
        ]
    if errors:
        raise ValidationError(errors)
    assert programme is not None  # noqa: S101 - narrowed by the check above
    writer_name = _check_text("writer_name", writer_name, minimum=1, maximum=MAX_NAME_CHARS)
    writer_email = (writer_email or "").strip()
    if writer_email:
        try:
            validate_email(writer_email)
        except ValidationError as exc:
            raise ValidationError({"writer_email": [_("Enter a valid e-mail address.")]}) from exc
    language = _check_language("language", language)
    body = _check_text("body", body, minimum=MIN_BODY_CHARS, maximum=MAX_BODY_CHARS)
    key = (idempotency_key or "").strip() or None
    if key is not None and not IDEMPOTENCY_KEY_RE.match(key):
        raise ValidationError(
            {"idempotency_key": [_("Use 8 to 100 letters, digits, dots, colons, - or _.")]}
        )
    fingerprint = _fingerprint(
        programme=programme.pk,
        recipient=recipient.pk if recipient else None,
        name=writer_name,
        email=writer_email,
        language=language,
        body=body,
    )
    if key is not None:
        existing = _letter_for_retry(key, fingerprint)
        if existing is not None:
            return existing
    flags, flag_kinds = _flags_of(body)
    letter = Letter(
        public_id=uuid.uuid4(),
        token_nonce=secrets.token_hex(16),
        programme=programme,
        recipient=recipient,
        writer_name=writer_name,
        writer_email=writer_email,
        language=language,
        body=body,
        interface_language=_interface_language(interface_language),
        status=workflow.INITIAL,
        flags=flags,
        flag_kinds=flag_kinds,
        idempotency_key=key,
        request_fingerprint=fingerprint if key else "",
    )
    token = status_token(letter)
    letter.status_token_hash = token_hash(token)
    try:
        # A savepoint: a concurrent retry that inserted the same key first leaves the
        # surrounding request transaction usable.
        with transaction.atomic():
            letter.save()
    except IntegrityError:
        if key is None:
            raise
        existing = _letter_for_retry(key, fingerprint)
        if existing is None:
            raise
        return existing
    _record(letter, actor=None, action="submit", from_state="", to_state=letter.status)
    _notify_writer(letter, letter.status)  # the status link, in case the tab is lost
    return SubmitResult(letter=letter, token=token, created=True)


def _letter_for_retry(key: str, fingerprint: str) -> SubmitResult | None:
    letter = Letter.objects.select_for_update().filter(idempotency_key=key).first()
    if letter is None:
        return None
    if letter.request_fingerprint != fingerprint:
        raise ValidationError(
            {
                "idempotency_key": ValidationError(
                    _("This key was already used for a different letter."),
                    code="idempotency_mismatch",
                )
            }
        )
    token = status_token(letter)
    if not token:  # saved before tokens were derived: the only way back is a new one
        token, digest = _new_token()
        letter.status_token_hash = digest
        letter.save(update_fields=["status_token_hash", "updated_at"])
    return SubmitResult(letter=letter, token=token, created=False)


@sensitive_variables()
@transaction.atomic
def letter_revise(*, letter: Letter, body: str, writer_name: str = "") -> Letter:
    """The writer's new version of a letter a moderator asked to change; back to `submitted`."""
    locked = Letter.objects.select_for_update().get(pk=letter.pk)
    try:
        target = workflow.transition(locked.status, Action.REVISE, actor=Actor.WRITER)
    except TransitionError as exc:
        raise Conflict(
            _("This letter cannot be changed now: it is %(state)s.")
            % {"state": locked.get_status_display()},
            code="transition",
        ) from exc
    body = _check_text("body", body, minimum=MIN_BODY_CHARS, maximum=MAX_BODY_CHARS)
    if writer_name:
        locked.writer_name = _check_text(
            "writer_name", writer_name, minimum=1, maximum=MAX_NAME_CHARS
        )
    previous = locked.status
    locked.body = body
    locked.flags, locked.flag_kinds = _flags_of(body)
    locked.status = target
    locked.revision += 1
    locked.save()
    _record(locked, actor=None, action=Action.REVISE, from_state=previous, to_state=target)
    return locked


# --- Moderators -------------------------------------------------------------------------------


@transaction.atomic
def letter_decide(
    *, letter: Letter, moderator: Any, action: str, reason: str = "", writer_reason: str = ""
) -> Letter:
    """Approve, ask for changes (with a reason the writer sees) or reject a submitted letter.
    A rejection needs *writer_reason*, written for the writer (their status page and e-mail);
    *reason* is then the moderators' internal note, never shown to the writer.

    The letter row is locked (SELECT ... FOR UPDATE) and its state read afresh, so when two
    moderators act at once the second is refused with a message naming the current state.
    """
    _require_moderator(moderator)
    if action not in (Action.APPROVE, Action.REQUEST_CHANGES, Action.REJECT):
        raise ValidationError({"action": [_("Choose approve, request changes or reject.")]})
    reason = (reason or "").strip()
    writer_reason = (writer_reason or "").strip() if action == Action.REJECT else ""
    for field, value in (("reason", reason), ("writer_reason", writer_reason)):
        if len(value) > MAX_REASON_CHARS:
            raise ValidationError(
                {
                    field: [
                        _("The reason is longer than %(n)d characters.") % {"n": MAX_REASON_CHARS}
                    ]
                }
            )
    # The reason the rule asks for is the one the writer reads.
    reason_field = "writer_reason" if action == Action.REJECT else "reason"
    locked = Letter.objects.select_for_update().get(pk=letter.pk)
    rule_error = None
    try:
        target = workflow.transition(
            locked.status,
            action,
            actor=Actor.MODERATOR,
            reason=writer_reason if action == Action.REJECT else reason,
        )
    except TransitionError as exc:
        rule_error = exc
    if rule_error is not None:
        if locked.status == State.SUBMITTED:  # the only refusal left: no reason given
            raise ValidationError({reason_field: [_("Give the writer a reason.")]})
        last = locked.decisions.exclude(actor=None).order_by("-created_at", "-pk").first()
        raise Conflict(
            _("This letter is already %(state)s%(by)s; nothing was changed.")
            % {
                "state": locked.get_status_display(),
                "by": (_(" (by %(name)s)") % {"name": last.actor_label}) if last else "",
            },
            code="transition",
        )
    if action == Action.APPROVE:
        unresolved = letter_unresolved_flags(letter=locked)
        if unresolved:
            raise ValidationError(
                {
                    "action": [
                        ngettext(
                            "Resolve the %(n)d screening flag first: edit it out of the letter or "
                            "confirm with a note that it is not personal data.",
                            "Resolve the %(n)d screening flags first: edit each out of the letter "
                            "or confirm with a note that it is not personal data.",
                            len(unresolved),
                        )
                        % {"n": len(unresolved)}
                    ]
                },
                code="unresolved_flags",
            )
    previous = locked.status
    locked.status = target
    locked.save(update_fields=["status", "updated_at"])
    _record(
        locked,
        actor=moderator,
        action=action,
        from_state=previous,
        to_state=target,
        reason=reason,
        writer_reason=writer_reason,
    )
    _notify_writer(locked, target, writer_reason=writer_reason)
    return locked


# --- Flags: each one resolved before a letter is approved or printed ---------------------------


def letter_unresolved_flags(
    *, letter: Letter, texts: Iterable[str] = (), rescreen: bool = False
) -> list[screening.Flag]:
    """The screening flags of *letter* that no moderator resolved for its current revision.

    With *rescreen* the body is screened afresh instead of trusting the stored flags (print
    does this); *texts* (translations) are screened too. A flag is resolved when its
    `flag_key` was confirmed "not personal data" for this revision.
    """
    if rescreen:
        flags = screening.screen(letter.body)
    else:
        flags = [
            screening.Flag(screening.FlagKind(f["kind"]), f["start"], f["end"], f["text"])
            for f in letter.flags
        ]
    for text in texts:
        flags.extend(screening.screen(text))
    return _unresolved(flags, letter.resolutions.all(), revision=letter.revision)


def _unresolved(
    flags: Iterable[screening.Flag], resolutions: Iterable[FlagResolution], *, revision: int
) -> list[screening.Flag]:
    """The *flags* no resolution of this *revision* confirmed (letters and voices alike)."""
    resolved = {r.key for r in resolutions if r.revision == revision}
    return [f for f in flags if screening.flag_key(f.kind, f.text) not in resolved]


def _flag_resolution_create(
    *,
    unresolved: Iterable[screening.Flag],
    key: str,
    note: str,
    moderator: Any,
    revision: int,
    letter: Letter | None = None,
    voice: Voice | None = None,
) -> FlagResolution:
    """Record that the flag named *key*, one of the *unresolved* flags of a letter's or a
    voice's text now, is not personal data, with a moderator's note."""
    note = _check_note(note, required=True)
    current = {screening.flag_key(f.kind, f.text): f for f in unresolved}
    flag = current.get(key or "")
    if flag is None:
        raise ValidationError(
            {"key": [_("This flag is no longer in the text, or was already resolved.")]}
        )
    return FlagResolution.objects.create(
        letter=letter,
        voice=voice,
        revision=revision,
        key=key[:300],
        kind=flag.kind.value,
        text=flag.text[:300],
        note=note,
        moderator=moderator,
        moderator_label=moderator.get_username(),
    )


def _lock_for_moderation(letter: Letter, moderator: Any) -> Letter:
    _require_moderator(moderator)
    locked = Letter.objects.select_for_update().get(pk=letter.pk)
    if locked.status in (State.REJECTED, State.DELIVERED):
        raise Conflict(
            _("This letter is %(state)s; nothing was changed.")
            % {"state": locked.get_status_display()},
            code="transition",
        )
    return locked


def _check_note(note: str, *, required: bool) -> str:
    note = (note or "").strip()
    if required and not note:
        raise ValidationError({"note": [_("Write a note saying why.")]})
    if len(note) > MAX_REASON_CHARS:
        raise ValidationError(
            {"note": [_("The note is longer than %(n)d characters.") % {"n": MAX_REASON_CHARS}]}
        )
    return note


@transaction.atomic
def letter_flag_resolve(*, letter: Letter, moderator: Any, key: str, note: str) -> FlagResolution:
    """Confirm that the flag named *key* (`screening.flag_key`) is not personal data, with a
    note. Only a flag the letter's text or a translation carries now can be resolved."""
    locked = _lock_for_moderation(letter, moderator)
    texts = [t.text for t in locked.translations.all()]
    resolution = _flag_resolution_create(
        unresolved=letter_unresolved_flags(letter=locked, texts=texts, rescreen=True),
        key=key,
        note=note,
        moderator=moderator,
        revision=locked.revision,
        letter=locked,
    )
    note = resolution.note
    _record(
        locked,
        actor=moderator,
        action="resolve_flag",
        from_state=locked.status,
        to_state=locked.status,
        reason=note,
    )
    return resolution


@sensitive_variables()
@transaction.atomic
def letter_edit(*, letter: Letter, moderator: Any, body: str, note: str = "") -> Letter:
    """A moderator's edit of a submitted letter's text (to take personal data out). The text
    before the edit is kept in a `LetterEdit`, and the flags are computed again."""
    locked = _lock_for_moderation(letter, moderator)
    if locked.status != State.SUBMITTED:
        raise Conflict(
            _("Only a letter waiting for a decision can be edited; this one is %(state)s.")
            % {"state": locked.get_status_display()},
            code="transition",
        )
    body = _check_text("body", body, minimum=MIN_BODY_CHARS, maximum=MAX_BODY_CHARS)
    note = _check_note(note, required=False)
    if body == locked.body:
        raise ValidationError({"body": [_("The text is unchanged.")]})
    LetterEdit.objects.create(
        letter=locked,
        revision=locked.revision,
        body_before=locked.body,
        body_after=body,
        note=note,
        editor=moderator,
        editor_label=moderator.get_username(),
    )
    locked.body = body
    locked.flags, locked.flag_kinds = _flags_of(body)
    locked.save(update_fields=["body", "flags", "flag_kinds", "updated_at"])
    _record(
        locked,
        actor=moderator,
        action="edit",
        from_state=locked.status,
        to_state=locked.status,
        reason=note,
    )
    return locked


@transaction.atomic
def letter_delivery_set(
    *, letter: Letter, moderator: Any, recipient: Recipient | None, reads_original: bool
) -> Letter:
    """Choose who receives a letter that is not in a batch yet, and record whether they read
    the language it is written in (then it may be printed without a translation)."""
    locked = _lock_for_moderation(letter, moderator)
    if locked.batch_id is not None:
        raise Conflict(
            _("This letter is already in a batch; nothing was changed."), code="transition"
        )
    if recipient is not None and (
        not recipient.is_active or recipient.programme_id != locked.programme_id
    ):
        raise ValidationError(
            {"recipient": [_("This person cannot receive letters of this programme now.")]}
        )
    locked.recipient = recipient
    locked.reads_original = bool(reads_original)
    locked.save(update_fields=["recipient", "reads_original", "updated_at"])
    _record(
        locked,
        actor=moderator,
        action="set_delivery",
        from_state=locked.status,
        to_state=locked.status,
        reason=(recipient.pseudonym if recipient else "-")
        + (" (reads the original)" if reads_original else ""),
    )
    return locked


def letter_batch_missing(*, letter: Letter) -> list[str]:
    """What keeps an approved letter out of a batch, in words for the moderator; [] when
    nothing. Uses the letter's recipient, translations and resolutions (prefetch them)."""
    missing = []
    translations = list(letter.translations.all())
    if letter.recipient is None:
        missing.append(_("no recipient chosen"))
    else:
        reads = set(letter.recipient.languages or [])
        if not (
            letter.reads_original
            or letter.language in reads
            or any(t.language in reads for t in translations)
        ):
            missing.append(
                _("no translation into a language the recipient reads (%(languages)s)")
                % {"languages": ", ".join(sorted(reads)) or "—"}
            )
    if letter_unresolved_flags(letter=letter, texts=[t.text for t in translations], rescreen=True):
        missing.append(_("a screening flag is not resolved"))
    return missing


@transaction.atomic
def letter_translate(*, letter: Letter, translator: Any, language: str, text: str) -> Translation:
    """Add (or replace) the letter's translation into *language*; a Japanese one is stored with
    its furigana rendered."""
    _require_moderator(translator)
    if letter.status in (State.REJECTED, State.DELIVERED):
        raise ValidationError(
            _("A letter that is %(state)s is not translated any more.")
            % {"state": letter.get_status_display()}
        )
    language = _check_language("language", language)
    text = _check_text("text", text, minimum=1, maximum=MAX_BODY_CHARS * 2)
    ruby_html = ""
    if language == "ja":
        entry = ruby_map([text], {}).get(text)
        ruby_html = entry["html"] if entry else ""
    translation, _created = Translation.objects.update_or_create(
        letter=letter,
        language=language,
        defaults={"text": text, "ruby_html": ruby_html, "translator": translator},
    )
    return translation


@transaction.atomic
def batch_create(*, programme: Programme, moderator: Any, label: str = "") -> Batch:
    """Gather the approved letters of *programme* not yet in a batch that are ready to go (a
    recipient, a translation they read or a record that they read the original, every flag
    resolved) into a new batch. The others wait; `letter_batch_missing` says why."""
    _require_moderator(moderator)
    waiting = list(
        # Lock the letters only: PostgreSQL refuses FOR UPDATE on the nullable recipient join.
        Letter.objects.select_for_update(of=("self",))
        .filter(programme=programme, status=State.APPROVED, batch__isnull=True)
        .select_related("recipient")
        .prefetch_related("translations", "resolutions")
    )
    if not waiting:
        raise ValidationError(_("No approved letters are waiting in this programme."))
    letters = [letter for letter in waiting if not letter_batch_missing(letter=letter)]
    if not letters:
        raise ValidationError(
            _(
                "None of the approved letters is ready: each needs a recipient, a translation "
                "they read and every flag resolved. The list below says what is missing."
            )
        )
    batch = Batch.objects.create(
        programme=programme,
        label=(label or "").strip()[:200] or timezone.localdate().isoformat(),
        created_by=moderator,
    )
    for letter in letters:
        target = workflow.transition(letter.status, Action.BATCH, actor=Actor.MODERATOR)
        _record(
            letter, actor=moderator, action=Action.BATCH, from_state=letter.status, to_state=target
        )
        letter.status = target
        letter.batch = batch
        letter.save(update_fields=["status", "batch", "updated_at"])
    return batch


@transaction.atomic
def batch_deliver(*, batch: Batch, moderator: Any) -> int:
    """Mark the batch and every letter in it delivered; returns how many letters."""
    _require_moderator(moderator)
    locked = Batch.objects.select_for_update().get(pk=batch.pk)
    if locked.delivered_at is not None:
        raise Conflict(_("This batch was already marked delivered."), code="transition")
    now = timezone.now()
    letters = list(Letter.objects.select_for_update().filter(batch=locked))
    for letter in letters:
        target = workflow.transition(letter.status, Action.DELIVER, actor=Actor.MODERATOR)
        _record(
            letter,
            actor=moderator,
            action=Action.DELIVER,
            from_state=letter.status,
            to_state=target,
        )
        letter.status = target
        letter.delivered_at = now
        letter.save(update_fields=["status", "delivered_at", "updated_at"])
        _notify_writer(letter, target)
    locked.delivered_at = now
    locked.delivered_by = moderator
    locked.save(update_fields=["delivered_at", "delivered_by"])
    return len(letters)


@transaction.atomic
def voice_record(
    *,
    moderator: Any,
    programme: Programme,
    language: str,
    text: str,
    consent_date: date,
    consent_scope: str,
    names_removed: bool,
    recipient: Recipient | None = None,
    letter: Letter | None = None,
) -> Voice:
    """Record what a refugee wants to say, with their consent. Names must have been removed."""
    _require_moderator(moderator)
    errors: dict[str, list[str]] = {}
    if not names_removed:
        errors["names_removed"] = [_("Remove every name before recording a voice.")]
    if consent_scope not in Voice.Scope.values:
        errors["consent_scope"] = [_("Record what the person agreed to.")]
    if consent_date > timezone.localdate():
        errors["consent_date"] = [_("The consent date cannot be in the future.")]
    if recipient is not None and recipient.programme_id != programme.pk:
        errors["recipient"] = [_("This person is not in the chosen programme.")]
    if letter is not None and letter.programme_id != programme.pk:
        errors["letter"] = [_("This letter is not in the chosen programme.")]
    if letter is not None and letter.status not in REPLY_STATES:
        errors["letter"] = [_("Only a letter that was delivered (or is on its way) has replies.")]
    if errors:
        raise ValidationError(errors)
    text = _check_text("text", text, minimum=1, maximum=MAX_BODY_CHARS)
    flags, _kinds = _flags_of(text)
    return Voice.objects.create(
        programme=programme,
        recipient=recipient,
        letter=letter,
        language=_check_language("language", language),
        text=text,
        consent_date=consent_date,
        consent_scope=consent_scope,
        recorded_by=moderator,
        flags=flags,
        # Screened like a letter: a voice with a flag waits until each one is resolved.
        published_at=None if flags else timezone.now(),
    )


def voice_unresolved_flags(*, voice: Voice) -> list[screening.Flag]:
    """The screening flags of *voice*'s text (screened afresh) no moderator resolved."""
    return _unresolved(
        screening.screen(voice.text), voice.resolutions.all(), revision=voice.revision
    )


def _lock_voice(voice: Voice, moderator: Any) -> Voice:
    _require_moderator(moderator)
    locked = Voice.objects.select_for_update().get(pk=voice.pk)
    if locked.published_at is not None:
        raise ValidationError(_("This voice is already published; nothing was changed."))
    return locked


@transaction.atomic
def voice_flag_resolve(*, voice: Voice, moderator: Any, key: str, note: str) -> FlagResolution:
    """Confirm, with a note, that one flag of a waiting voice's text is not personal data."""
    locked = _lock_voice(voice, moderator)
    return _flag_resolution_create(
        unresolved=voice_unresolved_flags(voice=locked),
        key=key,
        note=note,
        moderator=moderator,
        revision=locked.revision,
        voice=locked,
    )


@sensitive_variables()
@transaction.atomic
def voice_edit(*, voice: Voice, moderator: Any, text: str) -> Voice:
    """Take personal data out of a waiting voice's text; its flags are computed again and
    resolutions given for the earlier text no longer count."""
    locked = _lock_voice(voice, moderator)
    text = _check_text("text", text, minimum=1, maximum=MAX_BODY_CHARS)
    if text == locked.text:
        raise ValidationError({"text": [_("The text is unchanged.")]})
    locked.text = text
    locked.flags, _kinds = _flags_of(text)
    locked.revision += 1
    locked.save(update_fields=["text", "flags", "revision"])
    return locked


@transaction.atomic
def voice_publish(*, voice: Voice, moderator: Any) -> Voice:
    """Publish a waiting voice (the Voices page or the writer's status page, by its consent)
    once every screening flag of its text is resolved."""
    locked = _lock_voice(voice, moderator)
    unresolved = voice_unresolved_flags(voice=locked)
    if unresolved:
        raise ValidationError(
            ngettext(
                "Resolve the %(n)d screening flag first: edit it out of the text or confirm "
                "with a note that it is not personal data.",
                "Resolve the %(n)d screening flags first: edit each out of the text or confirm "
                "with a note that it is not personal data.",
                len(unresolved),
            )
            % {"n": len(unresolved)},
            code="unresolved_flags",
        )
    locked.published_at = timezone.now()
    locked.save(update_fields=["published_at"])
    return locked


# --- Lost links -------------------------------------------------------------------------------

MAX_RESENT_LINKS = 20


@sensitive_variables()
@transaction.atomic
def letter_links_resend(*, email: str) -> None:
    """E-mail the status links of the letters written with *email* (the latest
    `MAX_RESENT_LINKS`) to that address, once the transaction commits. Nothing is returned and
    nothing differs for an address without letters, so the caller cannot tell whether one
    exists; only the mailbox's owner learns the links."""
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError({"email": [_("Enter a valid e-mail address.")]}) from exc
    letters = list(
        Letter.objects.filter(writer_email__iexact=email)
        .exclude(token_nonce="")
        .select_related("programme")
        .order_by("-created_at", "-pk")[:MAX_RESENT_LINKS]
    )
    if not letters:
        return
    with translation.override(_interface_language(letters[0].interface_language)):
        subject = _("Kasumi: %(subject)s") % {"subject": _("Your private status links")}
        lines = [
            _(
                "Someone (we hope you) asked for the status links of the letters written with "
                "this e-mail address. Keep them; anyone with a link can read that letter."
            ),
            "",
        ]
        for letter in letters:
            lines.append(
                f"{letter.programme.name} · {date_format(letter.created_at, 'DATE_FORMAT')}"
            )
            lines.append(status_url(letter))
        lines += [
            "",
            _("If it was not you, ignore this e-mail."),
            "",
            "-- " + _("Kasumi Refugee Support Youth"),
        ]
    text = "\n".join(lines)
    address = letters[0].writer_email
    transaction.on_commit(lambda: send_mail(subject, text, None, [address], fail_silently=True))
