"""The numbers behind the charts, from real rows saved through the logbook's services."""

from __future__ import annotations

import datetime as dt

import pytest

from backstride.training import load
from backstride.web.logbook.services import save_log
from backstride.web.plans import services as plans
from backstride.web.progress import figures, services
from tests.web.plans.helpers import plan_for


def free_log(athlete: object, day: dt.date, today: dt.date, **fields: object) -> None:
    """A session outside the plan: minutes only, no backward time, no metres."""
    save_log(athlete, athlete, {"date": day, "rpe": 5, "minutes": 20, **fields}, today)


def test_a_new_athlete_has_nothing_to_chart(owner: object, today: dt.date) -> None:
    data = services.progress_for(owner, today, 8)
    assert not data.has_logs
    assert data.warnings == ()
    assert len(data.week_rows) == 8
    assert data.adherence_percent is None


def test_a_session_logged_with_minutes_only_counts_as_backward_minutes(
    owner: object, today: dt.date
) -> None:
    free_log(owner, today, today)
    week = services.progress_for(owner, today, 4).week_rows[-1]
    assert (week.sessions, week.backward_minutes, week.backward_meters) == (1, 20.0, 0.0)
    assert week.srpe_load == 100.0  # RPE 5 x 20 min


def test_one_session_today_gives_hand_computed_trends(owner: object, today: dt.date) -> None:
    free_log(owner, today, today)
    data = services.progress_for(owner, today, 4)
    last = data.day_rows[-1]
    # Trend lines over [0, 100], lambda = 1/N: 7-day -> 100/7, 42-day -> 100/42
    assert (last.date, last.srpe_load) == (today, 100.0)
    assert last.acute_7d == pytest.approx(100 / 7)
    assert last.chronic_42d == pytest.approx(100 / 42)
    assert last.acwr is None  # under four weeks of history: no ratio at all
    # One loaded day in seven: mean x/7, SD x*sqrt(6)/7, monotony 1/sqrt(6) = 0.41
    assert data.summary.monotony == pytest.approx(6**-0.5)
    assert data.monotony_level == "ok"
    assert figures.ratio(data) is None


def test_the_range_starts_on_a_monday_and_days_before_the_first_log_are_zero(
    owner: object, today: dt.date, monday: dt.date
) -> None:
    free_log(owner, today, today)
    data = services.progress_for(owner, today, 4)
    assert data.start == monday - dt.timedelta(weeks=3)
    assert [w.week_start for w in data.week_rows] == [
        monday - dt.timedelta(weeks=n) for n in (3, 2, 1, 0)
    ]
    assert data.day_rows[0].date == data.start
    assert data.day_rows[0].srpe_load == 0.0
    assert len(data.day_rows) == (today - data.start).days + 1


def test_all_weeks_reach_back_to_the_first_log(
    owner: object, today: dt.date, monday: dt.date
) -> None:
    free_log(owner, today - dt.timedelta(weeks=20), today)
    data = services.progress_for(owner, today, None)
    assert data.start == monday - dt.timedelta(weeks=20)
    assert len(data.week_rows) == 21


def test_the_ratio_appears_once_four_weeks_of_logs_exist(owner: object, today: dt.date) -> None:
    free_log(owner, today - dt.timedelta(days=30), today)
    free_log(owner, today, today)
    data = services.progress_for(owner, today, 8)
    last = data.day_rows[-1]
    # the ratio is the 7:28-day EWMA of Williams 2017, not the ratio of the trend lines
    series = [0.0] + [d.srpe_load for d in data.summary.daily]
    assert last.acwr == pytest.approx(load.ewma(series, 7)[-1] / load.ewma(series, 28)[-1])
    assert figures.ratio(data) is not None
    assert data.day_rows[-3].acwr is not None  # 28 days after the first log
    assert data.day_rows[-4].acwr is None  # 27 days after it


def test_a_plan_session_without_metres_gets_the_plans_estimate(
    owner: object, today: dt.date
) -> None:
    row = plan_for(owner, start=today - dt.timedelta(days=14))
    session = next(s for s in plans.build_plan(row).sessions if s.backward_meters > 0)
    data = {"session_uid": session.uid, "rpe": 4, "completed_fraction": 0.5}
    save_log(owner, owner, {**data, "backward_meters": 0}, today)
    weeks = services.progress_for(owner, today, 4).week_rows
    assert sum(w.backward_meters for w in weeks) == pytest.approx(
        round(session.backward_meters * 0.5, 1)
    )


