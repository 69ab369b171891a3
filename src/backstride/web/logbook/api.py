"""JSON routes for logs: ``POST/GET /api/logs``, ``PATCH/DELETE /api/logs/{id}``, ``GET /api/next``.

``POST /api/logs`` is idempotent when the client gives a key (``client_key`` in the body
or an ``Idempotency-Key`` header, unique per person): the first post answers 201, a
repeat with the same key answers 200 with the entry the first one made, and stores
nothing new. The guided player sends one key per run, so its retries never duplicate.

The guided player posts here when a session ends, with the per-step timings it
measured; they are stored as given (bounded) for the progress pages. Two step shapes are
accepted: the original ``{name, planned_s, actual_s, skipped}`` and the player's own
record (``PlayerStepIn``); the player's run fields (``started_at``, ``finished_at``,
``actual_seconds`` ...) fill in the date and minutes when those are not given.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from ninja import Header, Path, Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import ConfigDict, Field

from backstride.export.plan_json import decision_to_dict, status_to_dict
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
from backstride.web.logbook.models import MAX_CLIENT_KEY, MAX_MINUTES, MAX_NOTES, LogEntry
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
    # Left out or null: pain was not answered (stored as unknown, never as "no pain").
    pain: dict[Annotated[StrictStr, Field(max_length=20)], PainValue] | None = Field(
        default=None, max_length=10
    )
    pre_session_pain: PainValue | None = None
    swelling: StrictBool | None = None
    client_key: StrictStr | None = Field(
        default=None, min_length=1, max_length=MAX_CLIENT_KEY, pattern=r"^[\x21-\x7e]+$"
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
    pain: dict[str, int] | None
    pre_session_pain: int | None
    swelling: bool | None
    sharp_pain: bool
    near_fall: bool
    fall: bool
    next_morning_soreness: int | None
    notes: str
    steps: list[dict[str, Any]]
    action: str
    reasons: list[str]
    next_session_uid: str
    client_key: str
    edited_at: dt.datetime | None


class SavedLog(Schema):
    log: LogOut
    next: dict[str, Any] | None


def _saved(person: Any, entry: LogEntry, today: dt.date) -> dict[str, Any]:
    found = services.decide_next(person, today, up_to=entry)
    nxt = None
    if found and found.decision and found.planned:
        nxt = {"planned_uid": found.planned.uid, **decision_to_dict(found.decision)}
    return {"log": entry, "next": nxt}


@router.post(
    "/logs",
    response={200: SavedLog, 201: SavedLog, 400: Message},
    url_name="create_log",
    summary="Log a session; answers with the adapted next session",
    description=(
        "201: a new entry. 200: the same `client_key` (or `Idempotency-Key` header) was "
        "posted before by this person; the answer is that first entry, nothing new is "
        "stored. A key in both places must be the same."
    ),
)
def create_log(
    request: HttpRequest,
    payload: LogIn,
    idempotency_key: Header[str | None] = None,
) -> Status:
    today = timezone.localdate()
    key = payload.client_key or ""
    if idempotency_key is not None:
        try:
            header_key = services.client_key(idempotency_key)
        except ValueError as exc:
            raise HttpError(400, str(exc)) from None
        if key and header_key and key != header_key:
            raise HttpError(400, "client_key and the Idempotency-Key header differ.")
        key = key or header_key
    earlier = services.existing_for_key(request.user, key)
    if earlier is not None:
        return Status(200, _saved(request.user, earlier, today))
    data = _from_player(payload, today)
    if key:
        data["client_key"] = key
    try:
        with transaction.atomic():
            entry = services.save_log(request.user, request.user, data, today)
    except IntegrityError:
        # A concurrent post with the same key won the race: answer its entry.
        earlier = services.existing_for_key(request.user, key)
        if earlier is None:
            raise
        return Status(200, _saved(request.user, earlier, today))
    except ValueError as exc:
        raise HttpError(400, str(exc)) from None
    return Status(201, _saved(request.user, entry, today))


class LogPatch(BodyIn):
    """The fields a correction may change; a field left out stays as it is.

    Any other field (``session_uid``, ``steps`` ...) is refused with a 422, not ignored.
    """

    model_config = ConfigDict(extra="forbid")

    date: IsoDate | None = None
    completed_fraction: float | None = Field(default=None, ge=0, le=1)
    rpe: float | None = Field(default=None, ge=0, le=10)
    minutes: float | None = Field(default=None, ge=0, le=MAX_MINUTES)
    backward_seconds: float | None = Field(default=None, ge=0, le=MAX_MINUTES * 60)
    backward_meters: float | None = Field(default=None, ge=0, le=50_000)
    pain: dict[Annotated[StrictStr, Field(max_length=20)], PainValue] | None = Field(
        default=None, max_length=10
    )
    pre_session_pain: PainValue | None = None
    swelling: StrictBool | None = None
    sharp_pain: StrictBool | None = None
    near_fall: StrictBool | None = None
    fall: StrictBool | None = None
    notes: StrictStr | None = Field(default=None, max_length=MAX_NOTES)
    next_morning_soreness: PainValue | None = None


# Fields where an explicit null means "not answered"; for the others null is refused.
NULLABLE = {"rpe", "pain", "pre_session_pain", "swelling", "next_morning_soreness"}


def _own_log(request: HttpRequest, log_id: int) -> LogEntry:
    """Only the athlete corrects their logs; anyone else's log is a 404, like a missing one."""
    entry = LogEntry.objects.filter(pk=log_id, athlete=request.user).first()
    if entry is None:
        raise HttpError(404, "No such log.")
    return entry


