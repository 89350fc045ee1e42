"""Forms of the account pages: input shapes only; the services do the work."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core import validators
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from learning.errors import Conflict
from learning.languages import text_direction
from learning.models import User
from learning.validators import clean_text


class ModelLimitsMixin:
    """A text field named like a field of `limits_from` takes that field's length limit (and the
    browser's maxlength), so a limit is written once, on the model."""

    limits_from: type[models.Model] | None = None
    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.limits_from is None:
            return
        for name, field in self.fields.items():
            if not isinstance(field, forms.CharField) or field.max_length is not None:
                continue
            try:
                limit = self.limits_from._meta.get_field(name).max_length  # type: ignore[union-attr]
            except FieldDoesNotExist:
                continue
            if limit:
                field.max_length = limit
                field.validators.append(MaxLengthValidator(limit))
                field.widget.attrs.update(field.widget_attrs(field.widget))


def form_add_errors(
    form: forms.Form, exc: ValidationError, rename: dict[str, str] | None = None
) -> None:
    """Show a service's ValidationError on *form*: under the field it names when the form has
    that field (after *rename*), else above the form."""
    rename = rename or {}
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            field = rename.get(field, field)
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def form_error_status(exc: ValidationError) -> int:
    """The status of a page whose form shows *exc*: 409 for a conflict, else 400."""
    return 409 if isinstance(exc, Conflict) else 400


class TextForm(forms.Form):
    """A form that applies the input policy (`learning.text`) to every text field: control
    characters refused with a message saying where (what was typed stays in the field),
    bidirectional overrides and isolates dropped. Password fields are left as typed."""

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]  # Django's hook, missing from the stubs
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if (
                not isinstance(field, forms.CharField)
                or isinstance(field.widget, forms.PasswordInput)
                or not isinstance(value, str)
            ):
                continue
            try:
                self.cleaned_data[name] = clean_text(value)
            except ValidationError as exc:
                self.add_error(name, exc)


class LoginForm(AuthenticationForm):
    """Django's log-in form, refusing a username longer than any account's before it reaches
    authentication (django-axes would try to record it in a 255-character column)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        username = cast(forms.CharField, self.fields["username"])
        username.validators.append(validators.MaxLengthValidator(username.max_length or 150))
        self.fields["password"].validators.append(validators.MaxLengthValidator(256))


# The page offers three ranked choices; the API takes up to MAX_MEANING_LANGUAGES.
MEANING_CHOICES_SHOWN = 3


class SignupForm(TextForm):
    username = forms.RegexField(
        label=_("Username"),
        max_length=150,
        regex=r"^[\w.@+-]+\Z",
        help_text=_("Letters, digits and @ . + - _ only. You do not need to use your real name."),
        error_messages={"invalid": _("Use only letters, digits and @ . + - _")},
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        max_length=254,
        help_text=_("Only needed to reset a forgotten password."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=256,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        max_length=256,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return data


class PreferencesForm(TextForm):
    interface_language = forms.ChoiceField(
        label=_("Interface language"),
        required=False,
        choices=[("", _("Follow my browser")), *settings.LANGUAGES],
    )
    furigana = forms.ChoiceField(
        label=_("Furigana"), choices=User.Furigana.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        choices = [("", "—"), *settings.MEANING_LANGUAGES]
        for rank in range(1, MEANING_CHOICES_SHOWN + 1):
            self.fields[f"meaning_{rank}"] = forms.ChoiceField(
                label=_("Meanings in: choice %(rank)d") % {"rank": rank},
                choices=choices,
                required=False,
            )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        ordered = [data.get(f"meaning_{rank}") for rank in range(1, MEANING_CHOICES_SHOWN + 1)]
        codes = [code for code in ordered if code]
        if len(set(codes)) != len(codes):
            raise forms.ValidationError(_("Choose each meaning language only once."))
        data["meaning_languages"] = codes
        return data

    @classmethod
    def initial_for(cls, user: User) -> dict[str, object]:
        initial: dict[str, object] = {
            "interface_language": user.interface_language,
            "furigana": user.furigana,
        }
        for rank, code in enumerate(user.meaning_languages[:MEANING_CHOICES_SHOWN], start=1):
            initial[f"meaning_{rank}"] = code
        return initial


@dataclass(frozen=True)
class Saved:
    """What a service returned for a form that `form_post` saved."""

    value: Any


def form_post(
    request: HttpRequest,
    form: forms.Form,
    action: Callable[[], Any],
    success: str | Callable[[Any], str],
) -> Saved | None:
    """The one way a page saves a form: on a valid POST run *action* (a service call); show its
    ValidationError on *form* (nothing the user typed is lost), or flash *success* (a message,
    or a function of what *action* returned). None when nothing was saved."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        value = action()
    except ValidationError as exc:
        form_add_errors(form, exc)
        return None
    messages.success(request, success(value) if callable(success) else success)
    return Saved(value)


class LanguageSelect(forms.Select):
    """A choice of languages, each named in itself and marked as that language (`lang`, `dir`),
    so it is shown and read aloud in its own script and voice whatever the page's language."""

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        code = str(option["value"] or "")
        if code:
            option["attrs"] = {**option["attrs"], "lang": code, "dir": text_direction(code)}
        return option
