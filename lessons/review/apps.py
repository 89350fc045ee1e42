"""App configuration of `review`: merges a visitor's review cards into the account at log-in."""

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _merge_reviews_on_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    from lessons.review.services import review_merge_session

    if request is not None and hasattr(request, "session"):
        review_merge_session(learner=user, session=request.session)


class ReviewConfig(AppConfig):
    name = "lessons.review"
    label = "review"
    verbose_name = _("Reviews")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        user_logged_in.connect(
            _merge_reviews_on_login, dispatch_uid="review.merge_reviews_on_login"
        )
