"""Input shapes of the hub's pages: proposals from visitors, and the editor's forms."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.models import (
    LANGUAGES,
    Access,
    Article,
    Eligibility,
    HelpKind,
    Organisation,
    OrganisationProposal,
    Prefecture,
)
from learning.forms import TextForm


def _multi(label: Any, choices: Any, help_text: str = "") -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
    )


class OrganisationFieldsForm(TextForm):
    """The directory fields, as visitors propose them and editors approve them."""

    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    name_ja = forms.CharField(label=_("Name (Japanese)"), max_length=200, required=False)
    description = forms.CharField(
        label=_("What they do"), max_length=5_000, required=False, widget=forms.Textarea
    )
    help_kinds = _multi(_("Kinds of help"), HelpKind.choices)
    prefectures = _multi(_("Prefectures served"), Prefecture.choices)
    languages = _multi(_("Languages spoken by staff"), LANGUAGES)
    interpreter_languages = _multi(_("Languages via interpreter"), LANGUAGES)
    website = forms.URLField(
        label=_("Website"), max_length=300, required=False, assume_scheme="https"
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    address = forms.CharField(label=_("Postal address"), max_length=300, required=False)
    opening_hours = forms.CharField(
        label=_("Opening hours"),
        max_length=300,
        required=False,
        help_text=_(
            "For example “Mon–Fri 10:00–17:00; Sat 10:00–13:00” or “月〜金 10:00〜17:00”: "
            "written so, the directory can say whether it is open now."
        ),
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not data.get("name_en") and not data.get("name_ja"):
            raise forms.ValidationError(_("Give the organisation's name in English or Japanese."))
        return data


class OrganisationProposalForm(OrganisationFieldsForm):
    message = forms.CharField(
        label=_("Anything else we should know"),
        max_length=5_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    contact_email = forms.EmailField(
        label=_("Your e-mail (optional)"),
        required=False,
        help_text=_("Only editors see it, if they need to ask you something."),
    )


class OrganisationCorrectionForm(TextForm):
    message = forms.CharField(
        label=_("What is outdated or wrong?"),
        max_length=OrganisationProposal._meta.get_field("message").max_length,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    contact_email = forms.EmailField(
        label=_("Your e-mail (optional)"),
        required=False,
        help_text=_("If you leave it, we tell you what the editors decided."),
    )


class OrganisationEditForm(OrganisationFieldsForm):
    """What an editor approves: the proposal as sent, with their edits."""

    eligibility = _multi(_("Who is eligible"), Eligibility.choices)
    eligibility_note = forms.CharField(
        label=_("Eligibility, in words"), max_length=500, required=False
    )
    access = _multi(_("How to get help"), Access.choices)
    state = forms.ChoiceField(label=_("Status"), choices=Organisation.State.choices)


class PartnerEditForm(OrganisationEditForm):
    """What a partner sends about their own entry; an editor checks it before it is shown."""

    message = forms.CharField(
        label=_("Note for the editors"),
        max_length=5_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("If nothing changed, say so here: the entry is then marked as verified."),
    )


class OrganisationInviteForm(TextForm):
    email = forms.EmailField(
        label=_("E-mail of the person at the organisation"),
        help_text=_("They get a link to accept; the link works once."),
    )


class ProposalRejectForm(TextForm):
    note = forms.CharField(label=_("Reason (for editors)"), max_length=500, required=False)


class ArticleForm(TextForm):
    """The original of an article, as an editor (or its author, before publication) writes it."""

    kind = forms.ChoiceField(label=_("Kind"), choices=Article.Kind.choices)
    slug = forms.SlugField(
        label=_("Address (slug)"), max_length=100, help_text=_("Letters, digits and hyphens.")
    )
    original_language = forms.ChoiceField(label=_("Language of the original"), choices=LANGUAGES)
    title = forms.CharField(label=_("Original title"), max_length=300)
    summary = forms.CharField(label=_("Summary"), max_length=500, required=False)
    body = forms.CharField(
        label=_("Original text (Markdown)"),
        max_length=100_000,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_(
            "A blank line starts a new paragraph; keep paragraphs short so translations align."
        ),
    )
    source_publisher = forms.CharField(label=_("Source: publisher"), max_length=200, required=False)
    source_title = forms.CharField(label=_("Source: title"), max_length=300, required=False)
    source_url = forms.URLField(
        label=_("Source: address"), max_length=500, required=False, assume_scheme="https"
    )
    source_date = forms.DateField(
        label=_("Source: date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    tags = forms.CharField(
        label=_("Topics"), max_length=400, required=False, help_text=_("Separated by commas.")
    )

    @classmethod
    def initial_for(cls, article: Article) -> dict[str, object]:
        initial: dict[str, object] = {name: getattr(article, name) for name in cls.base_fields}
        initial["tags"] = ", ".join(tag.name for tag in article.tags.all())
        return initial


class TranslationForm(TextForm):
    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(label=_("Summary"), max_length=500, required=False)
    body = forms.CharField(
        label=_("Translation (Markdown)"),
        max_length=100_000,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("One paragraph for each paragraph of the original, in the same order."),
    )
    translator_name = forms.CharField(label=_("Translator, as credited"), max_length=150)
