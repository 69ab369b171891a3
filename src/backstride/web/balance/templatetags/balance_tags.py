"""Balance-check pieces other apps' pages show: the plan note, due dates, the Today card.

Tags rather than context from each view, so the plan, calendar and home pages need one
line each and the rule (``training.balance_plan``) stays behind ``balance.services``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from backstride.web.balance import services

register = template.Library()


def _plan_end(plan: Any) -> dt.date:
    sessions = getattr(plan, "sessions", ()) if plan is not None else ()
    return sessions[-1].date if sessions else timezone.localdate() + dt.timedelta(days=28)


@register.simple_tag
def balance_due_dates(athlete: AbstractBaseUser, plan: Any = None) -> frozenset[dt.date]:
    """Dates a balance check is due, from today to the plan's last session."""
    return frozenset(services.checks_due(athlete, timezone.localdate(), _plan_end(plan)))


@register.inclusion_tag("balance/_plan_note.html")
def balance_plan_note(athlete: AbstractBaseUser, plan: Any = None, own: bool = True) -> dict:
    """The limit a balance check puts on the plan, and the checks due during it."""
    due = services.checks_due(athlete, timezone.localdate(), _plan_end(plan))
    return {
        "limit": services.plan_limit(athlete.pk),
        "due": due,
        "own": own,
        "athlete": athlete,
    }


@register.inclusion_tag("balance/_due_card.html")
def balance_due_card(athlete: AbstractBaseUser) -> dict:
    """The Today card: only when a check is due today (or overdue)."""
    today = timezone.localdate()
    due = services.checks_due(athlete, today, today)
    return {"due": bool(due), "limit": services.plan_limit(athlete.pk)}
