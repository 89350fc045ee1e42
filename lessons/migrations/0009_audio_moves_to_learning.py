"""The audio clips move to `learning` (the hub's articles speak too): the table is renamed
here and the model leaves this app's state; learning 0007 takes it up."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("lessons", "0008_audio")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.AlterModelTable("Audio", "learning_audio")],
            state_operations=[migrations.DeleteModel("Audio")],
        ),
    ]
