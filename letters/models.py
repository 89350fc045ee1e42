"""Programmes, pseudonymous recipients, letters, moderation decisions, translations, delivery
batches and refugees' voices.

Who may see what (issue 8): letter bodies, writers' names and e-mails and `RecipientDetails` are
for moderators only (and the writer, through the status token, for their own letter). A letter's
state moves only through `services.py`, by the table in `workflow.py`.
"""

import uuid

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models
from django.utils.translation import gettext_lazy as _

from letters.workflow import State

MAX_BODY_CHARS = 5_000
MIN_BODY_CHARS = 20
STATUS_LABELS = {
    State.SUBMITTED: _("Submitted, waiting for a moderator"),
    State.CHANGES_REQUESTED: _("Needs changes"),
    State.APPROVED: _("Approved"),
    State.REJECTED: _("Not accepted"),
    State.IN_BATCH: _("Approved, in a delivery batch"),
    State.DELIVERED: _("Delivered"),
}


def private_storage() -> Storage:
    """Where scans of replies are kept: `STORAGES["private"]`, never served by URL."""
    return storages["private"]


class Programme(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True, default="", max_length=2000)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Recipient(models.Model):
    """A person letters are written to, known to writers only by a pseudonym."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="recipients")
    pseudonym = models.CharField(
        _("pseudonym"), max_length=40, help_text=_("A first name and an initial, e.g. Amir K.")
    )
    languages = models.JSONField(
        _("languages read"),
        default=list,
        blank=True,
        help_text=_('Language codes, e.g. ["fa", "en"].'),
    )
    learning_japanese = models.BooleanField(
        _("learning Japanese"),
        default=False,
        help_text=_("Japanese translations are shown and printed with furigana."),
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Untick when the person is released or moved.")
    )

    class Meta:
        ordering = ["programme", "pseudonym"]

    def __str__(self) -> str:
        return self.pseudonym


class RecipientDetails(models.Model):
    """The real person behind a pseudonym: moderators only, never in a public page or API."""

    recipient = models.OneToOneField(Recipient, on_delete=models.CASCADE, related_name="details")
    real_name = models.CharField(_("real name"), max_length=200, blank=True, default="")
    facility = models.CharField(_("facility"), max_length=200, blank=True, default="")
    notes = models.TextField(_("notes"), blank=True, default="", max_length=4000)

    class Meta:
        verbose_name_plural = _("recipient details")

    def __str__(self) -> str:
        return f"details of {self.recipient}"


class Batch(models.Model):
    """Approved letters gathered for printing and delivery."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="batches")
    label = models.CharField(_("label"), max_length=200, blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    delivered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = _("batches")

    def __str__(self) -> str:
        return self.label or f"batch {self.pk}"


class Letter(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="letters")
    recipient = models.ForeignKey(
        Recipient, on_delete=models.PROTECT, null=True, blank=True, related_name="letters"
    )
    writer_name = models.CharField(_("signed as"), max_length=80)
    writer_email = models.EmailField(_("e-mail for status news"), blank=True, default="")
    language = models.CharField(_("language"), max_length=16)
    body = models.TextField(_("letter"), max_length=MAX_BODY_CHARS)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=[(s.value, STATUS_LABELS[s]) for s in State],
        default=State.SUBMITTED,
    )
    # Screening flags ([{kind, start, end, text}]) and their kinds as ",email,phone," for filters.
    flags = models.JSONField(default=list, blank=True, editable=False)
    flag_kinds = models.CharField(max_length=200, blank=True, default="", editable=False)
    # SHA-256 of the writer's status token; the token itself is never stored.
    status_token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The token is derived from this random value and SECRET_KEY (services.status_token), so a
    # retried submission gets back the same link instead of a new one that kills the first.
    token_nonce = models.CharField(max_length=64, blank=True, default="", editable=False)
    # A client's key for retrying a submission, and a digest of what was submitted with it.
    idempotency_key = models.CharField(
        max_length=100, null=True, blank=True, unique=True, editable=False
    )
    request_fingerprint = models.CharField(max_length=64, blank=True, default="", editable=False)
    revision = models.PositiveIntegerField(default=1, editable=False)
    # The interface language the writer used for the form: e-mails to them are written in it.
    interface_language = models.CharField(max_length=16, blank=True, default="", editable=False)
    # A moderator's record that the recipient reads the language the letter is written in, so
    # it may be printed without a translation.
    reads_original = models.BooleanField(_("recipient reads the original"), default=False)
    batch = models.ForeignKey(
        Batch, on_delete=models.SET_NULL, null=True, blank=True, related_name="letters"
    )
    # A writer's answer to a reply: the reply it answers, and the first letter of the thread
    # (null for that first letter itself), so a moderator sees the whole correspondence.
    in_reply_to = models.ForeignKey(
        "Voice", on_delete=models.SET_NULL, null=True, blank=True, related_name="answers"
    )
    thread_root = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="thread_letters"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "created_at"], name="letter_status_created")]

    def __str__(self) -> str:
        # Never the body or the writer: this string appears in the admin and in logs.
        return f"letter {self.public_id}"


