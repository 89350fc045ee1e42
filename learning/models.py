"""The custom user (interface language, meaning languages, furigana preference), the
corrections volunteers make to interface translations in the browser, and the synthesised
audio clips every app shares (learning.audio)."""

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from learning.languages import FALLBACK_MEANING_LANGUAGE

MAX_MEANING_LANGUAGES = 5


def validate_meaning_languages(value: object) -> None:
    known = {code for code, _name in settings.MEANING_LANGUAGES}
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError(_("Meaning languages must be a list of language codes."))
    unknown = [code for code in value if code not in known]
    if unknown:
        raise ValidationError(
            _("Unknown language code(s): %(codes)s."), params={"codes": ", ".join(unknown)}
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("Each language may appear only once."))
    if len(value) > MAX_MEANING_LANGUAGES:
        raise ValidationError(
            _("Choose at most %(n)d languages."), params={"n": MAX_MEANING_LANGUAGES}
        )


class User(AbstractUser):
    class Furigana(models.TextChoices):
        ALWAYS = "always", _("Always show furigana")
        HIDE = "hide", _("Hide furigana")

    interface_language = models.CharField(
        _("interface language"),
        max_length=16,
        blank=True,
        default="",
        help_text=_("Language of menus and buttons; empty follows the browser."),
    )
    meaning_languages = models.JSONField(
        _("meaning languages"),
        default=list,
        blank=True,
        validators=[validate_meaning_languages],
        help_text=_("Meaning languages, most preferred first; English is the fallback."),
    )
    furigana = models.CharField(
        _("furigana"), max_length=8, choices=Furigana.choices, default=Furigana.ALWAYS
    )
    show_romaji = models.BooleanField(_("show romaji"), default=False)
    show_translations = models.BooleanField(_("show translations"), default=True)
    # Replaced whenever what the learner's own pages show changes (an answer, a setting, new
    # cards, an edited word): a page kept for the learner names the mark it was made under,
    # and the mark arrives with the account on every request, so checking costs no query.
    pages_mark = models.CharField(max_length=32, blank=True, default="", editable=False)

    class Meta(AbstractUser.Meta):  # type: ignore[name-defined]  # django-stubs has no Meta
        swappable = "AUTH_USER_MODEL"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Save; a save of the whole row leaves `pages_mark` as the database has it (only
        `learning.services.pages_mark_renew` writes it), so an account read before a change
        of mark never puts the old one back."""
        whole_row_update = (
            self.pk is not None
            and not self._state.adding
            and kwargs.get("update_fields") is None
            and not kwargs.get("force_insert")
            and not (args and args[0])  # force_insert given by position
        )
        if whole_row_update:
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name != "pages_mark"
            ]
        super().save(*args, **kwargs)

    def meaning_language_order(self) -> list[str]:
        """The learner's meaning languages in order, always ending with the English fallback."""
        order = [code for code in self.meaning_languages if code != FALLBACK_MEANING_LANGUAGE]
        return [*order, FALLBACK_MEANING_LANGUAGE]


class CatalogueEdit(models.Model):
    """One correction of an interface translation made in the browser; append-only. The catalogue
    files in the repository are the base and these rows are laid over them (at start-up, and in
    every process when another records one), so a volunteer's correction survives a deploy."""

    language = models.CharField(max_length=16)
    msgctxt = models.CharField(max_length=200, blank=True, default="")
    msgid = models.TextField(max_length=4000)
    msgstr = models.TextField(blank=True, default="", max_length=8000)
    # Plural forms by index ("0", "1", ...) for an entry with a plural.
    msgstr_plural = models.JSONField(default=dict, blank=True)
    translator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    translator_label = models.CharField(max_length=150)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["language", "id"], name="catalogue_edit_language")]

    def __str__(self) -> str:
        return f"{self.language}: {self.msgid[:40]}"


def _audio_storage() -> Any:
    from django.core.files.storage import storages

    return storages["audio"]


class Audio(models.Model):
    """One synthesised clip, shared by every text with the same reading and voice.

    `key` is `speech.clip_key(reading, voice)` (the engine version is part of it), and the file
    is named by it, so a changed reading asks for a new clip and an unchanged one is never
    made twice. Any app that speaks texts (lessons, the hub's articles) asks for its clips
    through `learning.audio`; a queue worker makes the file.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Being made")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    key = models.CharField(max_length=64, unique=True)
    reading = models.TextField(max_length=2000)
    voice = models.CharField(max_length=8)
    engine_version = models.CharField(max_length=64)
    status = models.CharField(
        max_length=8, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    file = models.FileField(storage=_audio_storage, upload_to="audio/", blank=True, default="")
    size = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0.0)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True, default="")
    # When the clip was last handed to the queue or taken by a worker: a row still pending or
    # running long after it was lost with a killed worker, and is queued again.
    queued_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        verbose_name_plural = _("audio clips")

    def __str__(self) -> str:
        return f"{self.reading[:30]} ({self.voice}, {self.status})"
