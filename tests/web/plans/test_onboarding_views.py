"""Onboarding pages: profile, screening, outcome, clearance and plan creation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from backstride.training.screening import QUESTION_IDS, QUESTIONS
from backstride.web.plans.models import ClearanceRecord, Screening, TrainingPlan, TrainingProfile
from tests.web.plans.helpers import onboard

PROFILE = {
    "age": "45",
    "population": "knee-rehab",
    "running_experience_years": "0",
    "sessions_per_week": "2",
    "environment": "flat-ground",
    "goals": ["knee-health", "balance"],
    "body_mass_kg": "",
}


def screening_post(**yes: bool) -> dict[str, str]:
    return {qid: "yes" if yes.get(qid) else "no" for qid in QUESTION_IDS}


def test_the_profile_form_stores_what_the_person_entered(
    owner_client: Client, owner: object
) -> None:
    response = owner_client.post("/onboarding/", PROFILE)
    assert response.status_code == 302 and response["Location"] == "/onboarding/screening/"
    row = TrainingProfile.objects.get(user=owner)
    assert (row.age, row.population, row.sessions_per_week, row.environment) == (
        45,
        "knee-rehab",
        2,
        "flat-ground",
    )
    assert row.goals == ["knee-health", "balance"] and row.body_mass_kg is None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("age", "7", "greater than or equal to 10"),
        ("age", "abc", "Enter a whole number"),
        ("age", "9" * 30, "less than or equal to 100"),
        ("sessions_per_week", "5", "Select a valid choice"),
        ("environment", "moon", "Select a valid choice"),
        ("goals", ["fame"], "Select a valid choice"),
        ("body_mass_kg", "4000", "less than or equal to 300"),
    ],
)
def test_bad_profile_answers_are_explained_and_nothing_is_saved(
    owner_client: Client, field: str, value: object, message: str
) -> None:
    response = owner_client.post("/onboarding/", {**PROFILE, field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not TrainingProfile.objects.exists()


def test_the_screening_page_asks_every_question(owner_client: Client, owner: object) -> None:
    onboard(owner)
    page = owner_client.get("/onboarding/screening/").content.decode()
    for question in QUESTIONS:
        assert question.text.replace("'", "&#x27;") in page


def test_the_screening_is_skipped_to_the_profile_when_there_is_none(owner_client: Client) -> None:
    assert owner_client.get("/onboarding/screening/")["Location"] == "/onboarding/"


def test_an_unanswered_question_is_asked_again_and_nothing_is_stored(
    owner_client: Client, owner: object
) -> None:
    onboard(owner)
    answers = screening_post()
    del answers["dizziness"]
    response = owner_client.post("/onboarding/screening/", answers)
    assert response.status_code == 200
    assert "Please answer yes or no." in response.content.decode()
    assert not Screening.objects.exists()


def test_an_empty_screening_post_asks_every_question_again(
    owner_client: Client, owner: object
) -> None:
    onboard(owner)
    response = owner_client.post("/onboarding/screening/", {})
    assert response.status_code == 200
    assert response.content.decode().count("Please answer yes or no.") == len(QUESTIONS)
    assert not Screening.objects.exists()


def test_a_clear_screening_explains_the_outcome_and_creates_a_plan(
    owner_client: Client, owner: object
) -> None:
    onboard(owner)
    owner_client.post("/onboarding/screening/", screening_post())
    page = owner_client.get("/onboarding/outcome/").content.decode()
    assert "You are cleared to start" in page and "Create my plan" in page
    response = owner_client.post(
        "/onboarding/create-plan/", {"start": timezone.localdate().isoformat(), "weeks": "6"}
    )
    assert response["Location"] == "/plans/"
    plan = TrainingPlan.objects.get(athlete=owner)
    assert plan.weeks == 6 and plan.screening_answers == dict.fromkeys(QUESTION_IDS, False)


def test_a_restricted_screening_lists_the_limits(owner_client: Client, owner: object) -> None:
    onboard(owner, age=70)
    owner_client.post("/onboarding/screening/", screening_post(balance_problems=True))
    page = owner_client.get("/onboarding/outcome/").content.decode()
    assert "You can start, within limits" in page
    assert "Walking only (no backward jogging or running)" in page
    assert "Handrails held on a treadmill" in page


def test_a_consult_blocks_the_plan_until_a_clearance_is_recorded(
    owner_client: Client, owner: object
) -> None:
    onboard(owner)
    owner_client.post("/onboarding/screening/", screening_post(chest_pain=True))
    page = owner_client.get("/onboarding/outcome/").content.decode()
    assert "Check with a professional first" in page and "You reported chest pain." in page
    assert "Create my plan" not in page
    refused = owner_client.post(
        "/onboarding/create-plan/", {"start": timezone.localdate().isoformat(), "weeks": "8"}
    )
    assert refused.status_code == 400 and "No plan yet" in refused.content.decode()
    assert not TrainingPlan.objects.exists()

    cleared_on = timezone.localdate() - dt.timedelta(days=30)  # valid whatever today is
    cleared = owner_client.post(
        "/onboarding/clearance/",
        {
            "professional_name": "Dr Okafor",
            "profession": "doctor",
            "cleared_on": cleared_on.isoformat(),
            "confirm": "on",
        },
    )
    assert cleared.status_code == 302
    record = ClearanceRecord.objects.get()
    assert (record.professional_name, record.recorded_by, record.cleared_on) == (
        "Dr Okafor",
        owner,
        cleared_on,
    )
    page = owner_client.get("/onboarding/outcome/").content.decode()
    assert "Cleared by Dr Okafor" in page and "Create my plan" in page


@pytest.mark.parametrize(
    "data",
    [
        {"professional_name": "", "cleared_on": "2026-01-10"},
        {"professional_name": "Dr X", "cleared_on": "not a date"},
        {"professional_name": "Dr X", "cleared_on": "2999-01-01"},
        {"professional_name": "x" * 500, "cleared_on": "2026-01-10"},
    ],
)
def test_a_bad_clearance_is_refused_with_a_message(
    owner_client: Client, owner: object, data: dict[str, str]
) -> None:
    onboard(owner)
    owner_client.post("/onboarding/screening/", screening_post(heart_condition=True))
    response = owner_client.post("/onboarding/clearance/", data)
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    assert not ClearanceRecord.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"start": "2001-01-01", "weeks": "8"},
        {"start": "2026-13-45", "weeks": "8"},
        {"start": timezone.localdate().isoformat(), "weeks": "3"},
        {"start": timezone.localdate().isoformat(), "weeks": "9" * 20},
    ],
)
def test_a_bad_plan_start_is_refused_and_nothing_is_stored(
    owner_client: Client, owner: object, data: dict[str, str]
) -> None:
    onboard(owner)
    owner_client.post("/onboarding/screening/", screening_post())
    response = owner_client.post("/onboarding/create-plan/", data)
    assert response.status_code == 400
    assert not TrainingPlan.objects.exists()
