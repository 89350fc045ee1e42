"""Writers' use cases: submit a letter (one submission, one letter, one token), revise it when
a moderator asks, and have lost status links sent again."""

import hashlib
import json
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from learning.errors import Conflict
from letters import workflow
from letters.models import (
    MAX_BODY_CHARS,
    MIN_BODY_CHARS,
    Letter,
    Programme,
    Recipient,
    Voice,
)
from letters.services.common import (
    IDEMPOTENCY_KEY_RE,
    MAX_NAME_CHARS,
    _check_language,
    _check_text,
    _flags_of,
    _hidden_field_of,
    _interface_language,
    _new_token,
    _notify_writer,
    _record,
    status_token,
    status_url,
)
from letters.tokens import token_hash
from letters.workflow import Action, Actor, TransitionError

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
    hidden_field: str = "",
    in_reply_to: Voice | None = None,
) -> SubmitResult:
    """Save a new letter (state `submitted`) with its screening flags, and return it with the
    writer's status token. The token is shown once; only its SHA-256 is stored.

    A retry with the same *idempotency_key* and the same content returns the letter saved the
    first time with the same token, so the first link keeps working; the same key with
    different content is refused (code `idempotency_mismatch`). Concurrent retries are settled by
    the unique constraint on the key. *interface_language* is the site language the writer
    used (e-mails to them are written in it; anything unknown falls back to the default).

    *hidden_field* is what the form's hidden anti-spam field held: when it is not empty (a bot,
    or a browser's autofill) the letter is still saved, with a `hidden_field` flag a moderator
    must resolve before approving it.

    *in_reply_to* is a published reply the writer answers: the letter goes to the same
    recipient through the same programme, in the thread of the letter the reply answered.
    """
    errors: dict[str, list[str]] = {}
    if in_reply_to is not None:
        answered = in_reply_to.letter
        if in_reply_to.published_at is None or answered is None:
            raise ValidationError(_("This reply cannot be answered."))
        if programme != answered.programme or recipient != answered.recipient:
            raise ValidationError(_("An answer goes to the person who replied."))
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
        # Only for answers, so the digests of letters saved before answers existed still match.
        **({"in_reply_to": in_reply_to.pk} if in_reply_to is not None else {}),
    )
    if key is not None:
        existing = _letter_for_retry(key, fingerprint)
        if existing is not None:
            return existing
    flags, flag_kinds = _flags_of(body, hidden_field=(hidden_field or "").strip())
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
        in_reply_to=in_reply_to,
        thread_root_id=(
            (in_reply_to.letter.thread_root_id or in_reply_to.letter.pk)
            if in_reply_to is not None and in_reply_to.letter is not None
            else None
        ),
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
    locked.flags, locked.flag_kinds = _flags_of(body, hidden_field=_hidden_field_of(locked.flags))
    locked.status = target
    locked.revision += 1
    locked.save()
    _record(locked, actor=None, action=Action.REVISE, from_state=previous, to_state=target)
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
