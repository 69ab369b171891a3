"""A coach the athlete accepted may read their plan and logs; nobody else, and no writes."""

from __future__ import annotations

import pytest
from django.test import Client

from backstride.web.api.tokens import issue_token
from backstride.web.coaching import services as coaching
from backstride.web.plans import services
from backstride.web.plans.models import TrainingPlan


@pytest.fixture
def linked_coach(owner: object, coach: object) -> Client:
    invite = coaching.create_invite(coach)
    coaching.accept_invite(invite.token, owner)
    client = Client()
    client.force_login(coach)
    return client


def test_a_linked_coach_reads_the_athletes_plan_pages_and_api(
    linked_coach: Client, owner: object, coach: object, owner_plan: TrainingPlan
) -> None:
    first = services.build_plan(owner_plan).sessions[0]
    uid = first.uid
    # The plan began 10 days ago, maybe last month: ask for that month, not the default.
    month = first.date.strftime("%Y-%m")
    calendar = linked_coach.get(f"/plans/?athlete={owner.pk}&month={month}")
    assert calendar.status_code == 200
    assert f'href="/plans/session/{uid}/?athlete={owner.pk}"' in calendar.content.decode()
    detail = linked_coach.get(f"/plans/session/{uid}/?athlete={owner.pk}").content.decode()
    assert "Log this session" not in detail  # only the athlete logs their own sessions
    _, raw = issue_token(coach, "coach")
    api = Client(headers={"authorization": f"Bearer {raw}"})
    assert api.get(f"/api/plan?athlete={owner.pk}").json()["start"] == owner_plan.start.isoformat()


def test_a_linked_coach_can_repeat_the_athletes_week_and_is_recorded(
    linked_coach: Client, owner: object, coach: object, owner_plan: TrainingPlan
) -> None:
    response = linked_coach.post(f"/plans/repeat-week/?athlete={owner.pk}", {"week": "2"})
    assert response.status_code == 302
    assert owner_plan.changes.get().made_by == coach


def test_a_coach_cannot_log_for_the_athlete(
    linked_coach: Client, owner: object, owner_plan: TrainingPlan
) -> None:
    uid = services.build_plan(owner_plan).sessions[0].uid
    assert linked_coach.get(f"/log/session/{uid}/").status_code == 404


def test_after_the_athlete_revokes_the_coach_sees_404(
    linked_coach: Client, owner: object, coach: object, owner_plan: TrainingPlan
) -> None:
    from backstride.web.sharing.models import CoachLink

    coaching.revoke_link(CoachLink.objects.get(coach=coach, athlete=owner), owner)
    assert linked_coach.get(f"/plans/?athlete={owner.pk}").status_code == 404
