"""A stop decision pauses the whole plan: no session can be played until it lifts."""

from __future__ import annotations

from django.test import Client

from backstride.web.plans import services as plans
from backstride.web.plans.models import TrainingPlan
from tests.web.logbook.test_log_views import post_log


def test_after_a_stop_no_session_of_the_plan_can_be_played(
    owner_client: Client, owner_plan: TrainingPlan
) -> None:
    post_log(owner_client, owner_plan, pain_knee="8", sharp_pain="on")
    later = plans.build_plan(owner_plan).sessions[-1]
    response = owner_client.get(f"/plans/session/{later.uid}/play")
    assert response.status_code == 409
    page = response.content.decode()
    paused = "Paused: see a physiotherapist or doctor before your next backward session."
    assert 'data-testid="paused"' in page and paused in page
    detail = owner_client.get(f"/plans/session/{later.uid}/").content.decode()
    assert paused in detail
    assert f"/plans/session/{later.uid}/play" not in detail


def test_without_a_stop_the_player_opens(owner_client: Client, owner_plan: TrainingPlan) -> None:
    post_log(owner_client, owner_plan, pain_knee="2")
    later = plans.build_plan(owner_plan).sessions[-1]
    assert owner_client.get(f"/plans/session/{later.uid}/play").status_code == 200