@router.patch(
    "/logs/{log_id}",
    response={200: SavedLog, 400: Message, 404: Message},
    url_name="update_log",
    summary="Correct a log; the next session is decided again at once",
)
def update_log(request: HttpRequest, log_id: Path[ObjectId], payload: LogPatch) -> Any:
    entry = _own_log(request, log_id)
    changes = payload.dict(exclude_unset=True)
    refused = [k for k, v in changes.items() if v is None and k not in NULLABLE]
    if refused:
        raise HttpError(400, f"{refused[0]} cannot be null.")
    if not changes:
        raise HttpError(400, "Send at least one field to change.")
    today = timezone.localdate()
    try:
        entry = services.update_log(entry, request.user, changes, today)
    except ValueError as exc:
        raise HttpError(400, str(exc)) from None
    return _saved(request.user, entry, today)


@router.delete(
    "/logs/{log_id}",
    response={204: None, 404: Message},
    url_name="delete_log",
    summary="Delete a log; the next session is decided again at once",
)
def delete_log(request: HttpRequest, log_id: Path[ObjectId]) -> Status:
    entry = _own_log(request, log_id)
    services.delete_log(entry, request.user, timezone.localdate())
    return Status(204, None)


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


def status_dict(found: services.NextUp) -> dict[str, Any]:
    """The one status (``export.plan_json.status_to_dict``), as ``backstride next`` gives it."""
    return {} if found.status is None else {"status": status_to_dict(found.status)}


@router.get(
    "/next",
    response={200: dict[str, Any], 404: Message},
    summary="The next session, adapted to the latest logs, with the reasons",
    description=(
        "`status.message` is the current state in the words every page shows (home, session, "
        "play page, calendar); `status.lifts` are the steps that end a hold or pause. 404 without "
        "a plan, with the same message as `detail` when the screening blocks the plan."
    ),
)
def next_session(request: HttpRequest, athlete: Query[ObjectId | None] = None) -> dict[str, Any]:
    person = athlete_for(request, athlete)
    today = timezone.localdate()
    found = services.decide_next(person, today)
    if found is None:
        status = services.status_for(person, today).status
        if status is not None and status.blocked:
            raise HttpError(404, status.message)
        raise HttpError(404, "No plan yet: finish onboarding to get one.")
    if found.decision is None:
        return {
            "action": None,
            "reasons": ["Every session of the plan is done."],
            "session": None,
            **status_dict(found),
        }
    return {
        "planned_uid": found.planned.uid,
        **decision_to_dict(found.decision),
        **status_dict(found),
    }
