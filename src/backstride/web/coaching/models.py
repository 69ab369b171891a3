"""Invites that create coach links, and the notes coaches leave.

The link itself (``CoachLink``) and the rule that reads it live in the ``sharing``
app, below every app that shows training; an accepted invite writes a link there.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

INVITE_LIFETIME = dt.timedelta(days=7)


def new_invite_token() -> str:
    """256 random bits, URL-safe: unguessable, so the link itself is the capability."""
    return secrets.token_urlsafe(32)


def default_expiry() -> dt.datetime:
    return timezone.now() + INVITE_LIFETIME


class Invite(models.Model):
    """A single-use link a coach shares with one athlete; it expires after a week."""

    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach_invites"
    )
    token = models.CharField(max_length=64, unique=True, default=new_invite_token)
    note = models.CharField(
        max_length=80, blank=True, help_text="For the coach only: who the link was meant for."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=default_expiry)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"invite by {self.coach_id} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.used_at is None and self.expires_at > timezone.now()

    @property
    def status(self) -> str:
        if self.used_at is not None:
            return "used"
        return "open" if self.expires_at > timezone.now() else "expired"


class CoachAction(models.Model):
    """A note a coach attaches to an athlete's plan or one of its sessions: who, what, when.

    Repeated weeks and clearances are audited by the plans app itself (``PlanChange``,
    ``ClearanceRecord`` keep who and when); notes have no home there, so they live here.
    ``actor`` becomes NULL when the coach deletes their account, so nothing of them
    survives, while the athlete keeps the note.
    """

    class Kind(models.TextChoices):
        SESSION_NOTE = "session-note", "Session note"

    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach_actions"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coach_actions_made",
    )
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.SESSION_NOTE)
    session_uid = models.CharField(
        max_length=120, blank=True, help_text="The planned session the note is about, if any."
    )
    detail = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.kind} on {self.athlete_id} by {self.actor_id}"
