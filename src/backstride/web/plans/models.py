"""What the web stores for a plan: the engine's inputs, and who changed what.

Generated sessions are never stored. A plan row keeps a snapshot of the profile, the
start date, the number of weeks, the screening answers and whether a professional's
clearance was recorded; ``services.build_plan`` hands them to the engine again. Later
changes (repeat a week) are rows of their own so the plan can be rebuilt and every
change shows who made it.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from backstride.training.models import Clearance, Environment, Goal, Population, Profile


def _choices(enum: type) -> list[tuple[str, str]]:
    return [(m.value, m.value.replace("-", " ").capitalize()) for m in enum]


def new_feed_secret() -> str:
    """An unguessable token: the calendar feed URL is the only protection of the feed."""
    return secrets.token_urlsafe(24)


class TrainingProfile(models.Model):
    """The onboarding answers, in the engine's terms (``models.Profile``)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_profile"
    )
    age = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(10), MaxValueValidator(100)]
    )
    population = models.CharField(max_length=16, choices=_choices(Population))
    running_experience_years = models.FloatField(
        default=0.0, validators=[MinValueValidator(0.0), MaxValueValidator(80.0)]
    )
    sessions_per_week = models.PositiveSmallIntegerField(
        default=3, choices=[(2, "2 sessions"), (3, "3 sessions")]
    )
    environment = models.CharField(max_length=16, choices=_choices(Environment))
    goals = models.JSONField(default=list, blank=True)
    body_mass_kg = models.FloatField(
        null=True, blank=True, validators=[MinValueValidator(25.0), MaxValueValidator(300.0)]
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.user} ({self.population}, {self.age})"

    def to_engine(self) -> Profile:
        return Profile(
            age=int(self.age),
            population=Population(self.population),
            running_experience_years=float(self.running_experience_years),
            sessions_per_week=int(self.sessions_per_week),
            environment=Environment(self.environment),
            goals=tuple(Goal(g) for g in self.goals),
            body_mass_kg=self.body_mass_kg,
        )


class Screening(models.Model):
    """One completed readiness questionnaire; the newest one is the one that counts."""

    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="screenings"
    )
    answers = models.JSONField()
    clearance = models.CharField(max_length=16, choices=_choices(Clearance))
    reasons = models.JSONField(default=list)
    restrictions = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.athlete}: {self.clearance}"

    @property
    def needs_clearance(self) -> bool:
        return self.clearance == Clearance.CONSULT

    @property
    def is_cleared_by_professional(self) -> bool:
        return hasattr(self, "clearance_record")


class Profession(models.TextChoices):
    """Who may clear a person or review their pain: a fixed list, never free text."""

    PHYSIOTHERAPIST = "physiotherapist", "Physiotherapist"
    DOCTOR = "doctor", "Doctor"
    SPORTS_DOCTOR = "sports-doctor", "Sports medicine doctor"
    SURGEON = "surgeon", "Surgeon"
    MIDWIFE = "midwife", "Midwife"
    PHARMACIST = "pharmacist", "Pharmacist"
    NURSE = "nurse", "Nurse"


class ClearanceRecord(models.Model):
    """A professional said yes to a ``consult`` screening; who entered it is kept.

    ``limits`` are the ``Restriction`` values the professional set; the plan keeps them
    on top of the screening's own (``TrainingPlan.clearance_limits``).
    """

    screening = models.OneToOneField(
        Screening, on_delete=models.CASCADE, related_name="clearance_record"
    )
    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clearances"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    professional_name = models.CharField(max_length=120)
    profession = models.CharField(max_length=32, choices=Profession.choices, blank=True)
    cleared_on = models.DateField()
    limits = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.athlete} cleared by {self.professional_name} on {self.cleared_on}"

    @property
    def profession_label(self) -> str:
        return Profession(self.profession).label if self.profession else "professional"


class PainReview(models.Model):
    """A physiotherapist or doctor looked at the pain that paused training.

    The newest ``reviewed_on`` goes to ``training.status.current_status(reviewed_on=...)``:
    a review dated on or after the logs behind a pain stop turns the stop into a hold.
    """

    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pain_reviews"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    professional_name = models.CharField(max_length=120)
    profession = models.CharField(max_length=32, choices=Profession.choices)
    reviewed_on = models.DateField()
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-reviewed_on", "-id")

    def __str__(self) -> str:
        return f"pain of {self.athlete} reviewed by {self.professional_name} on {self.reviewed_on}"


class FallReview(models.Model):
    """Someone looked at a fall with the athlete; progression may resume after it.

    A fall stops progression until it is reviewed (what happened, the space behind, the
    speed). A review covers every fall logged on or before ``covers_until``.
    """

    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="fall_reviews"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    covers_until = models.DateField()
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"falls of {self.athlete} up to {self.covers_until} reviewed"


class TrainingPlan(models.Model):
    """The generator's inputs; only the newest active plan of a person is shown."""

    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_plans"
    )
    profile = models.JSONField(help_text="Snapshot of the training profile at creation.")
    start = models.DateField()
    weeks = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(4), MaxValueValidator(16)]
    )
    screening_answers = models.JSONField(null=True, blank=True)
    clearance_recorded = models.BooleanField(default=False)
    # The limits the clearing professional set (``Restriction`` values), kept on the plan.
    clearance_limits = models.JSONField(default=list, blank=True)
    feed_secret = models.CharField(max_length=64, unique=True, default=new_feed_secret)
    active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.athlete}: {self.weeks} weeks from {self.start}"


class PlanChange(models.Model):
    """One change on top of the generated plan, in the order they were made."""

    class Kind(models.TextChoices):
        REPEAT_WEEK = "repeat-week", "Repeat a week"
        MOVE = "move", "Move a session"
        SKIP = "skip", "Skip a session"
        EDIT = "edit", "Edit a session"

    plan = models.ForeignKey(TrainingPlan, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    week = models.PositiveSmallIntegerField()
    # Move, skip and edit name their session; a move stores its day shifts
    # ({uid: days}, the moved session and any it pushed on), an edit its block amounts
    # ([{index, repeats, seconds}]) and note (``training.overrides``).
    session_uid = models.CharField(max_length=64, blank=True)
    data = models.JSONField(default=dict, blank=True)
    note = models.CharField(max_length=500, blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return f"{self.kind} week {self.week}"

    def describe(self) -> str:
        """One line for the plan's list of changes and the coaching timeline."""
        if self.kind == self.Kind.MOVE:
            moved = ""
            if self.data.get("from") and self.data.get("to"):
                start = dt.date.fromisoformat(self.data["from"])
                end = dt.date.fromisoformat(self.data["to"])
                moved = f" from {start:%a %d %b} to {end:%a %d %b}"
            pushed = len(self.data.get("shifts", {})) - 1
            extra = (
                f" ({pushed} later session{'s' if pushed != 1 else ''} moved on)"
                if pushed > 0
                else ""
            )
            return f"Moved a session of week {self.week}{moved}{extra}"
        if self.kind == self.Kind.SKIP:
            return f"Skipped a session of week {self.week}"
        if self.kind == self.Kind.EDIT:
            note = f": “{self.note}”" if self.note else ""
            return f"Edited a session of week {self.week}{note}"
        return f"Week {self.week} repeated"
