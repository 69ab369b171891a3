"""The pain-monitoring decision table: one scenario per row, and missing is not zero.

Each scenario is a list of logs that must make exactly that row fire, with that row's
action winning (or, for rows that only qualify a go-ahead, the decision staying a
go-ahead). A row added to ``PAIN_TABLE`` without a scenario here fails the first test.
"""

from __future__ import annotations

import datetime as dt

import pytest

from backstride.training.adaptation import PAIN_TABLE, decide, learn_markdown, table_row
from backstride.training.models import (
    Action,
    Block,
    BlockKind,
    Direction,
    Environment,
    LogRef,
    Mode,
    PainSite,
    Session,
    SessionLog,
)
from backstride.training.plans.progression import is_comfortable

DAY = dt.date(2026, 11, 24)
MAIN = Block(
    BlockKind.MAIN, "Backward walk", Direction.BACKWARD, Mode.WALK, 4, seconds=60, speed_kmh=3.0
)
PLANNED = Session("next", DAY + dt.timedelta(days=2), 3, 0, "Walk", Environment.TRACK, (MAIN,))
KNEE = PainSite.KNEE


def log(days_ago: int = 0, **fields: object) -> SessionLog:
    base: dict[str, object] = {
        "date": DAY - dt.timedelta(days=days_ago),
        "rpe": 4,
        "minutes": 20,
        "backward_seconds": 240,
        "pain": {},
        "pre_session_pain": 0,
        "next_morning_soreness": 0,
        "log_id": f"L{days_ago}",
    }
    return SessionLog(**(base | fields))  # type: ignore[arg-type]


SCENARIOS: dict[str, list[SessionLog]] = {
    "during-acceptable": [log(pain={KNEE: 2}, pre_session_pain=2, next_morning_soreness=2)],
    "during-hold": [log(pain={KNEE: 4}, pre_session_pain=1, next_morning_soreness=1)],
    "during-high": [log(pain={KNEE: 6}, pre_session_pain=1, next_morning_soreness=1)],
    "during-refer": [log(pain={KNEE: 8}, pre_session_pain=1, next_morning_soreness=1)],
    "sharp-knee-shin": [log(pain={PainSite.SHIN: 2}, sharp_pain=True)],
    "sharp-other": [log(pain={PainSite.CALF: 2}, sharp_pain=True)],
    "swelling": [log(swelling=True)],
    "morning-settled": [log(pre_session_pain=2, next_morning_soreness=2)],
    "morning-not-settled": [log(pre_session_pain=0, next_morning_soreness=2)],
    "morning-high": [log(pre_session_pain=6, next_morning_soreness=6)],
    "morning-no-baseline-hold": [log(pre_session_pain=None, next_morning_soreness=4)],
    "morning-no-baseline": [log(pre_session_pain=None, next_morning_soreness=2)],
    "morning-missing": [log(next_morning_soreness=None)],
    "weekly-morning-rise": [
        log(9, pre_session_pain=1, next_morning_soreness=1),
        log(0, pre_session_pain=2, next_morning_soreness=2),
    ],
    "rising-session-pain": [
        log(4, pain={KNEE: 1}),
        log(2, pain={KNEE: 2}),
        log(0, pain={KNEE: 4}, pre_session_pain=1, next_morning_soreness=1),
    ],
    "pain-unknown": [log(pain=None)],
    "fall-unreviewed": [log(fall=True)],
    "near-fall": [log(near_fall=True)],
}


def rules_of(logs: list[SessionLog], **kwargs: object) -> dict[str, Action]:
    decision = decide(PLANNED, logs, today=DAY + dt.timedelta(days=1), **kwargs)  # type: ignore[arg-type]
    return {item.rule: item.action for item in decision.basis}


def test_every_row_of_the_table_has_a_scenario() -> None:
    assert set(SCENARIOS) == {row.id for row in PAIN_TABLE}


@pytest.mark.parametrize("row_id", list(SCENARIOS))
def test_each_row_fires_with_its_action_and_decides_the_outcome(row_id: str) -> None:
    row = table_row(row_id)
    logs = SCENARIOS[row_id]
    decision = decide(PLANNED, logs, today=DAY + dt.timedelta(days=1))
    fired = {item.rule: item for item in decision.basis}
    assert row_id in fired, [b.rule for b in decision.basis]
    assert fired[row_id].action == row.action
    assert decision.action == row.action  # the scenario isolates the row
    # Every rule names the logs it used, by id.
    assert fired[row_id].logs
    assert all(isinstance(ref, LogRef) and ref.log_id for ref in fired[row_id].logs)
    assert set(fired[row_id].logs) <= set(decision.logs_used)


@pytest.mark.parametrize("row", [r for r in PAIN_TABLE if r.stricter])
def test_where_we_are_stricter_than_the_model_the_person_is_told(row) -> None:
    decision = decide(PLANNED, SCENARIOS[row.id], today=DAY + dt.timedelta(days=1))
    text = next(item.text for item in decision.basis if item.rule == row.id)
    assert "Backstride" in text and ("model" in text or "published" in text)


