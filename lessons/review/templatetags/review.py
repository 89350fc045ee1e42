"""Template helpers of reviews: intervals in words, and the "due today" line."""

from datetime import timedelta
from typing import Any

from django import template
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def interval(value: object) -> str:
    """A short, translated length of time: "10 min", "3 d", "2 mo"."""
    if not isinstance(value, timedelta):
        return ""
    minutes = max(1, round(value.total_seconds() / 60))
    if minutes < 60:
        return ngettext("%(n)d min", "%(n)d min", minutes) % {"n": minutes}
    hours = round(minutes / 60)
    if hours < 24:
        return ngettext("%(n)d h", "%(n)d h", hours) % {"n": hours}
    days = round(minutes / 1440)
    if days < 31:
        return ngettext("%(n)d day", "%(n)d days", days) % {"n": days}
    if days < 365:
        months = round(days / 30.4)
        return ngettext("%(n)d month", "%(n)d months", months) % {"n": months}
    years = round(days / 365.25)
    return ngettext("%(n)d year", "%(n)d years", years) % {"n": years}


@register.inclusion_tag("review/includes/due_line.html", takes_context=True)
def review_due_line(context: dict[str, Any]) -> dict[str, Any]:
    """The learner's review count for today, with a link to the review page."""
    from lessons.review.selectors import review_due_counts

    request = context.get("request")
    if request is None:
        return {"counts": None}
    return {
        "counts": review_due_counts(
            learner=getattr(request, "user", None), session=getattr(request, "session", None)
        )
    }
