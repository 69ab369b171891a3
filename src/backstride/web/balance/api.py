"""``POST/GET /api/balance-tests`` and ``GET /api/balance-tests/{id}``.

The owner, or a coach they share with (``?athlete=<id>``), may read and record tests;
anyone else gets 404, never a hint that the athlete or the test exists. Bad trial
times are a 400 with the sentence the person needs, and nothing is saved.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Path, Query, Router, Schema, Status
from pydantic import Field

from backstride.training.balance_test import BalanceGroup
from backstride.web.api.auth import api_auth
from backstride.web.api.schemas import Message, ObjectId
from backstride.web.balance import services
from backstride.web.balance.access import athlete_for, may_see
from backstride.web.balance.models import BalancePresent, BalanceSource, BalanceTest

router = Router(auth=api_auth, tags=["balance"])


class BalanceTestIn(Schema):
    trials_s: list[float] = Field(
        max_length=10, description="Timed walks in seconds (the practice walk left out)."
    )
    near_fall: bool = False
    present: BalancePresent = Field(description="Who was within reach during the test.")
    helper_confirmed: bool = Field(description="Must be true: the test is never done alone.")
    group: BalanceGroup | None = None
    source: BalanceSource = BalanceSource.GUIDED
    taken_on: dt.date | None = None


@router.get(
    "/balance-tests",
    response={200: list[dict[str, Any]], 404: Message},
    summary="My 3-metre backward walk tests (or, with ?athlete=, a linked athlete's)",
)
def list_tests(request: HttpRequest, athlete: Query[ObjectId | None] = None) -> Any:
    person = athlete_for(request, athlete)
    history = services.tests_of(person)
    return [services.as_dict(t, history) for t in history]


@router.post(
    "/balance-tests",
    response={201: dict[str, Any], 400: Message, 404: Message},
    summary="Record a 3-metre backward walk test: its timed walks, near-fall, who was there",
)
def create_test(
    request: HttpRequest, payload: BalanceTestIn, athlete: Query[ObjectId | None] = None
) -> Status:
    person = athlete_for(request, athlete)
    today = timezone.localdate()
    taken_on = payload.taken_on or today
    if not dt.date(2000, 1, 1) <= taken_on <= today:
        return Status(400, {"detail": "taken_on must be a date from 2000 up to today."})
    try:
        test = services.record_test(
            person,
            request.user,
            trials_s=payload.trials_s,
            near_fall=payload.near_fall,
            present=str(payload.present),
            helper_confirmed=payload.helper_confirmed,
            group=payload.group.value if payload.group else None,
            source=str(payload.source),
            taken_on=taken_on,
        )
    except ValueError as exc:
        return Status(400, {"detail": str(exc)})
    return Status(201, services.as_dict(test))


@router.get(
    "/balance-tests/{test_id}",
    response={200: dict[str, Any], 404: Message},
    summary="One 3-metre backward walk test with what its result means",
)
def get_test(request: HttpRequest, test_id: Path[ObjectId]) -> Any:
    test = BalanceTest.objects.select_related("athlete").filter(pk=test_id).first()
    if test is None or not may_see(request.user, test.athlete):
        raise Http404("No such test.")
    return services.as_dict(test)
