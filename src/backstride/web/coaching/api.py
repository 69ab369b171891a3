"""JSON API for coaches and athletes: the dashboard data, invites, and ending a link.

Mounted at /api/coach/. Same rules as the pages: coach-only routes answer 403 to
athletes, and a link that is not yours is indistinguishable from a missing one (404).
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from ninja import Path, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from backstride.web.accounts.models import profile_for
from backstride.web.api.auth import api_auth
from backstride.web.api.schemas import BodyIn, Message, ObjectId, StrictStr
from backstride.web.coaching import services, sources
from backstride.web.learn.links import learn_url
from backstride.web.sharing.access import athletes_of
from backstride.web.sharing.models import CoachLink

router = Router(auth=api_auth, tags=["coach"])


class FlagOut(Schema):
    code: str
    label: str
    detail: str
    severity: str
    learn_url: str


class AthleteOut(Schema):
    id: int
    username: str
    display_name: str
    population: str
    link_id: int
    linked_since: dt.datetime
    flags: list[FlagOut]
    planned_sessions: int = Field(description="Planned in the last 28 days (today once logged).")
    done_sessions: int
    adherence_percent: int | None = Field(description="done / planned x 100; target > 70.")
    missed_sessions: int = Field(description="Planned in the last 14 days with no log.")
    last_session: dt.date | None


class InviteIn(BodyIn):
    note: StrictStr = Field(default="", max_length=80)


class InviteOut(Schema):
    id: int
    url: str
    note: str
    expires_at: dt.datetime


class LinkOut(Schema):
    id: int
    coach: str
    athlete: str
    accepted_at: dt.datetime
    revoked_at: dt.datetime | None


def _require_coach(request: HttpRequest) -> None:
    if not profile_for(request.user).is_coach:
        raise HttpError(403, "Only coach accounts can use this route.")


@router.get("/athletes", response={200: list[AthleteOut], 403: Message}, summary="My athletes")
def list_athletes(request: HttpRequest) -> list[dict]:
    """Athletes who accepted (and have not revoked), with flags and adherence."""
    _require_coach(request)
    today = timezone.localdate()
    links = {
        link.athlete_id: link
        for link in CoachLink.objects.filter(coach=request.user, revoked_at__isnull=True)
    }
    out = []
    for athlete in athletes_of(request.user):
        summary = sources.summary_for(athlete, today)
        out.append(
            {
                "id": athlete.pk,
                "username": athlete.get_username(),
                "display_name": athlete.profile.name,
                "population": athlete.profile.population,
                "link_id": links[athlete.pk].pk,
                "linked_since": links[athlete.pk].accepted_at,
                "flags": [
                    {
                        "code": f.code,
                        "label": f.label,
                        "detail": f.detail,
                        "severity": f.severity,
                        "learn_url": learn_url(f.topic, f.anchor),
                    }
                    for f in summary.flags
                ],
                "planned_sessions": summary.planned,
                "done_sessions": summary.done,
                "adherence_percent": summary.adherence_percent,
                "missed_sessions": summary.missed,
                "last_session": summary.last_session,
            }
        )
    return out


@router.post(
    "/invites",
    response={201: InviteOut, 400: Message, 403: Message},
    summary="Create an invite link",
)
def create_invite(request: HttpRequest, payload: InviteIn) -> Status:
    _require_coach(request)
    try:
        invite = services.create_invite(request.user, payload.note)
    except ValueError as exc:
        raise HttpError(400, str(exc)) from None
    url = request.build_absolute_uri(reverse("coaching:invite", args=[invite.token]))
    return Status(
        201, {"id": invite.pk, "url": url, "note": invite.note, "expires_at": invite.expires_at}
    )


@router.post(
    "/links/{link_id}/revoke",
    response={200: LinkOut, 404: Message},
    summary="End a coach link (athlete or coach)",
)
def revoke_link(request: HttpRequest, link_id: Path[ObjectId]) -> dict:
    link = get_object_or_404(
        CoachLink.objects.select_related("coach__profile", "athlete__profile"), pk=link_id
    )
    if request.user.pk not in (link.coach_id, link.athlete_id):
        raise HttpError(404, "Not Found")
    services.revoke_link(link, request.user)
    return {
        "id": link.pk,
        "coach": link.coach.profile.name,
        "athlete": link.athlete.profile.name,
        "accepted_at": link.accepted_at,
        "revoked_at": link.revoked_at,
    }
