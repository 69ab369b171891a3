"""People: a profile next to Django's User, and the failed-login counter.

The profile stays small on purpose: training details (goals, where and how someone
trains) live in ``plans.models.TrainingProfile``, which onboarding fills in.
``population`` reuses the engine's :class:`~backstride.training.models.Population` so
the web and the engine never disagree about who a plan is for.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models

from backstride.training.models import Population
from backstride.training.units import (
    DISTANCE_LABELS,
    SHORT_LABELS,
    SPEED_LABELS,
    Distance,
    Short,
    Speed,
    Units,
)


class Role(models.TextChoices):
    ATHLETE = "athlete", "I train (runner, walker, athlete, rehab)"
    COACH = "coach", "I coach or treat others (coach, physio)"


class Profile(models.Model):
    """What Backstride knows about a person beyond their login."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(max_length=80, blank=True)
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.ATHLETE)
    population = models.CharField(
        max_length=16,
        choices=[(p.value, p.value.replace("-", " ").capitalize()) for p in Population],
        blank=True,
        help_text="Empty until onboarding asks; the engine's Population values.",
    )
    # Units (``training.units``): chosen once, used by every page, the player and exports.
    # ``units_set`` stays False until the person (or their browser's locale on the first
    # visit) has chosen, so a later locale never overrides a choice.
    distance_unit = models.CharField(
        "Long distances",
        max_length=8,
        choices=[(k.value, v) for k, v in DISTANCE_LABELS.items()],
        default=Distance.KM.value,
    )
    speed_unit = models.CharField(
        "Speed",
        max_length=8,
        choices=[(k.value, v) for k, v in SPEED_LABELS.items()],
        default=Speed.KMH.value,
    )
    short_unit = models.CharField(
        "Short distances",
        max_length=8,
        choices=[(k.value, v) for k, v in SHORT_LABELS.items()],
        default=Short.METERS.value,
    )
    units_set = models.BooleanField(default=False)
    # Reminders: the calendar feed's alarm time on session days, and an optional e-mail.
    reminder_time = models.TimeField(
        "Reminder time on session days",
        null=True,
        blank=True,
        help_text="Calendar apps subscribed to your plan remind you at this time. "
        "Leave empty for no reminder.",
    )
    email_reminders = models.BooleanField("Also e-mail me on session days", default=False)
    # The last session day an e-mail reminder went out for (sending is idempotent).
    reminded_for = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name

    @property
    def units(self) -> Units:
        """The person's units as the formatting module's type."""
        return Units.parse(self.distance_unit, self.speed_unit, self.short_unit)

    @property
    def name(self) -> str:
        """How pages greet the person: their chosen name, else their username."""
        return self.display_name or self.user.get_username()

    @property
    def is_coach(self) -> bool:
        return self.role == Role.COACH


def profile_for(user: AbstractBaseUser | AnonymousUser) -> Profile:
    """The user's profile, created on first use (covers users made by createsuperuser)."""
    if not user.is_authenticated:
        raise ValueError("Anonymous visitors have no profile.")
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


class LoginFailure(models.Model):
    """Failed sign-ins for one key (a normalised username) inside the current window.

    Stored in the database rather than a per-process cache so the limit holds when
    several web processes serve the same site.
    """

    key = models.CharField(max_length=200, unique=True)
    failures = models.PositiveIntegerField(default=0)
    window_started_at = models.DateTimeField()
    locked_until = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.key}: {self.failures}"
