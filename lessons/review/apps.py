"""App configuration of `review`: merges a visitor's review cards into the account at log-in,
makes new cards when a lesson is studied or a studied lesson gains a word, and marks the kept
review pages of a word's learners stale when the word, its lesson or its course changes."""

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


def _words_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A word, lesson or course was edited or is being deleted: the review pages of every
    learner with a card of its words are stale (new marks, one UPDATE)."""
    from learning.services import pages_mark_renew
    from lessons.models import Course, Lesson
    from lessons.review.models import ReviewCard
    from lessons.services.rendering import VOCABULARY_RENDERED

    if kwargs.get("raw") or kwargs.get("created"):
        return  # fixtures load rows no page was made from; a new word is review_cards_add_new's
    fields = kwargs.get("update_fields")
    if fields and set(fields) <= set(VOCABULARY_RENDERED):
        return  # rendering the lesson: its own save renewed the marks once for all its words
    field = {Course: "item__lesson__course_id", Lesson: "item__lesson_id"}.get(sender, "item_id")
    cards = ReviewCard.objects.filter(**{field: instance.pk})
    pages_mark_renew(learner_ids=cards.values("learner_id"))


class ReviewConfig(AppConfig):
    name = "lessons.review"
    label = "review"
    verbose_name = _("Reviews")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_save, pre_delete

        from lessons.models import Course, Lesson, LessonProgress, VocabularyItem

        # Studying a lesson (however the progress row is made) gives its words new cards.
        post_save.connect(
            _new_cards_for_progress, sender=LessonProgress, dispatch_uid="review.progress_cards"
        )
        post_save.connect(
            _new_cards_for_word, sender=VocabularyItem, dispatch_uid="review.word_cards"
        )

        for model in (Course, Lesson, VocabularyItem):
            uid = f"review.pages:{model._meta.label}"
            post_save.connect(_words_changed, sender=model, dispatch_uid=f"{uid}:save")
            pre_delete.connect(_words_changed, sender=model, dispatch_uid=f"{uid}:delete")

        user_logged_in.connect(
            _merge_reviews_on_login, dispatch_uid="review.merge_reviews_on_login"
        )
