"""Background tasks of ``core`` (django-tasks, run by the database-backed worker)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from backstride.web.accounts.models import LoginFailure


@task()
def prune_login_failures() -> int:
    """Delete failed-login counters whose window and lock have both run out.

    Keeps the throttle table from growing with every mistyped username; returns the
    number of rows removed so the task result shows what it did.
    """
    # Sign-up and reset-e-mail counters run in hourly windows: keep them that long.
    longest = max(settings.LOGIN_LOCKOUT_SECONDS, 3600)
    cutoff = timezone.now() - dt.timedelta(seconds=longest)
    stale = LoginFailure.objects.filter(window_started_at__lte=cutoff).exclude(
        locked_until__gt=timezone.now()
    )
    deleted, _ = stale.delete()
    return deleted
