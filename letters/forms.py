"""Form shapes of `letters`; the rules live in services.py."""

import uuid
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from learning.forms import LanguageSelect, TextForm
from letters.models import MAX_BODY_CHARS, MIN_BODY_CHARS, Letter, Programme, Recipient, Voice
from letters.scans import MAX_SCAN_BYTES
from letters.selectors import letter_list_for_reply, programme_list_open, recipient_list_open
from letters.services import MAX_NAME_CHARS, MAX_REASON_CHARS, language_choices


def _writer_email_field() -> forms.EmailField:
    """The writer's optional e-mail, asked the same way on a letter and on an answer."""
    return forms.EmailField(
        label=_("Your e-mail for status news (optional)"),
        required=False,
        help_text=_("Only moderators see it; it is never printed or passed on."),
    )


class RecipientChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Recipient) -> str:
        languages = ", ".join(obj.languages) if isinstance(obj.languages, list) else ""
        return f"{obj.pseudonym} · {obj.programme.name} ({languages})"


class LetterForm(TextForm):
    # Hidden from people by CSS; a bot that fills every input fills this one too.
    website = forms.CharField(
        label=_("Leave this empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=100)
    guidelines_read = forms.BooleanField(label=_("I have read the guidelines above."))
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=Programme.objects.none(), empty_label=None
    )
    recipient = RecipientChoiceField(
        label=_("Write to (optional)"),
        queryset=Recipient.objects.none(),
        to_field_name="public_id",
        required=False,
        empty_label=_("Whoever needs a letter most"),
        help_text=_("Recipients are shown by a pseudonym and the languages they read."),
    )
    language = forms.ChoiceField(label=_("Language of your letter"))
    body = forms.CharField(
        label=_("Your letter"),
        min_length=MIN_BODY_CHARS,
        max_length=MAX_BODY_CHARS,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Between %(min)d and %(max)d characters.")
        % {"min": MIN_BODY_CHARS, "max": MAX_BODY_CHARS},
    )
    writer_name = forms.CharField(
        label=_("Sign your letter as"),
        max_length=MAX_NAME_CHARS,
        help_text=_("A first name or a pseudonym; it is printed under your letter."),
    )
    writer_email = _writer_email_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["programme"]).queryset = programme_list_open()
        cast(forms.ModelChoiceField, self.fields["recipient"]).queryset = recipient_list_open()
        language = cast(forms.ChoiceField, self.fields["language"])
        language.widget = LanguageSelect()
        language.choices = language_choices()
        self.fields["language"].initial = "en"
        if not self.is_bound and not self.initial.get("idempotency_key"):
            # A double click or a retried post of this copy of the form saves one letter; the
            # page passes the key its session keeps, so Back and Send again does too.
            self.fields["idempotency_key"].initial = uuid.uuid4().hex


class RevisionForm(TextForm):
    body = forms.CharField(
        label=_("Your revised letter"),
        min_length=MIN_BODY_CHARS,
        max_length=MAX_BODY_CHARS,
        widget=forms.Textarea(attrs={"rows": 12}),
    )


