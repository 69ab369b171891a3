"""Readiness screening: one test per rule, plus a property over random answers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backstride.training.models import Clearance, Profile, Restriction
from backstride.training.screening import QUESTION_IDS, QUESTIONS, screen

ALL_NO = dict.fromkeys(QUESTION_IDS, False)
CARDIAC = [q.id for q in QUESTIONS if q.category == "cardiac"]


def answers(*yes: str) -> dict[str, bool]:
    return {**ALL_NO, **dict.fromkeys(yes, True)}


def test_question_ids_are_unique_and_cover_the_required_categories():
    assert len(set(QUESTION_IDS)) == len(QUESTIONS)
    categories = {q.category for q in QUESTIONS}
    assert {"cardiac", "balance", "vision", "orthopaedic", "injury", "dizziness", "pain"} <= (
        categories
    )
    assert len(CARDIAC) == 4
    assert all(q.text.endswith("?") for q in QUESTIONS)


def test_all_no_answers_clear_the_person_without_restrictions():
    result = screen(ALL_NO)
    assert result.clearance == Clearance.CLEARED
    assert result.restrictions == ()
    assert result.reasons


@pytest.mark.parametrize("qid", [*CARDIAC, "chronic_condition", "pain_at_rest", "recent_surgery"])
def test_each_consult_question_alone_leads_to_consult(qid):
    result = screen(answers(qid))
    assert result.clearance == Clearance.CONSULT
    assert len(result.reasons) == 1


@pytest.mark.parametrize("qid", ["balance_problems", "vision_impairment"])
def test_balance_or_vision_problems_restrict_to_walking_with_handrails(qid):
    result = screen(answers(qid))
    assert result.clearance == Clearance.RESTRICTED
    assert result.restrictions == (
        Restriction.WALKING_ONLY,
        Restriction.TREADMILL_HANDRAILS,
        Restriction.NO_DRILLS,
    )


@pytest.mark.parametrize("qid", ["balance_problems", "vision_impairment"])
def test_balance_or_vision_problems_with_dizziness_lead_to_consult(qid):
    result = screen(answers(qid, "dizziness"))
    assert result.clearance == Clearance.CONSULT
    assert any("Dizziness together" in r for r in result.reasons)
    assert Restriction.WALKING_ONLY in result.restrictions


def test_dizziness_alone_needs_a_professional_first_then_walking_with_support():
    # The Learn pages say dizziness means hold off and ask first; the code now agrees.
    result = screen(answers("dizziness"))
    assert result.clearance == Clearance.CONSULT
    assert Restriction.WALKING_ONLY in result.restrictions
    assert Restriction.TREADMILL_HANDRAILS in result.restrictions


def test_knee_problems_restrict_to_low_intensity_but_allow_later_running():
    result = screen(answers("knee_problems"))
    assert result.clearance == Clearance.RESTRICTED
    assert result.restrictions == (Restriction.LOW_INTENSITY,)


def test_knee_problems_with_pain_at_rest_lead_to_consult():
    assert screen(answers("knee_problems", "pain_at_rest")).clearance == Clearance.CONSULT


def test_recent_injury_restricts_to_low_intensity_walking():
    result = screen(answers("recent_injury"))
    assert result.clearance == Clearance.RESTRICTED
    assert result.restrictions == (Restriction.WALKING_ONLY, Restriction.LOW_INTENSITY)


def test_an_older_adult_with_a_balance_issue_is_sent_to_handrails_or_a_helper():
    result = screen(answers("balance_problems"), Profile(age=72))
    assert result.clearance == Clearance.RESTRICTED
    assert any("At 72" in r and "someone beside you" in r for r in result.reasons)
    assert Restriction.TREADMILL_HANDRAILS in result.restrictions


def test_a_younger_adult_with_a_balance_issue_gets_no_age_reason():
    result = screen(answers("balance_problems"), Profile(age=40))
    assert not any(r.startswith("At ") for r in result.reasons)


def test_an_older_adult_without_any_yes_is_cleared():
    assert screen(ALL_NO, Profile(age=80)).clearance == Clearance.CLEARED


def test_unknown_question_ids_are_named_in_the_error():
    with pytest.raises(ValueError, match="unknown screening question id\\(s\\): smoker"):
        screen({**ALL_NO, "smoker": True})


def test_non_boolean_answers_are_refused():
    with pytest.raises(ValueError, match="true or false, not for: dizziness"):
        screen({**ALL_NO, "dizziness": "no"})


def test_missing_answers_are_listed_and_never_taken_as_no():
    partial = {k: v for k, v in ALL_NO.items() if k not in ("chest_pain", "dizziness")}
    with pytest.raises(ValueError, match="not answered: chest_pain, dizziness"):
        screen(partial)


URGENT_IDS = {"chest_pain_at_rest", "fainted_recently"}
CONSULT_ALONE = {
    *CARDIAC,
    "chronic_condition",
    "chronic_medication",
    "pain_at_rest",
    "recent_surgery",
    "pregnancy",
    "dizziness",
}


@settings(max_examples=300, deadline=None)
@given(
    yes=st.sets(st.sampled_from(QUESTION_IDS)),
    age=st.integers(min_value=10, max_value=100),
)
def test_any_answer_set_gives_a_consistent_outcome_with_reasons(yes, age):
    result = screen(answers(*yes), Profile(age=age))
    severity = result.clearance.severity
    assert (result.clearance == Clearance.URGENT) == bool(yes & URGENT_IDS)
    if yes & CONSULT_ALONE:
        assert severity >= Clearance.CONSULT.severity
    fall = "fall_last_year" in yes
    if fall and (age >= 65 or yes & {"balance_problems", "vision_impairment"}):
        assert severity >= Clearance.SUPERVISED.severity  # never cleared or merely restricted
        assert Restriction.SUPERVISED in result.restrictions
    if fall and yes & {"balance_problems", "vision_impairment"}:
        assert severity >= Clearance.CONSULT.severity
    if "medically_supervised" in yes:
        assert Restriction.SUPERVISED in result.restrictions
    if result.clearance == Clearance.SUPERVISED:
        assert Restriction.SUPERVISED in result.restrictions
    if not yes:
        assert result.clearance == Clearance.CLEARED
    else:
        assert result.clearance != Clearance.CLEARED  # every question is a reason to adapt
    if result.clearance == Clearance.RESTRICTED:
        assert result.restrictions
    assert result.reasons
    assert len(result.reasons) == max(len(result.rules), 1)  # cleared: one "no risk" line
    assert len(set(result.restrictions)) == len(result.restrictions)
    order = list(Restriction)
    assert [order.index(r) for r in result.restrictions] == sorted(
        order.index(r) for r in result.restrictions
    )
