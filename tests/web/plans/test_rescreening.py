"""A new screening that is less safe than the plan's retires the plan; a same one keeps it."""

from __future__ import annotations

from backstride.web.plans import services
from backstride.web.plans.models import TrainingPlan
from tests.web.plans.helpers import ALL_NO, plan_for


def test_a_new_consult_answer_retires_the_active_plan(owner: object) -> None:
    plan_for(owner)
    services.save_screening(owner, {**ALL_NO, "chest_pain": True})
    assert services.active_plan(owner) is None
    assert TrainingPlan.objects.filter(athlete=owner, active=False).count() == 1


def test_a_new_restriction_retires_the_active_plan(owner: object) -> None:
    plan_for(owner)
    services.save_screening(owner, {**ALL_NO, "balance_problems": True})
    assert services.active_plan(owner) is None


def test_the_same_answers_again_keep_the_plan(owner: object) -> None:
    row = plan_for(owner)
    services.save_screening(owner, dict(ALL_NO))
    assert services.active_plan(owner) == row


def test_the_home_page_then_asks_for_a_clearance(owner: object, owner_client) -> None:
    plan_for(owner)
    owner_client.post(
        "/onboarding/screening/",
        {qid: "yes" if qid == "chest_pain" else "no" for qid in ALL_NO},
    )
    page = owner_client.get("/home/").content.decode()
    assert "No plan yet: a doctor or physiotherapist needs to clear you first." in page
