"""FIT workouts written with fit-tool must decode back with fitdecode, step by step."""

from __future__ import annotations

import datetime as dt
import io

import fitdecode
from hypothesis import given, settings
from hypothesis import strategies as st

from backstride.export.fit_workout import fit_filename, plan_to_fit_files, session_to_fit
from backstride.training.models import (
    Block,
    BlockKind,
    Direction,
    Environment,
    Mode,
    Plan,
    Session,
)

CREATED = dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC)


def decode(data: bytes) -> dict[str, list[dict]]:
    messages: dict[str, list[dict]] = {}
    with fitdecode.FitReader(io.BytesIO(data)) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage):
                fields = {f.name: f.value for f in frame.fields}
                messages.setdefault(frame.name, []).append(fields)
    return messages


def test_walking_session_becomes_warmup_repeat_block_and_cooldown(plan: Plan) -> None:
    decoded = decode(session_to_fit(plan.sessions[0], created=CREATED))
    steps = decoded["workout_step"]
    assert [s["wkt_step_name"] for s in steps] == [
        "Forward walk 5 min",
        "Backward walk 30 s",
        "Rest 1 min",
        "Repeat 6 x",
        "Forward walk 3 min",
    ]
    assert [s.get("duration_time") for s in steps] == [300.0, 30.0, 60.0, None, 180.0]
    assert [s.get("intensity") for s in steps] == ["warmup", "active", "recovery", None, "cooldown"]
    assert steps[3]["duration_type"] == "repeat_until_steps_cmplt"
    assert steps[3]["duration_step"] == 1
    assert steps[3]["repeat_steps"] == 6
    assert steps[1]["notes"].startswith("Backward.")
    workout = decoded["workout"][0]
    assert workout["sport"] == "walking"
    assert workout["wkt_name"] == "Backward walk intro"
    assert workout["num_valid_steps"] == 5
    assert decoded["file_id"][0]["type"] == "workout"
    assert decoded["file_id"][0]["time_created"] == CREATED


def test_treadmill_distances_become_time_at_belt_speed_and_mixed_blocks_split(plan: Plan) -> None:
    steps = decode(session_to_fit(plan.sessions[1], created=CREATED))["workout_step"]
    names = [s["wkt_step_name"] for s in steps]
    assert names == [
        "Forward walk 1 min",
        "Backward walk 30 s",
        "Repeat 3 x",
        "Backward skips 20 m",
        "Rest 30 s",
        "Repeat 2 x",
        # 200 m at 6 km/h = 200 / (6 / 3.6) = 120 s
        "Backward jog 2 min",
        "Rest 1 min 30 s",
        "Repeat 4 x",
        "Forward walk 3 min",
    ]
    assert steps[3]["duration_type"] == "distance"
    assert steps[3]["duration_distance"] == 20.0
    assert steps[6]["duration_type"] == "time"
    assert steps[6]["duration_time"] == 120.0
    assert [steps[i]["duration_step"] for i in (2, 5, 8)] == [0, 3, 6]
    assert [steps[i]["repeat_steps"] for i in (2, 5, 8)] == [3, 2, 4]
    # the forward part of a warm-up stays a warm-up step
    assert steps[0]["intensity"] == "warmup"


def test_track_distance_block_stays_a_distance_step_and_sport_is_running(plan: Plan) -> None:
    decoded = decode(session_to_fit(plan.sessions[2], created=CREATED))
    steps = decoded["workout_step"]
    assert steps[0]["wkt_step_name"] == "Backward jog 200 m"
    assert steps[0]["duration_type"] == "distance"
    assert steps[0]["duration_distance"] == 200.0
    assert decoded["workout"][0]["sport"] == "running"
    # titles without the word get it, so the watch list says what the workout is
    assert decoded["workout"][0]["wkt_name"] == "Track backward jog"


def test_file_names_carry_date_week_session_and_main_movement(plan: Plan) -> None:
    assert [fit_filename(s) for s in plan.sessions] == [
        "2026-12-01-w1s1-backward-walk.fit",
        "2026-12-03-w1s2-backward-jog.fit",
        "2026-12-08-w2s1-backward-jog.fit",
    ]


def test_reexport_of_the_same_plan_gives_identical_bytes(plan: Plan) -> None:
    assert plan_to_fit_files(plan, created=CREATED) == plan_to_fit_files(plan, created=CREATED)


def test_session_without_blocks_is_refused_with_a_clear_message(plan: Plan) -> None:
    empty = Session("x", dt.date(2026, 1, 1), 1, 1, "Empty", Environment.TRACK, ())
    try:
        session_to_fit(empty)
    except ValueError as exc:
        assert "no blocks" in str(exc)
    else:
        raise AssertionError("an empty session must not become a FIT file")


blocks = st.builds(
    Block,
    kind=st.sampled_from(list(BlockKind)),
    name=st.text(min_size=1, max_size=60),
    direction=st.sampled_from(list(Direction)),
    mode=st.sampled_from(list(Mode)),
    repeats=st.integers(1, 12),
    seconds=st.one_of(st.none(), st.integers(5, 1800).map(float)),
    meters=st.one_of(st.none(), st.integers(10, 3000).map(float)),
    rest_seconds=st.sampled_from([0.0, 30.0, 90.0]),
    speed_kmh=st.one_of(st.none(), st.floats(1.0, 12.0)),
    forward_seconds=st.one_of(st.none(), st.integers(10, 120).map(float)),
    cues=st.lists(st.text(max_size=80), max_size=3).map(tuple),
)


def expected_step_count(block: Block) -> int:
    forward = block.direction == Direction.MIXED and bool(block.forward_seconds)
    repeat = block.repeats > 1
    return 1 + forward + (repeat and block.rest_seconds > 0) + repeat


@settings(max_examples=25, deadline=None)
@given(
    st.lists(blocks, min_size=1, max_size=5),
    st.sampled_from(list(Environment)),
)
def test_any_session_decodes_with_one_step_per_part_and_repeats_pointing_inside_their_block(
    session_blocks: list[Block], environment: Environment
) -> None:
    session = Session("prop", dt.date(2026, 1, 5), 1, 1, "Prop", environment, tuple(session_blocks))
    steps = decode(session_to_fit(session, created=CREATED))["workout_step"]
    assert len(steps) == sum(expected_step_count(b) for b in session_blocks)
    start = 0
    for block in session_blocks:
        end = start + expected_step_count(block)
        for step in steps[start:end]:
            assert len(step["wkt_step_name"].encode("utf-8")) <= 40
            if step["duration_type"] == "repeat_until_steps_cmplt":
                assert start <= step["duration_step"] < end - 1
                assert step["repeat_steps"] == block.repeats
        start = end
