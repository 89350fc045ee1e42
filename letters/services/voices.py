"""Voices and replies: what a refugee wants to say, recorded with their consent, screened
and held until each flag is resolved. A reply answers a delivered letter: a volunteer or a
moderator records it (typed, or a photo of the handwritten page), a moderator transcribes and
translates it, and publishing it (the approval) shows it to the writer and e-mails them."""

import uuid
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.debug import sensitive_variables

from learning.languages import LETTER_LANGUAGES
from learning.roles import Role
from letters import scans, screening
from letters.models import (
    MAX_BODY_CHARS,
    FlagResolution,
    Letter,
    Programme,
    Recipient,
    Voice,
)
from letters.services.common import (
    REPLY_NOTICE,
    REPLY_STATES,
    _check_language,
    _check_text,
    _flag_resolution_create,
    _flags_of,
    _notify_writer,
    _require_moderator,
    _require_role,
    _unresolved,
)


def _scan_problem(problem: scans.ScanProblem) -> str:
    """What the person uploading a photo reads about *problem*."""
    messages = {
        scans.ScanProblem.EMPTY: _("The file is empty."),
        scans.ScanProblem.TOO_BIG: _("The photo is larger than %(mb)d MB; take it again smaller.")
        % {"mb": scans.MAX_SCAN_BYTES // (1024 * 1024)},
        scans.ScanProblem.NOT_AN_IMAGE: _("This file is not a photo that can be read."),
        scans.ScanProblem.WRONG_TYPE: _("Upload a JPEG or PNG photo of the page."),
        scans.ScanProblem.TOO_MANY_PIXELS: _(
            "The photo has too many pixels; take it again smaller."
        ),
    }
    return messages[problem]


def _consent_errors(
    *, consent_date: date, consent_scope: str, names_removed: bool, letter: Letter | None
) -> dict[str, list[str]]:
    """What is wrong with the consent of a voice or a reply, by field."""
    errors: dict[str, list[str]] = {}
    if not names_removed:
        errors["names_removed"] = [_("Remove every name before recording a voice.")]
    if consent_scope not in Voice.Scope.values:
        errors["consent_scope"] = [_("Record what the person agreed to.")]
    if consent_date > timezone.localdate():
        errors["consent_date"] = [_("The consent date cannot be in the future.")]
    if letter is not None and letter.status not in REPLY_STATES:
        errors["letter"] = [_("Only a letter that was delivered (or is on its way) has replies.")]
    return errors


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
    """Record what a refugee wants to say, with their consent. Names must have been removed.
    A voice with a *letter* is a reply to it and always waits for a moderator's approval."""
    _require_moderator(moderator)
    errors = _consent_errors(
        consent_date=consent_date,
        consent_scope=consent_scope,
        names_removed=names_removed,
        letter=letter,
    )
    if recipient is not None and recipient.programme_id != programme.pk:
        errors["recipient"] = [_("This person is not in the chosen programme.")]
    if letter is not None and letter.programme_id != programme.pk:
        errors["letter"] = [_("This letter is not in the chosen programme.")]
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
        # Screened like a letter: a voice with a flag waits until each one is resolved; a
        # reply waits for its translation and approval too.
        published_at=None if flags or letter is not None else timezone.now(),
    )


def _scan_file(scan: File | None) -> scans.CleanScan | None:
    """The uploaded *scan* checked and re-encoded without metadata; None without one."""
    if scan is None:
        return None
    if scan.size is not None and scan.size > scans.MAX_SCAN_BYTES:
        raise ValidationError({"scan": [_scan_problem(scans.ScanProblem.TOO_BIG)]})
    scan.seek(0)
    data = scan.read(scans.MAX_SCAN_BYTES + 1)
    try:
        return scans.scan_clean(data)
    except scans.ScanError as exc:
        raise ValidationError({"scan": [_scan_problem(exc.problem)]}, code=exc.problem) from None


