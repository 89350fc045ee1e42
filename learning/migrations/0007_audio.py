"""The audio clips, moved here from `lessons` (whose 0009 renamed the table): only the state
is created; the content type follows, so permissions given on clips are kept."""

from django.db import migrations, models

import learning.models


def content_type_follows(apps, schema_editor):
    content_types = apps.get_model("contenttypes", "ContentType")
    if not content_types.objects.filter(app_label="learning", model="audio").exists():
        content_types.objects.filter(app_label="lessons", model="audio").update(
            app_label="learning"
        )


def content_type_returns(apps, schema_editor):
    content_types = apps.get_model("contenttypes", "ContentType")
    if not content_types.objects.filter(app_label="lessons", model="audio").exists():
        content_types.objects.filter(app_label="learning", model="audio").update(
            app_label="lessons"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("learning", "0006_volunteer_role"),
        ("lessons", "0009_audio_moves_to_learning"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Audio",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("key", models.CharField(max_length=64, unique=True)),
                        ("reading", models.TextField(max_length=2000)),
                        ("voice", models.CharField(max_length=8)),
                        ("engine_version", models.CharField(max_length=64)),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("pending", "Waiting"),
                                    ("running", "Being made"),
                                    ("ready", "Ready"),
                                    ("failed", "Failed"),
                                ],
                                db_index=True,
                                default="pending",
                                max_length=8,
                            ),
                        ),
                        (
                            "file",
                            models.FileField(
                                blank=True,
                                default="",
                                storage=learning.models._audio_storage,
                                upload_to="audio/",
                            ),
                        ),
                        ("size", models.PositiveIntegerField(default=0)),
                        ("seconds", models.FloatField(default=0.0)),
                        ("attempts", models.PositiveSmallIntegerField(default=0)),
                        ("error", models.CharField(blank=True, default="", max_length=300)),
                        ("queued_at", models.DateTimeField(blank=True, null=True)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                    ],
                    options={"verbose_name_plural": "audio clips", "ordering": ["pk"]},
                ),
            ],
        ),
        migrations.RunPython(content_type_follows, content_type_returns),
    ]
