"""Adaptation: each rule of the pain-monitoring model, and the session it builds."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backstride.training.adaptation import adapt_session, decide
from backstride.training.models import (
    Action,
    Block,
    BlockKind,
    Direction,
    Environment,
    Mode,
    PainSite,
    Session,
    SessionLog,
)

DAY = dt.date(2026, 11, 24)
NEXT = dt.date(2026, 11, 26)

WARMUP = Block(BlockKind.WARMUP, "Backward walk", Direction.BACKWARD, Mode.WALK, seconds=300)
DRILL = Block(BlockKind.DRILL, "Backward skips", Direction.BACKWARD, Mode.DRILL, 2, seconds=20)
MAIN = Block(
    BlockKind.MAIN,
    "Backward run",
    Direction.BACKWARD,
    Mode.RUN,
    repeats=4,
    seconds=120,
    rest_seconds=60,
    speed_kmh=8.0,
)
COOLDOWN = Block(BlockKind.COOLDOWN, "Easy walk", Direction.FORWARD, Mode.WALK, seconds=300)


def _planned(*blocks: Block, environment: Environment = Environment.TREADMILL) -> Session:
    return Session(
        uid="w2-s1",
        date=NEXT,
        week=2,
        index_in_week=1,
        title="Backward intervals",
        environment=environment,
        blocks=blocks or (WARMUP, DRILL, MAIN, COOLDOWN),
    )


def _log(**fields) -> SessionLog:
    base = {
        "date": DAY,
        "completed_fraction": 1.0,
        "rpe": 5,
        "minutes": 30,
        "next_morning_soreness": 1,
    }
    base.update(fields)
    return SessionLog(**base)


def _main(session: Session) -> Block:
    (block,) = [b for b in session.blocks if b.kind == BlockKind.MAIN]
    return block


def test_low_settled_pain_and_a_full_session_progress_to_the_plan_as_written():
    planned = _planned()
    decision = decide(planned, [_log(pain={PainSite.KNEE: 2})])
    assert decision.action == Action.PROGRESS
    assert decision.session is planned
    assert any("normal" in reason for reason in decision.reasons)


def test_without_any_log_the_planned_session_stands():
    decision = decide(_planned(), [])
    assert decision.action == Action.PROGRESS and decision.reasons


@pytest.mark.parametrize("pain", [4, 5])
def test_pain_of_four_or_five_holds_the_level(pain):
    decision = decide(_planned(), [_log(pain={PainSite.QUADRICEPS: pain})])
    assert decision.action == Action.REPEAT
    assert any(f"{pain}/10" in reason for reason in decision.reasons)


def test_repeat_matches_the_backward_time_of_the_last_session():
    # planned backward: warm-up 300 + drills 40 + main 480 = 820 s; last session did 600 s,
    # so the main set gets 600 - 340 = 260 s: 4 x 65 s
    decision = decide(_planned(), [_log(pain={PainSite.CALF: 4}, backward_seconds=600)])
    assert _main(decision.session).seconds == 65
    assert decision.session.backward_seconds == pytest.approx(600)
    assert decision.session.uid == "w2-s1-adapted-repeat"


def test_repeat_without_a_recorded_volume_holds_one_ten_percent_step_below_the_plan():
    decision = decide(_planned(), [_log(pain={PainSite.CALF: 4})])
    assert _main(decision.session).seconds == 109  # 120 / 1.1 = 109.09


@pytest.mark.parametrize("pain", [6, 7])
def test_pain_above_five_regresses_to_a_shorter_walked_main_set_without_drills(pain):
    decision = decide(_planned(), [_log(pain={PainSite.SHIN: pain})])
    assert decision.action == Action.REGRESS
    session = decision.session
    main = _main(session)
    assert main.seconds == 84  # 70 % of 120 s
    assert main.mode == Mode.WALK and main.speed_kmh == pytest.approx(3.6)
    assert main.repeats == 4 and main.rest_seconds == 60
    assert [b.kind for b in session.blocks] == [
        BlockKind.WARMUP,
        BlockKind.MAIN,
        BlockKind.COOLDOWN,
    ]
    assert session.blocks[0] == WARMUP and session.blocks[-1] == COOLDOWN
    assert session.uid == "w2-s1-adapted-regress"


def test_pain_above_seven_means_stop_and_see_a_professional():
    decision = decide(_planned(), [_log(pain={PainSite.HIP: 8})])
    assert decision.action == Action.STOP and decision.session is None
    assert any("physiotherapist or doctor" in reason for reason in decision.reasons)


@pytest.mark.parametrize("site", [PainSite.KNEE, PainSite.SHIN])
def test_sharp_pain_in_the_knee_or_shin_means_stop(site):
    decision = decide(_planned(), [_log(pain={site: 2}, sharp_pain=True)])
    assert decision.action == Action.STOP
    assert any(str(site) in reason for reason in decision.reasons)


def test_sharp_pain_elsewhere_regresses_and_leaves_out_drills():
    decision = decide(_planned(), [_log(pain={PainSite.CALF: 2}, sharp_pain=True)])
    assert decision.action == Action.REGRESS
    assert all(b.kind != BlockKind.DRILL for b in decision.session.blocks)


def test_knee_pain_rising_two_sessions_in_a_row_past_three_means_stop():
    logs = [
        _log(date=DAY - dt.timedelta(days=d), pain={PainSite.KNEE: p})
        for d, p in ((4, 2), (2, 3), (0, 4))
    ]
    decision = decide(_planned(), logs)
    assert decision.action == Action.STOP
    assert any("risen two sessions in a row (2, 3, 4/10)" in r for r in decision.reasons)


def test_low_pain_creeping_up_two_sessions_in_a_row_holds():
    logs = [
        _log(date=DAY - dt.timedelta(days=d), pain={PainSite.KNEE: p})
        for d, p in ((4, 1), (2, 2), (0, 3))
    ]
    assert decide(_planned(), logs).action == Action.REPEAT


def test_pain_that_stays_level_and_then_rises_once_is_not_rising_two_sessions_in_a_row():
    logs = [
        _log(date=DAY - dt.timedelta(days=d), pain={PainSite.KNEE: p})
        for d, p in ((4, 3), (2, 3), (0, 4))
    ]
    assert decide(_planned(), logs).action == Action.REPEAT


def test_pain_going_up_then_down_does_not_count_as_rising():
    logs = [
        _log(date=DAY - dt.timedelta(days=d), pain={PainSite.KNEE: p})
        for d, p in ((4, 1), (2, 3), (0, 2))
    ]
    assert decide(_planned(), logs).action == Action.PROGRESS


@pytest.mark.parametrize(
    ("soreness", "action"), [(3, Action.PROGRESS), (4, Action.REPEAT), (6, Action.REGRESS)]
)
def test_next_morning_soreness_must_settle_to_three_or_less(soreness, action):
    assert decide(_planned(), [_log(next_morning_soreness=soreness)]).action == action


def test_unanswered_next_morning_soreness_makes_the_decision_provisional():
    decision = decide(_planned(), [_log(next_morning_soreness=None)], today=DAY)
    assert decision.action == Action.PROGRESS
    assert any(r.startswith("Provisional") and "tomorrow" in r for r in decision.reasons)


def test_a_fall_stops_progression_until_it_is_reviewed():
    logs = [_log(date=DAY - dt.timedelta(days=2), fall=True), _log()]
    held = decide(_planned(), logs)
    assert held.action == Action.REPEAT
    assert any("reviewed" in reason for reason in held.reasons)
    assert decide(_planned(), logs, fall_reviewed=True).action == Action.PROGRESS


def test_a_near_fall_on_a_treadmill_repeats_slower_with_handrails():
    decision = decide(_planned(), [_log(near_fall=True)])
    assert decision.action == Action.REPEAT
    assert any("handrails" in reason for reason in decision.reasons)
    assert "Go slower than last time; you nearly fell." in decision.session.safety_checklist


def test_a_near_fall_on_a_track_does_not_mention_handrails():
    decision = decide(_planned(environment=Environment.TRACK), [_log(near_fall=True)])
    assert not any("handrails" in reason for reason in decision.reasons)


@pytest.mark.parametrize(
    ("done", "rpe", "action"),
    [
        (0.8, 5, Action.REPEAT),
        (0.6, 5, Action.REPEAT),
        (0.6, 9, Action.REGRESS),
        (1.0, 9, Action.REPEAT),
        (0.9, 8, Action.PROGRESS),
    ],
)
def test_completion_and_effort_decide_whether_to_build(done, rpe, action):
    assert decide(_planned(), [_log(completed_fraction=done, rpe=rpe)]).action == action


def test_a_long_break_holds_the_volume():
    decision = decide(_planned(), [_log()], today=DAY + dt.timedelta(days=20))
    assert decision.action == Action.REPEAT
    assert any("20 days ago" in reason for reason in decision.reasons)


def test_progress_is_trimmed_to_ten_percent_above_the_longest_recent_session():
    # longest recent 600 s -> cap 660 s; non-main backward 340 s -> main 320 s = 4 x 80 s
    decision = decide(_planned(), [_log(backward_seconds=600)])
    assert decision.action == Action.PROGRESS
    assert _main(decision.session).seconds == 80
    assert decision.session.uid == "w2-s1-adapted-progress"


def test_logs_dated_after_today_are_refused():
    with pytest.raises(ValueError, match="after today"):
        decide(_planned(), [_log()], today=DAY - dt.timedelta(days=1))


def test_an_impossible_log_is_refused_with_a_clear_message():
    with pytest.raises(ValueError, match="RPE must be between 0 and 10"):
        decide(_planned(), [_log(rpe=15)])


def test_adapt_session_progress_scales_the_main_set_within_the_cap():
    session = adapt_session(_planned(), Action.PROGRESS, 1.1)
    assert _main(session).seconds == 132
    assert session.blocks[0] == WARMUP and session.blocks[1] == DRILL


def test_adapt_session_scales_distance_blocks_and_only_the_backward_part_of_mixed_ones():
    by_distance = Block(BlockKind.MAIN, "200 m", Direction.BACKWARD, Mode.RUN, meters=200)
    mixed = Block(
        BlockKind.MAIN, "Alternate", Direction.MIXED, Mode.JOG, 6, seconds=30, forward_seconds=60
    )
    forward = Block(BlockKind.MAIN, "Forward", Direction.FORWARD, Mode.RUN, seconds=300)
    session = adapt_session(_planned(by_distance, mixed, forward), Action.REGRESS)
    scaled_distance, scaled_mixed, same_forward = session.blocks
    assert scaled_distance.meters == 140 and scaled_distance.seconds is None
    assert scaled_mixed.seconds == 21 and scaled_mixed.forward_seconds == 60
    assert same_forward == forward


@pytest.mark.parametrize(
    ("action", "factor", "message"),
    [
        (Action.PROGRESS, 1.2, "between 1.0 and 1.1"),
        (Action.REPEAT, 1.05, "at most 1"),
        (Action.REGRESS, 1.0, "between 0 and 1"),
        (Action.STOP, None, "see a professional"),
    ],
)
def test_adapt_session_refuses_factors_outside_each_action(action, factor, message):
    with pytest.raises(ValueError, match=message):
        adapt_session(_planned(), action, factor)


_site_pain = st.dictionaries(st.sampled_from(list(PainSite)), st.integers(0, 10), max_size=6)
_random_log = st.builds(
    SessionLog,
    date=st.integers(min_value=0, max_value=40).map(lambda d: DAY - dt.timedelta(days=d)),
    completed_fraction=st.floats(min_value=0, max_value=1.2),
    rpe=st.floats(min_value=0, max_value=10),
    minutes=st.floats(min_value=0, max_value=120),
    backward_seconds=st.floats(min_value=0, max_value=5000),
    pain=_site_pain,
    sharp_pain=st.booleans(),
    next_morning_soreness=st.none() | st.integers(0, 10),
    near_fall=st.booleans(),
    fall=st.booleans(),
)
_histories = st.lists(_random_log, min_size=1, max_size=6)


@given(_histories, st.booleans())
def test_every_decision_gives_a_reason_and_a_session_unless_it_stops(logs, reviewed):
    decision = decide(_planned(), logs, fall_reviewed=reviewed)
    assert len(decision.reasons) >= 1 and all(decision.reasons)
    assert (decision.session is None) == (decision.action == Action.STOP)


@given(_histories, _random_log)
def test_an_unreviewed_fall_never_gives_progress(history, fall):
    logs = [*history, SessionLog(**{**fall.__dict__, "fall": True})]
    assert decide(_planned(), logs).action != Action.PROGRESS


@given(_histories)
def test_sharp_pain_in_the_latest_log_never_gives_progress(history):
    *earlier, latest = sorted(history, key=lambda log: log.date)
    latest = SessionLog(**{**latest.__dict__, "sharp_pain": True})
    assert decide(_planned(), [*earlier, latest]).action != Action.PROGRESS


@given(_histories, st.sampled_from(list(PainSite)), st.integers(8, 10))
def test_pain_above_seven_in_the_latest_log_always_stops(history, site, pain):
    *earlier, latest = sorted(history, key=lambda log: log.date)
    latest = SessionLog(**{**latest.__dict__, "pain": {site: pain}})
    assert decide(_planned(), [*earlier, latest]).action == Action.STOP


def test_the_provisional_soreness_note_only_qualifies_a_go_ahead():
    planned = _planned()
    stop = decide(
        planned,
        [_log(next_morning_soreness=None, pain={PainSite.KNEE: 8}, sharp_pain=True)],
        today=DAY,
    )
    assert stop.action == Action.STOP
    assert not any(r.startswith("Provisional") for r in stop.reasons)
    fine = decide(planned, [_log(next_morning_soreness=None, rpe=4)], today=DAY)
    assert fine.action == Action.PROGRESS
    assert any(r.startswith("Provisional") for r in fine.reasons)
