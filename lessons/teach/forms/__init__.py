"""Forms of the tutor workspace: input shapes for tutors who are not programmers.

Exercises are typed as plain lines (one choice per line, "left = right" pairs, a sentence with
___ for the blank) and turned into the kind's `data` here; the services check it again.
"""

import json
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from learning.languages import MEANING_LANGUAGES
from lessons import exercises as exercise_engine
from lessons import transfer
from lessons.models import Course, Exercise, Level, Passage, Topic, VocabularyItem

MAX_UPLOAD_BYTES = 1024 * 1024
BLANK = "___"


def languages() -> list[tuple[str, str]]:
    return list(MEANING_LANGUAGES)


def _furigana_attrs(rows: int | None = None) -> dict[str, Any]:
    attrs: dict[str, Any] = {"lang": "ja", "data-furigana": "1"}
    if rows:
        attrs["rows"] = rows
    return attrs


class TeachForm(forms.Form):
    """A workspace form: Japanese fields are marked for the live furigana preview, and
    translations into languages other than English are shown apart (folded)."""

    other_language_names: list[str]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.other_language_names = []

    def mark_furigana(self) -> None:
        for field in self.fields.values():
            field.furigana = "data-furigana" in field.widget.attrs  # type: ignore[attr-defined]

    def main_fields(self) -> list[Any]:
        self.mark_furigana()
        return [f for f in self.visible_fields() if f.name not in self.other_language_names]

    def extra_fields(self) -> list[Any]:
        return [f for f in self.visible_fields() if f.name in self.other_language_names]


class TranslationsMixin:
    """Adds `<prefix>_<language>` fields for every meaning language; English first."""

    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]
    other_language_names: list[str]

    def add_translations(
        self, prefix: str, label: str, initial: dict[str, str] | None, *, long: bool = False
    ) -> None:
        for code, name in languages():
            widget = (
                forms.Textarea(attrs={"rows": 3, "lang": code})
                if long
                else forms.TextInput(attrs={"lang": code})
            )
            self.fields[f"{prefix}_{code}"] = forms.CharField(
                label=f"{label} ({name})",
                required=False,
                max_length=4000 if long else 500,
                widget=widget,
                initial=(initial or {}).get(code, ""),
            )
            if code != "en":
                self.other_language_names.append(f"{prefix}_{code}")

    def translations(self, prefix: str) -> dict[str, str]:
        return {
            code: self.cleaned_data.get(f"{prefix}_{code}", "").strip()
            for code, _name in languages()
            if self.cleaned_data.get(f"{prefix}_{code}", "").strip()
        }

    def translation_fields(self, prefix: str) -> list[Any]:
        form: Any = self
        return [form[f"{prefix}_{code}"] for code, _name in languages()]


