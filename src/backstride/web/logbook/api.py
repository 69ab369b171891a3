"""JSON routes for logs: ``POST/GET /api/logs`` and ``GET /api/next``.

The guided player posts here when a session ends, with the per-step timings it
measured; they are stored as given (bounded) for the progress pages. Two step shapes are
accepted: the original ``{name, planned_s, actual_s, skipped}`` and the player's own
record (``PlayerStepIn``); the player's run fields (``started_at``, ``finished_at``,
``actual_seconds`` ...) fill in the date and minutes when those are not given.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from backstride.export.plan_json import decision_to_dict
from backstride.web.api.auth import api_auth
from backstride.web.api.schemas import (
    BodyIn,
    IsoAwareDatetime,
    IsoDate,
    Message,
    ObjectId,
    StrictBool,
    StrictStr,
)
from backstride.web.logbook import services
from backstride.web.logbook.models import MAX_MINUTES, MAX_NOTES, LogEntry
from backstride.web.sharing.access import athlete_for

router = Router(auth=api_auth, tags=["logs"])

PainValue = Annotated[int, Field(ge=0, le=10)]
MAX_STEP_SECONDS = 36_000


class StepIn(BodyIn):
    name: StrictStr = Field(max_length=200)
    planned_s: float = Field(ge=0, le=MAX_STEP_SECONDS)
    actual_s: float = Field(ge=0, le=MAX_STEP_SECONDS)
    skipped: StrictBool = False


class PlayerStepIn(BodyIn):
    """One step as the guided player records it (``Engine.log()`` in engine.js)."""

    index: int = Field(ge=0, le=services.MAX_STEPS)
    block: int = Field(ge=-1, le=services.MAX_STEPS)
    phase: Literal["ready", "work", "walk", "rest"]
    direction: Literal["backward", "forward"] | None = None
    label: StrictStr = Field(max_length=200)
    repeat: int = Field(ge=1, le=1000)
    planned_seconds: float = Field(ge=0, le=MAX_STEP_SECONDS)
    actual_seconds: float = Field(ge=0, le=MAX_STEP_SECONDS)
    skipped: StrictBool = False


class LogIn(BodyIn):
    session_uid: StrictStr | None = Field(default=None, max_length=120)
    date: IsoDate | None = None
    completed_fraction: float = Field(ge=0, le=1)
    rpe: float | None = Field(default=None, ge=0, le=10)
    minutes: float | None = Field(default=None, ge=0, le=MAX_MINUTES)
    backward_seconds: float | None = Field(default=None, ge=0, le=MAX_MINUTES * 60)
    backward_meters: float | None = Field(default=None, ge=0, le=50_000)
    pain: dict[Annotated[StrictStr, Field(max_length=20)], PainValue] = Field(
        default_factory=dict, max_length=10
    )
    sharp_pain: StrictBool = False
    near_fall: StrictBool = False
    fall: StrictBool = False
    notes: StrictStr = Field(default="", max_length=MAX_NOTES)
    steps: list[StepIn | PlayerStepIn] = Field(default_factory=list, max_length=services.MAX_STEPS)
    # What the guided player measured about the run as a whole. The day is taken from
    # finished_at (in the server's time zone) and minutes from actual_seconds when the
    # body does not give date or minutes.
    session_date: IsoDate | None = None
    started_at: IsoAwareDatetime | None = None
    finished_at: IsoAwareDatetime | None = None
    completed: StrictBool | None = None
    actual_seconds: float | None = Field(default=None, ge=0, le=MAX_MINUTES * 60)
    skipped_steps: list[Annotated[int, Field(ge=0, le=services.MAX_STEPS)]] = Field(
        default_factory=list, max_length=services.MAX_STEPS
    )


PLAYER_ONLY = ("session_date", "started_at", "finished_at", "completed", "actual_seconds")


def _from_player(payload: LogIn, today: dt.date) -> dict[str, Any]:
    """The body as ``services.save_log`` takes it, with the player's run fields folded in."""
    if payload.started_at and payload.finished_at and payload.started_at > payload.finished_at:
        raise HttpError(400, "started_at must not be after finished_at.")
    data = payload.dict()
    data["steps"] = [step.dict() for step in payload.steps]
    if data.get("date") is None and payload.finished_at is not None:
        try:
            finished = timezone.localdate(payload.finished_at)
        except (OverflowError, ValueError):  # year 1 at +14:00 has no local date
            raise HttpError(400, "finished_at is not a usable date and time.") from None
        # A phone clock a little ahead must not make the log "a day that has not come yet".
        data["date"] = min(finished, today)
    if data.get("minutes") is None and payload.actual_seconds is not None:
        data["minutes"] = round(payload.actual_seconds / 60, 1)
    for name in (*PLAYER_ONLY, "skipped_steps"):
        data.pop(name, None)
    return {k: v for k, v in data.items() if v is not None}


class LogOut(Schema):
    id: int
    date: dt.date
    session_uid: str
    completed_fraction: float
    rpe: float | None
    minutes: float
    backward_seconds: float
    backward_meters: float
    pain: dict[str, int]
    sharp_pain: bool
    near_fall: bool
    fall: bool
    next_morning_soreness: int | None
    notes: str
    steps: list[dict[str, Any]]
    action: str
    reasons: list[str]
    next_session_uid: str


class SavedLog(Schema):
    log: LogOut
    next: dict[str, Any] | None


@router.post(
    "/logs",
    response={201: SavedLog, 400: Message},
    url_name="create_log",
    summary="Log a session; answers with the adapted next session",
)
def create_log(request: HttpRequest, payload: LogIn) -> Status:
    today = timezone.localdate()
    data = _from_player(payload, today)
    try:
        with transaction.atomic():
            entry = services.save_log(request.user, request.user, data, today)
    except ValueError as exc:
        raise HttpError(400, str(exc)) from None
    found = services.decide_next(request.user, today, up_to=entry)
    nxt = None
    if found and found.decision and found.planned:
        nxt = {"planned_uid": found.planned.uid, **decision_to_dict(found.decision)}
    return Status(201, {"log": entry, "next": nxt})


@router.get(
    "/logs",
    response={200: list[LogOut], 404: Message},
    summary="Logged sessions, newest first",
)
def list_logs(
    request: HttpRequest,
    athlete: Query[ObjectId | None] = None,
    limit: int = Query(100, ge=1, le=500),
) -> Any:
    person = athlete_for(request, athlete)
    return LogEntry.objects.filter(athlete=person).order_by("-date", "-id")[:limit]


@router.get(
    "/next",
    response={200: dict[str, Any], 404: Message},
    summary="The next session, adapted to the latest logs, with the reasons",
)
def next_session(request: HttpRequest, athlete: Query[ObjectId | None] = None) -> dict[str, Any]:
    person = athlete_for(request, athlete)
    found = services.decide_next(person, timezone.localdate())
    if found is None:
        raise HttpError(404, "No plan yet: finish onboarding to get one.")
    if found.decision is None:
        return {"action": None, "reasons": ["Every session of the plan is done."], "session": None}
    return {"planned_uid": found.planned.uid, **decision_to_dict(found.decision)}
