"""The small progress card on the signed-in home page: recent weeks at a glance."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from backstride.web.progress import charts, services

HOME_WEEKS = 6


def home_card(user: AbstractBaseUser, today: dt.date) -> dict[str, Any] | None:
    """Backward minutes of the last six weeks, or None before the first log."""
    weekly = services.recent_backward_minutes(user, today, HOME_WEEKS)
    if weekly is None:
        return None
    minutes = [round(value, 1) for value in weekly]
    return {
        "this_week_minutes": round(minutes[-1]),
        "weeks": HOME_WEEKS,
        "total_minutes": round(sum(minutes)),
        "sparkline": charts.sparkline(minutes),
    }
