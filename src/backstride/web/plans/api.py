"""JSON routes for the plan: ``GET /api/plan`` and ``GET /api/plan/sessions/{uid}``.

The shapes are the export's (``plan_json``), so scripts, the player and the CLI read
one format. ``?athlete=<id>`` lets a coach read an athlete who shares with them.
"""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Path, Query, Router
from ninja.errors import HttpError
from pydantic import Field

from backstride.export.plan_json import decision_to_dict, plan_to_dict, session_to_dict
from backstride.training import schedule
from backstride.web.api.auth import api_auth
from backstride.web.api.schemas import Message, ObjectId
from backstride.web.logbook import services as logbook
from backstride.web.plans import services
from backstride.web.sharing.access import athlete_for

router = Router(auth=api_auth, tags=["plans"])

Uid = Annotated[str, Field(min_length=1, max_length=120, pattern=r"^[A-Za-z0-9-]+$")]


def _plan(request: HttpRequest, athlete: int | None) -> tuple[Any, Any, Any]:
    person = athlete_for(request, athlete)
    row = services.active_plan(person)
    if row is None:
        raise HttpError(404, "No plan yet: finish onboarding to get one.")
    return person, row, services.build_plan(row)


@router.get(
    "/plan",
    response={200: dict[str, Any], 404: Message},
    summary="The active plan, every week and session",
)
def get_plan(request: HttpRequest, athlete: Query[ObjectId | None] = None) -> dict[str, Any]:
    _, row, plan = _plan(request, athlete)
    data = plan_to_dict(plan)
    data["changes"] = [
        {
            "kind": c.kind,
            "week": c.week,
            "made_by": c.made_by.get_username() if c.made_by else None,
            "at": c.created_at.isoformat(),
        }
        for c in row.changes.select_related("made_by")
    ]
    return data


@router.get(
    "/plan/sessions/{uid}",
    response={200: dict[str, Any], 404: Message},
    summary="One planned session, and its adapted version if the latest log changed it",
)
def get_session(
    request: HttpRequest,
    uid: Path[Uid],
    athlete: Query[ObjectId | None] = None,
) -> dict[str, Any]:
    person, _, plan = _plan(request, athlete)
    session = schedule.find_session(plan, uid)
    if session is None:
        raise HttpError(404, "No such session in this plan.")
    data = session_to_dict(session)
    adapted = logbook.adapted_session(person, uid)
    data["adaptation"] = decision_to_dict(adapted[0]) if adapted else None
    return data
