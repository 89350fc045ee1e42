"""Voices and replies: what a refugee wants to say, recorded with their consent, screened
and held until each flag is resolved."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.debug import sensitive_variables

from letters import screening
from letters.models import (
    MAX_BODY_CHARS,
    FlagResolution,
    Letter,
    Programme,
    Recipient,
    Voice,
)
from letters.services.common import (
    REPLY_STATES,
    _check_language,
    _check_text,
    _flag_resolution_create,
    _flags_of,
    _require_moderator,
    _unresolved,
)


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
