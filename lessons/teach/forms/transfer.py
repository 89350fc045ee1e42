"""Forms of imports, classes, reading corrections, moves and version checks."""

import json
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from learning.forms import TextForm
from lessons import transfer
from lessons.teach.forms.base import MAX_UPLOAD_BYTES, TeachForm, VersionField, languages


def _small_file(upload: UploadedFile) -> bytes:
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise forms.ValidationError(
            _("The file is larger than %(limit)d KB.") % {"limit": MAX_UPLOAD_BYTES // 1024}
        )
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise forms.ValidationError(
            _("The file is larger than %(limit)d KB.") % {"limit": MAX_UPLOAD_BYTES // 1024}
        )
    return data


class LessonImportForm(TeachForm):
    file = forms.FileField(
        label=_("Lesson file (.json)"), help_text=_("A file exported from a lesson, up to 1 MB.")
    )

    def clean_file(self) -> Any:
        data = _small_file(self.cleaned_data["file"])
        try:
            return json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            raise forms.ValidationError(
                _("The file is not a lesson in JSON: %(error)s") % {"error": str(exc)[:200]}
            ) from exc


class VocabularyImportForm(TeachForm):
    file = forms.FileField(
        label=_("Word list (.csv)"),
        help_text=_(
            "Columns: expression, reading, part_of_speech, meaning_en, meaning_ar, ..., example, "
            "example_en, ... Only expression is required. Up to 1 MB and 500 words."
        ),
    )
    version = VersionField()

    def clean_file(self) -> list[transfer.VocabularyRow]:
        data = _small_file(self.cleaned_data["file"])
        rows, problems = transfer.parse_vocabulary_csv(
            data, languages=[code for code, _name in languages()], max_rows=500
        )
        if problems:
            raise forms.ValidationError([str(p) for p in problems[:50]])
        return rows


class ClassroomForm(TeachForm):
    name = forms.CharField(label=_("Class name"), max_length=120)


class JoinForm(TeachForm):
    code = forms.CharField(label=_("Class code"), max_length=12)


class ReadingForm(TeachForm):
    word = forms.CharField(label=_("Word"), max_length=50, widget=forms.TextInput({"lang": "ja"}))
    reading = forms.CharField(
        label=_("Reading"), max_length=100, required=False, widget=forms.TextInput({"lang": "ja"})
    )


class MoveForm(TextForm):
    direction = forms.ChoiceField(choices=[("up", _("Up")), ("down", _("Down"))])
    version = VersionField()


class VersionForm(TextForm):
    version = VersionField()
