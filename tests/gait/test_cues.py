"""Each form cue gets ok / watch / fix with value, target and tip, or no verdict and why."""

from __future__ import annotations

import pytest

from backstride.gait import cues


@pytest.mark.parametrize(
    ("value", "expected"),
    [(5.0, "ok"), (0.0, "ok"), (-3.0, "watch"), (12.0, "watch"), (20.0, "fix")],
)
def test_bands_give_ok_inside_watch_near_and_fix_outside(value, expected):
    assert cues.band_verdict(value, (0.0, 10.0), (-5.0, 15.0)) == expected


def test_leaning_back_is_flagged_with_a_tip_to_bring_the_chest_forward():
    v = cues.posture_cue(-8.0)
    assert (v.verdict, v.value, v.unit) == ("fix", -8.0, "deg")
    assert "lean back" in v.tip


def test_a_cue_without_a_measurement_has_no_verdict_and_a_reason():
    v = cues.posture_cue(None)
    assert v.verdict is None and v.value is None
    assert v.reason == "shoulders or hips not visible"


@pytest.mark.parametrize(("elbow", "verdict"), [(90.0, "ok"), (115.0, "watch"), (150.0, "fix")])
def test_elbow_near_a_right_angle_is_ok(elbow, verdict):
    assert cues.elbow_cue(elbow).verdict == verdict


def test_heel_strikes_above_ten_percent_are_flagged():
    assert cues.strike_cue(["forefoot"] * 9 + ["heel"], True).verdict == "ok"
    assert cues.strike_cue(["forefoot"] * 4 + ["heel"], True).verdict == "watch"
    v = cues.strike_cue(["heel"] * 5, True)
    assert (v.verdict, v.value) == ("fix", 100.0)


def test_strike_cannot_be_judged_when_heel_and_toe_are_not_tracked():
    v = cues.strike_cue([None] * 10, False)
    assert v.verdict is None
    assert v.reason == "heel and toe not tracked"


def test_shoulder_checks_all_on_one_side_get_a_tip_to_alternate():
    checks = [(2.0, "left"), (6.0, "left"), (10.0, "left"), (14.0, "left")]
    v = cues.shoulder_check_cue(checks, 20.0, backward=True)
    assert v.verdict == "watch" and "switch sides" in v.tip
    assert v.value == pytest.approx(12.0)


def test_alternating_shoulder_checks_are_ok():
    checks = [(2.0, "left"), (6.0, "right"), (10.0, "left")]
    assert cues.shoulder_check_cue(checks, 15.0, backward=True).verdict == "ok"


def test_no_shoulder_check_in_a_short_clip_is_not_held_against_the_runner():
    v = cues.shoulder_check_cue([], 8.0, backward=True)
    assert v.verdict is None and "shorter than 15 s" in v.reason
    assert cues.shoulder_check_cue([], 30.0, backward=True).verdict == "watch"


def test_stride_targets_depend_on_walking_or_running():
    assert cues.stride_cue(0.45, "run", None).verdict == "ok"
    assert cues.stride_cue(0.45, "walk", None).verdict == "watch"
    assert "drifts" in cues.stride_cue(0.3, "run", 25.0).tip


def test_cadence_and_direction_cues():
    assert cues.cadence_cue(170.0, "run").verdict == "ok"
    assert cues.cadence_cue(140.0, "run").verdict == "fix"
    assert cues.cadence_cue(110.0, "walk").verdict == "ok"
    assert cues.direction_cue("backward").verdict == "ok"
    assert cues.direction_cue("forward").verdict == "watch"
    assert cues.direction_cue(None).verdict is None


def test_every_verdict_serialises_with_the_contract_keys():
    d = cues.leg_drive_cue(160.0).to_dict()
    assert {"cue", "verdict", "value", "target", "tip"} <= set(d)
    assert d["verdict"] == "ok"


@pytest.mark.parametrize(
    ("lift", "gait", "verdict", "word"),
    [
        (30.0, "run", "ok", "low"),
        (5.0, "run", "fix", "shuffle"),
        (55.0, "run", "watch", "high"),
        (70.0, "run", "fix", "high"),
        (45.0, "walk", "watch", "high"),
        (8.0, "walk", "watch", "shuffle"),
    ],
)
def test_knees_should_lift_but_less_than_in_forward_running(lift, gait, verdict, word):
    v = cues.knee_lift_cue(lift, gait)
    assert (v.cue, v.verdict, v.value) == ("knee_lift", verdict, lift)
    assert word in v.tip.lower()


def test_knee_lift_without_a_full_stride_has_no_verdict_and_says_why():
    v = cues.knee_lift_cue(None, "run")
    assert v.verdict is None and "no full stride" in v.reason


def test_leg_drive_is_judged_on_the_knee_alone_a_bent_hip_is_normal_backward():
    """Backward running is forward running played in reverse: the hip flexes through
    stance (Winter 1989), so a bent hip at push-off must not downgrade a good knee."""
    assert cues.leg_drive_cue(160.0, 150.0).verdict == "ok"
    assert cues.leg_drive_cue(160.0, 110.0).verdict == "ok"
    assert cues.leg_drive_cue(120.0, 110.0).verdict == "fix"
    v = cues.leg_drive_cue(160.0, None)
    assert v.verdict == "ok" and v.target.startswith("knee 150 to 180 deg as the foot")
