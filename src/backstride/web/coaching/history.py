"""One timeline of every change to an athlete's plan, whoever made it.

Three stores are merged: the plans app's ``PlanChange`` (repeat a week) and
``ClearanceRecord`` (a professional's OK), and this app's notes. Each item says who
did it and when, which is what both athlete and coach need to trust the plan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser

from backstride.web.coaching.models import CoachAction
from backstride.web.plans.models import ClearanceRecord, PlanChange

MAX_ITEMS = 50


@dataclass(frozen=True)
class HistoryItem:
    when: dt.datetime
    who: str
    what: str
    kind: str


def display_name(user: AbstractBaseUser | None, athlete: AbstractBaseUser) -> str:
    if user is None:
        return "A former coach"
    if user.pk == athlete.pk:
        return "The athlete"
    profile = getattr(user, "profile", None)
    return profile.name if profile is not None else user.get_username()


def _note_text(note: CoachAction) -> str:
    about = f" (session {note.session_uid})" if note.session_uid else ""
    return f"Note{about}: {note.detail}"


def _change_text(change: PlanChange) -> str:
    return change.describe()


def _clearance_text(record: ClearanceRecord) -> str:
    return f"Recorded clearance by {record.professional_name} dated {record.cleared_on:%d %b %Y}"


def history_for(athlete: AbstractBaseUser, limit: int = MAX_ITEMS) -> list[HistoryItem]:
    """Newest first, at most ``limit`` items."""
    sources = (
        (CoachAction.objects.filter(athlete=athlete), "actor", _note_text, "note"),
        (PlanChange.objects.filter(plan__athlete=athlete), "made_by", _change_text, "plan-change"),
        (
            ClearanceRecord.objects.filter(athlete=athlete),
            "recorded_by",
            _clearance_text,
            "clearance",
        ),
    )
    items = [
        HistoryItem(row.created_at, display_name(getattr(row, who), athlete), text(row), kind)
        for rows, who, text, kind in sources
        for row in rows.select_related(f"{who}__profile").order_by("-created_at", "-id")[:limit]
    ]
    items.sort(key=lambda item: item.when, reverse=True)
    return items[:limit]