@sensitive_variables()
@transaction.atomic
def reply_record(
    *,
    recorder: Any,
    letter: Letter,
    language: str,
    text: str,
    consent_date: date,
    consent_scope: str,
    names_removed: bool,
    scan: File | None = None,
) -> Voice:
    """Record the recipient's reply to *letter* (delivered, or in a batch on its way): typed
    *text*, or a photo or scan of the handwritten page (JPEG or PNG, re-encoded without EXIF
    and kept in the private storage), or both. A volunteer or a moderator records it; it waits
    until a moderator transcribes, translates and approves it (`voice_publish`).

    The photo is written to the storage before the row commits, so an acknowledged reply
    always has its file; a refused transaction may leave a file without a row, never the
    reverse.
    """
    _require_role(recorder, Role.MODERATOR, Role.VOLUNTEER)
    errors = _consent_errors(
        consent_date=consent_date,
        consent_scope=consent_scope,
        names_removed=names_removed,
        letter=letter,
    )
    text = (text or "").strip()
    if not text and scan is None:
        errors["text"] = [_("Type the reply, or add a photo of the handwritten page.")]
    if errors:
        raise ValidationError(errors)
    if text:
        text = _check_text("text", text, minimum=1, maximum=MAX_BODY_CHARS)
    clean = _scan_file(scan)
    flags, _kinds = _flags_of(text)
    voice = Voice(
        programme=letter.programme,
        recipient=letter.recipient,
        letter=letter,
        language=_check_language("language", language),
        text=text,
        consent_date=consent_date,
        consent_scope=consent_scope,
        recorded_by=recorder,
        flags=flags,
    )
    if clean is not None:
        voice.scan_content_type = clean.content_type
        # A random name: nothing about the person or the date of the visit is in it.
        voice.scan.save(
            f"{uuid.uuid4().hex}.{clean.extension}", ContentFile(clean.data), save=False
        )
    voice.save()
    return voice


def voice_unresolved_flags(*, voice: Voice) -> list[screening.Flag]:
    """The screening flags of *voice*'s text and translation (screened afresh) no moderator
    resolved."""
    flags = screening.screen(voice.text) + screening.screen(voice.translation)
    return _unresolved(flags, voice.resolutions.all(), revision=voice.revision)


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
    """Take personal data out of a waiting voice's text (or type what a scanned reply says);
    its flags are computed again and resolutions given for the earlier text no longer count."""
    locked = _lock_voice(voice, moderator)
    text = _check_text("text", text, minimum=1, maximum=MAX_BODY_CHARS)
    if text == locked.text:
        raise ValidationError({"text": [_("The text is unchanged.")]})
    locked.text = text
    locked.flags, _kinds = _flags_of(text)
    locked.revision += 1
    locked.save(update_fields=["text", "flags", "revision"])
    return locked


@sensitive_variables()
@transaction.atomic
def reply_translate(*, voice: Voice, moderator: Any, language: str, text: str) -> Voice:
    """Save the translation of a waiting reply into *language* (the language of the letter it
    answers, which its writer reads); it is screened with the reply's text."""
    locked = _lock_voice(voice, moderator)
    if locked.letter_id is None:
        raise ValidationError(_("Only a reply to a letter is translated for its writer."))
    locked.translation_language = _check_language("language", language)
    locked.translation = _check_text("text", text, minimum=1, maximum=MAX_BODY_CHARS * 2)
    locked.save(update_fields=["translation_language", "translation"])
    return locked


def reply_missing(*, voice: Voice) -> list[str]:
    """What a reply still needs before it can be approved, in words for the moderator."""
    letter = voice.letter
    if letter is None:
        return []
    missing = []
    if not voice.text:
        missing.append(_("type what the photographed page says (its transcription)"))
    if voice.language != letter.language and not (
        voice.translation and voice.translation_language == letter.language
    ):
        missing.append(
            _("a translation into %(language)s, the language of the letter")
            % {"language": dict(LETTER_LANGUAGES).get(letter.language, letter.language)}
        )
    return missing


@transaction.atomic
def voice_publish(*, voice: Voice, moderator: Any) -> Voice:
    """Publish a waiting voice (the Voices page or the writer's status page, by its consent)
    once every screening flag of its text is resolved. A reply needs its transcription and a
    translation its writer reads; publishing it e-mails the writer a notice (without the
    reply: the status link)."""
    locked = _lock_voice(voice, moderator)
    missing = reply_missing(voice=locked)
    if missing:
        raise ValidationError(
            _("Before approving this reply, add: %(missing)s.") % {"missing": "; ".join(missing)},
            code="reply_incomplete",
        )
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
    if locked.letter is not None:
        _notify_writer(locked.letter, REPLY_NOTICE)
    return locked
