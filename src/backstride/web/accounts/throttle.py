"""Login throttling: after N failed sign-ins for a username, refuse it for a while.

The key is the username only. Keying on the client address as well would let an
attacker spread guesses over many addresses, and behind a reverse proxy every client
shares one address. The cost is that someone can lock a known username out for
``LOGIN_LOCKOUT_SECONDS``; the lock is short and the message says when to retry.
Used by both the sign-in form and ``POST /api/token``.
"""

from __future__ import annotations

import datetime as dt
import math

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from backstride.web.accounts.models import LoginFailure

MAX_KEY_LENGTH = 200


def throttle_key(username: str) -> str:
    """Normalise so ``Ada`` and ``ada `` count as the same target."""
    return "user:" + username.strip().casefold()[: MAX_KEY_LENGTH - 5]


def seconds_locked(username: str, now: dt.datetime | None = None) -> int:
    """Seconds until ``username`` may try again; 0 when sign-in is allowed."""
    now = now or timezone.now()
    row = LoginFailure.objects.filter(key=throttle_key(username)).first()
    if row is None or row.locked_until is None or row.locked_until <= now:
        return 0
    return math.ceil((row.locked_until - now).total_seconds())


def record_failure(username: str, now: dt.datetime | None = None) -> None:
    """Count one failure; the N-th inside the window starts the lockout."""
    now = now or timezone.now()
    window = dt.timedelta(seconds=settings.LOGIN_LOCKOUT_SECONDS)
    with transaction.atomic():
        row, created = LoginFailure.objects.select_for_update().get_or_create(
            key=throttle_key(username),
            defaults={"failures": 1, "window_started_at": now},
        )
        if not created:
            if row.window_started_at + window <= now:
                row.failures = 1
                row.window_started_at = now
                row.locked_until = None
                row.save()
            else:
                LoginFailure.objects.filter(pk=row.pk).update(failures=F("failures") + 1)
                row.refresh_from_db()
        if row.failures >= settings.LOGIN_MAX_FAILURES:
            row.locked_until = now + window
            row.save(update_fields=["locked_until"])


def record_success(username: str) -> None:
    """A correct password clears the count, so earlier typos do not linger."""
    LoginFailure.objects.filter(key=throttle_key(username)).delete()


def lockout_message(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    unit = "minute" if minutes == 1 else "minutes"
    return f"Too many failed sign-in attempts. Try again in {minutes} {unit}."
