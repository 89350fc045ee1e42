"""Cards carry their queue (reviews, or new of one kind); new cards exist for studied words."""

from django.db import migrations, models


def create_new_cards(apps, schema_editor):
    LessonProgress = apps.get_model("lessons", "LessonProgress")
    VocabularyItem = apps.get_model("lessons", "VocabularyItem")
    ReviewCard = apps.get_model("review", "ReviewCard")
    for progress in LessonProgress.objects.all().iterator():
        moment = progress.started_at
        items = VocabularyItem.objects.filter(lesson_id=progress.lesson_id).order_by("order", "pk")
        ReviewCard.objects.bulk_create(
            [
                ReviewCard(
                    learner_id=progress.learner_id,
                    item_id=item_id,
                    kind=kind,
                    queue=queue,
                    state=1,
                    step=0,
                    due=moment,
                    created_at=moment,
                )
                for kind, queue in (("recognition", 1), ("recall", 2))
                for item_id in items.values_list("pk", flat=True)
            ],
            ignore_conflicts=True,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0001_review_cards_logs_settings"),
        ("lessons", "0003_vocabulary_anki_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="reviewcard",
            name="queue",
            field=models.PositiveSmallIntegerField(
                choices=[
                    (0, "In reviews"),
                    (1, "New, word to meaning"),
                    (2, "New, meaning to word"),
                ],
                default=0,
            ),
        ),
        migrations.RemoveIndex(model_name="reviewcard", name="review_card_learner_due"),
        migrations.AddIndex(
            model_name="reviewcard",
            index=models.Index(
                fields=["learner", "queue", "due"], name="review_card_learner_queue"
            ),
        ),
        migrations.RunPython(create_new_cards, migrations.RunPython.noop),
    ]
