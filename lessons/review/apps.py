"""App configuration of `review`: merges a visitor's review cards into the account at log-in,
and makes new cards when a lesson is studied or a studied lesson gains a word."""

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _merge_reviews_on_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    from lessons.review.services import review_merge_session

    if request is not None and hasattr(request, "session"):
        review_merge_session(learner=user, session=request.session)


def _new_cards_for_progress(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    from lessons.review.services import review_cards_add_new

    if created and not kwargs.get("raw"):
        review_cards_add_new(lesson_id=instance.lesson_id, learner_ids=[instance.learner_id])


def _new_cards_for_word(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    from lessons.review.services import review_cards_add_new

    if created and not kwargs.get("raw"):
        review_cards_add_new(lesson_id=instance.lesson_id, item_ids=[instance.pk])


class ReviewConfig(AppConfig):
    name = "lessons.review"
    label = "review"
    verbose_name = _("Reviews")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_save

        from lessons.models import LessonProgress, VocabularyItem

        # Studying a lesson (however the progress row is made) gives its words new cards.
        post_save.connect(
            _new_cards_for_progress, sender=LessonProgress, dispatch_uid="review.progress_cards"
        )
        post_save.connect(
            _new_cards_for_word, sender=VocabularyItem, dispatch_uid="review.word_cards"
        )

        user_logged_in.connect(
            _merge_reviews_on_login, dispatch_uid="review.merge_reviews_on_login"
        )
