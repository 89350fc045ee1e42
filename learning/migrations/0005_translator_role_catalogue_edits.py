"""The Translator role, and the corrections of interface translations made in the browser."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def create_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name="Translator")


def delete_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Translator").delete()


class Migration(migrations.Migration):
    dependencies = [("learning", "0004_user_display_preferences")]

    operations = [
        migrations.RunPython(create_role, delete_role),
        migrations.CreateModel(
            name="CatalogueEdit",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("language", models.CharField(max_length=16)),
                ("msgctxt", models.CharField(blank=True, default="", max_length=200)),
                ("msgid", models.TextField(max_length=4000)),
                ("msgstr", models.TextField(blank=True, default="", max_length=8000)),
                ("msgstr_plural", models.JSONField(blank=True, default=dict)),
                ("translator_label", models.CharField(max_length=150)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "translator",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["id"],
                "indexes": [models.Index(fields=["language", "id"], name="catalogue_edit_language")],
            },
        ),
    ]
