"""Load model: session-RPE, weekly volume, EWMA trends and monotony, by hand."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backstride.training.load import ewma, session_load, summarize
from backstride.training.models import PainSite, SessionLog

TODAY = dt.date(2026, 11, 26)  # a Thursday
MONDAY = dt.date(2026, 11, 23)


def _day(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


def test_session_load_is_rpe_times_minutes():
    assert session_load(SessionLog(date=TODAY, rpe=6, minutes=45)) == pytest.approx(270.0)


def test_a_log_with_only_backward_seconds_still_has_a_load():
    log = SessionLog(date=TODAY, rpe=5, minutes=0, backward_seconds=1200)
    assert session_load(log) == pytest.approx(100.0)  # 5 x 20 min


@pytest.mark.parametrize(
    ("log", "message"),
    [
        (SessionLog(date=TODAY, rpe=11), "RPE must be between 0 and 10"),
        (SessionLog(date=TODAY, rpe=-1), "RPE"),
        (SessionLog(date=TODAY, rpe=math.nan), "RPE must be a number"),
        (SessionLog(date=TODAY, minutes=-5), "minutes cannot be negative"),
        (SessionLog(date=TODAY, backward_meters=-1), "metres"),
        (SessionLog(date=TODAY, completed_fraction=3.0), "completed fraction"),
        (SessionLog(date=TODAY, pain={PainSite.KNEE: 11}), "knee pain"),
        (SessionLog(date=TODAY, pain={"elbow": 2}), "unknown pain site"),  # type: ignore[dict-item]
        (SessionLog(date=TODAY, next_morning_soreness=12), "soreness"),
    ],
)
def test_impossible_log_values_raise_a_one_line_error_naming_the_field(log, message):
    with pytest.raises(ValueError, match=message) as error:
        session_load(log)
    assert "\n" not in str(error.value)
    assert str(TODAY) in str(error.value)


def test_ewma_with_span_three_halves_each_day():
    # lambda = 2 / (3 + 1) = 0.5, seeded with the first value
    assert ewma([10.0, 0.0, 0.0], 3) == pytest.approx([10.0, 5.0, 2.5])


def test_ewma_with_span_one_returns_the_input():
    assert ewma([4.0, 9.0, 1.0], 1) == pytest.approx([4.0, 9.0, 1.0])


@pytest.mark.parametrize("span", [0, -7, 2.5, True])
def test_ewma_rejects_a_span_that_is_not_a_positive_whole_number(span):
    with pytest.raises(ValueError, match="span_days"):
        ewma([1.0, 2.0], span)


def test_ewma_rejects_non_finite_values():
    with pytest.raises(ValueError, match="finite"):
        ewma([1.0, math.inf], 7)


def _two_sessions() -> list[SessionLog]:
    return [
        SessionLog(date=MONDAY, rpe=4, minutes=30, backward_seconds=900, backward_meters=2000),
        # treadmill session without GPS: no metres, but minutes and seconds count
        SessionLog(date=_day(-1), rpe=6, minutes=20, backward_seconds=600),
    ]


def test_summary_of_two_sessions_matches_the_hand_computed_trends():
    summary = summarize(_two_sessions(), TODAY)
    # daily series with a zero day before the first log: [0, 120, 0, 120, 0]
    # trend lines, lambda = 1/N (Banister / performance-management chart)
    w, keep = 1 / 7, 6 / 7
    assert summary.acute_7d == pytest.approx(120 * w * keep**3 + 120 * w * keep)
    w, keep = 1 / 42, 41 / 42
    assert summary.chronic_42d == pytest.approx(120 * w * keep**3 + 120 * w * keep)
    # ratio: 7:28-day EWMA, lambda = 2/(N+1) (Williams 2017)
    acute = 120 * 0.25 * 0.75**3 + 120 * 0.25 * 0.75  # 35.15625
    w, keep = 2 / 29, 27 / 29
    chronic = 120 * w * keep**3 + 120 * w * keep
    assert summary.chronic_28d == pytest.approx(chronic)
    assert summary.acwr == pytest.approx(acute / chronic)
    # last 7 days: two days of 120, five of 0 -> mean/SD = sqrt((2/7) / (5/7)) = sqrt(0.4)
    assert summary.monotony == pytest.approx(math.sqrt(0.4))
    assert summary.strain == pytest.approx(240 * math.sqrt(0.4))


def test_daily_and_weekly_totals_count_sessions_without_gps():
    summary = summarize(_two_sessions(), TODAY)
    assert [d.date for d in summary.daily] == [MONDAY, _day(-2), _day(-1), TODAY]
    assert [d.srpe_load for d in summary.daily] == [120.0, 0.0, 120.0, 0.0]
    (week,) = summary.weekly
    assert week.week_start == MONDAY
    assert week.sessions == 2
    assert week.backward_seconds == pytest.approx(1500.0)
    assert week.backward_meters == pytest.approx(2000.0)
    assert week.srpe_load == pytest.approx(240.0)


def test_weeks_without_sessions_still_appear_in_the_weekly_totals():
    logs = [SessionLog(date=MONDAY - dt.timedelta(days=14), rpe=3, minutes=10)]
    summary = summarize(logs, TODAY)
    assert [w.sessions for w in summary.weekly] == [1, 0, 0]
    assert [w.srpe_load for w in summary.weekly] == [30.0, 0.0, 0.0]


def _week_of(loaded_days: int) -> list[SessionLog]:
    return [SessionLog(date=_day(-i), rpe=5, minutes=20) for i in range(loaded_days)]


def test_five_loaded_days_of_seven_give_a_monotony_warning():
    summary = summarize(_week_of(5), TODAY)
    assert summary.monotony == pytest.approx(math.sqrt(5 / 2))  # 1.58
    assert any("above 1.5 (our own early warning" in text for text in summary.warnings)


def test_six_loaded_days_of_seven_give_a_monotony_alert():
    summary = summarize(_week_of(6), TODAY)
    assert summary.monotony == pytest.approx(math.sqrt(6))  # 2.45
    assert any("above 2.0" in text and "Foster (1998)" in text for text in summary.warnings)


def test_four_loaded_days_of_seven_give_no_monotony_warning():
    summary = summarize(_week_of(4), TODAY)
    assert summary.monotony == pytest.approx(math.sqrt(4 / 3))
    assert not any("onotony" in text for text in summary.warnings)


def test_the_same_load_every_day_has_no_monotony_number_but_a_warning():
    summary = summarize(_week_of(7), TODAY)
    assert summary.monotony is None and summary.strain is None
    assert any("same load" in text for text in summary.warnings)


def test_a_jump_above_the_six_week_trend_is_described_as_a_trend_not_a_verdict():
    logs = [SessionLog(date=_day(-35), rpe=3, minutes=10), *_week_of(3)]
    summary = summarize(logs, TODAY)
    assert summary.acwr is not None and summary.acwr > 1.3
    (text,) = [t for t in summary.warnings if "4-week trend" in t]
    assert "0.8-1.3" in text and "7:28-day" in text and "not a diagnosis" in text
    assert not any("injur" in t.lower() for t in summary.warnings)


def test_no_trend_sentence_before_four_weeks_of_history():
    summary = summarize([SessionLog(date=TODAY, rpe=5, minutes=30)], TODAY)
    assert summary.acwr == pytest.approx(37.5 / (150 * 2 / 29))  # 3.625
    assert summary.warnings == ()


def test_a_session_over_ten_percent_longer_than_the_last_month_is_flagged():
    earlier = SessionLog(date=_day(-20), rpe=4, minutes=20, backward_seconds=1200)
    longer = SessionLog(date=TODAY, rpe=4, minutes=25, backward_seconds=1500)
    within = SessionLog(date=TODAY, rpe=4, minutes=22, backward_seconds=1300)
    assert any("10 %" in t for t in summarize([earlier, longer], TODAY).warnings)
    assert not any("10 %" in t for t in summarize([earlier, within], TODAY).warnings)


def test_no_logs_give_an_empty_summary_that_says_so():
    summary = summarize([], TODAY)
    assert summary.daily == () and summary.acute_7d == 0.0 and summary.acwr is None
    assert summary.warnings == ("No sessions logged yet.",)


def test_a_log_dated_after_today_is_refused():
    with pytest.raises(ValueError, match="after today"):
        summarize([SessionLog(date=_day(1), rpe=3, minutes=10)], TODAY)


_logs = st.lists(
    st.builds(
        SessionLog,
        date=st.integers(min_value=-80, max_value=0).map(_day),
        rpe=st.floats(min_value=0, max_value=10),
        minutes=st.floats(min_value=0, max_value=300),
        backward_seconds=st.floats(min_value=0, max_value=18000),
        backward_meters=st.floats(min_value=0, max_value=50000),
    ),
    max_size=25,
)


@given(_logs)
def test_load_numbers_are_always_finite_and_non_negative(logs):
    summary = summarize(logs, TODAY)
    numbers = [summary.acute_7d, summary.chronic_42d]
    numbers += [x for x in (summary.acwr, summary.monotony, summary.strain) if x is not None]
    for day in summary.daily:
        numbers += [day.srpe_load, day.backward_seconds, day.backward_meters]
    for week in summary.weekly:
        numbers += [week.srpe_load, week.backward_seconds, week.backward_meters]
    assert all(math.isfinite(x) and x >= 0 for x in numbers)
    assert sum(w.sessions for w in summary.weekly) == len(logs)


@given(
    st.lists(st.floats(min_value=-1e6, max_value=1e6), min_size=1, max_size=60),
    st.integers(min_value=1, max_value=60),
)
def test_ewma_stays_between_the_smallest_and_largest_input(values, span):
    low, high = min(values), max(values)
    tolerance = 1e-9 * max(1.0, abs(low), abs(high))
    assert all(low - tolerance <= e <= high + tolerance for e in ewma(values, span))
