"""The small progress card on the signed-in home page: recent weeks at a glance."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from backstride.web.progress import charts, services

HOME_WEEKS = 6


def home_card(user: AbstractBaseUser, today: dt.date) -> dict[str, Any] | None:
    """Backward minutes of the last six weeks, or None before the first log."""
    data = services.progress_for(user, today, HOME_WEEKS)
    if not data.has_logs:
        return None
    minutes = [round(w.backward_minutes, 1) for w in data.week_rows]
    return {
        "this_week_minutes": round(minutes[-1]),
        "weeks": HOME_WEEKS,
        "total_minutes": round(sum(minutes)),
        "sparkline": charts.sparkline(minutes),
    }
