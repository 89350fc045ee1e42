"""The input policy of `learning.text` as Django validation: one message per kind of forbidden
character, used by forms (`learning.forms.TextForm`), the JSON parser and the Japanese-text
checks of `lessons`."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from learning.text import TextProblem, strip_bidi_controls, text_problem


def text_policy_message(problem: TextProblem) -> str:
    """What is wrong, saying where, without echoing the character itself."""
    if problem.code == "nul":
        return _("The text contains a null character (NUL) at position %(index)d.") % {
            "index": problem.index
        }
    params = {"code": ord(problem.char), "index": problem.index}
    if problem.code == "surrogate":
        return _("The text contains a lone surrogate (U+%(code)04X) at position %(index)d.") % (
            params
        )
    return _("The text contains a control character (U+%(code)04X) at position %(index)d.") % (
        params
    )


def validate_text(value: str) -> None:
    """Raise ValidationError when *value* holds a character no stored text may hold."""
    problem = text_problem(value)
    if problem is not None:
        raise ValidationError(text_policy_message(problem), code=problem.code)


def clean_text(value: str) -> str:
    """*value* checked by the policy, with bidirectional overrides and isolates removed."""
    validate_text(value)
    return strip_bidi_controls(value)
