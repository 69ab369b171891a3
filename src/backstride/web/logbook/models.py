"""One row per logged session, plus the decision it led to.

The decision (action, reasons, which planned session it adapts) is stored with the
log so the person sees the same explanation later; the adapted session itself is
rebuilt by the engine from the logs up to this one (see ``services.adapted_session``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from backstride.training.models import PainSite, SessionLog

MAX_MINUTES = 600.0  # ten hours: longer is a typo, not a backward session
MAX_BACKWARD_SECONDS = MAX_MINUTES * 60
MAX_BACKWARD_METERS = 50_000.0
MAX_NOTES = 2000
MAX_CLIENT_KEY = 64


class LogEntry(models.Model):
    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="session_logs"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    session_uid = models.CharField(max_length=80, blank=True)
    date = models.DateField()
    completed_fraction = models.FloatField(
        validators=[MinValueValidator(0.0), MaxValueValidator(1.5)]
    )
    # Null when the player saved the session before the person rated it.
    rpe = models.FloatField(
        null=True, blank=True, validators=[MinValueValidator(0.0), MaxValueValidator(10.0)]
    )
    minutes = models.FloatField(validators=[MinValueValidator(0.0), MaxValueValidator(MAX_MINUTES)])
    backward_seconds = models.FloatField(default=0.0)
    backward_meters = models.FloatField(default=0.0)
    # {site: 0-10}; {} = "answered: no pain"; NULL = never answered (an import, a skipped
    # question). Missing is not zero: the engine infers nothing from NULL.
    pain = models.JSONField(default=dict, blank=True, null=True)
    pre_session_pain = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(10)]
    )
    swelling = models.BooleanField(null=True, blank=True)
    sharp_pain = models.BooleanField(default=False)
    near_fall = models.BooleanField(default=False)
    fall = models.BooleanField(default=False)
    next_morning_soreness = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(10)]
    )
    notes = models.TextField(blank=True, max_length=MAX_NOTES)
    steps = models.JSONField(default=list, blank=True)
    # A key the client made for this log (the player's run), so a retried POST answers
    # the first entry instead of making a second one. Unique per athlete when given.
    client_key = models.CharField(max_length=MAX_CLIENT_KEY, blank=True, default="")
    edited_at = models.DateTimeField(null=True, blank=True)
    # What the adaptation model made of the logs up to this one.
    decided_on = models.DateField(null=True, blank=True)
    next_session_uid = models.CharField(max_length=120, blank=True)
    action = models.CharField(max_length=16, blank=True)
    reasons = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-date", "-id")
        indexes = (models.Index(fields=("athlete", "date")),)
        constraints = (
            models.UniqueConstraint(
                fields=("athlete", "client_key"),
                condition=~Q(client_key=""),
                name="one_log_per_client_key",
            ),
        )

    def __str__(self) -> str:
        return f"{self.athlete} {self.date} {self.session_uid or 'free session'}"

    def to_engine(self) -> SessionLog:
        return SessionLog(
            date=self.date,
            completed_fraction=float(self.completed_fraction),
            rpe=float(self.rpe or 0.0),
            minutes=float(self.minutes),
            backward_seconds=float(self.backward_seconds),
            backward_meters=float(self.backward_meters),
            pain=(
                None
                if self.pain is None
                else {PainSite(k): int(v) for k, v in self.pain.items() if int(v) > 0}
            ),
            pre_session_pain=self.pre_session_pain,
            swelling=self.swelling,
            sharp_pain=self.sharp_pain,
            next_morning_soreness=self.next_morning_soreness,
            near_fall=self.near_fall,
            fall=self.fall,
            session_uid=self.session_uid or None,
            notes=self.notes,
            log_id=None if self.pk is None else str(self.pk),
        )

    @property
    def pain_known(self) -> bool:
        return self.pain is not None

    @property
    def max_pain(self) -> int | None:
        """Highest pain at any site; None when pain was never answered (never 0)."""
        if self.pain is None:
            return None
        return max((int(v) for v in self.pain.values()), default=0)


class LogChange(models.Model):
    """A log that was edited or deleted, or an import undone: who, what, when.

    The log itself may be gone, so the id and a short description are kept as text. The
    linked coach reads these in the athlete's change history.
    """

    class Kind(models.TextChoices):
        EDIT = "edit", "Edited a log"
        DELETE = "delete", "Deleted a log"
        UNDO_IMPORT = "undo-import", "Undid an import"

    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="log_changes"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    log_id = models.BigIntegerField(null=True, blank=True)
    log_date = models.DateField(null=True, blank=True)
    detail = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.kind} {self.log_id} by {self.actor_id}"
