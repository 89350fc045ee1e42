"""What the use cases of `letters` share: limits, the status token and link, text checks,
the history record, the e-mails to writers, and the flag-resolution rule of letters and voices."""

import base64
import re
import secrets
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from learning.errors import Conflict
from learning.languages import LETTER_LANGUAGES
from learning.roles import Role, user_has_role
from lessons.textcheck import validate_japanese_text
from letters import screening
from letters.models import (
    Decision,
    FlagResolution,
    Letter,
    Voice,
)
from letters.tokens import token_hash
from letters.workflow import State

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


MAX_HIDDEN_FIELD_CHARS = 100


def _flags_of(body: str, *, hidden_field: str = "") -> tuple[list[dict[str, Any]], str]:
    """The screening flags of *body* to store, and their kinds as ",email,phone," for filters.
    A non-empty *hidden_field* (what came back in the form's hidden field) adds a flag of kind
    `hidden_field` holding it, which a moderator resolves like any other."""
    flags = screening.screen(body)
    if hidden_field:
        flags.append(
            screening.Flag(
                screening.FlagKind.HIDDEN_FIELD, 0, 0, hidden_field[:MAX_HIDDEN_FIELD_CHARS]
            )
        )
    stored = [{"kind": f.kind.value, "start": f.start, "end": f.end, "text": f.text} for f in flags]
    kinds = screening.kinds(flags)
    return stored, ("," + ",".join(kinds) + ",") if kinds else ""


def _hidden_field_of(stored_flags: list[dict[str, Any]]) -> str:
    """What the hidden field held at submission, from a letter's stored flags ("" if empty):
    kept through every edit, since the text never carries it."""
    for flag in stored_flags:
        if flag.get("kind") == screening.FlagKind.HIDDEN_FIELD:
            return str(flag.get("text") or "")
    return ""


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
    # Never the reply itself: only that one waits behind the private link.
    "reply": (
        gettext_noop("A reply to your letter"),
        gettext_noop(
            "The person you wrote to sent a reply. Open your private status link to read it, "
            "and to answer it if you like."
        ),
    ),
}
REPLY_NOTICE = "reply"


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
    subject, text = NOTICES[state]
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
    """E-mail the writer about *state* (a new state, or `REPLY_NOTICE`) when they gave an
    address, once the transaction commits. The message holds no body or name; it carries the
    private status link, so a lost tab is not a lost letter (only the writer's own mailbox
    receives it)."""
    if not letter.writer_email or state not in NOTICES:
        return
    address = letter.writer_email
    subject, text = _writer_email(letter, state, writer_reason=writer_reason)
    transaction.on_commit(lambda: send_mail(subject, text, None, [address], fail_silently=True))


def _require_role(user: Any, *roles: Role) -> None:
    if not user_has_role(user, *roles):
        raise PermissionDenied(_("Only moderators and volunteers may do this."))


def _require_moderator(user: Any) -> None:
    if not user_has_role(user, Role.MODERATOR):
        raise PermissionDenied(_("Only moderators may do this."))


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
