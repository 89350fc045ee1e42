"""Forms of imports, classes, reading corrections, moves and version checks."""

import base64
import binascii
import json
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from learning.forms import TextForm
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


def _file_bytes(cleaned: dict[str, Any], *, again: Any, missing: Any) -> bytes:
    """The bytes of the file a form was given: uploaded now, or carried from its preview step
    (base64 in a hidden field)."""
    upload = cleaned.get("file")
    if upload:
        return _small_file(upload)
    if not cleaned.get("content"):
        raise forms.ValidationError(missing)
    try:
        return base64.b64decode(cleaned["content"], validate=True)
    except binascii.Error as exc:
        raise forms.ValidationError(again) from exc


class LessonImportForm(TeachForm):
    """A lesson file. When its slug is taken in the course the form comes back with the choice
    to replace that lesson or to add a copy, carrying the file (base64) and the version of the
    lesson it would replace."""

    file = forms.FileField(
        label=_("Lesson file (.json)"),
        required=False,
        help_text=_("A file exported from a lesson, up to 1 MB."),
    )
    content = forms.CharField(
        required=False, max_length=MAX_UPLOAD_BYTES * 4 // 3 + 8, widget=forms.HiddenInput
    )
    on_clash = forms.ChoiceField(
        label=_("A lesson with this address name is in the course already"),
        required=False,
        choices=[
            ("copy", _("Add the file as a new lesson beside it")),
            ("replace", _("Replace that lesson (its learners' answers are deleted)")),
        ],
        widget=forms.RadioSelect,
    )
    replace_version = VersionField()

    def __init__(self, *args: Any, clash: str | None = None, **kwargs: Any) -> None:
        """*clash*: the title of the lesson the file would replace (the second step), or ""
        for that step when the title is not known yet."""
        super().__init__(*args, **kwargs)
        if clash is None:
            del self.fields["on_clash"]
            return
        del self.fields["file"]
        self.fields["on_clash"].required = True
        if clash:
            self.fields["on_clash"].label = _(
                "The course has a lesson with this address name already: “%(title)s”."
            ) % {"title": clash}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        data = _file_bytes(
            cleaned,
            again=_("Choose the lesson file again."),
            missing=_("Choose the lesson file to import."),
        )
        try:
            cleaned["document"] = json.loads(data.decode("utf-8-sig"))
        except UnicodeDecodeError as exc:
            raise forms.ValidationError(
                _("The file is not a lesson file: its characters are not UTF-8 text.")
            ) from exc
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(
                _(
                    "The file is not a lesson file that can be read: something is wrong at "
                    "line %(line)d, column %(column)d. Export the lesson again, or ask who sent "
                    "it to export it again."
                )
                % {"line": exc.lineno, "column": exc.colno}
            ) from exc
        except (ValueError, RecursionError) as exc:
            raise forms.ValidationError(
                _("The file is not a lesson file that can be read.")
            ) from exc
        cleaned["content"] = base64.b64encode(data).decode("ascii")
        return cleaned


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
        data = _file_bytes(
            cleaned,
            again=_("Choose the CSV file to import again."),
            missing=_("Choose the CSV file to import."),
        )
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


class MoveForm(TextForm):
    direction = forms.ChoiceField(choices=[("up", _("Up")), ("down", _("Down"))])
    version = VersionField()


class VersionForm(HiddenErrorsMixin, TextForm):
    version = VersionField()

    def __init__(self, *args: Any, version_required: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if version_required:
            field = self.fields["version"]
            field.required = True
            field.error_messages["required"] = _(
                "This page is out of date. Reload it, then try again."
            )
