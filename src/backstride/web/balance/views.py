"""The balance pages: past tests with what they mean, and the guided test for the phone.

The guided page measures and speaks; the result and its meaning come back from
``POST /api/balance-tests`` (``services.as_dict``), the same words as every other place.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from backstride.training.balance_test import PROTOCOL, BalanceGroup, next_test_due
from backstride.web.balance import services
from backstride.web.balance.access import athlete_for, parse_athlete_id
from backstride.web.balance.models import BalancePresent


@require_GET
@login_required
def index(request: HttpRequest) -> HttpResponse:
    athlete = athlete_for(request, parse_athlete_id(request.GET.get("athlete")))
    history = services.tests_of(athlete)
    return render(
        request,
        "balance/index.html",
        {
            "athlete": athlete,
            "own": athlete.pk == request.user.pk,
            "tests": [services.as_dict(t, history) for t in history],
            "protocol": PROTOCOL,
            "next_due": next_test_due(
                history[0].taken_on if history else None, timezone.localdate()
            ),
        },
    )


@require_GET
@login_required
def guided(request: HttpRequest) -> HttpResponse:
    """Set-up, helper confirmation, then the practice walk and the timed walks."""
    return render(
        request,
        "balance/guided.html",
        {
            "protocol": PROTOCOL,
            "present_choices": BalancePresent.choices,
            "groups": [g.value for g in BalanceGroup],
            "default_group": services.default_group(request.user).value,
        },
    )