class VersionField(forms.IntegerField):
    """The lesson's version when the form was opened (required on edit forms)."""

    widget = forms.HiddenInput

    def __init__(self, *, required: bool = False, **kwargs: Any) -> None:
        super().__init__(required=required, min_value=0, **kwargs)


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class CourseForm(TeachForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    slug = forms.SlugField(
        label=_("Address name"),
        max_length=80,
        required=False,
        help_text=_(
            "Letters, digits and hyphens; it appears in the course's address. "
            "Leave empty to make one from the title."
        ),
    )
    title_ja = forms.CharField(
        label=_("Japanese title"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs=_furigana_attrs()),
    )
    description = forms.CharField(
        label=_("Description"), max_length=4000, required=False, widget=forms.Textarea({"rows": 3})
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

    def clean_readings(self) -> dict[str, str]:
        table, problems = transfer.parse_reading_lines(self.cleaned_data.get("readings", ""))
        if problems:
            raise forms.ValidationError(problems)
        return table

    def clean_shared_with(self) -> list[str]:
        raw = self.cleaned_data.get("shared_with", "")
        return [name.strip() for name in raw.replace("\n", ",").split(",") if name.strip()]


class LessonForm(TranslationsMixin, TeachForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    slug = forms.SlugField(
        label=_("Address name"),
        max_length=80,
        required=False,
        help_text=_("Leave empty to make one from the title."),
    )
    title_ja = forms.CharField(
        label=_("Japanese title"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs=_furigana_attrs()),
    )
    can_do = forms.CharField(
        label=_("Can-do goal"),
        max_length=300,
        required=False,
        help_text=_("e.g. I can tell the reception desk at a hospital what hurts."),
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
            "title_translations": self.translations("title"),
            "can_do_translations": self.translations("can_do"),
        }


class PassageForm(TranslationsMixin, TeachForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=Passage.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    text = forms.CharField(
        label=_("Japanese text"),
        max_length=20_000,
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
            "text": data["text"],
            "translations": self.translations("translation"),
        }


class VocabularyForm(TranslationsMixin, TeachForm):
    expression = forms.CharField(
        label=_("Word or expression"),
        max_length=100,
        widget=forms.TextInput(attrs=_furigana_attrs()),
    )
    reading = forms.CharField(
        label=_("Reading"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"lang": "ja"}),
        help_text=_(
            "Leave empty to take the reading shown in the preview; type one to correct it."
        ),
    )
    part_of_speech = forms.ChoiceField(
        label=_("Part of speech"), choices=VocabularyItem.PartOfSpeech.choices
    )
    example = forms.CharField(
        label=_("Example sentence"),
        max_length=500,
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
            "part_of_speech": data["part_of_speech"],
            "meanings": self.translations("meaning"),
            "example": data["example"],
            "example_translations": self.translations("example"),
        }


# --- Exercises ------------------------------------------------------------------------------

# The form fields each kind shows, in order.
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    "choice": ("question", "choices", "right"),
    "listening": ("sentence", "choices", "right"),
    "reading": ("word", "answers"),
    "cloze": ("sentence", "answers", "choices"),
    "ordering": ("tiles", "translation"),
    "matching": ("pairs",),
}
# Where an error from exercises.validate_data belongs, by the data key it names.
_ERROR_FIELD = {
    "choices": "choices",
    "answer": "right",
    "answers": "answers",
    "question": "question",
    "sentence": "sentence",
    "before": "sentence",
    "after": "sentence",
    "word": "word",
    "tiles": "tiles",
    "translation": "translation",
    "pairs": "pairs",
}


def _lines_widget(rows: int = 5) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "lang": "ja"})