class DecisionForm(TextForm):
    action = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("approve", _("Approve")),
            ("request_changes", _("Ask for changes")),
            ("reject", _("Reject")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (the writer sees it when you ask for changes)"),
        help_text=_("When you reject, this is an internal note that only moderators see."),
        required=False,
        max_length=MAX_REASON_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    writer_reason = forms.CharField(
        label=_("Reason for the writer (needed to reject)"),
        help_text=_(
            "Written for the writer: shown on their status page and in the e-mail. Be kind and "
            "clear; do not copy the internal note."
        ),
        required=False,
        max_length=MAX_REASON_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FlagResolveForm(TextForm):
    key = forms.CharField(widget=forms.HiddenInput, max_length=300)
    note = forms.CharField(
        label=_("Why this is not personal data"),
        max_length=MAX_REASON_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class LetterEditForm(TextForm):
    body = forms.CharField(
        label=_("The letter, with the personal data taken out"),
        min_length=MIN_BODY_CHARS,
        max_length=MAX_BODY_CHARS,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("The text as it was is kept in the history for the audit."),
    )
    note = forms.CharField(
        label=_("What you changed (optional)"),
        required=False,
        max_length=MAX_REASON_CHARS,
    )


class DeliveryForm(TextForm):
    recipient = RecipientChoiceField(
        label=_("Recipient"),
        queryset=Recipient.objects.none(),
        required=False,
        empty_label=_("Not chosen yet"),
    )
    reads_original = forms.BooleanField(
        label=_("The recipient reads the language the letter is written in"), required=False
    )

    def __init__(self, *args: Any, programme: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        recipients = recipient_list_open()
        cast(forms.ModelChoiceField, self.fields["recipient"]).queryset = (
            recipients.filter(programme=programme) if programme is not None else recipients
        )


class TranslationForm(TextForm):
    language = forms.ChoiceField(label=_("Translate into"))
    text = forms.CharField(
        label=_("Translation"),
        max_length=MAX_BODY_CHARS * 2,
        widget=forms.Textarea(attrs={"rows": 10}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = cast(forms.ChoiceField, self.fields["language"])
        language.widget = LanguageSelect()
        language.choices = language_choices()


class BatchForm(TextForm):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.none())
    label = forms.CharField(label=_("Label (optional)"), required=False, max_length=200)

    def __init__(self, *args: Any, programmes: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["programme"]).queryset = (
            programmes if programmes is not None else Programme.objects.all()
        )


class LetterChoiceField(forms.ModelChoiceField):
    """A letter named by its recipient, programme, date and signature; never its text."""

    def label_from_instance(self, obj: Any) -> str:
        return _("To %(recipient)s · %(programme)s · %(date)s · from %(writer)s") % {
            "recipient": obj.recipient.pseudonym if obj.recipient else _("anyone"),
            "programme": obj.programme.name,
            "date": date_format(timezone.localtime(obj.created_at), "SHORT_DATE_FORMAT"),
            "writer": obj.writer_name,
        }


class _ConsentForm(TextForm):
    """What every form recording a recipient's words asks: their consent and its scope, that
    names were taken out; `language` and `letter` choices filled in per request."""

    consent_date = forms.DateField(
        label=_("Consent given on"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    consent_scope = forms.ChoiceField(
        label=_("They agreed to"), choices=Voice.Scope.choices, widget=forms.RadioSelect
    )
    names_removed = forms.BooleanField(
        label=_("I have removed every name (theirs, family, officers, places)."),
        required=False,
    )

    CONSENT_FIELDS = ("consent_date", "consent_scope", "names_removed")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = cast(forms.ChoiceField, self.fields["language"])
        language.widget = LanguageSelect()
        language.choices = language_choices()
        cast(forms.ModelChoiceField, self.fields["letter"]).queryset = letter_list_for_reply()
        # The consent comes last, after what the recipient said.
        self.order_fields([f for f in self.fields if f not in self.CONSENT_FIELDS])


class VoiceForm(_ConsentForm):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.all())
    recipient = forms.ModelChoiceField(
        label=_("Person (never shown publicly)"),
        queryset=Recipient.objects.select_related("programme"),
        required=False,
    )
    letter = LetterChoiceField(
        label=_("In reply to letter (optional)"),
        queryset=Letter.objects.none(),
        to_field_name="public_id",
        required=False,
        empty_label=_("Not a reply to a letter"),
        help_text=_(
            "Letters delivered or on their way, newest first. The writer of the letter sees the "
            "reply on their status page."
        ),
    )
    language = forms.ChoiceField(label=_("Language"))
    text = forms.CharField(
        label=_("What they want to say"),
        max_length=MAX_BODY_CHARS,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class VoiceEditForm(TextForm):
    text = forms.CharField(
        label=_("The text, with the personal data taken out"),
        max_length=MAX_BODY_CHARS,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class ReplyForm(_ConsentForm):
    """A recipient's reply to a delivered letter, typed or photographed, with their consent."""

    letter = LetterChoiceField(
        label=_("The letter they answer"),
        queryset=Letter.objects.none(),
        to_field_name="public_id",
        empty_label=_("Choose the letter"),
        help_text=_("Letters delivered or on their way, newest first."),
    )
    language = forms.ChoiceField(label=_("Language of the reply"))
    text = forms.CharField(
        label=_("The reply, typed (optional with a photo)"),
        max_length=MAX_BODY_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    scan = forms.FileField(
        label=_("A photo or scan of the handwritten page (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
        help_text=_(
            "JPEG or PNG, up to %(mb)d MB. Only moderators and you will see it; its location "
            "and camera data are removed."
        )
        % {"mb": MAX_SCAN_BYTES // (1024 * 1024)},
    )


class AnswerForm(TextForm):
    """The writer's answer to a reply: a new letter to the same person, in the same thread."""

    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=100)
    language = forms.ChoiceField(label=_("Language of your letter"))
    body = forms.CharField(
        label=_("Your answer"),
        min_length=MIN_BODY_CHARS,
        max_length=MAX_BODY_CHARS,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Between %(min)d and %(max)d characters.")
        % {"min": MIN_BODY_CHARS, "max": MAX_BODY_CHARS},
    )
    writer_name = forms.CharField(label=_("Sign your letter as"), max_length=MAX_NAME_CHARS)
    writer_email = _writer_email_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = cast(forms.ChoiceField, self.fields["language"])
        language.widget = LanguageSelect()
        language.choices = language_choices()


class LostLinkForm(TextForm):
    email = forms.EmailField(
        label=_("The e-mail address you gave with your letter"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
