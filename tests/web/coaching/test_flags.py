"""The flag and adherence rules on hand-made data (no database)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from backstride.training.models import PainSite, SessionLog
from backstride.web.coaching.flags import PlannedSession, summarize
from backstride.web.learn.content import topics

TODAY = dt.date(2026, 3, 20)


def day(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


def codes(summary: object) -> list[str]:
    return [f.code for f in summary.flags]


def test_a_quiet_athlete_has_no_flags_and_full_adherence() -> None:
    planned = [PlannedSession("a", day(-3)), PlannedSession("b", day(-1))]
    logs = [SessionLog(day(-3), session_uid="a"), SessionLog(day(-1), session_uid="b")]
    summary = summarize(logs, planned, TODAY)
    assert summary.flags == ()
    assert (summary.done, summary.planned, summary.adherence_percent) == (2, 2, 100)
    assert summary.last_session == day(-1)


def test_pain_of_6_is_flagged_and_pain_of_5_is_not() -> None:
    five = [SessionLog(day(-1), pain={PainSite.KNEE: 5})]
    six = [SessionLog(day(-2), pain={PainSite.KNEE: 2, PainSite.SHIN: 6})]
    assert codes(summarize(five, [], TODAY)) == []
    summary = summarize(six, [], TODAY)
    assert codes(summary) == ["pain"]
    assert summary.flags[0].detail == "Shin pain 6/10 on 18 Mar"


def test_pain_older_than_14_days_no_longer_flags() -> None:
    assert codes(summarize([SessionLog(day(-15), pain={PainSite.KNEE: 8})], [], TODAY)) == []
    assert codes(summarize([SessionLog(day(-14), pain={PainSite.KNEE: 8})], [], TODAY)) == ["pain"]


def test_sharp_pain_falls_and_near_falls_each_raise_their_own_flag() -> None:
    logs = [
        SessionLog(day(-5), sharp_pain=True),
        SessionLog(day(-4), near_fall=True),
        SessionLog(day(-2), near_fall=True, fall=True),
    ]
    summary = summarize(logs, [], TODAY)
    assert codes(summary) == ["sharp-pain", "fall", "near-fall"]
    near = summary.flags[2]
    assert near.detail == "Reported 2 times, last on 18 Mar"
    assert near.severity == "watch"


def test_missed_sessions_count_only_the_past_14_days_and_not_today() -> None:
    planned = [
        PlannedSession("old", day(-20)),  # outside the 14-day window
        PlannedSession("m1", day(-10)),
        PlannedSession("m2", day(-3)),
        PlannedSession("done", day(-2)),
        PlannedSession("today", day(0)),  # not missed yet
    ]
    logs = [SessionLog(day(-2), session_uid="done")]
    summary = summarize(logs, planned, TODAY)
    assert summary.missed == 2
    assert codes(summary) == ["missed"]
    # Adherence over 28 days: 4 past sessions planned, 1 done; today not counted yet.
    assert (summary.done, summary.planned, summary.adherence_percent) == (1, 4, 25)
    assert summary.meets_adherence_target is False


def test_a_log_without_a_session_uid_ticks_off_the_session_of_that_day() -> None:
    planned = [PlannedSession("a", day(-1)), PlannedSession("b", day(-8))]
    logs = [SessionLog(day(-1)), SessionLog(day(-9), session_uid="other")]
    summary = summarize(logs, planned, TODAY)
    assert (summary.done, summary.planned) == (1, 2)
    assert summary.adherence_percent == 50


def test_adherence_of_3_out_of_4_meets_the_70_percent_target() -> None:
    planned = [PlannedSession(str(i), day(-i * 5)) for i in range(1, 5)]  # -5 -10 -15 -20
    logs = [SessionLog(day(-5), session_uid="1"), SessionLog(day(-10), session_uid="2")]
    logs.append(SessionLog(day(-15), session_uid="3"))
    summary = summarize(logs, planned, TODAY)
    assert summary.adherence_percent == 75
    assert summary.meets_adherence_target is True
    # The unlogged session is 20 days old: it lowers adherence but is not "missed".
    assert summary.missed == 0


def test_no_planned_sessions_means_no_adherence_figure() -> None:
    summary = summarize([], [], TODAY)
    assert summary.adherence_percent is None
    assert summary.meets_adherence_target is None


def test_a_consult_screening_without_clearance_is_the_first_flag() -> None:
    summary = summarize([SessionLog(day(-1), fall=True)], [], TODAY, consult_uncleared=True)
    assert codes(summary) == ["consult", "fall"]


def test_an_urgent_screening_comes_before_everything_else() -> None:
    summary = summarize(
        [SessionLog(day(-1), fall=True)], [], TODAY, consult_uncleared=False, urgent=True
    )
    assert codes(summary) == ["urgent", "fall"]
    assert summary.flags[0].severity == "high"


def test_every_flag_points_at_an_existing_learn_section() -> None:
    logs = [
        SessionLog(day(-1), pain={PainSite.KNEE: 9}, sharp_pain=True, fall=True, near_fall=True)
    ]
    planned = [PlannedSession("x", day(-2))]
    summary = summarize(logs, planned, TODAY, consult_uncleared=True, urgent=True)
    assert len(summary.flags) == 7
    for flag in summary.flags:
        assert flag.anchor in topics()[flag.topic].anchors


@given(
    st.lists(st.tuples(st.integers(-40, 0), st.booleans()), max_size=30),
)
def test_adherence_is_a_percentage_and_done_never_exceeds_planned(
    sessions: list[tuple[int, bool]],
) -> None:
    planned = [PlannedSession(f"s{i}", day(offset)) for i, (offset, _) in enumerate(sessions)]
    logs = [
        SessionLog(day(offset), session_uid=f"s{i}")
        for i, (offset, logged) in enumerate(sessions)
        if logged
    ]
    summary = summarize(logs, planned, TODAY)
    assert 0 <= summary.done <= summary.planned
    assert summary.missed <= summary.planned
    if summary.adherence_percent is not None:
        assert 0 <= summary.adherence_percent <= 100
    else:
        assert summary.planned == 0
