"""One timeline of every change to an athlete's plan, whoever made it.

Five stores are merged: the plans app's ``PlanChange`` (repeat a week),
``ClearanceRecord`` (a professional's OK) and ``PainReview`` (a professional looked at
the pain behind a pause), the log book's ``LogChange`` (a log corrected or deleted, an
import undone), and this app's notes. Each item says who
did it and when, which is what both athlete and coach need to trust the plan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser

from backstride.web.coaching.models import CoachAction
from backstride.web.logbook.models import LogChange
from backstride.web.plans.models import ClearanceRecord, PainReview, PlanChange

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
    limits = f", limits: {', '.join(record.limits)}" if record.limits else ""
    return (
        f"Recorded clearance by {record.professional_name} ({record.profession_label.lower()}) "
        f"dated {record.cleared_on:%d %b %Y}{limits}"
    )


def _review_text(review: PainReview) -> str:
    note = f": {review.note}" if review.note else ""
    return (
        f"Recorded a pain review by {review.professional_name} "
        f"({review.get_profession_display().lower()}) dated {review.reviewed_on:%d %b %Y}{note}"
    )


def _log_change_text(change: LogChange) -> str:
    return f"{change.get_kind_display()}: {change.detail}"


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
        (PainReview.objects.filter(athlete=athlete), "recorded_by", _review_text, "pain-review"),
        (LogChange.objects.filter(athlete=athlete), "actor", _log_change_text, "log-change"),
    )
    items = [
        HistoryItem(row.created_at, display_name(getattr(row, who), athlete), text(row), kind)
        for rows, who, text, kind in sources
        for row in rows.select_related(f"{who}__profile").order_by("-created_at", "-id")[:limit]
    ]
    items.sort(key=lambda item: item.when, reverse=True)
    return items[:limit]