class ExerciseForm(TranslationsMixin, TeachForm):
    prompt = forms.CharField(
        label=_("Question or instruction"),
        max_length=500,
        required=False,
        help_text=_("e.g. What does 住民票 mean?"),
    )
    question = forms.CharField(
        label=_("Japanese question (optional)"),
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs=_furigana_attrs()),
    )
    sentence = forms.CharField(
        label=_("Sentence"),
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs=_furigana_attrs()),
    )
    word = forms.CharField(
        label=_("Word to read"),
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs=_furigana_attrs()),
    )
    choices = forms.CharField(
        label=_("Choices, one per line"), required=False, widget=_lines_widget()
    )
    right = forms.IntegerField(
        label=_("Which choice is right? (1 = the first line)"), required=False, min_value=1
    )
    answers = forms.CharField(
        label=_("Accepted answers, one per line"), required=False, widget=_lines_widget(3)
    )
    tiles = forms.CharField(
        label=_("The sentence in pieces, in the right order, one per line"),
        required=False,
        widget=_lines_widget(6),
    )
    translation = forms.CharField(label=_("Translation (optional)"), max_length=500, required=False)
    pairs = forms.CharField(
        label=_("Pairs, one per line: left = right"),
        required=False,
        widget=_lines_widget(6),
        help_text=_("e.g. 病院 = hospital"),
    )
    explanation = forms.CharField(
        label=_("Explanation shown after answering"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=Exercise.Status.choices,
        initial=Exercise.Status.READY,
        help_text=_("Learners see only ready exercises."),
    )
    version = VersionField(required=True)

    def __init__(self, *args: Any, kind: str, exercise: Any = None, **kwargs: Any) -> None:
        if exercise is not None and "initial" not in kwargs:
            kwargs["initial"] = exercise_initial(exercise)
        super().__init__(*args, **kwargs)
        self.kind = kind
        shown = KIND_FIELDS[kind]
        for name in (
            "question",
            "sentence",
            "word",
            "choices",
            "right",
            "answers",
            "tiles",
            "translation",
            "pairs",
        ):
            if name not in shown:
                del self.fields[name]
        if kind == "cloze":
            self.fields["sentence"].label = _("Sentence with ___ where the blank is")
            self.fields["choices"].label = _("Choices, one per line (optional)")
        if kind == "reading":
            self.fields["answers"].label = _("Accepted readings in kana, one per line")
        self.add_translations(
            "prompt", str(_("Question")), exercise.prompt_translations if exercise else None
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        try:
            data = exercise_data_from_fields(self.kind, cleaned)
            cleaned["data"] = exercise_engine.validate_data(self.kind, data)
        except exercise_engine.ExerciseDataError as exc:
            message = str(exc)
            key = message.split(":", 1)[0].split("[", 1)[0].strip()
            field = _ERROR_FIELD.get(key)
            self.add_error(field if field in self.fields else None, message)
        return cleaned

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kind": self.kind,
            "prompt": data["prompt"],
            "prompt_translations": self.translations("prompt"),
            "data": data["data"],
            "explanation": data["explanation"],
            "status": data["status"],
        }


def exercise_data_from_fields(kind: str, fields: dict[str, Any]) -> dict[str, Any]:
    """The kind's `data` from the form's plain fields (checked by validate_data afterwards)."""

    def right_index() -> Any:
        right = fields.get("right")
        if right is None:
            raise exercise_engine.ExerciseDataError("answer: say which choice is right")
        return right - 1

    if kind in ("choice", "listening"):
        data: dict[str, Any] = {
            "choices": lines(fields.get("choices", "")),
            "answer": right_index(),
        }
        if kind == "listening":
            data["sentence"] = fields.get("sentence", "")
        elif fields.get("question"):
            data["question"] = fields["question"]
        return data
    if kind == "reading":
        return {"word": fields.get("word", ""), "answers": lines(fields.get("answers", ""))}
    if kind == "cloze":
        sentence = fields.get("sentence", "")
        if sentence.count(BLANK) != 1:
            raise exercise_engine.ExerciseDataError(
                f"sentence: write {BLANK} once where the blank is"
            )
        before, after = sentence.split(BLANK)
        data = {"before": before, "after": after, "answers": lines(fields.get("answers", ""))}
        if lines(fields.get("choices", "")):
            data["choices"] = lines(fields["choices"])
        return data
    if kind == "ordering":
        data = {"tiles": lines(fields.get("tiles", ""))}
        if fields.get("translation"):
            data["translation"] = fields["translation"]
        return data
    pairs = []
    for number, line in enumerate(lines(fields.get("pairs", "")), start=1):
        left, sep, right = line.partition("=")
        if not sep:
            raise exercise_engine.ExerciseDataError(f"pairs: line {number} needs left = right")
        pairs.append([left.strip(), right.strip()])
    return {"pairs": pairs}


def exercise_initial(exercise: Any) -> dict[str, Any]:
    """The form's fields from a saved exercise (the inverse of exercise_data_from_fields)."""
    data = exercise.data if isinstance(exercise.data, dict) else {}
    initial: dict[str, Any] = {
        "prompt": exercise.prompt,
        "explanation": exercise.explanation,
        "status": exercise.status,
        "question": data.get("question", ""),
        "word": data.get("word", ""),
        "translation": data.get("translation", ""),
        "choices": "\n".join(data.get("choices", [])),
        "answers": "\n".join(data.get("answers", [])),
        "tiles": "\n".join(data.get("tiles", [])),
        "pairs": "\n".join(f"{left} = {right}" for left, right in data.get("pairs", [])),
    }
    if isinstance(data.get("answer"), int):
        initial["right"] = data["answer"] + 1
    if exercise.kind == "cloze":
        initial["sentence"] = f"{data.get('before', '')}{BLANK}{data.get('after', '')}"
    else:
        initial["sentence"] = data.get("sentence", "")
    return initial


# --- Files, classes, corrections ----------------------------------------------------------


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


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Up")), ("down", _("Down"))])
    version = VersionField()


class VersionForm(forms.Form):
    version = VersionField()
