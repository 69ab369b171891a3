"""CoachLink, taken over from the coaching app with its table and rows.

State only: ``coaching.0002`` already renamed the table (a new database gets it from
``coaching.0001`` and that rename), so nothing is created or copied here.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("coaching", "0002_coachlink_moves_to_sharing"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="CoachLink",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("accepted_at", models.DateTimeField(auto_now_add=True)),
                        ("revoked_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "revoked_by",
                            models.CharField(
                                blank=True,
                                choices=[("athlete", "athlete"), ("coach", "coach")],
                                help_text=(
                                    "Who ended the link, so both sides understand why it is gone."
                                ),
                                max_length=8,
                            ),
                        ),
                        (
                            "athlete",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="coach_links",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "coach",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="athlete_links",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "ordering": ("-accepted_at", "-id"),
                        "constraints": [
                            models.UniqueConstraint(
                                condition=models.Q(("revoked_at__isnull", True)),
                                fields=("coach", "athlete"),
                                name="coaching_one_active_link_per_pair",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("coach", models.F("athlete")), _negated=True),
                                name="coaching_no_self_link",
                            ),
                        ],
                    },
                ),
            ],
        ),
    ]
