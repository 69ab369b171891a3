"""The one screening table: every row fires, every outcome is reachable, old answers load."""

from __future__ import annotations

import pytest

from backstride.training.models import Clearance, Profile, Restriction
from backstride.training.screening import QUESTION_IDS, QUESTIONS, REQUIRED_IDS, screen
from backstride.training.screening_rules import (
    OUTCOME_HEADINGS,
    RULES,
    Rule,
    learn_markdown,
    rule,
)

ALL_NO = dict.fromkeys(QUESTION_IDS, False)


def answers(*yes: str) -> dict[str, bool]:
    return {**ALL_NO, **dict.fromkeys(yes, True)}


def minimal_yes(row: Rule) -> set[str]:
    return set(row.when) | {group[0] for group in row.groups}


@pytest.mark.parametrize("row", [r for r in RULES if not r.unanswered], ids=lambda r: r.id)
def test_every_rule_fires_on_its_own_answers_with_at_least_its_outcome(row: Rule) -> None:
    age = row.min_age or 40
    result = screen(answers(*minimal_yes(row)), Profile(age=age))
    assert row.id in result.rules
    assert result.clearance.severity >= row.outcome.severity
    assert set(row.limits) <= set(result.restrictions)
    assert row.reason.format(age=age, missing="") in result.reasons


def test_every_question_is_used_by_a_rule_and_every_rule_asks_known_questions() -> None:
    used = {q for r in RULES for q in (*r.when, *(x for g in r.groups for x in g))}
    assert used == set(QUESTION_IDS)


def test_the_seven_par_q_questions_are_all_asked() -> None:
    sources = {q.source for q in QUESTIONS}
    assert {f"PAR-Q+ {n}" for n in range(1, 8)} <= sources


# --- one scenario per outcome --------------------------------------------------------


def test_cleared() -> None:
    assert screen(ALL_NO, Profile(age=80)).clearance == Clearance.CLEARED


def test_restricted_names_its_limits() -> None:
    result = screen(answers("knee_problems"))
    assert result.clearance == Clearance.RESTRICTED
    assert result.restrictions == (Restriction.LOW_INTENSITY,)


def test_a_fall_at_74_is_supervised_never_cleared() -> None:
    result = screen(answers("fall_last_year"), Profile(age=74))
    assert result.clearance == Clearance.SUPERVISED
    assert Restriction.SUPERVISED in result.restrictions
    assert Restriction.WALKING_ONLY in result.restrictions
    assert any("At 74" in r for r in result.reasons)


def test_a_fall_under_65_alone_is_restricted_to_walking_near_support() -> None:
    result = screen(answers("fall_last_year"), Profile(age=40))
    assert result.clearance == Clearance.RESTRICTED
    assert result.restrictions == (
        Restriction.WALKING_ONLY,
        Restriction.TREADMILL_HANDRAILS,
        Restriction.NO_DRILLS,
    )


@pytest.mark.parametrize("problem", ["balance_problems", "vision_impairment"])
@pytest.mark.parametrize("age", [30, 74])
def test_a_fall_with_a_balance_or_vision_problem_needs_a_professional(problem, age) -> None:
    # The 74-year-old: "restricted: you can start" was wrong.
    result = screen(answers("fall_last_year", problem), Profile(age=age))
    assert result.clearance == Clearance.CONSULT
    assert Restriction.SUPERVISED in result.restrictions  # kept for after the clearance


def test_a_doctors_medical_supervision_is_supervised() -> None:
    result = screen(answers("medically_supervised"))
    assert result.clearance == Clearance.SUPERVISED
    assert result.restrictions == (Restriction.SUPERVISED,)


@pytest.mark.parametrize("qid", ["chronic_medication", "pregnancy", "dizziness"])
def test_consult(qid: str) -> None:
    assert screen(answers(qid)).clearance == Clearance.CONSULT


@pytest.mark.parametrize("qid", ["chest_pain_at_rest", "fainted_recently"])
def test_urgent_says_seek_medical_help_now(qid: str) -> None:
    result = screen(answers(qid, "knee_problems"))
    assert result.clearance == Clearance.URGENT
    assert "seek medical help now" in result.reasons[0]  # the most cautious reason first
    assert not result.allows_plan


# --- stored answers from before the new questions ------------------------------------


def test_first_version_answers_load_with_new_questions_unanswered_never_cleared() -> None:
    old = dict.fromkeys(REQUIRED_IDS, False)
    result = screen(old, Profile(age=70))
    assert set(result.unanswered) == set(QUESTION_IDS) - set(REQUIRED_IDS)
    assert result.clearance == Clearance.RESTRICTED
    assert result.rules == ("unanswered",)
    assert "9 new questions" in result.reasons[0]


def test_first_version_answers_keep_their_own_outcome_when_it_is_stricter() -> None:
    old = {**dict.fromkeys(REQUIRED_IDS, False), "heart_condition": True}
    result = screen(old)
    assert result.clearance == Clearance.CONSULT
    assert "unanswered" in result.rules


def test_a_missing_first_version_answer_is_still_an_error() -> None:
    partial = {k: False for k in REQUIRED_IDS if k != "pain_at_rest"}
    with pytest.raises(ValueError, match="not answered: pain_at_rest"):
        screen(partial)


# --- the Learn text comes from the same rows -----------------------------------------


def test_learn_lines_list_every_rule_condition_under_its_outcome() -> None:
    lines = learn_markdown()
    assert len(lines) == len(OUTCOME_HEADINGS)
    for row in RULES:
        line = next(x for x in lines if OUTCOME_HEADINGS[row.outcome] in x)
        assert row.condition in line


def test_rule_lookup() -> None:
    assert rule("fall-at-65").outcome == Clearance.SUPERVISED
    with pytest.raises(ValueError, match="no screening rule"):
        rule("nope")


def test_the_science_page_documents_every_rule() -> None:
    from pathlib import Path

    page = Path(__file__).resolve().parents[2] / "docs" / "science" / "screening-and-plans.md"
    text = page.read_text(encoding="utf-8")
    missing = [r.id for r in RULES if f"`{r.id}`" not in text]
    assert not missing, f"add these screening rules to {page.name}: {missing}"
