"""What every form of the tutor workspace shares: limits, the form base, translations per language,
the version field."""

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS

from learning.forms import ModelLimitsMixin, TextForm
from learning.languages import MAX_TRANSLATION, MEANING_LANGUAGES

MAX_UPLOAD_BYTES = 1024 * 1024
BLANK = "___"


def languages() -> list[tuple[str, str]]:
    return list(MEANING_LANGUAGES)


def _furigana_attrs(rows: int | None = None) -> dict[str, Any]:
    attrs: dict[str, Any] = {"lang": "ja", "data-furigana": "1"}
    if rows:
        attrs["rows"] = rows
    return attrs


class HiddenErrorsMixin:
    """Errors of hidden fields (the version) are shown above the form, where a person sees
    them, instead of nowhere."""

    def full_clean(self) -> None:
        form: Any = self
        super().full_clean()  # type: ignore[misc]
        if not hasattr(form, "cleaned_data"):
            return
        for field in form.hidden_fields():
            for error in form.errors.get(field.name, []):
                if error not in form.non_field_errors():
                    form.errors.setdefault(
                        NON_FIELD_ERRORS,
                        form.error_class(error_class="nonfield", renderer=form.renderer),
                    ).append(error)


class TeachForm(HiddenErrorsMixin, ModelLimitsMixin, TextForm):
    """A workspace form: Japanese fields are marked for the live furigana preview, and
    translations into languages other than English are shown apart (folded). Limits come from
    the model named by `limits_from` (the API's input shapes take them from there too)."""

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
        self,
        prefix: str,
        label: str,
        initial: dict[str, str] | None,
        *,
        long: bool = False,
        english: bool = True,
    ) -> None:
        """The fields; without *english* when the form has the English text in a field of
        its own (an exercise's explanation, a passage's title)."""
        for code, name in languages():
            if code == "en" and not english:
                continue
            widget = (
                forms.Textarea(attrs={"rows": 3, "lang": code})
                if long
                else forms.TextInput(attrs={"lang": code})
            )
            self.fields[f"{prefix}_{code}"] = forms.CharField(
                label=f"{label} ({name})",
                required=False,
                max_length=MAX_TRANSLATION,
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
        return [
            form[f"{prefix}_{code}"]
            for code, _name in languages()
            if f"{prefix}_{code}" in form.fields
        ]


class VersionField(forms.IntegerField):
    """The lesson's version when the form was opened (required on edit forms)."""

    widget = forms.HiddenInput

    def __init__(self, *, required: bool = False, **kwargs: Any) -> None:
        super().__init__(required=required, min_value=0, **kwargs)


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]