def test_rising_pain_ending_at_three_or_less_holds_instead_of_stopping() -> None:
    logs = [log(4, pain={KNEE: 1}), log(2, pain={KNEE: 2}), log(0, pain={KNEE: 3})]
    assert rules_of(logs)["rising-session-pain"] == Action.REPEAT


def test_morning_higher_than_the_session_pain_has_not_settled_without_a_baseline() -> None:
    # The issue: next-morning 3 after 2 during the session was "progress: it had settled".
    decision = decide(
        PLANNED, [log(pain={KNEE: 2}, pre_session_pain=None, next_morning_soreness=3)]
    )
    assert decision.action == Action.REPEAT
    assert any("has not settled" in r for r in decision.reasons)


def test_morning_pain_rising_week_after_week_does_not_progress() -> None:
    # The issue: 1 -> 2 -> 3 over three weeks still progressed.
    logs = [
        log(14, pre_session_pain=None, next_morning_soreness=1),
        log(7, pre_session_pain=None, next_morning_soreness=2),
        log(0, pre_session_pain=None, next_morning_soreness=3),
    ]
    decision = decide(PLANNED, logs)
    assert decision.action == Action.REPEAT
    trend = next(b for b in decision.basis if b.rule == "weekly-morning-rise")
    assert [ref.log_id for ref in trend.logs] == ["L7", "L0"]


def test_a_steady_or_falling_morning_trend_is_no_reason_to_hold() -> None:
    logs = [log(7, next_morning_soreness=2, pre_session_pain=2), log(0, pre_session_pain=2)]
    assert "weekly-morning-rise" not in rules_of(logs)


def test_a_professional_review_after_the_logs_turns_a_stop_into_a_hold() -> None:
    logs = SCENARIOS["during-refer"]
    assert decide(PLANNED, logs).action == Action.STOP
    before = decide(PLANNED, logs, reviewed_on=DAY - dt.timedelta(days=1))
    assert before.action == Action.STOP  # a review older than the pain does not count
    after = decide(PLANNED, logs, reviewed_on=DAY)
    assert after.action == Action.REPEAT
    assert any(b.rule == "professional-review" for b in after.basis)


# --- missing is not zero -------------------------------------------------------------


def test_an_unrated_import_between_rated_logs_makes_no_rising_trend() -> None:
    # The issue: an imported 45 s walk without a pain score was read as 0, and "0, 1, 4"
    # paused the plan. Unknown pain is skipped; two known values are no trend.
    logs = [
        log(6, pain=None, backward_seconds=45, log_id="import"),
        log(3, pain={KNEE: 1}),
        log(0, pain={KNEE: 4}, pre_session_pain=1, next_morning_soreness=1),
    ]
    decision = decide(PLANNED, logs)
    assert "rising-session-pain" not in {b.rule for b in decision.basis}
    assert decision.action == Action.REPEAT  # 4/10 holds, nothing more
    assert LogRef(logs[0].date, "import", None) not in decision.logs_used


def test_unknown_pain_on_the_latest_log_holds_nothing_and_asks_for_the_rating() -> None:
    decision = decide(PLANNED, [log(pain=None, next_morning_soreness=None)])
    assert decision.action == Action.PROGRESS
    assert any(r.startswith("Provisional:") and "pain rating" in r for r in decision.reasons)
    assert not any("/10 (" in r for r in decision.reasons)  # no invented pain level


def test_unanswered_mornings_make_no_weekly_trend() -> None:
    logs = [
        log(7, next_morning_soreness=None, pre_session_pain=None),
        log(0, next_morning_soreness=3, pre_session_pain=3),
    ]
    assert "weekly-morning-rise" not in rules_of(logs)


def test_a_log_with_unknown_pain_is_not_a_comfortable_walking_session() -> None:
    assert is_comfortable(log(pain={}))
    assert not is_comfortable(log(pain=None))
    assert log(pain=None).max_pain is None and log(pain={}).max_pain == 0


def test_pre_session_pain_out_of_range_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="pre-session pain must be between 0 and 10"):
        decide(PLANNED, [log(pre_session_pain=11)])


def test_the_learn_lines_cover_every_rule_a_person_applies() -> None:
    text = "\n".join(learn_markdown())
    for row in PAIN_TABLE:
        if row.id in ("morning-missing", "pain-unknown", "morning-no-baseline"):
            continue
        assert row.condition in text
    assert text.count("stricter than the published model") == sum(
        1 for r in PAIN_TABLE if r.stricter
    )


def test_the_science_page_documents_every_row() -> None:
    from pathlib import Path

    page = Path(__file__).resolve().parents[2] / "docs" / "science" / "pain-monitoring.md"
    text = page.read_text(encoding="utf-8")
    missing = [r.id for r in PAIN_TABLE if f"`{r.id}`" not in text]
    assert not missing, f"add these rows to {page.name}: {missing}"