class Decision(models.Model):
    """One step in a letter's history (who, when, what, why). Append-only: a saved row is
    never changed or deleted through the ORM's model methods, and the admin shows it read-only."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="decisions")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The actor's username at the time ("writer" for the writer), kept if the account goes.
    actor_label = models.CharField(max_length=150)
    action = models.CharField(max_length=20)
    from_state = models.CharField(max_length=20, blank=True, default="")
    to_state = models.CharField(max_length=20)
    reason = models.TextField(blank=True, default="", max_length=2000)
    # For a rejection: the reason written for the writer (status page and e-mail); `reason` is
    # then the moderators' internal note.
    writer_reason = models.TextField(blank=True, default="", max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.action} by {self.actor_label}"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise ValueError("Decisions are append-only and cannot be changed.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise ValueError("Decisions are append-only and cannot be deleted.")


class _AppendOnly(models.Model):
    """A row of an audit trail: saved once, never changed or deleted through the ORM."""

    class Meta:
        abstract = True

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise ValueError("Audit rows are append-only and cannot be changed.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise ValueError("Audit rows are append-only and cannot be deleted.")


class FlagResolution(_AppendOnly):
    """A moderator's confirmation that one screening flag of a letter's text is not personal
    data, with a note; valid for the revision of the letter it was given for."""

    # Exactly one of letter and voice: the same rule holds for both before they leave.
    letter = models.ForeignKey(
        Letter, on_delete=models.CASCADE, null=True, blank=True, related_name="resolutions"
    )
    voice = models.ForeignKey(
        "Voice", on_delete=models.CASCADE, null=True, blank=True, related_name="resolutions"
    )
    revision = models.PositiveIntegerField()
    key = models.CharField(max_length=300)
    kind = models.CharField(max_length=20)
    text = models.CharField(max_length=300)
    note = models.TextField(max_length=2000)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    moderator_label = models.CharField(max_length=150)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(letter__isnull=False, voice__isnull=True)
                | models.Q(letter__isnull=True, voice__isnull=False),
                name="flag_resolution_of_a_letter_or_a_voice",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} flag of {self.letter or self.voice} resolved"


class LetterEdit(_AppendOnly):
    """A moderator's edit of a letter's text (to take personal data out), with the text as it
    was before, kept for the audit."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="edits")
    revision = models.PositiveIntegerField()
    body_before = models.TextField(max_length=MAX_BODY_CHARS)
    body_after = models.TextField(max_length=MAX_BODY_CHARS)
    note = models.TextField(blank=True, default="", max_length=2000)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    editor_label = models.CharField(max_length=150)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"edit of {self.letter}"


class Translation(models.Model):
    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=16)
    text = models.TextField(_("translation"), max_length=MAX_BODY_CHARS * 2)
    # Escaped ruby HTML of a Japanese translation, rendered when it is saved.
    ruby_html = models.TextField(blank=True, default="", editable=False)
    translator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(
                fields=["letter", "language"], name="translation_unique_language"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.language} translation of {self.letter}"


class Voice(models.Model):
    """What a refugee wants to say, recorded with their consent and with names removed. A voice
    with a `letter` is a reply to it: recorded by a volunteer or a moderator (typed, or a photo
    of a handwritten page with its transcription), translated into the letter's language, and
    shown to the writer once a moderator approves it (publishes it)."""

    class Scope(models.TextChoices):
        PUBLISH = "publish", _("Publish on the Voices page")
        WRITER = "writer", _("Share with the writer only")

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="voices")
    recipient = models.ForeignKey(
        Recipient, on_delete=models.SET_NULL, null=True, blank=True, related_name="voices"
    )
    letter = models.ForeignKey(
        Letter, on_delete=models.SET_NULL, null=True, blank=True, related_name="voices"
    )
    language = models.CharField(_("language"), max_length=16)
    # Empty only while a scanned reply waits for its transcription.
    text = models.TextField(_("what they want to say"), max_length=MAX_BODY_CHARS, blank=True)
    # The photo or scan of a handwritten reply, re-encoded without metadata (letters.scans);
    # moderators and the volunteer who recorded it see it, the writer never does.
    scan = models.FileField(
        storage=private_storage, upload_to="replies/%Y/%m/", max_length=200, blank=True
    )
    scan_content_type = models.CharField(max_length=20, blank=True, default="", editable=False)
    # The translation into the language of the letter it answers (what its writer reads).
    translation_language = models.CharField(max_length=16, blank=True, default="")
    translation = models.TextField(blank=True, default="", max_length=MAX_BODY_CHARS * 2)
    consent_date = models.DateField(_("consent given on"))
    consent_scope = models.CharField(_("consent"), max_length=10, choices=Scope.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Screening flags of the text, as for letters; a voice is shown (Voices page, the writer's
    # status page) only once published, and it is published only when every flag is resolved.
    flags = models.JSONField(default=list, blank=True, editable=False)
    revision = models.PositiveIntegerField(default=1, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"voice {self.pk}"

    @property
    def writer_text(self) -> str:
        """What the writer of the answered letter reads: the translation, or the text itself
        when it is in their language."""
        return self.translation or self.text

    @property
    def writer_language(self) -> str:
        return self.translation_language if self.translation else self.language
