"""E-mail reminders on session days, sent at most once per person and day.

Who gets one: a person who ticked "Also e-mail me on session days", has an e-mail
address, and has an open session today in their active plan (``session_on`` on the
plan as rebuilt with their moves and skips; a session already logged needs no
reminder). It goes out once the person's reminder time has passed (08:00 without one).
Sending claims the day first with a conditional UPDATE of ``Profile.reminded_for``, so
two runs at once (cron on two machines, a retried timer) send one e-mail, and a failed
send gives the day back so the next run tries again. Django's e-mail backend decides
where it goes: the console by default, SMTP when ``BACKSTRIDE_EMAIL_HOST`` is set.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.mail import send_mail
from django.db.models import Q

from backstride.export.text import format_seconds
from backstride.training.schedule import session_on
from backstride.web.accounts.models import Profile
from backstride.web.logbook.models import LogEntry
from backstride.web.plans import services as plans

DEFAULT_TIME = dt.time(8, 0)


@dataclass(frozen=True)
class Sent:
    username: str
    session_uid: str


def due_reminders(now: dt.datetime, base_url: str = "") -> list[Sent]:
    """Send every reminder due at ``now`` (local time) and return what was sent."""
    today = now.date()
    sent: list[Sent] = []
    candidates = (
        Profile.objects.filter(email_reminders=True)
        .exclude(user__email="")
        .filter(Q(reminded_for__isnull=True) | ~Q(reminded_for=today))
        .select_related("user")
    )
    for profile in candidates:
        if now.time() < (profile.reminder_time or DEFAULT_TIME):
            continue
        row = plans.active_plan(profile.user)
        if row is None:
            continue
        session = session_on(plans.build_plan(row), today)
        if session is None:
            continue
        if LogEntry.objects.filter(athlete=profile.user, session_uid=session.uid).exists():
            continue
        claimed = (
            Profile.objects.filter(pk=profile.pk)
            .filter(Q(reminded_for__isnull=True) | ~Q(reminded_for=today))
            .update(reminded_for=today)
        )
        if not claimed:
            continue  # another run sent it
        link = f"{base_url}/plans/session/{session.uid}/" if base_url else ""
        body = (
            f"Hello {profile.name},\n\nToday's Backstride session: {session.title}, "
            f"{format_seconds(session.total_seconds)} in total.\n"
            + (f"\nOpen it: {link}\n" if link else "")
            + "\nYou get this because e-mail reminders are on in your account; "
            "turn them off there.\n"
        )
        try:
            send_mail(
                f"Backstride today: {session.title}",
                body,
                None,
                [profile.user.email],
            )
        except Exception:
            Profile.objects.filter(pk=profile.pk).update(reminded_for=profile.reminded_for)
            raise
        sent.append(Sent(profile.user.get_username(), session.uid))
    return sent