def test_adherence_counts_planned_and_done_sessions_per_week(
    owner: object, today: dt.date, monday: dt.date
) -> None:
    row = plan_for(owner, start=monday - dt.timedelta(weeks=3), sessions_per_week=3)
    sessions = plans.build_plan(row).sessions
    week1 = [s for s in sessions if s.week == 1]
    week2 = [s for s in sessions if s.week == 2]
    assert (len(week1), len(week2)) == (3, 3)
    for session in week1:  # all three, minutes as planned (the form's default)
        save_log(owner, owner, {"session_uid": session.uid, "rpe": 4}, today)
    for session in week2[:2]:  # two of three, one minute each
        save_log(owner, owner, {"session_uid": session.uid, "rpe": 4, "minutes": 1}, today)
    data = services.progress_for(owner, today, 4)
    first, second, third = data.week_rows[:3]
    assert (first.planned_sessions, first.done_sessions, first.adherence_percent) == (3, 3, 100)
    assert first.compliance == "green"
    assert (second.planned_sessions, second.done_sessions, second.adherence_percent) == (3, 2, 67)
    assert second.compliance == "red"  # 2 minutes against more than half an hour
    assert (third.done_sessions, third.adherence_percent) == (0, 0)
    assert data.done_total == 5


def test_a_free_log_ticks_off_the_planned_session_of_that_day(
    owner: object, today: dt.date, monday: dt.date
) -> None:
    row = plan_for(owner, start=monday - dt.timedelta(weeks=2), sessions_per_week=3)
    first = plans.build_plan(row).sessions[0]
    free_log(owner, first.date, today)
    assert services.progress_for(owner, today, 4).week_rows[1].done_sessions == 1


def test_pain_is_one_line_per_site_that_hurt_with_zero_on_other_log_days(
    owner: object, today: dt.date
) -> None:
    day1, day2 = today - dt.timedelta(days=2), today
    free_log(owner, day1, today, pain={"knee": 4})
    free_log(owner, day2, today, pain={"shin": 2})
    pain = services.progress_for(owner, today, 4).pain
    assert pain == {"knee": ((day1, 4), (day2, 0)), "shin": ((day1, 0), (day2, 2))}


def test_the_engines_warnings_come_with_a_learn_link(owner: object, today: dt.date) -> None:
    for days_ago in range(7):
        free_log(owner, today - dt.timedelta(days=days_ago), today)
    data = services.progress_for(owner, today, 4)
    assert data.summary.monotony is None  # identical days: no spread at all
    [warning] = [w for w in data.warnings if "same load" in w.text]
    assert warning.learn_url == "/learn/questions/#how-often"


@pytest.mark.parametrize(
    ("raw", "weeks"), [("4", 4), ("12", 12), ("all", None), ("", 8), (None, 8), ("9x", 8)]
)
def test_the_range_picker_accepts_its_four_choices_and_defaults_to_eight(
    raw: str | None, weeks: int | None
) -> None:
    assert services.parse_range(raw) == weeks


@pytest.mark.parametrize("weeks", [0, 105, True])
def test_out_of_range_weeks_are_refused(owner: object, today: dt.date, weeks: int) -> None:
    with pytest.raises(ValueError, match="from 1 to 104"):
        services.progress_for(owner, today, weeks)


def test_the_json_shape_carries_the_same_numbers(owner: object, today: dt.date) -> None:
    free_log(owner, today, today, pain={"calf": 3})
    out = services.to_dict(services.progress_for(owner, today, 4))
    assert out["weekly"][-1]["backward_minutes"] == 20.0
    assert out["daily"][-1] == {
        "date": today.isoformat(),
        "srpe_load": 100.0,
        "acute_7d": 14.29,
        "chronic_42d": 2.38,
        "acwr": None,
    }
    assert out["pain"] == {"calf": [{"date": today.isoformat(), "value": 3}]}
    assert out["trends"]["acwr_band"] == [0.8, 1.3]
    assert out["adherence"] == {"planned": 0, "done": 0, "percent": None, "target_percent": 70}
