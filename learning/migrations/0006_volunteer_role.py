"""Create the Volunteer role group: people who visit recipients and record their replies."""

from django.db import migrations

NAME = "Volunteer"


def create_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=NAME)


def delete_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("learning", "0005_translator_role_catalogue_edits")]
    operations = [migrations.RunPython(create_role, delete_role)]
