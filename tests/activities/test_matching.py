"""Planned versus done: real FIT activity files (built with fit-tool) matched to sessions."""

from __future__ import annotations

import datetime as dt

import pytest
from fit_tool.profile.profile_type import WorkoutStepDuration
from hypothesis import given, settings
from hypothesis import strategies as st

from backstride.activities import Activity, Lap, read_activity
from backstride.activities.matching import MatchFlag, find_session, match_activity, planned_steps
from backstride.export.fit_workout import session_steps
from backstride.training.models import Block, BlockKind, Direction, Environment, Mode, Session
from tests.activities.fitbuild import activity_fit

WARMUP = Block(BlockKind.WARMUP, "Easy walk", Direction.FORWARD, Mode.WALK, seconds=300)
MAIN = Block(
    BlockKind.MAIN,
    "Backward walk",
    Direction.BACKWARD,
    Mode.WALK,
    repeats=4,
    seconds=60,
    rest_seconds=30,
    speed_kmh=3.6,
)
COOL = Block(BlockKind.COOLDOWN, "Walk it out", Direction.FORWARD, Mode.WALK, seconds=180)
DAY = dt.date(2026, 3, 2)
SESSION = Session("w1s1", DAY, 1, 0, "Backward walk", Environment.TRACK, (WARMUP, MAIN, COOL))
START = dt.datetime(2026, 3, 2, 7, 30, tzinfo=dt.UTC)


def executed_indices(session: Session) -> list[int]:
    """Unroll the exporter's real steps the way a watch runs them (repeat jumps back)."""
    steps = session_steps(session)
    done: list[int] = []
    counts: dict[int, int] = {}
    i = 0
    while i < len(steps):
        step = steps[i]
        if step.duration_type == WorkoutStepDuration.REPEAT_UNTIL_STEPS_CMPLT.value:
            counts[i] = counts.get(i, 0) + 1
            i = int(step.duration_step) if counts[i] < step.target_repeat_steps else i + 1
            continue
        done.append(int(step.message_index))
        i += 1
    return done


def test_planned_steps_follow_the_exported_workout_one_lap_per_executed_step() -> None:
    steps = planned_steps(SESSION)
    # warm-up, 4 x (backward 60 s, rest 30 s), cool-down: 10 laps.
    assert [s.part for s in steps] == ["main"] + ["backward", "rest"] * 4 + ["main"]
    assert [s.index for s in steps] == executed_indices(SESSION) == [0] + [1, 2] * 4 + [4]


def test_watch_laps_give_backward_seconds_metres_and_completion() -> None:
    # The last backward interval was cut to 48 s of its 60 s; the others were full.
    laps = [(300.0, 400.0)]
    for seconds in (60.0, 60.0, 60.0, 48.0):
        laps += [(seconds, seconds), (30.0, 30.0)]
    laps.append((180.0, 200.0))
    (activity,) = read_activity(activity_fit(START, laps), "watch.fit")
    match = match_activity(activity, [SESSION])
    assert match.session is SESSION and match.day_offset == 0
    assert match.method == "lap-order"
    assert match.backward_seconds == 60 + 60 + 60 + 48  # 228 s
    assert match.backward_meters == 228.0  # laps measured 1 m/s
    # (1 + 1 + 1 + 48/60) / 4 = 0.95 of the planned backward time.
    assert match.completed_fraction == 0.95
    assert match.minutes == round((300 + 228 + 120 + 180) / 60, 1)


def test_stopping_early_leaves_the_missing_intervals_at_zero() -> None:
    laps = [(300.0, None), (60.0, None), (30.0, None), (60.0, None)]
    (activity,) = read_activity(activity_fit(START, laps), "short.fit")
    match = match_activity(activity, [SESSION])
    assert match.backward_seconds == 120.0
    # Two of four backward intervals: 0.5. No distance recorded, so metres at 3.6 km/h.
    assert match.completed_fraction == 0.5
    assert match.backward_meters == 120.0
    assert [r.lap is None for r in match.steps].count(True) == 6


