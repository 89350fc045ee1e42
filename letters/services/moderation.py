"""Moderators' use cases for letters: decide, resolve each flag, edit, choose the recipient,
translate, gather into batches and deliver."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.debug import sensitive_variables

from learning.errors import Conflict
from lessons.japanese.ruby import ruby_map
from letters import screening, workflow
from letters.models import (
    MAX_BODY_CHARS,
    MIN_BODY_CHARS,
    Batch,
    FlagResolution,
    Letter,
    LetterEdit,
    Programme,
    Recipient,
    Translation,
)
from letters.services.common import (
    MAX_REASON_CHARS,
    _check_language,
    _check_note,
    _check_text,
    _flag_resolution_create,
    _flags_of,
    _hidden_field_of,
    _lock_for_moderation,
    _notify_writer,
    _record,
    _require_moderator,
    _unresolved,
)
from letters.workflow import Action, Actor, State, TransitionError

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
        if hidden := _hidden_field_of(letter.flags):  # not in the text: kept from submission
            flags.append(screening.Flag(screening.FlagKind.HIDDEN_FIELD, 0, 0, hidden))
    else:
        flags = [
            screening.Flag(screening.FlagKind(f["kind"]), f["start"], f["end"], f["text"])
            for f in letter.flags
        ]
    for text in texts:
        flags.extend(screening.screen(text))
    return _unresolved(flags, letter.resolutions.all(), revision=letter.revision)


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
    locked.flags, locked.flag_kinds = _flags_of(body, hidden_field=_hidden_field_of(locked.flags))
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
