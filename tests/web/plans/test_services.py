"""The plan services: repeats shift weeks, clearances unblock consults, refusals write nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from backstride.training.models import Clearance
from backstride.training.plans import PlanRefused
from backstride.web.plans import services
from backstride.web.plans.models import ClearanceRecord, TrainingPlan
from tests.web.plans.helpers import answers, onboard, plan_for

MONDAY = dt.date(2026, 3, 2)


def test_a_consult_screening_blocks_the_plan_and_stores_nothing(owner: object) -> None:
    onboard(owner)
    services.save_screening(owner, answers(heart_condition=True))
    with pytest.raises(PlanRefused, match="Record the professional's clearance"):
        services.create_plan(owner, owner, MONDAY, 8)
    assert not TrainingPlan.objects.exists()


def test_a_recorded_clearance_unblocks_the_plan_at_low_intensity(
    owner: object, coach: object
) -> None:
    onboard(owner)
    services.save_screening(owner, answers(heart_condition=True))
    # Cleared three weeks before the screening: valid on any run date (a fixed date stops
    # being valid once it is more than a year old, or fails when it lies in the future).
    cleared_on = timezone.localdate() - dt.timedelta(weeks=3)
    record = services.record_clearance(
        owner, coach, "  Dr Ana Silva ", cleared_on, profession="doctor", confirmed=True
    )
    stored = ClearanceRecord.objects.get()
    assert (stored.professional_name, stored.recorded_by, stored.athlete) == (
        "Dr Ana Silva",
        coach,
        owner,
    )
    assert record.cleared_on == cleared_on
    plan = services.build_plan(services.create_plan(owner, owner, MONDAY, 8))
    assert plan.clearance == Clearance.RESTRICTED
    assert "low-intensity" in [r.value for r in plan.restrictions]


@pytest.mark.parametrize(
    ("name", "date", "message"),
    [
        ("", dt.date(2026, 1, 5), "Enter the name"),
        ("x" * 121, dt.date(2026, 1, 5), "too long"),
        ("Dr Who", dt.date(2999, 1, 1), "future"),
    ],
)
def test_a_clearance_with_bad_details_is_refused(
    owner: object, name: str, date: dt.date, message: str
) -> None:
    onboard(owner)
    services.save_screening(owner, answers(chest_pain=True))
    with pytest.raises(ValueError, match=message):
        services.record_clearance(owner, owner, name, date, profession="doctor", confirmed=True)
    assert not ClearanceRecord.objects.exists()


def test_a_clearance_without_a_consult_screening_is_refused(owner: object) -> None:
    onboard(owner)
    services.save_screening(owner, answers())
    with pytest.raises(ValueError, match="no screening waiting"):
        services.record_clearance(owner, owner, "Dr Who", dt.date(2026, 1, 5))


def test_a_new_plan_retires_the_old_one(owner: object) -> None:
    first = plan_for(owner, start=MONDAY)
    second = services.create_plan(owner, owner, MONDAY + dt.timedelta(days=7), 6)
    first.refresh_from_db()
    assert not first.active and second.active
    assert services.active_plan(owner) == second


def test_the_stored_plan_rebuilds_to_the_same_sessions(owner: object) -> None:
    row = plan_for(owner, start=MONDAY, age=72, population="older-adult", environment="treadmill")
    fresh = TrainingPlan.objects.get(pk=row.pk)
    assert services.build_plan(fresh) == services.build_plan(row)
    assert services.build_plan(fresh).profile.age == 72


def test_repeat_week_records_who_asked_and_stops_after_eight(owner: object, coach: object) -> None:
    row = plan_for(owner, start=MONDAY, weeks=4)
    change = services.repeat_week(row, 2, coach)
    assert (change.week, change.made_by) == (2, coach)
    assert len(services.build_plan(row).weeks) == 5
    for _ in range(7):
        services.repeat_week(row, 1, owner)
    with pytest.raises(ValueError, match="stretched 8 times"):
        services.repeat_week(row, 1, owner)
    assert row.changes.count() == 8
