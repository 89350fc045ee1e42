"""The exercise form (one set of fields per kind) and its conversion to and from exercise data."""

from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from lessons import exercises as exercise_engine
from lessons.feedback import exercise_data_message
from lessons.models import Exercise
from lessons.teach.forms.base import (
    BLANK,
    TeachForm,
    TranslationsMixin,
    VersionField,
    _furigana_attrs,
    languages,
    lines,
)

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
    limits_from = Exercise

    prompt = forms.CharField(
        label=_("Question or instruction"),
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
        self.add_translations(
            "explanation",
            str(_("Explanation shown after answering")),
            exercise.explanation_translations if exercise else None,
            long=True,
            english=False,
        )
        self._add_data_translations(exercise)

    # The texts of the kind in other languages (exercises.TRANSLATABLE): one field per
    # language, its lines the choices or the pairs' meanings in order, or the translation.
    _DATA_LABELS: ClassVar[dict[str, Any]] = {
        "choices": _("Choices, one per line"),
        "pairs": _("Translation, line by line"),
        "translation": _("Translation (optional)"),
    }

    def _add_data_translations(self, exercise: Any) -> None:
        key = exercise_engine.TRANSLATABLE.get(self.kind)
        if key is None:
            return
        stored = exercise.data_translations if exercise is not None else {}
        for code, name in languages():
            if code == "en":
                continue
            value = (stored.get(code) or {}).get(key) if isinstance(stored, dict) else None
            self.fields[f"data_{code}"] = forms.CharField(
                label=f"{self._DATA_LABELS[key]} ({name})",
                required=False,
                max_length=exercise_engine.MAX_TRANSLATED_TEXT * 20,
                widget=(
                    forms.TextInput(attrs={"lang": code})
                    if key == "translation"
                    else forms.Textarea(attrs={"rows": 4, "lang": code})
                ),
                initial="\n".join(value) if isinstance(value, list) else (value or ""),
            )
            self.other_language_names.append(f"data_{code}")

    def _data_translations(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        key = exercise_engine.TRANSLATABLE.get(self.kind)
        out: dict[str, Any] = {}
        for code, _name in languages():
            raw = (cleaned.get(f"data_{code}") or "").strip()
            if key and code != "en" and raw:
                out[code] = {key: raw if key == "translation" else lines(raw)}
        return out

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        right, choices = cleaned.get("right"), lines(cleaned.get("choices") or "")
        if "right" in self.fields and right and choices and right > len(choices):
            self.add_error(
                "right",
                _("There are %(count)d choices: write a number from 1 to %(count)d.")
                % {"count": len(choices)},
            )
            return cleaned
        try:
            data = exercise_data_from_fields(self.kind, cleaned)
            cleaned["data"] = exercise_engine.validate_data(self.kind, data)
        except exercise_engine.ExerciseDataError as exc:
            key = exc.where.split("[", 1)[0].split(",", 1)[0].strip()
            field = _ERROR_FIELD.get(key)
            self.add_error(field if field in self.fields else None, exercise_data_message(exc))
            return cleaned
        translated = self._data_translations(cleaned)
        for code, texts in translated.items():
            try:
                exercise_engine.validate_data_translations(
                    self.kind, cleaned["data"], {code: texts}
                )
            except exercise_engine.ExerciseDataError as exc:
                self.add_error(f"data_{code}", exercise_data_message(exc))
        cleaned["data_translations"] = translated
        return cleaned

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kind": self.kind,
            "prompt": data["prompt"],
            "prompt_translations": self.translations("prompt"),
            "data": data["data"],
            "data_translations": data.get("data_translations", {}),
            "explanation": data["explanation"],
            "explanation_translations": self.translations("explanation"),
            "status": data["status"],
        }


def exercise_data_from_fields(kind: str, fields: dict[str, Any]) -> dict[str, Any]:
    """The kind's `data` from the form's plain fields (checked by validate_data afterwards)."""

    def right_index() -> Any:
        right = fields.get("right")
        if right is None:
            raise exercise_engine.ExerciseDataError(
                "answer", gettext_noop("say which choice is right")
            )
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
                "sentence",
                gettext_noop("write %(blank)s once where the blank is"),
                {"blank": BLANK},
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
            raise exercise_engine.ExerciseDataError(
                "pairs", gettext_noop("line %(number)d needs left = right"), {"number": number}
            )
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
