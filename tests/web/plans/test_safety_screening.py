"""The web glue with the new screening outcomes: urgent retires a plan, old answers load."""

from __future__ import annotations

import pytest
from django.utils import timezone

from backstride.training.models import Clearance, Restriction
from backstride.training.plans import PlanRefused
from backstride.training.screening import REQUIRED_IDS
from backstride.web.plans import services
from backstride.web.plans.models import TrainingPlan
from tests.web.plans.helpers import ALL_NO, onboard, plan_for


def test_an_urgent_answer_retires_the_active_plan_and_allows_no_clearance(owner: object) -> None:
    plan_for(owner)
    screening = services.save_screening(owner, {**ALL_NO, "chest_pain_at_rest": True})
    assert screening.clearance == Clearance.URGENT
    assert services.active_plan(owner) is None
    with pytest.raises(ValueError, match="seek medical help now"):
        services.record_clearance(owner, owner, "Dr Who", screening.created_at.date())
    with pytest.raises(PlanRefused, match="seek medical help now"):
        services.create_plan(owner, owner, screening.created_at.date(), 8)


def test_a_plan_stored_with_first_version_answers_still_builds(owner: object) -> None:
    row = plan_for(owner)
    TrainingPlan.objects.filter(pk=row.pk).update(
        screening_answers=dict.fromkeys(REQUIRED_IDS, False)
    )
    built = services.build_plan(TrainingPlan.objects.get(pk=row.pk))
    # The new questions are unanswered, so the plan walks with support until they are.
    assert built.clearance == Clearance.RESTRICTED
    assert Restriction.WALKING_ONLY in built.restrictions
    assert not any(s.has_backward_running for s in built.sessions)


def test_a_fall_at_72_gives_a_supervised_plan(owner: object) -> None:
    onboard(owner, age=72, population="older-adult")
    services.save_screening(owner, {**ALL_NO, "fall_last_year": True})
    row = services.create_plan(owner, owner, timezone.localdate(), 4)
    built = services.build_plan(row)
    assert built.clearance == Clearance.SUPERVISED
    assert all(s.supervised for s in built.sessions)