def test_laps_with_workout_step_index_pair_by_step_even_when_a_lap_is_missing() -> None:
    def lap(minute: int, seconds: float, index: int) -> Lap:
        return Lap(START + dt.timedelta(minutes=minute), seconds, step_index=index)

    # Warm-up, then the watch skipped the first rest (lap pressed twice quickly).
    laps = (lap(0, 300, 0), lap(5, 60, 1), lap(6, 30, 1), lap(7, 30, 2), lap(8, 60, 1))
    activity = Activity("fit", "walking", START, 480.0, None, laps)
    match = match_activity(activity, [SESSION])
    assert match.method == "step-index"
    backward = [r for r in match.steps if r.planned.backward]
    assert [r.lap.duration_s if r.lap else None for r in backward] == [60, 30, 60, None]
    assert match.completed_fraction == pytest.approx((1 + 0.5 + 1 + 0) / 4)


def test_a_gpx_like_activity_without_laps_counts_its_share_of_the_planned_time() -> None:
    # Planned total: 300 + 4 x 60 + 3 x 30 + 180 = 810 s; 405 s done is half.
    activity = Activity("gpx", "walking", START, 405.0, 500.0)
    match = match_activity(activity, [SESSION])
    assert match.method == "duration" and match.completed_fraction == 0.5
    assert match.backward_seconds == 120.0 and match.backward_meters == 120.0


def test_the_nearest_day_wins_then_the_nearest_duration() -> None:
    other = Session("w1s2", DAY + dt.timedelta(days=1), 1, 1, "Other", Environment.TRACK, (MAIN,))
    far = Session("w2s1", DAY + dt.timedelta(days=2), 2, 0, "Far", Environment.TRACK, (WARMUP,))
    activity = Activity("fit", "walking", START + dt.timedelta(days=1), 300.0, None)
    assert find_session(activity, [SESSION, other, far]) == (other, 0)
    late = Activity("fit", "walking", START + dt.timedelta(days=3), 300.0, None)
    assert find_session(late, [SESSION, other, far]) == (far, 1)
    assert find_session(late, [SESSION, other, far], exclude={"w2s1"}) is None


def test_an_activity_far_from_any_plan_is_unplanned_with_its_own_minutes() -> None:
    activity = Activity("tcx", "other", START + dt.timedelta(days=9), 1500.0, None)
    match = match_activity(activity, [SESSION])
    assert match.session is None and match.method == "unplanned" and match.minutes == 25.0


blocks = st.builds(
    Block,
    kind=st.sampled_from(list(BlockKind)),
    name=st.just("b"),
    direction=st.sampled_from(list(Direction)),
    mode=st.sampled_from(list(Mode)),
    repeats=st.integers(1, 6),
    seconds=st.one_of(st.none(), st.integers(5, 600).map(float)),
    meters=st.one_of(st.none(), st.integers(10, 2000).map(float)),
    rest_seconds=st.sampled_from([0.0, 30.0]),
    speed_kmh=st.one_of(st.none(), st.floats(1.0, 12.0)),
    forward_seconds=st.one_of(st.none(), st.integers(10, 120).map(float)),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(blocks, min_size=1, max_size=4), st.sampled_from(list(Environment)))
def test_planned_steps_always_match_what_the_exporter_makes_the_watch_run(
    session_blocks: list[Block], environment: Environment
) -> None:
    session = Session("p", DAY, 1, 0, "P", environment, tuple(session_blocks))
    assert [s.index for s in planned_steps(session)] == executed_indices(session)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0, 900), min_size=2, max_size=14))
