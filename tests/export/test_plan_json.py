"""The plan JSON shape: contract keys present, totals computed by hand."""

from __future__ import annotations

import json

from backstride.export.plan_json import decision_to_dict, plan_to_dict
from backstride.export.text import block_summary, format_meters, format_seconds
from backstride.training.models import Action, Decision, Plan
from tests.export.contract import assert_session_has_contract_keys


def test_plan_json_has_every_contract_key_and_survives_json(plan: Plan) -> None:
    data = json.loads(json.dumps(plan_to_dict(plan)))
    assert [w["week"] for w in data["weeks"]] == [1, 2]
    for week in data["weeks"]:
        assert "backward_seconds" in week
        for session in week["sessions"]:
            assert_session_has_contract_keys(session)


def test_totals_are_the_hand_computed_backward_time_and_distance(plan: Plan) -> None:
    weeks = plan_to_dict(plan)["weeks"]
    walk, treadmill = weeks[0]["sessions"]
    assert walk["backward_seconds"] == 180.0  # 6 x 30 s
    # mixed warm-up 3 x 30 s + drill (20 m, no speed: no time) + 4 x 200 m at 6 km/h (120 s)
    assert treadmill["backward_seconds"] == 90.0 + 480.0
    assert treadmill["backward_meters"] == 2 * 20.0 + 4 * 200.0
    assert weeks[0]["backward_seconds"] == 750.0
    jog = treadmill["blocks"][2]
    assert jog["speed_kmh"] == 6.0
    assert jog["speed_mph"] == 3.73  # 6 / 1.609344
    assert jog["seconds"] is None
    assert jog["meters"] == 200.0


def test_restricted_fields_and_dates_are_plain_strings(plan: Plan) -> None:
    data = plan_to_dict(plan)
    assert data["start"] == "2026-12-01"
    assert data["clearance"] == "cleared"
    assert data["weeks"][1]["sessions"][0]["date"] == "2026-12-08"
    assert data["weeks"][1]["deload"] is True


def test_stop_decision_has_null_session() -> None:
    data = decision_to_dict(Decision(Action.STOP, ("Sharp pain",), None))
    assert data == {
        "action": "stop",
        "reasons": ["Sharp pain"],
        "session": None,
        "basis": [],
        "logs_used": [],
    }


def test_block_summaries_read_like_a_coach_would_say_them(plan: Plan) -> None:
    walk, treadmill = plan.weeks[0].sessions
    assert block_summary(walk.blocks[1]) == "6 x 30 s backward walk, rest 1 min"
    assert block_summary(treadmill.blocks[0]) == "3 x (1 min forward / 30 s backward walk)"
    assert (
        block_summary(treadmill.blocks[2])
        == "4 x 200 m backward jog, rest 1 min 30 s at 6.0 km/h (3.73 mph)"
    )


def test_time_and_distance_wording() -> None:
    assert [format_seconds(s) for s in (0, 30, 60, 90, 600, 59.6)] == [
        "0 s",
        "30 s",
        "1 min",
        "1 min 30 s",
        "10 min",
        "1 min",
    ]
    assert [format_meters(m) for m in (200, 999.6, 1000, 1500)] == [
        "200 m",
        "1 km",
        "1 km",
        "1.5 km",
    ]
