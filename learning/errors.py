"""Errors every app's services raise and every interface maps the same way."""

from django.core.exceptions import ValidationError


class Conflict(ValidationError):
    """The thing changed since the user read it, or its state no longer allows the action
    (another tutor saved first, another moderator decided first). The API answers 409; forms
    show the message like any ValidationError (`learning.forms.form_add_errors`)."""
