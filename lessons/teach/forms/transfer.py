"""Forms of imports, classes, reading corrections, moves and version checks."""

import base64
import binascii
import json
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lessons import transfer
from lessons.teach.forms.base import (
    MAX_UPLOAD_BYTES,
    HiddenErrorsMixin,
    TeachForm,
    VersionField,
    languages,
)


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
    """A word list: first the file (answered with a preview), then the confirmation, which
    carries the file's text and the lesson's version of the preview."""

    file = forms.FileField(
        label=_("Word list (.csv)"),
        required=False,
        help_text=_(
            "Columns: expression, meaning_en (or another meaning_ column), reading, "
            "part_of_speech, meaning_ar, ..., example, example_en, ... Every word needs its "
            "expression and a meaning. Up to 1 MB and 500 words. You see what will change "
            "before anything is saved."
        ),
    )
    # The file's bytes in base64 (ASCII: no browser changes its line breaks) for the confirm.
    content = forms.CharField(
        required=False, max_length=MAX_UPLOAD_BYTES * 4 // 3 + 8, widget=forms.HiddenInput
    )
    version = VersionField(required=True)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        upload = cleaned.get("file")
        if upload:
            data = _small_file(upload)
        elif cleaned.get("content"):
            try:
                data = base64.b64decode(cleaned["content"], validate=True)
            except binascii.Error as exc:
                raise forms.ValidationError(_("Choose the CSV file to import again.")) from exc
        else:
            raise forms.ValidationError(_("Choose the CSV file to import."))
        rows, problems = transfer.parse_vocabulary_csv(
            data, languages=[code for code, _name in languages()], max_rows=500
        )
        cleaned["content"] = base64.b64encode(data).decode("ascii")
        cleaned["rows"] = rows
        cleaned["problems"] = [(p.row, p.text(gettext)) for p in problems]
        return cleaned


class ClassroomForm(TeachForm):
    name = forms.CharField(label=_("Class name"), max_length=120)


class JoinForm(TeachForm):
    code = forms.CharField(label=_("Class code"), max_length=12)


class ReadingForm(TeachForm):
    word = forms.CharField(label=_("Word"), max_length=50, widget=forms.TextInput({"lang": "ja"}))
    reading = forms.CharField(
        label=_("Reading"), max_length=100, required=False, widget=forms.TextInput({"lang": "ja"})
    )


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Up")), ("down", _("Down"))])
    version = VersionField()


class VersionForm(HiddenErrorsMixin, forms.Form):
    version = VersionField()

    def __init__(self, *args: Any, version_required: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if version_required:
            field = self.fields["version"]
            field.required = True
            field.error_messages["required"] = _(
                "This page is out of date. Reload it, then try again."
            )
