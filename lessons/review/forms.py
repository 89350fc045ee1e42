"""Forms of reviews: the settings page (input shapes only; rules live in the service)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from learning.forms import TextForm
from lessons.review.models import MAX_NEW_PER_DAY, MAX_REVIEWS_PER_DAY
from lessons.review.scheduling import MAX_RETENTION, MIN_RETENTION


class ReviewSettingsForm(TextForm):
    desired_retention = forms.FloatField(
        label=_("Desired retention"),
        min_value=MIN_RETENTION,
        max_value=MAX_RETENTION,
        widget=forms.NumberInput(attrs={"step": "0.01"}),
        help_text=_(
            "How sure you want to be to remember a card when it comes back: 0.90 means 9 in 10. "
            "Higher means more reviews."
        ),
    )
    new_per_day = forms.IntegerField(
        label=_("New cards per day"), min_value=0, max_value=MAX_NEW_PER_DAY
    )
    reviews_per_day = forms.IntegerField(
        label=_("Reviews per day"), min_value=0, max_value=MAX_REVIEWS_PER_DAY
    )
    fade_furigana = forms.BooleanField(
        label=_("Furigana only for words I don't know yet"),
        required=False,
        help_text=_(
            "Hides the reading of a word once you remember it well (its card is stable for "
            "three weeks or more). Tap the word to see its reading."
        ),
    )
