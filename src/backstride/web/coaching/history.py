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


def history_for(athlete: AbstractBaseUser, limit: int = MAX_ITEMS) -> list[HistoryItem]:
    """Newest first, at most ``limit`` items."""
    items: list[HistoryItem] = []
    for note in CoachAction.objects.filter(athlete=athlete).select_related("actor__profile")[
        :limit
    ]:
        about = f" (session {note.session_uid})" if note.session_uid else ""
        items.append(
            HistoryItem(
                note.created_at,
                display_name(note.actor, athlete),
                f"Note{about}: {note.detail}",
                "note",
            )
        )
    changes = (
        PlanChange.objects.filter(plan__athlete=athlete)
        .select_related("made_by__profile")
        .order_by("-created_at", "-id")[:limit]
    )
    for change in changes:
        items.append(
            HistoryItem(
                change.created_at,
                display_name(change.made_by, athlete),
                f"{change.get_kind_display()}: week {change.week}",
                "plan-change",
            )
        )
    records = (
        ClearanceRecord.objects.filter(athlete=athlete)
        .select_related("recorded_by__profile")
        .order_by("-created_at", "-id")[:limit]
    )
    for record in records:
        items.append(
            HistoryItem(
                record.created_at,
                display_name(record.recorded_by, athlete),
                f"Recorded clearance by {record.professional_name} "
                f"dated {record.cleared_on:%d %b %Y}",
                "clearance",
            )
        )
    items.sort(key=lambda item: item.when, reverse=True)
    return items[:limit]
