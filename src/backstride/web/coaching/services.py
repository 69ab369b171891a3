"""Creating, accepting and ending coach links; shared by the pages and the API.

Every function validates first and writes inside one transaction, so a refused
request (a ValueError with a sentence for the person) leaves the database untouched.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from backstride.training import schedule
from backstride.web.accounts.models import profile_for
from backstride.web.coaching.models import CoachAction, Invite
from backstride.web.coaching.sources import planned_session_titles
from backstride.web.plans import services as plans
from backstride.web.sharing.access import can_view
from backstride.web.sharing.models import CoachLink

MAX_OPEN_INVITES = 20
MAX_NOTE_CHARS = 80
MAX_TOKEN_CHARS = 64


def create_invite(coach: AbstractBaseUser, note: str = "") -> Invite:
    """A fresh single-use link for ``coach`` to share with one athlete."""
    if not profile_for(coach).is_coach:
        raise ValueError(
            "Only coach accounts can invite athletes; switch your role on the account page."
        )
    note = (note or "").strip()
    if len(note) > MAX_NOTE_CHARS:
        raise ValueError(f"Keep the note to {MAX_NOTE_CHARS} characters or fewer.")
    open_count = Invite.objects.filter(
        coach=coach, used_at__isnull=True, expires_at__gt=timezone.now()
    ).count()
    if open_count >= MAX_OPEN_INVITES:
        raise ValueError(
            f"You already have {MAX_OPEN_INVITES} unused invite links; cancel some first."
        )
    return Invite.objects.create(coach=coach, note=note)


def find_invite(token: str) -> Invite | None:
    """The invite behind a link, whatever its state; None for tokens that never existed."""
    if not token or len(token) > MAX_TOKEN_CHARS:
        return None
    return Invite.objects.select_related("coach__profile").filter(token=token).first()


def invite_problem(invite: Invite | None, athlete: AbstractBaseUser) -> str | None:
    """Why ``athlete`` cannot accept ``invite`` right now, or None when they can."""
    if invite is None:
        return "This invite link is not valid. Ask your coach for a new one."
    if invite.used_at is not None:
        return "This invite link has already been used. Ask your coach for a new one."
    if invite.expires_at <= timezone.now():
        return "This invite link has expired. Ask your coach for a new one."
    if invite.coach_id == athlete.pk:
        return "This is your own invite link: send it to the athlete you coach."
    if CoachLink.objects.filter(
        coach_id=invite.coach_id, athlete=athlete, revoked_at__isnull=True
    ).exists():
        return "You already share your training with this coach."
    return None


def accept_invite(token: str, athlete: AbstractBaseUser) -> CoachLink:
    """Turn an open invite into a live link and use the invite up, atomically."""
    with transaction.atomic():
        invite = find_invite(token)
        if invite is not None:
            # Lock the row so two tabs accepting the same link cannot both succeed.
            invite = Invite.objects.select_for_update().get(pk=invite.pk)
        problem = invite_problem(invite, athlete)
        if problem:
            raise ValueError(problem)
        claimed = Invite.objects.filter(pk=invite.pk, used_at__isnull=True).update(
            used_at=timezone.now()
        )
        if claimed != 1:
            raise ValueError(
                "This invite link has already been used. Ask your coach for a new one."
            )
        profile_for(athlete)  # the dashboard shows the athlete's name from the profile
        return CoachLink.objects.create(coach_id=invite.coach_id, athlete=athlete)


def revoke_link(link: CoachLink, by: AbstractBaseUser) -> CoachLink:
    """End a link; either side may do it. Access stops with this write."""
    if by.pk not in (link.coach_id, link.athlete_id):
        raise PermissionError("Only the athlete or the coach can end this link.")
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.revoked_by = "athlete" if by.pk == link.athlete_id else "coach"
        link.save(update_fields=["revoked_at", "revoked_by"])
    return link


def cancel_invite(invite: Invite) -> None:
    """Unused links can be withdrawn; used ones stay as the record of the accepted link."""
    if invite.used_at is not None:
        raise ValueError("This invite was already accepted; end the link on the athlete's page.")
    invite.delete()


MAX_NOTE_TEXT = 500


def add_session_note(
    athlete: AbstractBaseUser, coach: AbstractBaseUser, text: str, session_uid: str = ""
) -> CoachAction:
    """A note from the coach, optionally about one planned session (checked to exist)."""
    if not can_view(coach, athlete):
        raise PermissionError("You no longer have access to this athlete.")
    text = (text or "").strip()
    if not text:
        raise ValueError("Write the note first.")
    if len(text) > MAX_NOTE_TEXT:
        raise ValueError(f"Keep the note to {MAX_NOTE_TEXT} characters or fewer.")
    session_uid = (session_uid or "").strip()
    if session_uid and session_uid not in planned_session_titles(athlete):
        raise ValueError("That session is not in the athlete's current plan.")
    return CoachAction.objects.create(
        athlete=athlete, actor=coach, session_uid=session_uid, detail=text
    )


def coach_record_clearance(
    athlete: AbstractBaseUser,
    coach: AbstractBaseUser,
    professional_name: str,
    date: dt.date,
    *,
    profession: str = "",
    limits: tuple[str, ...] | list[str] = (),
    confirmed: bool = False,
) -> object:
    """Record a professional's clearance on the athlete's behalf (audited by plans)."""
    if not can_view(coach, athlete):
        raise PermissionError("You no longer have access to this athlete.")
    return plans.record_clearance(
        athlete,
        coach,
        professional_name,
        date,
        profession=profession,
        limits=limits,
        confirmed=confirmed,
    )


def coach_repeat_week(athlete: AbstractBaseUser, coach: AbstractBaseUser, today: dt.date) -> object:
    """Record "repeat this week" for the athlete's current week (audited by plans' PlanChange)."""
    if not can_view(coach, athlete):
        raise PermissionError("You no longer have access to this athlete.")
    plan_row = plans.active_plan(athlete)
    if plan_row is None:
        raise ValueError("This athlete has no plan yet.")
    week = schedule.current_week(plans.build_plan(plan_row), today)
    return plans.repeat_week(plan_row, week, coach)
