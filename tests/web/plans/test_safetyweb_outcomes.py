"""Every screening outcome on the web, and clearances that mean something (issue 9, 1-2).

Each outcome is reached through the real pages (profile, screening form, result page),
so the test sees what a person sees: cleared and restricted get a plan form, supervised
gets a plan that says "helper present" on every session, consult gets the clearance form
(who, profession, date, limits, confirmation) and urgent gets "seek medical help now"
with no form at all.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from backstride.training.models import Clearance, Restriction
from backstride.training.screening_rules import LIMIT_TEXT
from backstride.web.plans import services
from backstride.web.plans.models import ClearanceRecord, Screening, TrainingPlan
from backstride.web.sharing.models import CoachLink
from tests.web.plans.helpers import answers, onboard
from tests.web.plans.test_onboarding_views import screening_post

OUTCOMES: dict[str, tuple[dict[str, bool], int, str]] = {
    # outcome: (yes answers, age, the result page's heading)
    "cleared": ({}, 35, "You are cleared to start"),
    "restricted": ({"knee_problems": True}, 35, "You can start, within limits"),
    "supervised": ({"fall_last_year": True}, 70, "Only with a helper or professional present"),
    "consult": ({"chest_pain": True}, 35, "Check with a professional first"),
    "urgent": ({"chest_pain_at_rest": True}, 35, "Seek medical help now"),
}


def screen_as(client: Client, user: object, outcome: str) -> str:
    yes, age, _ = OUTCOMES[outcome]
    onboard(user, age=age)
    response = client.post("/onboarding/screening/", screening_post(**yes))
    assert response.status_code == 302
    assert Screening.objects.get(athlete=user).clearance == outcome
    return client.get("/onboarding/outcome/").content.decode()


def clearance_post(**changes: object) -> dict[str, object]:
    data = {
        "professional_name": "Dr Okafor",
        "profession": "physiotherapist",
        "cleared_on": (timezone.localdate() - dt.timedelta(days=3)).isoformat(),
        "limits": ["no-fast-drills"],
        "confirm": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.parametrize("outcome", sorted(OUTCOMES))
def test_each_outcome_has_its_own_result_page(
    owner_client: Client, owner: object, outcome: str
) -> None:
    page = screen_as(owner_client, owner, outcome)
    assert OUTCOMES[outcome][2] in page
    has_plan_form = 'action="/onboarding/create-plan/"' in page
    has_clearance_form = 'data-testid="clearance-form"' in page
    assert has_plan_form == (outcome in ("cleared", "restricted", "supervised"))
    assert has_clearance_form == (outcome == "consult")
    if outcome == "urgent":
        assert "a clearance form cannot unlock one" in page


def test_the_supervised_limit_is_worded_from_the_screening_table(
    owner_client: Client, owner: object
) -> None:
    page = screen_as(owner_client, owner, "supervised")
    assert LIMIT_TEXT[Restriction.SUPERVISED].capitalize() in page


def test_a_supervised_plan_says_so_on_every_session_in_plan_and_player(
    owner_client: Client, owner: object
) -> None:
    screen_as(owner_client, owner, "supervised")
    today = timezone.localdate()
    response = owner_client.post(
        "/onboarding/create-plan/", {"start": today.isoformat(), "weeks": "4"}
    )
    assert response.status_code == 302
    plan = services.build_plan(services.active_plan(owner))
    assert all(s.supervised for s in plan.sessions)
    listing = owner_client.get("/plans/list/").content.decode()
    assert listing.count('data-testid="supervised"') == len(plan.sessions)
    first = plan.sessions[0]
    detail = owner_client.get(f"/plans/session/{first.uid}/").content.decode()
    assert 'data-testid="supervised"' in detail
    play = owner_client.get(f"/plans/session/{first.uid}/play").content.decode()
    assert '"supervised": true' in play  # the player's session JSON; player.js shows it
    home = owner_client.get("/home/").content.decode()
    assert "Only with your helper or professional present, every session." in home


def test_an_urgent_result_cannot_be_unlocked_by_a_clearance(
    owner_client: Client, owner: object
) -> None:
    screen_as(owner_client, owner, "urgent")
    response = owner_client.post("/onboarding/clearance/", clearance_post())
    assert response.status_code == 400
    assert "seek medical help now" in response.content.decode()
    assert not ClearanceRecord.objects.exists()
    created = owner_client.post(
        "/onboarding/create-plan/", {"start": timezone.localdate().isoformat(), "weeks": "8"}
    )
    assert created.status_code == 400 and not TrainingPlan.objects.exists()
    home = owner_client.get("/home/").content.decode()
    assert "Seek medical help now. No plan until a doctor has seen you." in home


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"cleared_on": "2999-01-01"}, "cannot be in the future"),
        (
            {"cleared_on": (timezone.localdate() + dt.timedelta(days=1)).isoformat()},
            "cannot be in the future",
        ),
        ({"profession": ""}, "Choose the professional&#x27;s profession from the list."),
        ({"profession": "astrologer"}, "Select a valid choice"),
        ({"professional_name": ""}, "This field is required"),
        ({"confirm": None}, "Tick the box to confirm the clearance."),
        ({"limits": ["fly"]}, "Select a valid choice"),
    ],
)
def test_a_clearance_with_bad_details_is_explained_and_nothing_is_saved(
    owner_client: Client, owner: object, changes: dict[str, object], message: str
) -> None:
    screen_as(owner_client, owner, "consult")
    response = owner_client.post("/onboarding/clearance/", clearance_post(**changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ClearanceRecord.objects.exists()


def test_the_service_refuses_an_empty_profession_and_a_missing_confirmation(
    owner: object,
) -> None:
    onboard(owner)
    services.save_screening(owner, _consult())
    day = timezone.localdate()
    with pytest.raises(ValueError, match="profession"):
        services.record_clearance(owner, owner, "Dr A", day, profession=" ", confirmed=True)
    with pytest.raises(ValueError, match="confirm"):
        services.record_clearance(owner, owner, "Dr A", day, profession="doctor")
    with pytest.raises(ValueError, match="future"):
        services.record_clearance(
            owner, owner, "Dr A", day + dt.timedelta(days=1), profession="doctor", confirmed=True
        )
    assert not ClearanceRecord.objects.exists()


def _consult() -> dict[str, bool]:
    return answers(chest_pain=True)


def test_a_clearance_keeps_who_profession_and_limits_on_the_plan(
    owner_client: Client, owner: object
) -> None:
    screen_as(owner_client, owner, "consult")
    response = owner_client.post(
        "/onboarding/clearance/", clearance_post(limits=["no-fast-drills", "walking-only"])
    )
    assert response.status_code == 302
    record = ClearanceRecord.objects.get()
    assert (record.professional_name, record.profession, record.recorded_by) == (
        "Dr Okafor",
        "physiotherapist",
        owner,
    )
    assert record.limits == ["walking-only", "no-fast-drills"]
    owner_client.post(
        "/onboarding/create-plan/", {"start": timezone.localdate().isoformat(), "weeks": "4"}
    )
    row = services.active_plan(owner)
    assert row.clearance_limits == ["walking-only", "no-fast-drills"]
    plan = services.build_plan(row)
    assert {Restriction.WALKING_ONLY, Restriction.NO_DRILLS} <= set(plan.restrictions)
    assert Restriction.LOW_INTENSITY in plan.restrictions  # every consult starts low
    calendar = owner_client.get("/plans/").content.decode()
    assert 'data-testid="plan-clearance"' in calendar
    assert "Cleared by Dr Okafor (physiotherapist)" in calendar
    assert "Walking only (no backward jogging or running); No fast drills" in calendar
    assert "walking-only" not in calendar.split("plan-clearance")[1].split("</p>")[0]


def test_a_linked_coach_records_a_clearance_seen_in_the_coach_view_and_history(
    owner: object, coach: object
) -> None:
    CoachLink.objects.create(coach=coach, athlete=owner)
    onboard(owner)
    services.save_screening(owner, _consult())
    client = Client()
    client.force_login(coach)
    bad = client.post(
        f"/coach/athletes/{owner.pk}/clearance/", clearance_post(profession=""), follow=True
    )
    assert "Choose the professional&#x27;s profession from the list." in bad.content.decode()
    assert not ClearanceRecord.objects.exists()
    done = client.post(
        f"/coach/athletes/{owner.pk}/clearance/",
        clearance_post(professional_name="Dr Rao", profession="doctor"),
        follow=True,
    )
    page = done.content.decode()
    record = ClearanceRecord.objects.get()
    assert record.recorded_by == coach and record.profession == "doctor"
    assert 'data-testid="coach-clearance"' in page
    assert "Recorded clearance by Dr Rao (doctor)" in page
    assert services.latest_screening(owner).clearance == Clearance.CONSULT
