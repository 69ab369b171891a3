"""What the signed-in home page shows about training: one call for core's dashboard.

Kept here (not in ``core``) so the dashboard stays a thin page and the rules for
"what to show next" live with the plan and log code they depend on.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from backstride.export.text import format_seconds
from backstride.web.logbook import services
from backstride.web.logbook.status_ui import status_context
from backstride.web.plans import services as plans
from backstride.web.plans.models import TrainingProfile


def home_summary(user: AbstractBaseUser, today: dt.date) -> dict[str, Any]:
    """Onboarding state, the adapted next session and an open soreness question."""
    screening = plans.latest_screening(user)
    plan_row = plans.active_plan(user)
    state = status_context(user, user, today)
    next_up = state["current"] if plan_row else None
    session = next_up.decision.session if next_up and next_up.decision else None
    return {
        **state,
        "has_training_profile": TrainingProfile.objects.filter(user=user).exists(),
        "screening": screening,
        "needs_clearance": bool(
            screening and screening.needs_clearance and not screening.is_cleared_by_professional
        ),
        "plan_row": plan_row,
        "next_up": next_up,
        "next_total": format_seconds(session.total_seconds) if session else "",
        "soreness_entry": services.pending_soreness(user, today),
        "soreness_scale": range(11),
        "recent_logs": list(user.session_logs.order_by("-date", "-id")[:3]),
    }
