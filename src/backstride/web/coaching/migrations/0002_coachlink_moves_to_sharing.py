"""CoachLink moves to the ``sharing`` app; its rows stay where they are.

The database keeps the table and only renames it to the new app's name; Django's
idea of the models forgets CoachLink here and ``sharing.0001_initial`` takes it on.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("coaching", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name="coachlink", table="sharing_coachlink"),
            ],
            state_operations=[
                migrations.DeleteModel(name="CoachLink"),
            ],
        ),
    ]
