"""Energy model: ACSM forward cost x backward ratio, checked against hand arithmetic."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backstride.training.energy import (
    WALK_ANCHORS,
    backward_cost_ratio,
    estimate,
    net_ratio,
    session_energy,
)
from backstride.training.models import Block, BlockKind, Direction, Environment, Mode, Session


def _session(*blocks: Block) -> Session:
    return Session(
        uid="e1",
        date=dt.date(2026, 11, 27),
        week=1,
        index_in_week=1,
        title="Energy test",
        environment=Environment.TRACK,
        blocks=blocks,
    )


def test_running_at_9_kmh_costs_35_percent_more_than_forward_above_rest():
    # 9 km/h = 150 m/min; ACSM running 0.2*150 + 3.5 = 33.5; backward 3.5 + 1.35*30 = 44.0
    result = estimate(9.0, 30.0, Mode.RUN, body_mass_kg=70.0)
    assert result.net_ratio == pytest.approx(1.35)
    assert result.ratio_to_forward == pytest.approx(44.0 / 33.5)
    assert result.met == pytest.approx(44.0 / 3.5)
    assert result.kcal_per_min == pytest.approx(44.0 * 70 / 200)  # 15.4
    assert result.kcal == pytest.approx(462.0)
    # range 1.29-1.41: 3.5 + 1.29*30 = 42.2 and 3.5 + 1.41*30 = 45.8 ml/kg/min
    assert result.kcal_low == pytest.approx(42.2 * 70 / 200 * 30)
    assert result.kcal_high == pytest.approx(45.8 * 70 / 200 * 30)
    # same cost forward: (44.0 - 3.5) / 0.2 = 202.5 m/min = 12.15 km/h
    assert result.forward_equivalent_speed_kmh == pytest.approx(12.15)


def test_jogging_uses_the_running_ratio():
    assert backward_cost_ratio(7.0, Mode.JOG) == pytest.approx(1.35)
    assert backward_cost_ratio(7.0, Mode.RUN) == pytest.approx(1.35)


def test_walking_at_3_5_mph_matches_the_compendium_net_ratio():
    # 1.56 m/s = 5.616 km/h = 93.6 m/min; forward 0.1*93.6 + 3.5 = 12.86;
    # Compendium net ratio (6.0 - 1) / (4.3 - 1) = 1.5152 -> backward 3.5 + 1.52*9.36
    result = estimate(5.616, 10.0, Mode.WALK, body_mass_kg=80.0)
    assert result.net_ratio == pytest.approx(1.52, abs=1e-6)
    backward = 3.5 + 1.52 * 9.36
    assert result.kcal_per_min == pytest.approx(backward * 80 / 200, rel=1e-6)
    assert result.forward_equivalent_speed_kmh == pytest.approx(1.52 * 93.6 * 0.06, rel=1e-6)


def test_slow_walking_uses_the_ratio_measured_at_4_kmh_and_says_so():
    # 1.0 m/s = 60 m/min: forward 9.5, backward 3.5 + 1.40*6.0 = 11.9 ml/kg/min
    result = estimate(3.6, 60.0, Mode.WALK, body_mass_kg=70.0)
    assert result.net_ratio == pytest.approx(1.40)
    assert result.kcal == pytest.approx(11.9 * 70 / 200 * 60)
    assert any("below about 4 km/h" in note for note in result.notes)


def test_walking_ratio_passes_through_every_anchor_and_is_held_outside_them():
    for anchor in WALK_ANCHORS:
        ratio = net_ratio(anchor.speed_ms * 3.6, Mode.WALK)
        assert ratio == pytest.approx(anchor.ratio, abs=1e-6)
        assert ratio.low <= ratio.central <= ratio.high
    assert backward_cost_ratio(1.0, Mode.WALK) == pytest.approx(WALK_ANCHORS[0].ratio.central)
    assert backward_cost_ratio(9.0, Mode.WALK) == pytest.approx(WALK_ANCHORS[-1].ratio.central)


def test_walking_ratio_between_anchors_lies_between_their_values():
    ratio = backward_cost_ratio(1.34 * 3.6, Mode.WALK)
    assert 1.40 < ratio < 1.52


def test_walking_outside_the_equation_range_adds_a_caution_note():
    assert any("rough" in note for note in estimate(2.0, 10, Mode.WALK).notes)
    assert not any("rough" in note for note in estimate(4.5, 10, Mode.WALK).notes)


def test_drills_are_costed_like_walking_and_say_so():
    result = estimate(3.0, 5, Mode.DRILL)
    assert result.kcal == pytest.approx(estimate(3.0, 5, Mode.WALK).kcal)
    assert any("Drills are costed as backward walking" in note for note in result.notes)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"speed_kmh": 0.0}, "speed"),
        ({"speed_kmh": -3.0}, "speed"),
        ({"speed_kmh": 31.0}, "speed"),
        ({"speed_kmh": math.nan}, "speed"),
        ({"minutes": -1.0}, "minutes"),
        ({"body_mass_kg": 19.0}, "body mass"),
        ({"body_mass_kg": 301.0}, "body mass"),
        ({"mode": "swim"}, "unknown mode"),
    ],
)
def test_nonsense_inputs_raise_a_clear_value_error(kwargs, message):
    args = {"speed_kmh": 5.0, "minutes": 10.0, "mode": Mode.WALK, "body_mass_kg": 70.0}
    args.update(kwargs)
    with pytest.raises(ValueError, match=message):
        estimate(**args)


def test_session_energy_adds_backward_running_and_a_forward_cooldown():
    main = Block(
        BlockKind.MAIN,
        "Backward run",
        Direction.BACKWARD,
        Mode.RUN,
        repeats=2,
        seconds=300,
        rest_seconds=60,
        speed_kmh=9.0,
    )
    cooldown = Block(
        BlockKind.COOLDOWN, "Walk", Direction.FORWARD, Mode.WALK, seconds=600, speed_kmh=6.0
    )
    result = session_energy(_session(main, cooldown), body_mass_kg=70.0)
    # main: 10 min x 15.4 = 154 kcal (forward would be 10 x 11.725 = 117.25)
    # cooldown forward at 100 m/min: 13.5 ml/kg/min -> 4.725 kcal/min x 10 = 47.25
    assert result.kcal == pytest.approx(201.25)
    assert result.kcal_per_min == pytest.approx(201.25 / 20)  # rests not counted
    assert result.ratio_to_forward == pytest.approx(201.25 / 164.5)
    assert result.met == pytest.approx(201.25 / 20 / (3.5 * 70 / 200))
    assert result.forward_equivalent_speed_kmh == pytest.approx((12.15 * 10 + 6.0 * 10) / 20)
    assert result.kcal_low < result.kcal < result.kcal_high


def test_mixed_blocks_cost_the_backward_part_more_and_default_speeds_are_noted():
    mixed = Block(
        BlockKind.MAIN,
        "Alternate",
        Direction.MIXED,
        Mode.WALK,
        repeats=4,
        seconds=30,
        forward_seconds=60,
    )
    result = session_energy(_session(mixed), body_mass_kg=50.0)
    # default 3.6 km/h: backward 2 min at 11.9, forward 4 min at 9.5 ml/kg/min
    assert result.kcal == pytest.approx((11.9 * 2 + 9.5 * 4) * 50 / 200)
    assert any("assumed 3.6 km/h" in note for note in result.notes)


def test_a_session_without_timed_blocks_costs_nothing():
    drill = Block(BlockKind.DRILL, "Untimed", Direction.BACKWARD, Mode.DRILL)
    result = session_energy(_session(drill))
    assert result.kcal == 0.0
    assert result.notes == ("The session has no timed blocks.",)


def test_a_block_with_an_impossible_speed_is_named_in_the_error():
    block = Block(BlockKind.MAIN, "Sprint", Direction.BACKWARD, Mode.RUN, seconds=10, speed_kmh=45)
    with pytest.raises(ValueError, match="block 'Sprint': speed"):
        session_energy(_session(block))


def test_session_energy_rejects_an_impossible_body_mass():
    with pytest.raises(ValueError, match="body mass"):
        session_energy(_session(), body_mass_kg=5.0)


@given(
    st.floats(min_value=0.1, max_value=30.0, allow_nan=False),
    st.floats(min_value=0.1, max_value=30.0, allow_nan=False),
)
def test_walking_ratio_never_falls_as_speed_rises(a, b):
    slow, fast = sorted((a, b))
    assert backward_cost_ratio(slow, Mode.WALK) <= backward_cost_ratio(fast, Mode.WALK) + 1e-12


@given(
    st.floats(min_value=0.1, max_value=30.0, allow_nan=False),
    st.floats(min_value=0.0, max_value=600.0, allow_nan=False),
    st.sampled_from(list(Mode)),
    st.floats(min_value=20.0, max_value=300.0, allow_nan=False),
)
def test_every_estimate_is_finite_and_backward_never_cheaper(speed, minutes, mode, mass):
    result = estimate(speed, minutes, mode, mass)
    assert 1.0 < result.ratio_to_forward <= result.net_ratio
    assert result.kcal_low <= result.kcal <= result.kcal_high
    assert result.forward_equivalent_speed_kmh > speed
    assert all(math.isfinite(x) and x >= 0 for x in (result.kcal, result.met))
