"""Forms of a course, a lesson, a passage and a word, written for non-programmers."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lessons import transfer
from lessons.models import Course, Lesson, Level, Passage, Topic, VocabularyItem
from lessons.teach.forms.base import (
    TeachForm,
    TranslationsMixin,
    VersionField,
    _furigana_attrs,
)


class CourseForm(TeachForm):
    limits_from = Course

    title = forms.CharField(label=_("Title"))
    slug = forms.SlugField(
        label=_("Address name"),
        required=False,
        help_text=_(
            "Letters, digits and hyphens; it appears in the course's address. "
            "Leave empty to make one from the title."
        ),
    )
    title_ja = forms.CharField(
        label=_("Japanese title"),
        required=False,
        widget=forms.TextInput(attrs=_furigana_attrs()),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea({"rows": 3})
    )
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices)
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices)
    published = forms.BooleanField(
        label=_("Published (learners see its published lessons)"), required=False
    )
    # Not required: a form posted without them (an older page) keeps the defaults.
    reading_nihon = forms.TypedChoiceField(
        label=_("Read 日本 as"),
        choices=Course.Nihon.choices,
        initial=Course.Nihon.NIHON,
        required=False,
        empty_value=Course.Nihon.NIHON,
    )
    reading_ashita = forms.TypedChoiceField(
        label=_("Read 明日 as"),
        choices=Course.Ashita.choices,
        initial=Course.Ashita.ASHITA,
        required=False,
        empty_value=Course.Ashita.ASHITA,
    )
    romaji_style = forms.TypedChoiceField(
        label=_("Romaji"),
        choices=Course.RomajiStyle.choices,
        initial=Course.RomajiStyle.HEPBURN,
        required=False,
        empty_value=Course.RomajiStyle.HEPBURN,
        help_text=_("The reading list below wins over these choices."),
    )
    readings = forms.CharField(
        label=_("Reading list"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "lang": "ja"}),
        help_text=_(
            "One word per line: the word, then -> and its reading, e.g. 日本 -> にほん. "
            "It applies to every text of the course."
        ),
    )
    shared_with = forms.CharField(
        label=_("Shared with"),
        required=False,
        help_text=_("Usernames of other tutors who may edit this course, separated by commas."),
    )
    # The course's version when the form was opened: saving a stale form is refused.
    version = VersionField()

    def clean_readings(self) -> dict[str, str]:
        table, problems = transfer.parse_reading_lines(self.cleaned_data.get("readings", ""))
        if problems:
            raise forms.ValidationError(problems)
        return table

    def clean_shared_with(self) -> list[str]:
        raw = self.cleaned_data.get("shared_with", "")
        return [name.strip() for name in raw.replace("\n", ",").split(",") if name.strip()]


class LessonForm(TranslationsMixin, TeachForm):
    limits_from = Lesson

    title = forms.CharField(label=_("Title"))
    slug = forms.SlugField(
        label=_("Address name"),
        required=False,
        help_text=_("Leave empty to make one from the title."),
    )
    title_ja = forms.CharField(
        label=_("Japanese title"),
        required=False,
        widget=forms.TextInput(attrs=_furigana_attrs()),
    )
    can_do = forms.CharField(
        label=_("Can-do goal"),
        required=False,
        help_text=_("e.g. I can tell the reception desk at a hospital what hurts."),
    )
    topic = forms.ChoiceField(
        label=_("Topic"),
        choices=[("", _("The course's topic")), *Topic.choices],
        required=False,
        help_text=_("Learners filtering the courses by this topic find this lesson's course."),
    )
    version = VersionField()

    def __init__(self, *args: Any, lesson: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].required = lesson is not None
        self.add_translations(
            "title", str(_("Title")), lesson.title_translations if lesson else None
        )
        self.add_translations(
            "can_do", str(_("Can-do goal")), lesson.can_do_translations if lesson else None
        )

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "slug": data["slug"],
            "title_ja": data["title_ja"],
            "can_do": data["can_do"],
            "topic": data["topic"],
            "title_translations": self.translations("title"),
            "can_do_translations": self.translations("can_do"),
        }


class PassageForm(TranslationsMixin, TeachForm):
    limits_from = Passage

    kind = forms.ChoiceField(label=_("Kind"), choices=Passage.Kind.choices)
    title = forms.CharField(label=_("Title"), required=False)
    text = forms.CharField(
        label=_("Japanese text"),
        widget=forms.Textarea(attrs=_furigana_attrs(rows=8)),
        help_text=_(
            "One sentence per line; a dialogue line starts with the speaker and a colon "
            "(先生：こんにちは). Write {漢字|かんじ} to force a reading, or click a word in the "
            "preview to correct it for the whole course."
        ),
    )
    version = VersionField(required=True)

    def __init__(self, *args: Any, passage: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_translations(
            "title",
            str(_("Title")),
            passage.title_translations if passage else None,
            english=False,
        )
        self.add_translations(
            "translation",
            str(_("Translation, line by line")),
            passage.translations if passage else None,
            long=True,
        )

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "title": data["title"],
            "title_translations": self.translations("title"),
            "text": data["text"],
            "translations": self.translations("translation"),
        }


class VocabularyForm(TranslationsMixin, TeachForm):
    limits_from = VocabularyItem

    expression = forms.CharField(
        label=_("Word or expression"),
        widget=forms.TextInput(attrs=_furigana_attrs()),
    )
    reading = forms.CharField(
        label=_("Reading"),
        required=False,
        widget=forms.TextInput(attrs={"lang": "ja"}),
        help_text=_(
            "Leave empty to take the reading shown in the preview; type one to correct it."
        ),
    )
    also_accept = forms.CharField(
        label=_("Also accept"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2, "lang": "ja"}),
        help_text=_(
            "Other readings a learner may type, one per line (明日: あす). Reading exercises "
            "drafted from this word accept them too."
        ),
    )
    part_of_speech = forms.ChoiceField(
        label=_("Part of speech"), choices=VocabularyItem.PartOfSpeech.choices
    )
    example = forms.CharField(
        label=_("Example sentence"),
        required=False,
        widget=forms.TextInput(attrs=_furigana_attrs()),
    )
    version = VersionField(required=True)

    def __init__(self, *args: Any, item: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_translations("meaning", str(_("Meaning")), item.meanings if item else None)
        self.add_translations(
            "example", str(_("Example translation")), item.example_translations if item else None
        )
        self.fields["meaning_en"].required = True

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "expression": data["expression"],
            "reading": data["reading"],
            "also_accept": [
                line.strip() for line in data["also_accept"].splitlines() if line.strip()
            ],
            "part_of_speech": data["part_of_speech"],
            "meanings": self.translations("meaning"),
            "example": data["example"],
            "example_translations": self.translations("example"),
        }