def test_completion_stays_between_zero_and_one_whatever_the_laps(durations: list[float]) -> None:
    laps = tuple(Lap(START, d) for d in durations)
    activity = Activity("fit", "walking", START, sum(durations), None, laps)
    match = match_activity(activity, [SESSION])
    assert 0.0 <= match.completed_fraction <= 1.0
    # Backward seconds are reported to 0.1 s, so they may round up by at most 0.05 s.
    assert match.backward_seconds <= sum(durations) + 0.05 + 1e-9


# --- what is never matched: another sport, far from the plan, implausible -------------


def _activity(**fields: object) -> Activity:
    base: dict[str, object] = {
        "source_format": "gpx",
        "sport": "running",
        "start": START,
        "duration_s": 600.0,
        "distance_m": 600.0,
        "has_gps": True,
    }
    return Activity(**(base | fields))  # type: ignore[arg-type]


def test_a_plausible_walk_on_the_day_is_matched_without_flags() -> None:
    match = match_activity(_activity(), [SESSION])
    assert match.session is SESSION
    assert match.flags == () and match.flag_texts == ()


@pytest.mark.parametrize(
    ("fields", "flag", "words"),
    [
        ({"sport": "cycling"}, MatchFlag.OTHER_SPORT, "Recorded as cycling"),
        ({"sport": "swimming", "distance_m": None}, MatchFlag.OTHER_SPORT, "swimming"),
        ({"distance_m": 6000.0}, MatchFlag.TOO_FAST, "36.0 km/h"),
        ({"duration_s": 5.0}, MatchFlag.ZERO_LENGTH, "under 10 seconds"),
        ({"distance_m": 0.0}, MatchFlag.ZERO_LENGTH, "no distance"),
        ({"start": START - dt.timedelta(days=900)}, MatchFlag.FAR_FROM_PLAN, "within a day"),
    ],
)
def test_implausible_or_distant_activities_are_not_matched_and_say_why(
    fields: dict, flag: MatchFlag, words: str
) -> None:
    match = match_activity(_activity(**fields), [SESSION])
    assert match.session is None and match.method == "unplanned"
    assert match.flags == (flag,)
    assert words in match.flag_texts[0]
    assert match.backward_seconds == 0.0  # nothing of it counts as the planned session


def test_a_treadmill_run_without_distance_is_not_zero_length() -> None:
    match = match_activity(_activity(distance_m=None, has_gps=False), [SESSION])
    assert match.session is SESSION and match.flags == ()


def test_a_second_activity_on_an_already_logged_day_is_unplanned_but_not_flagged() -> None:
    match = match_activity(_activity(), [SESSION], exclude=[SESSION.uid])
    assert match.session is None and match.flags == ()


def test_without_a_plan_nothing_is_flagged_as_far_from_it() -> None:
    assert match_activity(_activity(), []).flags == ()


def test_real_files_of_other_sports_and_vehicle_speeds_are_flagged() -> None:
    """The shared watch files: a swim, a trainer ride, and GPX tracks at road speed."""
    from pathlib import Path

    from backstride.activities import read_file

    root = Path(__file__).resolve().parents[3] / "shared" / "data" / "activities"
    flags: dict[str, set[MatchFlag]] = {}
    for path in sorted(root.rglob("*")):
        if path.is_dir() or path.parent.name == "invalid":
            continue
        try:
            result = read_file(path.read_bytes(), path.name)
        except ValueError:
            continue  # planned workouts and routes are refused by the reader
        for activity in result.activities:
            found = flags.setdefault(path.name, set())
            found |= set(match_activity(activity, []).flags)
    assert MatchFlag.OTHER_SPORT in flags["garmin-fr935-cr.fit"]  # swimming
    assert MatchFlag.OTHER_SPORT in flags["sample-activity-indoor-trainer.fit"]  # cycling
    assert MatchFlag.TOO_FAST in flags["cerknicko-jezero.gpx"]  # a 20 km/h track
    assert flags["garmin-fenix-5-walk.fit"] == set()
    assert flags["activity-small-fenix2-run.fit"] == set()
