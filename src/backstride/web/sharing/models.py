"""An athlete's consent to let one coach see their training.

The athlete stays in control: a link exists only after the athlete accepted an invite
(the coaching app) and stops counting the moment they revoke it (``revoked_at`` is set;
the row stays so the history of who had access is still there for the athlete).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class CoachLink(models.Model):
    """An athlete's consent to let one coach see their plan, logs and flags."""

    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="athlete_links"
    )
    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach_links"
    )
    accepted_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.CharField(
        max_length=8,
        blank=True,
        choices=[("athlete", "athlete"), ("coach", "coach")],
        help_text="Who ended the link, so both sides understand why it is gone.",
    )

    class Meta:
        ordering = ("-accepted_at", "-id")
        constraints = (
            # At most one live link per pair; revoked ones remain as history. The names
            # keep their ``coaching_`` prefix: the table began in the coaching app.
            models.UniqueConstraint(
                fields=("coach", "athlete"),
                condition=Q(revoked_at__isnull=True),
                name="coaching_one_active_link_per_pair",
            ),
            models.CheckConstraint(
                condition=~Q(coach=models.F("athlete")), name="coaching_no_self_link"
            ),
        )

    def __str__(self) -> str:
        return f"{self.coach_id} -> {self.athlete_id}{' (revoked)' if self.revoked_at else ''}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
