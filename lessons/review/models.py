"""Review cards (one per vocabulary item and direction), their append-only log, and settings.

A card's scheduling fields are py-fsrs's `Card` (see `scheduling.py`); the log keeps what the
FSRS optimiser needs to fit a learner's own parameters later (card, rating, time, duration).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lessons.review.scheduling import DEFAULT_RETENTION, MAX_RETENTION, MIN_RETENTION

MAX_NEW_PER_DAY = 200
MAX_REVIEWS_PER_DAY = 2000


class CardKind(models.TextChoices):
    RECOGNITION = "recognition", _("Word to meaning")
    RECALL = "recall", _("Meaning to word")


class CardQueue(models.IntegerChoices):
    """Where a card waits: in the reviews (seen at least once, or brought forward by a mistake),
    or among the new cards of its kind, created when its lesson was studied."""

    REVIEW = 0, _("In reviews")
    NEW_RECOGNITION = 1, _("New, word to meaning")
    NEW_RECALL = 2, _("New, meaning to word")


NEW_QUEUE_OF_KIND = {"recognition": CardQueue.NEW_RECOGNITION, "recall": CardQueue.NEW_RECALL}


class ReviewCard(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_cards"
    )
    item = models.ForeignKey(
        "lessons.VocabularyItem", on_delete=models.CASCADE, related_name="review_cards"
    )
    kind = models.CharField(max_length=12, choices=CardKind.choices)
    # New cards are made when a lesson is studied, so the queue never has to look for studied
    # words without a card; (learner, queue, due) serves both the due and the new cards.
    queue = models.PositiveSmallIntegerField(choices=CardQueue.choices, default=CardQueue.REVIEW)
    state = models.PositiveSmallIntegerField(default=1, help_text="fsrs.State value.")
    step = models.PositiveSmallIntegerField(null=True, blank=True)
    stability = models.FloatField(null=True, blank=True)
    difficulty = models.FloatField(null=True, blank=True)
    due = models.DateTimeField()
    last_review = models.DateTimeField(null=True, blank=True)
    reps = models.PositiveIntegerField(default=0)
    lapses = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["due", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "item", "kind"], name="review_card_one_per_item_kind"
            ),
        ]
        indexes = [
            models.Index(fields=["learner", "queue", "due"], name="review_card_learner_queue")
        ]

    def __str__(self) -> str:
        return f"{self.learner_id}: {self.item_id} ({self.kind})"


class ReviewLog(models.Model):
    """One rating of one card. Rows are only ever added: `save` refuses to change one."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_logs"
    )
    card = models.ForeignKey(ReviewCard, on_delete=models.CASCADE, related_name="logs")
    rating = models.PositiveSmallIntegerField()
    reviewed_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    # Set by the client (a form's hidden field, an offline app's own id): a replay is a no-op.
    client_key = models.CharField(max_length=64)
    was_new = models.BooleanField(default=False)
    # The card after the rating, so a replayed answer returns the same result.
    due_after = models.DateTimeField()
    stability_after = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["reviewed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "client_key"], name="review_log_one_per_client_key"
            ),
        ]
        indexes = [
            models.Index(fields=["learner", "reviewed_at"], name="review_log_learner_time"),
        ]

    def __str__(self) -> str:
        return f"{self.card_id}: {self.rating} at {self.reviewed_at:%Y-%m-%d %H:%M}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise ValueError("The review log is append-only.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class ReviewSettings(models.Model):
    learner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_settings"
    )
    desired_retention = models.FloatField(
        _("desired retention"),
        default=DEFAULT_RETENTION,
        validators=[MinValueValidator(MIN_RETENTION), MaxValueValidator(MAX_RETENTION)],
    )
    new_per_day = models.PositiveSmallIntegerField(
        _("new cards per day"), default=10, validators=[MaxValueValidator(MAX_NEW_PER_DAY)]
    )
    reviews_per_day = models.PositiveSmallIntegerField(
        _("reviews per day"), default=200, validators=[MaxValueValidator(MAX_REVIEWS_PER_DAY)]
    )
    fade_furigana = models.BooleanField(
        _("furigana only for words I don't know yet"), default=False
    )

    class Meta:
        verbose_name_plural = _("review settings")

    def __str__(self) -> str:
        return f"{self.learner_id}"
