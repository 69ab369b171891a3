"""One state, one message: current_status for every state, with the steps that lift it."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from backstride.export import status_to_dict
from backstride.training.models import (
    Block,
    BlockKind,
    Direction,
    Environment,
    Mode,
    PainSite,
    Session,
    SessionLog,
)
from backstride.training.screening import QUESTION_IDS, REQUIRED_IDS, screen
from backstride.training.status import HEADLINES, LIFTS, State, Who, current_status

DAY = dt.date(2026, 11, 24)
MAIN = Block(BlockKind.MAIN, "Walk", Direction.BACKWARD, Mode.WALK, 4, seconds=60, speed_kmh=3.0)
PLANNED = Session("next", DAY + dt.timedelta(days=2), 3, 0, "Walk", Environment.TRACK, (MAIN,))
ALL_NO = dict.fromkeys(QUESTION_IDS, False)


def log(**fields: object) -> SessionLog:
    base: dict[str, object] = {
        "date": DAY,
        "rpe": 4,
        "minutes": 20,
        "backward_seconds": 240,
        "pain": {},
        "pre_session_pain": 0,
        "next_morning_soreness": 0,
        "log_id": "7",
    }
    return SessionLog(**(base | fields))  # type: ignore[arg-type]


def status(logs: list[SessionLog], **kwargs: object):
    return current_status(PLANNED, logs, today=DAY + dt.timedelta(days=1), **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("logs", "state", "lift"),
    [
        ([log()], State.GO, None),
        ([log(pain={PainSite.KNEE: 4})], State.HOLD, "log-pain-free-session"),
        ([log(pain={PainSite.KNEE: 6})], State.STEP_BACK, "log-pain-free-session"),
        ([log(pain={PainSite.KNEE: 8})], State.PAUSED, "record-professional-review"),
        ([log(fall=True)], State.HOLD, "record-fall-review"),
        ([log(near_fall=True)], State.HOLD, "log-steady-session"),
        ([log(completed_fraction=0.5)], State.HOLD, "log-full-session"),
        ([log(pre_session_pain=None, next_morning_soreness=4)], State.HOLD, "add-pre-session-pain"),
        ([log(next_morning_soreness=None)], State.GO, "add-next-morning-pain"),
        ([log(pain=None)], State.GO, "add-pain-rating"),
    ],
)
def test_each_state_names_the_step_that_lifts_it(logs, state, lift) -> None:
    found = status(logs)
    assert found.state == state
    assert found.headline == HEADLINES[state]
    assert found.reasons == found.decision.reasons
    if lift is None:
        assert found.lifts == () and found.message == found.headline
    else:
        assert found.lifts[0].id == lift
        prefix = "Also:" if state == State.GO else "To lift it:"
        assert found.message == f"{found.headline} {prefix} {LIFTS[lift].text}"
    assert found.blocked == (state == State.PAUSED)
    assert [ref.log_id for ref in found.logs_used] == ["7"]


def test_the_worst_rule_is_lifted_first() -> None:
    found = status([log(pain={PainSite.KNEE: 8}, fall=True)])
    assert found.state == State.PAUSED
    assert [x.id for x in found.lifts] == ["record-professional-review", "record-fall-review"]
    assert found.lifts[0].who == Who.PROFESSIONAL


def test_a_recorded_professional_review_lifts_a_pause_to_a_hold() -> None:
    found = status([log(pain={PainSite.KNEE: 8})], reviewed_on=DAY)
    assert found.state == State.HOLD
    assert found.lifts[0].id == "log-pain-free-session"


def test_urgent_screening_blocks_whatever_the_logs_say() -> None:
    found = status([log()], screening=screen({**ALL_NO, "chest_pain_at_rest": True}))
    assert found.state == State.URGENT and found.blocked
    assert found.message.startswith("Seek medical help now.")
    assert "Afterwards: answer the readiness check again" in found.message
    assert found.decision is None


def test_consult_without_clearance_is_no_plan_until_recorded() -> None:
    consult = screen({**ALL_NO, "heart_condition": True})
    found = status([log()], screening=consult)
    assert found.state == State.NO_PLAN and found.lifts[0].id == "record-clearance"
    cleared = status([log()], screening=consult, clearance_recorded=True)
    assert cleared.state == State.GO


def test_old_answers_ask_for_the_new_questions() -> None:
    old = screen(dict.fromkeys(REQUIRED_IDS, False))
    found = status([log()], screening=old)
    assert "answer-screening" in [x.id for x in found.lifts]


def test_a_supervised_session_says_so_in_the_headline() -> None:
    found = current_status(replace(PLANNED, supervised=True), [log()])
    assert found.supervised
    assert "Only with your helper or professional present" in found.headline


def test_the_json_edge_carries_the_same_words() -> None:
    found = status([log(pain={PainSite.KNEE: 4})])
    data = status_to_dict(found)
    assert data["message"] == found.message and data["state"] == "hold"
    assert data["lifts"][0] == {
        "id": "log-pain-free-session",
        "text": LIFTS["log-pain-free-session"].text,
        "who": "athlete",
    }
    assert data["logs_used"] == [{"date": "2026-11-24", "log_id": "7", "session_uid": None}]
